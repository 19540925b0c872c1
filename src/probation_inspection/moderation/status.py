"""An assessment's review status (draft, submitted, returned, moderated), its legal moves and
whether it counts. Owns the state machine; who may make each move comes from `access`.
"""

from __future__ import annotations

from enum import StrEnum

from probation_inspection.access import Action, Role, Stage, can
from probation_inspection.moderation.errors import ErrorCode, IllegalTransition


class AssessmentStatus(StrEnum):
    """Values match the web application's AssessmentStatus."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    MODERATED = "moderated"


_D, _S, _R, _M = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED,
                  AssessmentStatus.MODERATED)

#: Each legal move and the action (in the permissions matrix) that makes it.
TRANSITIONS: dict[tuple[AssessmentStatus, AssessmentStatus], Action] = {
    (_D, _S): Action.SUBMIT_ASSESSMENT,
    # A returned assessment is revised by its inspector and resubmitted.
    (_R, _S): Action.SUBMIT_ASSESSMENT,
    (_S, _R): Action.RETURN_ASSESSMENT,
    (_S, _M): Action.MODERATE,
}

#: Moves that must carry a comment for the other party.
NEEDS_COMMENT = frozenset({(_S, _R)})


#: The statuses whose answers count in results, rule ratings and the report: submitted, and
#: moderated (QA agreed it stands). A returned assessment does not count: QA has said it needs
#: revising, so it waits for its resubmission; a draft is not finished.
COUNTED = frozenset({_S, _M})


def counts(status: AssessmentStatus | str, *, in_sample: bool) -> bool:
    """Whether an assessment counts in live results, rule ratings, stage rules and the report.

    ``in_sample`` says whether its case is still in the sample: a case substituted out (it
    dropped out of the inspection: transferred, deceased, wrongly listed...) counts nowhere,
    even when its assessment was submitted before it dropped out; its reserve counts instead.
    """
    return in_sample and AssessmentStatus(status) in COUNTED


def allowed_from(status: AssessmentStatus) -> list[AssessmentStatus]:
    return [target for (source, target) in TRANSITIONS if source is status]


def transition(
    current: AssessmentStatus | str,
    target: AssessmentStatus | str,
    role: Role | str,
    stage: Stage | str,
    *,
    is_assessor: bool,
    comment: str = "",
) -> AssessmentStatus:
    """The new status, or `IllegalTransition` saying why the move is refused.

    ``is_assessor`` says whether the user making the move assessed the case: only the
    assessor submits; nobody moderates or returns their own assessment.
    """
    current, target = AssessmentStatus(current), AssessmentStatus(target)
    action = TRANSITIONS.get((current, target))
    if action is None:
        allowed = ", ".join(status.value for status in allowed_from(current)) or "nothing"
        raise IllegalTransition(f"an assessment that is {current.value} cannot become "
                                f"{target.value} (from {current.value}: {allowed})",
                                code=ErrorCode.NO_SUCH_TRANSITION, field="status")
    if not can(role, action, stage, is_assessor=is_assessor):
        who = "its own assessor" if action is Action.SUBMIT_ASSESSMENT else (
            "a quality-assurance inspector who did not assess it")
        raise IllegalTransition(
            f"{current.value} -> {target.value} is for {who}; "
            f"refused to {Role(role).value}{' (its assessor)' if is_assessor else ''} "
            f"at {Stage(stage).value}", code=ErrorCode.TRANSITION_REFUSED, field="role",
        )
    if (current, target) in NEEDS_COMMENT and not comment.strip():
        raise IllegalTransition(f"{current.value} -> {target.value} needs a comment for the "
                                "inspector saying what to revise",
                                code=ErrorCode.TRANSITION_NEEDS_COMMENT, field="comment")
    return target
