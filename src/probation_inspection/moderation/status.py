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


#: The statuses a lead may reopen: an assessment that counts (submitted, or moderated and
#: agreed). A draft or returned assessment is already open to its inspector.
REOPENABLE = COUNTED

#: The stages at which the lead may reopen an assessment: while its inspector can revise it.
REOPEN_STAGES = frozenset({Stage.FIELDWORK, Stage.MODERATION})


def reopen(
    current: AssessmentStatus | str,
    role: Role | str,
    stage: Stage | str,
    *,
    reason: str,
) -> AssessmentStatus:
    """The status a lead's reopening gives (RETURNED), or `IllegalTransition` saying why not.

    A reopened assessment stops counting, like one QA returned: its inspector revises and
    resubmits it. The lead must give a reason (the inspector reads it); a draft or returned
    assessment is already open; after fieldwork and moderation the inspector can no longer
    revise, so the inspection's stage must be reopened first.
    """
    current, role, stage = AssessmentStatus(current), Role(role), Stage(stage)
    if current not in REOPENABLE:
        raise IllegalTransition(
            f"an assessment that is {current.value} cannot be reopened: only a submitted or "
            "moderated one can (a draft or returned one is already with its inspector)",
            code=ErrorCode.NOT_REOPENABLE, field="status")
    if not can(role, Action.REOPEN_ASSESSMENT, stage):
        if role is Role.LEAD_INSPECTOR and stage not in REOPEN_STAGES:
            hint = ("its inspector can no longer revise it: reopen the inspection's stage "
                    "to moderation first" if stage is not Stage.PLANNING else
                    "nothing is assessed before fieldwork")
            raise IllegalTransition(
                f"an assessment cannot be reopened at {stage.value}: {hint}",
                code=ErrorCode.REOPEN_REFUSED, field="stage")
        raise IllegalTransition(
            f"only the lead inspector reopens an assessment; refused to {role.value}",
            code=ErrorCode.REOPEN_REFUSED, field="role")
    if not reason.strip():
        raise IllegalTransition(
            "reopening an assessment needs a reason saying what its inspector should revise",
            code=ErrorCode.REOPEN_NEEDS_REASON, field="reason")
    return AssessmentStatus.RETURNED
