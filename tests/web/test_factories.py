"""The shared factories and stage fixtures build what they say: rows with working defaults, and
an inspection at each stage that the stage rules themselves moved there."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from factories import (
    AssessmentFactory,
    InspectionFactory,
    SampledCaseFactory,
    Staged,
    UserFactory,
)
from helpers import PASSWORD, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import (
    AnswerValue,
    AssessmentStatus,
)
from probation_inspection.web.inspections.models import Role, Stage
from probation_inspection.web.quality.models import RatingDecision
from probation_inspection.web.reports.models import ReportVersion
from sample_ids import SampleType

pytestmark = pytest.mark.django_db


def stage_moves(staged: Staged) -> list[str]:
    return [event.after["stage"] for event in AuditEvent.objects.filter(
        inspection=staged.inspection, action="stage-changed").order_by("pk")]


def test_a_user_signs_in_with_the_shared_password() -> None:
    user = UserFactory(username="ada")
    assert user.first_name == "Ada" and user.check_password(PASSWORD)


def test_an_inspection_takes_its_team_and_its_lead_creates_it() -> None:
    lead, reader = UserFactory(), UserFactory()
    inspection = InspectionFactory(team={lead: Role.LEAD_INSPECTOR,
                                         reader: Role.PROVIDER_READER})
    assert inspection.created_by == lead
    assert inspection.role_of(reader) == Role.PROVIDER_READER


def test_an_assessment_comes_with_its_case_sample_and_answers() -> None:
    assessor = UserFactory()
    case = SampledCaseFactory(sample__sample_type=SampleType.UNPAID_WORK, assigned_to=assessor)
    assessment = AssessmentFactory(sampled_case=case, answers__key_value=AnswerValue.NO)
    assert assessment.assessor == assessor and assessment.status == AssessmentStatus.SUBMITTED
    key = assessment.answers.filter(kind="key-question")
    assert key.exists() and set(key.values_list("value", flat=True)) == {AnswerValue.NO}
    assert not AssessmentFactory(answers=False).answers.exists()


def test_planning(planning_stage: Staged) -> None:
    assert planning_stage.inspection.stage == Stage.PLANNING
    assert not planning_stage.inspection.samples.exists()
    page = signed_in(planning_stage.team["lead"]).get(
        reverse("inspections:stage", args=[planning_stage.inspection.pk]))
    assert page.status_code == 200


@pytest.mark.slow
def test_fieldwork(fieldwork_stage: Staged) -> None:
    assert fieldwork_stage.inspection.stage == Stage.FIELDWORK
    assert stage_moves(fieldwork_stage) == [Stage.FIELDWORK]
    types = set(fieldwork_stage.inspection.samples.values_list("sample_type", flat=True))
    assert types == set(SampleType)
    cases = fieldwork_stage.sampled_cases
    assert cases.exists() and not cases.filter(assigned_to=None).exists()
    team = fieldwork_stage.team
    assert {case.assigned_to for case in cases} == {team["inspector"], team["other"]}


@pytest.mark.slow
def test_moderation(moderation_stage: Staged) -> None:
    assert moderation_stage.inspection.stage == Stage.MODERATION
    cases = moderation_stage.sampled_cases
    assert not cases.exclude(assessment__status=AssessmentStatus.SUBMITTED).exists()


@pytest.mark.slow
def test_rating(rating_stage: Staged) -> None:
    assert rating_stage.inspection.stage == Stage.RATING
    assert stage_moves(rating_stage) == [Stage.FIELDWORK, Stage.MODERATION, Stage.RATING]
    assert rating_stage.sampled_cases.filter(
        assessment__status=AssessmentStatus.MODERATED).exists()


@pytest.mark.slow
def test_reporting(reporting_stage: Staged, users: dict[str, Any]) -> None:
    # The staged team never clashes with the `users` fixture's usernames.
    assert reporting_stage.team["lead"] != users["lead"]
    assert reporting_stage.inspection.stage == Stage.REPORTING
    decided = set(RatingDecision.objects.filter(inspection=reporting_stage.inspection)
                  .values_list("standard_id", flat=True))
    assert decided == {s.id for s in reporting_stage.framework.standards()}


@pytest.mark.slow
def test_published(published_stage: Staged) -> None:
    assert published_stage.inspection.stage == Stage.PUBLISHED
    assert ReportVersion.objects.get(inspection=published_stage.inspection).state == "published"
    reader = signed_in(published_stage.team["reader"])
    page = reader.get(reverse("reports:report", args=[published_stage.inspection.pk]))
    assert page.status_code == 200
