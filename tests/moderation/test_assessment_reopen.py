"""A lead reopens a submitted or moderated assessment with a reason (issue 13)."""

from __future__ import annotations

import pytest

from probation_inspection.access import Role, Stage
from probation_inspection.moderation.errors import ErrorCode, IllegalTransition
from probation_inspection.moderation.status import AssessmentStatus, counts, reopen

S, M = AssessmentStatus.SUBMITTED, AssessmentStatus.MODERATED


@pytest.mark.parametrize("status", [S, M])
@pytest.mark.parametrize("stage", [Stage.FIELDWORK, Stage.MODERATION])
def test_the_lead_reopens_a_counted_assessment_which_stops_counting(
        status: AssessmentStatus, stage: Stage) -> None:
    new = reopen(status, Role.LEAD_INSPECTOR, stage, reason="2.1: risk of harm misread")
    assert new is AssessmentStatus.RETURNED
    assert not counts(new, in_sample=True)


@pytest.mark.parametrize("status", [AssessmentStatus.DRAFT, AssessmentStatus.RETURNED])
def test_an_open_assessment_cannot_be_reopened(status: AssessmentStatus) -> None:
    with pytest.raises(IllegalTransition) as raised:
        reopen(status, Role.LEAD_INSPECTOR, Stage.FIELDWORK, reason="why")
    assert (raised.value.code, raised.value.field) == (ErrorCode.NOT_REOPENABLE, "status")


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_reason_is_required(reason: str) -> None:
    with pytest.raises(IllegalTransition) as raised:
        reopen(S, Role.LEAD_INSPECTOR, Stage.FIELDWORK, reason=reason)
    assert (raised.value.code, raised.value.field) == (ErrorCode.REOPEN_NEEDS_REASON, "reason")


@pytest.mark.parametrize("stage", [Stage.RATING, Stage.REPORTING, Stage.PUBLISHED])
def test_after_moderation_the_stage_must_be_reopened_first(stage: Stage) -> None:
    with pytest.raises(IllegalTransition) as raised:
        reopen(M, Role.LEAD_INSPECTOR, stage, reason="why")
    assert (raised.value.code, raised.value.field) == (ErrorCode.REOPEN_REFUSED, "stage")
    assert "reopen the inspection's stage" in str(raised.value)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.LEAD_INSPECTOR])
def test_only_the_lead_reopens(role: Role) -> None:
    with pytest.raises(IllegalTransition) as raised:
        reopen(S, role, Stage.FIELDWORK, reason="why")
    assert (raised.value.code, raised.value.field) == (ErrorCode.REOPEN_REFUSED, "role")
