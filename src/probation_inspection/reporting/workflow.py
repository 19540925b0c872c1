"""The report workflow: the states a report version moves through, and the one question the
access matrix answers in two parts (who may read the report before it is published).

Who may comment on, edit, move and export a report, and in which states, is the core access
matrix (`probation_inspection.access`, `can_on_report`). The rules here are the workflow's
own: the answer the team gives each factual-accuracy comment (`check_answer`), and that a
version in its check is signed off only once every comment on it is answered
(`check_move`). Their errors carry a stable code (RW codes, docs/web.md) and the field.
"""

from __future__ import annotations

from enum import StrEnum

from probation_inspection.access import Action, Role, Stage, can, can_on_report
from probation_inspection.access import ReportState as State

__all__ = ["NEXT", "Answer", "ErrorCode", "State", "WorkflowError", "check_answer",
           "check_move", "may_read_draft", "next_state"]

#: The one move out of each state; a published version never moves again.
NEXT: dict[State, State] = {
    State.DRAFT: State.FACTUAL_ACCURACY_CHECK,
    State.FACTUAL_ACCURACY_CHECK: State.SIGNED_OFF,
    State.SIGNED_OFF: State.PUBLISHED,
}


def next_state(state: State | str) -> State | None:
    return NEXT.get(State(state))


def may_read_draft(role: Role | str, stage: Stage | str, state: State | str | None) -> bool:
    """The live (unpublished) report: the team as the matrix says (`read-draft-report`); the
    provider reader only while that version is in its factual-accuracy check
    (`check-factual-accuracy`)."""
    return (can(role, Action.READ_DRAFT_REPORT, stage)
            or can_on_report(role, Action.CHECK_FACTUAL_ACCURACY, stage, state))


class Answer(StrEnum):
    """The team's answer to one factual-accuracy comment."""

    #: The comment is right; the report already says it or needs no change to its words.
    ACCEPTED = "accepted"
    #: The comment is right and the report was changed.
    CHANGED = "changed"
    #: The report stands; the reason says why.
    NOT_ACCEPTED = "not-accepted"


class ErrorCode(StrEnum):
    """Stable codes of the workflow's refusals (RW1xx): the number never changes meaning."""

    ANSWER_UNKNOWN = "RW101 answer-unknown"
    REASON_MISSING = "RW102 reason-missing"
    COMMENTS_UNANSWERED = "RW103 comments-unanswered"


class WorkflowError(ValueError):
    """A report-workflow step refused; ``code`` is stable and ``field`` names the part at fault
    (``answer``, ``reason``; "" when it is the step itself)."""

    def __init__(self, message: str, *, code: ErrorCode, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


def check_answer(answer: Answer | str, reason: str) -> tuple[Answer, str]:
    """The answer and its reason, tidied; a comment not accepted needs a reason."""
    try:
        chosen = Answer(answer)
    except ValueError:
        raise WorkflowError(f"{answer!r} is not an answer: choose accepted, changed or "
                            "not accepted", code=ErrorCode.ANSWER_UNKNOWN, field="answer") from None
    reason = reason.strip()
    if chosen is Answer.NOT_ACCEPTED and not reason:
        raise WorkflowError("say why the comment is not accepted: the provider reads the reason",
                            code=ErrorCode.REASON_MISSING, field="reason")
    return chosen, reason


def check_move(state: State | str, unanswered: int) -> State | None:
    """The state a version moves to (None: published, it never moves), refusing to sign off
    while ``unanswered`` comments on it wait for the team's answer."""
    before = State(state)
    after = next_state(before)
    if after is State.SIGNED_OFF and unanswered > 0:
        plural = "comment waits" if unanswered == 1 else "comments wait"
        raise WorkflowError(f"{unanswered} factual-accuracy {plural} for an answer: answer "
                            "every comment before signing off",
                            code=ErrorCode.COMMENTS_UNANSWERED)
    return after
