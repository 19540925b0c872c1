"""A moderation: the QA inspector's blind judgement per key question, the verdict and the return.

Owns what a QA inspector may see before and after saving, and how a moderation is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.moderation.errors import ErrorCode, ModerationError
from probation_inspection.scoring.agreement import JudgementPair
from probation_inspection.scoring.answers import Answer


class Outcome(StrEnum):
    #: Every key question judged alike.
    AGREED = "agreed"
    #: At least one differs; the QA inspector records it but leaves the assessment as it is.
    DISAGREED = "disagreed"
    #: At least one differs and the assessment goes back to its inspector with the comment.
    RETURNED = "returned"


@dataclass(frozen=True)
class InspectorAssessment:
    """The inspector's side of a moderated case, as submitted."""

    assessment_id: str
    inspector: str
    #: Key-question answers, in framework order.
    answers: Mapping[str, Answer]
    #: Prompt answers and evidence notes, keyed by question id; hidden while judging blind.
    prompt_answers: Mapping[str, Answer]
    notes: Mapping[str, str]

    def to_moderate(self) -> list[str]:
        """Key questions the QA inspector judges: all but those the relevance rule excluded."""
        return [kq for kq, answer in self.answers.items() if answer is not Answer.NOT_RELEVANT]


@dataclass(frozen=True)
class ModeratorView:
    """What a QA inspector sees of the inspector's work; None marks what is still hidden."""

    assessment_id: str
    key_questions: tuple[str, ...]
    inspector: str
    answers: Mapping[str, Answer] | None
    prompt_answers: Mapping[str, Answer] | None
    notes: Mapping[str, str] | None

    @property
    def blind(self) -> bool:
        return self.answers is None


def moderator_view(
    assessment: InspectorAssessment, saved: Mapping[str, Answer] | None
) -> ModeratorView:
    """The inspector's answers and notes only once the QA judgement of every question is saved.

    Evidence notes stay hidden too while judging: they usually say which way the inspector
    went. The case itself (its records and attributes) is always visible; the web shows it.
    """
    questions = tuple(assessment.to_moderate())
    revealed = saved is not None and all(kq in saved for kq in questions)
    return ModeratorView(
        assessment_id=assessment.assessment_id,
        key_questions=questions,
        inspector=assessment.inspector,
        answers=dict(assessment.answers) if revealed else None,
        prompt_answers=dict(assessment.prompt_answers) if revealed else None,
        notes=dict(assessment.notes) if revealed else None,
    )


@dataclass(frozen=True)
class KeyQuestionJudgement:
    key_question_id: str
    inspector_answer: Answer
    moderator_answer: Answer
    comment: str = ""

    @property
    def agrees(self) -> bool:
        return self.inspector_answer == self.moderator_answer


@dataclass(frozen=True)
class Moderation:
    """One round of moderation of one assessment."""

    assessment_id: str
    inspector: str
    moderator: str
    #: 1 for the first (blind) moderation; a resubmitted assessment's next one is 2, and so on.
    round: int
    judgements: tuple[KeyQuestionJudgement, ...]
    outcome: Outcome
    comment: str

    @property
    def disagreements(self) -> list[str]:
        return [j.key_question_id for j in self.judgements if not j.agrees]


def record_moderation(
    assessment: InspectorAssessment,
    moderator: str,
    judgements: Mapping[str, Answer],
    *,
    comment: str = "",
    question_comments: Mapping[str, str] | None = None,
    return_to_inspector: bool = False,
    previous: Iterable[Moderation] = (),
) -> Moderation:
    """Record the QA inspector's judgement of every key question and the verdict.

    Refused: a moderator moderating their own assessment, a missing or extra key question,
    ``not-relevant`` as a judgement, a return without a disagreement or without a comment.
    """
    where = f"assessment {assessment.assessment_id}"
    if moderator == assessment.inspector:
        raise ModerationError(f"{where}: {moderator} assessed it and cannot moderate it",
                              code=ErrorCode.MODERATOR_IS_ASSESSOR, field="moderator")
    questions = assessment.to_moderate()
    missing = [kq for kq in questions if kq not in judgements]
    extra = [kq for kq in judgements if kq not in questions]
    if missing:
        raise ModerationError(f"{where}: no QA judgement for key question(s) {', '.join(missing)}",
                              code=ErrorCode.JUDGEMENT_MISSING, field="judgement",
                              key_question=missing[0])
    if extra:
        raise ModerationError(f"{where}: key question(s) {', '.join(extra)} are not moderated "
                              "here (not in the assessment, or not relevant to the case)",
                              code=ErrorCode.NOT_MODERATED_HERE, field="judgement",
                              key_question=extra[0])
    comments = question_comments or {}
    recorded = []
    for kq in questions:
        answer = judgements[kq]
        if not isinstance(answer, Answer) or answer is Answer.NOT_RELEVANT:
            raise ModerationError(f"{where}, key question {kq}: judge yes, no or "
                                  f"not-applicable, not {answer!r}",
                                  code=ErrorCode.INVALID_JUDGEMENT, field="judgement",
                                  key_question=kq)
        recorded.append(KeyQuestionJudgement(kq, assessment.answers[kq], answer,
                                             comments.get(kq, "").strip()))
    disagreed = any(not judgement.agrees for judgement in recorded)
    if return_to_inspector and not disagreed:
        raise ModerationError(f"{where}: only a disagreement can return it to the inspector",
                              code=ErrorCode.RETURN_WITHOUT_DISAGREEMENT, field="return")
    if return_to_inspector and not comment.strip():
        raise ModerationError(f"{where}: returning it needs a comment for the inspector",
                              code=ErrorCode.RETURN_WITHOUT_COMMENT, field="comment")
    outcome = (Outcome.RETURNED if return_to_inspector
               else Outcome.DISAGREED if disagreed else Outcome.AGREED)
    rounds = [m.round for m in previous if m.assessment_id == assessment.assessment_id]
    return Moderation(assessment.assessment_id, assessment.inspector, moderator,
                      max(rounds, default=0) + 1, tuple(recorded), outcome, comment.strip())


def agreement_pairs(moderations: Iterable[Moderation], case_ids: Mapping[str, str] | None = None
                    ) -> list[JudgementPair]:
    """The judgement pairs agreement statistics count: each assessment's first round only.

    Later rounds follow a return, when the inspector has read the QA comment; comparing them
    would count revisions as independent agreement. ``case_ids`` maps assessment ids to case
    references for display (the assessment id is used otherwise).
    """
    first: dict[str, Moderation] = {}
    for moderation in moderations:
        held = first.get(moderation.assessment_id)
        if held is None or moderation.round < held.round:
            first[moderation.assessment_id] = moderation
    names = case_ids or {}
    return [
        JudgementPair(names.get(m.assessment_id, m.assessment_id), m.inspector,
                      j.key_question_id, j.inspector_answer, j.moderator_answer)
        for m in first.values() for j in m.judgements
    ]
