"""What an assessment's submission needs: every question that applies answered, every case
attribute the relevance rules read decided; and what deserves a second look without blocking.

Owns the rules the assessment page applies on every save: a question whose relevance rule is
false for the case is recorded not relevant whatever was posted (relevance decides, never the
inspector); a question whose rule cannot be decided yet (an attribute unset) holds no answer;
an answer outside yes, no and not applicable is no answer. The page stores what
`check_submission` returns and refuses a submission while anything is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import CaseAttributes, Framework
from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.consistency import contradicts_prompts
from probation_inspection.scoring.errors import ErrorCode
from probation_inspection.scoring.walk import (
    Question,
    applicability,
    relevance_attributes,
    walk_of,
)

#: The answers an inspector may give; not relevant is the relevance rules' alone.
INSPECTOR_ANSWERS = frozenset({Answer.YES.value, Answer.NO.value, Answer.NOT_APPLICABLE.value})


@dataclass(frozen=True)
class RawAnswer:
    """One question's answer as posted: the value, the evidence note and the practice flag."""

    value: str = ""
    evidence: str = ""
    practice_example: bool = False


@dataclass(frozen=True)
class SubmissionProblem:
    """Something that blocks (``missing``) or questions (``warnings``) a submission.

    ``code`` is stable (`ErrorCode`); ``field`` is the question id or attribute name at fault,
    so a page can point at it without reading the message.
    """

    code: ErrorCode
    field: str
    message: str


@dataclass(frozen=True)
class Contradiction(SubmissionProblem):
    """A key question judged yes while most of its answered prompts say no, or the reverse."""

    question: Question


@dataclass(frozen=True)
class Submission:
    """The result of `check_submission`."""

    #: Every question of the sample type, in walk order, with the answer to store.
    answers: dict[str, RawAnswer]
    #: What stops submission: unanswered questions that apply, undecided attributes.
    missing: tuple[SubmissionProblem, ...]
    #: Key questions whose judgement contradicts most of their prompts (not blocking).
    warnings: tuple[Contradiction, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def normalised(question: Question, posted: RawAnswer, applies: bool | None) -> RawAnswer:
    """The answer to store for ``posted``, given whether the question applies to the case."""
    if applies is False:
        # Relevance decides, never the inspector: kept as not relevant, with its note.
        return RawAnswer(Answer.NOT_RELEVANT.value, posted.evidence.strip(), False)
    value = posted.value if applies and posted.value in INSPECTOR_ANSWERS else ""
    return RawAnswer(value, posted.evidence.strip(), posted.practice_example)


def check_submission(
    framework: Framework,
    sample_type: str,
    attributes: CaseAttributes,
    answers: Mapping[str, RawAnswer],
) -> Submission:
    """The answers to store for a case with these attributes, what is missing before it may
    be submitted, and the contradictions to warn about."""
    stored: dict[str, RawAnswer] = {}
    missing: list[SubmissionProblem] = []
    warnings: list[Contradiction] = []
    prompt_answers: dict[str, list[Answer]] = {}
    applying = applicability(framework, sample_type, attributes)
    for question in walk_of(framework, sample_type):
        applies = applying[question.id]
        answer = normalised(question, answers.get(question.id, RawAnswer()), applies)
        stored[question.id] = answer
        if applies and answer.value not in INSPECTOR_ANSWERS:
            missing.append(SubmissionProblem(
                ErrorCode.ANSWER_MISSING, question.id,
                f"Answer {question.kind.value.replace('-', ' ')} {question.id}: "
                f"{question.text}"))
        if answer.value not in INSPECTOR_ANSWERS:
            continue
        if not question.is_key_question:
            prompt_answers.setdefault(question.key_question.id, []).append(Answer(answer.value))
        elif contradicts_prompts(Answer(answer.value), prompt_answers.get(question.id, [])):
            warnings.append(Contradiction(
                ErrorCode.JUDGEMENT_CONTRADICTS_PROMPTS, question.id,
                f"The judgement for key question {question.id} disagrees with most of its "
                "prompts. Check it before submitting.", question))
    for attribute in relevance_attributes(framework, sample_type):
        if attributes.get(attribute.name) is None:
            missing.append(SubmissionProblem(ErrorCode.ATTRIBUTE_UNDECIDED, attribute.name,
                                             f"Say whether: {attribute.label}"))
    return Submission(stored, tuple(missing), tuple(warnings))
