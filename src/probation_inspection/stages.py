"""How an inspection moves from stage to stage: the order, who moves it, and what must be true.

Owns the stage transition rules and which assessments are open for change at each stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.access import Action, Role, Stage, require
from probation_inspection.moderation import AssessmentStatus

#: The one move out of each stage; published is the end.
NEXT: dict[Stage, Stage] = {
    Stage.PLANNING: Stage.FIELDWORK,
    Stage.FIELDWORK: Stage.MODERATION,
    Stage.MODERATION: Stage.RATING,
    Stage.RATING: Stage.REPORTING,
    Stage.REPORTING: Stage.PUBLISHED,
}
#: Publication follows the report: publishing its first version moves the inspection, so the
#: stage page never does (the report workflow owns that move).
BY_REPORT = frozenset({Stage.REPORTING})


@dataclass(frozen=True)
class Progress:
    """The facts the rules read, counted by the caller from its store."""

    drawn_samples: int = 0
    #: Cases in the sample (not reserves, not substituted).
    sampled_cases: int = 0
    #: Sampled cases whose assessment is not yet submitted (not started, draft or returned).
    not_submitted: int = 0
    #: Assessments returned by moderation and not yet resubmitted.
    returned: int = 0
    #: Whether the moderation queue has been drawn.
    queue_drawn: bool = False
    #: Assessments in the moderation queue that are not yet moderated.
    awaiting_moderation: int = 0
    #: Standards not yet decided at the rating stage, each with why (from `ready_for_reporting`).
    undecided: tuple[str, ...] = ()


@dataclass(frozen=True)
class Move:
    """The next move from a stage and what is still needed before it (empty: ready)."""

    source: Stage
    target: Stage | None
    needs: tuple[str, ...]
    by_report: bool

    @property
    def ready(self) -> bool:
        return self.target is not None and not self.by_report and not self.needs


class NotReady(Exception):
    """A stage move was asked for before its rule allows it."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _needs(stage: Stage, progress: Progress) -> list[str]:
    p = progress
    if stage is Stage.PLANNING:
        return [] if p.drawn_samples else ["Draw at least one sample"]
    if stage is Stage.FIELDWORK:
        if not p.sampled_cases:
            return ["Draw a sample with cases to assess"]
        if p.not_submitted:
            return [f"{_plural(p.not_submitted, 'sampled case')} not yet submitted"]
        return []
    if stage is Stage.MODERATION:
        needs = []
        if not p.queue_drawn:
            needs.append("Draw the moderation queue")
        if p.awaiting_moderation:
            needs.append(f"{_plural(p.awaiting_moderation, 'queued assessment')} "
                         "not yet moderated")
        if p.returned:
            needs.append(f"{_plural(p.returned, 'returned assessment')} not yet resubmitted")
        return needs
    if stage is Stage.RATING:
        return [f"Decide standard {item}" for item in p.undecided]
    return []


def next_move(stage: Stage | str, progress: Progress) -> Move:
    """The next stage after ``stage`` and what is still needed before moving to it."""
    stage = Stage(stage)
    return Move(stage, NEXT.get(stage), tuple(_needs(stage, progress)), stage in BY_REPORT)


def advance(role: Role | str, stage: Stage | str, progress: Progress) -> Stage:
    """The stage to move to; `PermissionRefused` unless the role may move the inspection now,
    `NotReady` (saying what is still needed) unless the rule allows it."""
    require(role, Action.ADVANCE_STAGE, stage)
    move = next_move(stage, progress)
    if move.target is None:
        raise NotReady(f"the inspection is {move.source.value}: there is no later stage")
    if move.by_report:
        raise NotReady("the inspection is published when its report is published")
    if move.needs:
        raise NotReady(f"before {move.target.value}: " + "; ".join(move.needs))
    return move.target


def assessment_open(stage: Stage | str, status: AssessmentStatus | str) -> bool:
    """Whether an assessment in ``status`` may be changed at ``stage``: drafts and returned
    assessments in fieldwork; in moderation only those moderation returned for revision."""
    stage, status = Stage(stage), AssessmentStatus(status)
    if stage is Stage.FIELDWORK:
        return status in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
    if stage is Stage.MODERATION:
        return status is AssessmentStatus.RETURNED
    return False
