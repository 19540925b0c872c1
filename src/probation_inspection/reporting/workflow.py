"""The report workflow: who may read, comment on, edit and move a report version, and when.

Plain rules over the access matrix, in the core so that views ask and hold no rule themselves.
"""

from __future__ import annotations

from enum import StrEnum

from probation_inspection.access import Action, Role, Stage, can


class State(StrEnum):
    """A report version's state (values match the web application's ReportState)."""

    DRAFT = "draft"
    FACTUAL_ACCURACY_CHECK = "factual-accuracy-check"
    SIGNED_OFF = "signed-off"
    PUBLISHED = "published"


#: The one move out of each state; a published version never moves again.
NEXT: dict[State, State] = {
    State.DRAFT: State.FACTUAL_ACCURACY_CHECK,
    State.FACTUAL_ACCURACY_CHECK: State.SIGNED_OFF,
    State.SIGNED_OFF: State.PUBLISHED,
}
#: The team's writers; QA and the data team read the report but do not write it.
WRITERS = frozenset({Role.LEAD_INSPECTOR, Role.INSPECTOR})
#: Narrative may change while a version is open; signing off fixes it for publication, and
#: after publication an edit starts a new version.
EDITABLE = frozenset({State.DRAFT, State.FACTUAL_ACCURACY_CHECK, State.PUBLISHED})


def next_state(state: State | str) -> State | None:
    return NEXT.get(State(state))


def may_read_draft(role: Role | str, stage: Stage | str, state: State | str) -> bool:
    """The live (unpublished) report: the team from the reporting stage; the provider reader
    only while that version is in its factual-accuracy check."""
    if Role(role) is Role.PROVIDER_READER:
        return State(state) is State.FACTUAL_ACCURACY_CHECK and Stage(stage) in (
            Stage.REPORTING, Stage.PUBLISHED)
    return can(role, Action.VIEW_REPORT, stage)


def may_read_published(role: Role | str, stage: Stage | str) -> bool:
    """A published snapshot: whoever the matrix lets see the report at this stage."""
    return can(role, Action.VIEW_REPORT, stage)


def may_comment(role: Role | str, stage: Stage | str, state: State | str) -> bool:
    """Only the provider reader comments, and only during the factual-accuracy check."""
    return Role(role) is Role.PROVIDER_READER and may_read_draft(role, stage, state)


def may_see_comments(role: Role | str, stage: Stage | str) -> bool:
    return Role(role) is not Role.PROVIDER_READER and can(role, Action.VIEW_REPORT, stage)


def may_edit_narrative(role: Role | str, stage: Stage | str, state: State | str | None) -> bool:
    """Writers edit from the reporting stage while the current version is open (or
    published, which starts the next version); never while it is signed off."""
    current = State.DRAFT if state is None else State(state)
    return (Role(role) in WRITERS and can(role, Action.VIEW_REPORT, stage)
            and current in EDITABLE)


def may_move(role: Role | str, stage: Stage | str, state: State | str) -> bool:
    """Only the lead inspector moves a version on, once the report can be seen at all."""
    return (Role(role) is Role.LEAD_INSPECTOR and can(role, Action.VIEW_REPORT, stage)
            and next_state(state) is not None)


def may_export(role: Role | str, stage: Stage | str) -> bool:
    return can(role, Action.EXPORT_AGGREGATE, stage)


def may_export_cases(role: Role | str, stage: Stage | str) -> bool:
    return can(role, Action.EXPORT_CASE_LEVEL, stage)
