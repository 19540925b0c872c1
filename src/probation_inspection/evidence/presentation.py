"""The provider's presentation on the five domain-one questions, and the team's notes on it.

Owns the five questions per framework (kept here, not in the framework file: no rule reads them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.evidence.errors import ErrorCode, EvidenceError


@dataclass(frozen=True)
class PresentationQuestion:
    number: int
    text: str
    #: The domain-one standard the question restates; None for the priorities question.
    standard: str | None


#: As printed in the methodology of every rated CRC report (SEEDS-SPEC a.3, [000 L678-684]).
PRESENTATION_QUESTIONS: dict[str, tuple[PresentationQuestion, ...]] = {
    "hmip-crc-2018": (
        PresentationQuestion(1, "How does the leadership of the organisation support and promote "
                                "the delivery of a high-quality, personalised and responsive "
                                "service for all service users?", "1.1"),
        PresentationQuestion(2, "How are staff in the organisation empowered to deliver a "
                                "high-quality, personalised and responsive service for all "
                                "service users?", "1.2"),
        PresentationQuestion(3, "Is there a comprehensive range of high-quality services in "
                                "place, supporting a tailored and responsive service for all "
                                "service users?", "1.3"),
        PresentationQuestion(4, "Is timely and relevant information available, and are there "
                                "appropriate facilities to support a high-quality, personalised "
                                "and responsive approach for all service users?", "1.4"),
        PresentationQuestion(5, "What are your priorities for further improvement, and why?",
                             None),
    ),
}


@dataclass(frozen=True)
class PresentationNote:
    question: PresentationQuestion
    notes: str


def presentation_questions(framework_id: str) -> tuple[PresentationQuestion, ...]:
    try:
        return PRESENTATION_QUESTIONS[framework_id]
    except KeyError:
        known = ", ".join(sorted(PRESENTATION_QUESTIONS))
        raise EvidenceError(f"no presentation questions for framework {framework_id!r} "
                            f"(known: {known})", code=ErrorCode.NO_PRESENTATION_QUESTIONS
                            ) from None


def presentation_notes(framework_id: str, notes: Mapping[int, str]) -> tuple[PresentationNote, ...]:
    """The team's notes against every question, in order (empty where none were taken)."""
    questions = presentation_questions(framework_id)
    numbers = {question.number for question in questions}
    for number in notes:
        if number not in numbers:
            raise EvidenceError(f"presentation notes: there is no question {number!r} "
                                f"(questions 1-{len(questions)})",
                                code=ErrorCode.UNKNOWN_PRESENTATION_QUESTION, field="notes")
    return tuple(PresentationNote(q, notes.get(q.number, "").strip()) for q in questions)
