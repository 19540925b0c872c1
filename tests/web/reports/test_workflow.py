"""The report workflow's rules, role by role and state by state (no database)."""

from __future__ import annotations

import pytest

from probation_inspection.access import Role, Stage
from probation_inspection.reporting import workflow
from probation_inspection.reporting.workflow import State
from probation_inspection.web.reports.models import ReportState

LEAD, INS, Q, D, P = (Role.LEAD_INSPECTOR, Role.INSPECTOR, Role.QUALITY_ASSURANCE, Role.DATA_TEAM,
                 Role.PROVIDER_READER)


def test_states_match_the_web_choices_and_move_only_forward() -> None:
    assert [s.value for s in State] == [s.value for s in ReportState]
    assert [workflow.next_state(s) for s in State] == [
        State.FACTUAL_ACCURACY_CHECK, State.SIGNED_OFF, State.PUBLISHED, None]


@pytest.mark.parametrize("state", list(State))
def test_the_provider_reader_reads_a_draft_only_in_its_check(state: State) -> None:
    for stage in Stage:
        expected = state is State.FACTUAL_ACCURACY_CHECK and stage in (
            Stage.REPORTING, Stage.PUBLISHED)
        assert workflow.may_read_draft(P, stage, state) is expected
        assert workflow.may_comment(P, stage, state) is expected
    for role in (LEAD, INS, Q, D):
        assert not workflow.may_comment(role, Stage.REPORTING, State.FACTUAL_ACCURACY_CHECK)


def test_the_team_reads_from_the_reporting_stage_and_the_reader_after_publication() -> None:
    for role in (LEAD, INS, Q, D):
        assert not workflow.may_read_draft(role, Stage.RATING, State.DRAFT)
        assert workflow.may_read_draft(role, Stage.REPORTING, State.DRAFT)
        assert workflow.may_see_comments(role, Stage.REPORTING)
    assert not workflow.may_read_published(P, Stage.REPORTING)
    assert workflow.may_read_published(P, Stage.PUBLISHED)
    assert not workflow.may_see_comments(P, Stage.PUBLISHED)


def test_only_writers_edit_and_never_a_signed_off_version() -> None:
    for state in (State.DRAFT, State.FACTUAL_ACCURACY_CHECK, State.PUBLISHED, None):
        assert workflow.may_edit_narrative(LEAD, Stage.REPORTING, state)
        assert workflow.may_edit_narrative(INS, Stage.PUBLISHED, state)
        for role in (Q, D, P):
            assert not workflow.may_edit_narrative(role, Stage.REPORTING, state)
    assert not workflow.may_edit_narrative(LEAD, Stage.REPORTING, State.SIGNED_OFF)
    assert not workflow.may_edit_narrative(LEAD, Stage.FIELDWORK, State.DRAFT)


def test_only_the_lead_moves_and_a_published_version_never_moves() -> None:
    for state in (State.DRAFT, State.FACTUAL_ACCURACY_CHECK, State.SIGNED_OFF):
        assert workflow.may_move(LEAD, Stage.REPORTING, state)
        assert not any(workflow.may_move(r, Stage.REPORTING, state) for r in (INS, Q, D, P))
    assert not workflow.may_move(LEAD, Stage.PUBLISHED, State.PUBLISHED)
    assert not workflow.may_move(LEAD, Stage.FIELDWORK, State.DRAFT)


def test_exports_follow_the_access_matrix() -> None:
    assert workflow.may_export(D, Stage.RATING) and workflow.may_export(P, Stage.PUBLISHED)
    assert not workflow.may_export(P, Stage.REPORTING) and not workflow.may_export(INS,
                                                                                 Stage.PUBLISHED)
    assert workflow.may_export_cases(D, Stage.PUBLISHED)
    assert not any(workflow.may_export_cases(r, Stage.PUBLISHED) for r in (LEAD, INS, Q, P))
