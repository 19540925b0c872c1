"""Which flagged evidence notes the report prints as practice examples, and of what kind.

Owns the rule: a note an inspector flagged as a practice example, on a counted case (the
caller passes only those, by the counting rule), illustrates good practice where the answer
is yes and poor practice where it is no; a note on any other answer, a blank note, or one on a
question the framework does not hold is left out. Each example is filed under the standard
its question belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from probation_inspection.framework.model import Framework
from probation_inspection.reporting.inputs import PracticeExample, PracticeKind
from probation_inspection.scoring.answers import Answer

#: A flagged evidence note illustrates good practice on a yes answer, poor on a no.
PRACTICE_KIND = {Answer.YES.value: PracticeKind.GOOD, Answer.NO.value: PracticeKind.POOR}


@dataclass(frozen=True)
class FlaggedNote:
    """An evidence note flagged as a practice example: its question, answer and text."""

    question_id: str
    answer: str
    evidence: str


def practice_kind(answer: str) -> PracticeKind | None:
    """Good practice for a yes, poor for a no; None for any other answer."""
    return PRACTICE_KIND.get(answer)


def standard_of_questions(framework: Framework) -> dict[str, str]:
    """Each key question's and prompt's standard id."""
    standard_of: dict[str, str] = {}
    for standard in framework.standards():
        for key_question in standard.key_questions:
            standard_of[key_question.id] = standard.id
            standard_of.update({prompt.id: standard.id for prompt in key_question.prompts})
    return standard_of


def practice_examples(framework: Framework,
                      notes: Iterable[FlaggedNote]) -> tuple[PracticeExample, ...]:
    """The report's practice examples from flagged notes, in the order given."""
    standard_of = standard_of_questions(framework)
    examples = []
    for note in notes:
        kind = practice_kind(note.answer)
        if kind is None or not note.evidence.strip() or note.question_id not in standard_of:
            continue
        examples.append(PracticeExample(standard_of[note.question_id], kind, note.evidence))
    return tuple(examples)
