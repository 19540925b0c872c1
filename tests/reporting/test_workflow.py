"""The report workflow's rights, role by role and state by state, as the core matrix answers
them (`access.can_on_report`); the same expectations the web pages held before the rights
moved into the matrix. No database."""

from __future__ import annotations

import pytest

from probation_inspection.access import Action, Role, Stage, can, can_on_report
from probation_inspection.reporting import workflow
from probation_inspection.reporting.workflow import State

LEAD, INS, Q, D, P = (Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.QUALITY_ASSURANCE, Role.DATA_TEAM,
                      Role.PROVIDER_READER)
TEAM = (LEAD, INS, Q, D)


def comments(role: Role, stage: Stage, state: State | None) -> bool:
    return can_on_report(role, Action.CHECK_FACTUAL_ACCURACY, stage, state)


def edits(role: Role, stage: Stage, state: State | None) -> bool:
    return can_on_report(role, Action.EDIT_NARRATIVE, stage, state)


def moves(role: Role, stage: Stage, state: State | None) -> bool:
    return can_on_report(role, Action.MOVE_REPORT, stage, state)


def test_states_move_only_forward() -> None:
    assert [workflow.next_state(s) for s in State] == [
        State.FACTUAL_ACCURACY_CHECK, State.SIGNED_OFF, State.PUBLISHED, None]


def test_the_lead_moves_a_version_in_exactly_the_states_that_have_a_next_one() -> None:
    assert {s for s in State if moves(LEAD, Stage.REPORTING, s)} == set(workflow.NEXT)


@pytest.mark.parametrize("state", list(State))
def test_the_provider_reader_reads_a_draft_only_in_its_check(state: State) -> None:
    for stage in Stage:
        expected = state is State.FACTUAL_ACCURACY_CHECK and stage in (
            Stage.REPORTING, Stage.PUBLISHED)
        assert workflow.may_read_draft(P, stage, state) is expected
        assert comments(P, stage, state) is expected
    for role in TEAM:
        assert not comments(role, Stage.REPORTING, State.FACTUAL_ACCURACY_CHECK)
    assert not workflow.may_read_draft(P, Stage.REPORTING, None)


def test_the_team_reads_from_the_reporting_stage_and_the_reader_after_publication() -> None:
    for role in TEAM:
        for state in (*State, None):
            assert not workflow.may_read_draft(role, Stage.RATING, state)
            assert workflow.may_read_draft(role, Stage.REPORTING, state)
        assert can(role, Action.VIEW_REPORT_COMMENTS, Stage.REPORTING)
        assert not can(role, Action.VIEW_REPORT_COMMENTS, Stage.RATING)
    assert not can(P, Action.VIEW_REPORT, Stage.REPORTING)
    assert can(P, Action.VIEW_REPORT, Stage.PUBLISHED)
    assert not can(P, Action.VIEW_REPORT_COMMENTS, Stage.PUBLISHED)


def test_only_writers_edit_and_never_a_signed_off_version() -> None:
    for state in (State.DRAFT, State.FACTUAL_ACCURACY_CHECK, State.PUBLISHED, None):
        assert edits(LEAD, Stage.REPORTING, state)
        assert edits(INS, Stage.PUBLISHED, state)
        for role in (Q, D, P):
            assert not edits(role, Stage.REPORTING, state)
    assert not edits(LEAD, Stage.REPORTING, State.SIGNED_OFF)
    assert not edits(LEAD, Stage.FIELDWORK, State.DRAFT)


def test_only_the_lead_moves_and_a_published_version_never_moves() -> None:
    for state in (State.DRAFT, State.FACTUAL_ACCURACY_CHECK, State.SIGNED_OFF, None):
        assert moves(LEAD, Stage.REPORTING, state)
        assert not any(moves(r, Stage.REPORTING, state) for r in (INS, Q, D, P))
    assert not moves(LEAD, Stage.PUBLISHED, State.PUBLISHED)
    assert not moves(LEAD, Stage.FIELDWORK, State.DRAFT)


def test_exports_follow_the_access_matrix() -> None:
    assert can(D, Action.EXPORT_AGGREGATE, Stage.RATING)
    assert can(P, Action.EXPORT_AGGREGATE, Stage.PUBLISHED)
    assert not can(P, Action.EXPORT_AGGREGATE, Stage.REPORTING)
    assert not can(INS, Action.EXPORT_AGGREGATE, Stage.PUBLISHED)
    assert can(D, Action.EXPORT_CASE_LEVEL, Stage.PUBLISHED)
    assert not any(can(r, Action.EXPORT_CASE_LEVEL, Stage.PUBLISHED) for r in (LEAD, INS, Q, P))
