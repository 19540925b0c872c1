"""The provider's presentation on the framework's presentation questions, and the team's notes.

Owns checking the team's notes against the questions, which the framework file declares
(``presentation:``; framework/narrative.py reads them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.evidence.errors import ErrorCode, EvidenceError
from probation_inspection.framework.model import Framework
from probation_inspection.framework.narrative import PresentationQuestion

__all__ = ["PresentationNote", "PresentationQuestion", "presentation_notes",
           "presentation_questions"]


@dataclass(frozen=True)
class PresentationNote:
    question: PresentationQuestion
    notes: str


def presentation_questions(framework: Framework) -> tuple[PresentationQuestion, ...]:
    """The framework's presentation questions; refused where it declares none."""
    if not framework.presentation:
        raise EvidenceError(f"no presentation questions in framework {framework.id!r} "
                            f"{framework.version}: its file has no 'presentation' section",
                            code=ErrorCode.NO_PRESENTATION_QUESTIONS)
    return framework.presentation


def presentation_notes(framework: Framework, notes: Mapping[int, str]
                       ) -> tuple[PresentationNote, ...]:
    """The team's notes against every question, in order (empty where none were taken)."""
    questions = presentation_questions(framework)
    numbers = {question.number for question in questions}
    for number in notes:
        if number not in numbers:
            raise EvidenceError(f"presentation notes: there is no question {number!r} "
                                f"(questions 1-{len(questions)})",
                                code=ErrorCode.UNKNOWN_PRESENTATION_QUESTION, field="notes")
    return tuple(PresentationNote(q, notes.get(q.number, "").strip()) for q in questions)
