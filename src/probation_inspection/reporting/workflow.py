"""The report workflow: the states a report version moves through, and the one question the
access matrix answers in two parts (who may read the report before it is published).

Who may comment on, edit, move and export a report, and in which states, is the core access
matrix (`probation_inspection.access`, `can_on_report`); nothing here adds a rule of its own.
"""

from __future__ import annotations

from probation_inspection.access import Action, Role, Stage, can, can_on_report
from probation_inspection.access import ReportState as State

__all__ = ["NEXT", "State", "may_read_draft", "next_state"]

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
