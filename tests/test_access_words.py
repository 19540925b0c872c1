"""The refusal in words, and the matrix cells issue 13 added: editing an inspection, its team
and the programme's users."""

from __future__ import annotations

import pytest

from probation_inspection.access import (
    Action,
    PermissionRefused,
    ProgrammeAction,
    ProgrammeRole,
    Role,
    Stage,
    can,
    programme_can,
    require,
    require_on_report,
)


def test_a_refusal_has_a_sentence_in_words_without_internal_names() -> None:
    with pytest.raises(PermissionRefused) as refused:
        require(Role.LEAD_INSPECTOR, Action.RECORD_EVIDENCE, Stage.REPORTING)
    assert "may not record-evidence" in str(refused.value)  # the terse form is unchanged
    human = refused.value.human
    assert human.startswith("A lead inspector cannot record interviews")
    assert "at the reporting stage" in human
    assert "allowed only at planning, fieldwork, moderation and rating" in human
    assert "lead-inspector" not in human and "record-evidence" not in human


def test_a_refusal_for_no_stage_and_on_a_report_state_reads_as_words() -> None:
    with pytest.raises(PermissionRefused) as refused:
        require(Role.INSPECTOR, Action.DECIDE_RATING, Stage.RATING)
    assert refused.value.human.endswith("only other roles may")
    with pytest.raises(PermissionRefused) as on_report:
        require_on_report(Role.LEAD_INSPECTOR, Action.MOVE_REPORT, Stage.REPORTING,
                          "published")
    assert "while the report version is published" in on_report.value.human
    assert "move-report" not in on_report.value.human


def test_only_the_lead_edits_the_inspection_while_evidence_is_gathered() -> None:
    for stage in Stage:
        gathering = stage in {Stage.PLANNING, Stage.FIELDWORK, Stage.MODERATION}
        assert can(Role.LEAD_INSPECTOR, Action.EDIT_INSPECTION, stage) == gathering
        assert can(Role.LEAD_INSPECTOR, Action.MANAGE_TEAM, stage) == (
            stage != Stage.PUBLISHED)
        for role in Role:
            if role != Role.LEAD_INSPECTOR:
                assert not can(role, Action.EDIT_INSPECTION, stage)
                assert not can(role, Action.MANAGE_TEAM, stage)


def test_only_a_programme_manager_manages_users() -> None:
    assert programme_can([ProgrammeRole.PROGRAMME_MANAGER], ProgrammeAction.MANAGE_USERS)
    assert not programme_can([ProgrammeRole.DATA_TEAM], ProgrammeAction.MANAGE_USERS)
    assert programme_can([], ProgrammeAction.MANAGE_USERS, administrator=True)
