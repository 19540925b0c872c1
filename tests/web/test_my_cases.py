"""My cases (issue 13): current work first, filtered by inspection and status, with each
case's progress (questions answered of those that apply)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from helpers import add_case, signed_in
from probation_inspection.web.casework.models import Answer, Assessment
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

pytestmark = pytest.mark.django_db


def _other_inspection(users: dict[str, Any], stage: str) -> Inspection:
    other = Inspection.objects.create(
        provider=Provider.objects.create(name="Durham Tees Valley CRC"),
        framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=dt.date(2025, 3, 2), fieldwork_end=dt.date(2025, 3, 20), stage=stage)
    TeamMember.objects.create(inspection=other, user=users["inspector"], role=Role.INSPECTOR)
    return other


def test_current_work_comes_before_submitted_cases(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    old = _other_inspection(users, "published")
    submitted = [add_case(old, users["inspector"], "submitted") for _ in range(3)]
    draft = add_case(inspection, users["inspector"], "draft")
    returned = add_case(inspection, users["inspector"], "returned")
    page = signed_in(users["inspector"]).get(reverse("casework:my-cases"))
    order = [row["case"].pk for row in page.context["rows"]]
    assert order[:2] == [returned.pk, draft.pk]
    assert set(order[2:]) == {case.pk for case in submitted}
    assert [row["current"] for row in page.context["rows"]] == [True, True, False, False, False]


def test_cases_filter_by_inspection_and_status(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    old = _other_inspection(users, "published")
    add_case(old, users["inspector"], "submitted")
    draft = add_case(inspection, users["inspector"], "draft")
    fresh = add_case(inspection, users["inspector"], None)
    client = signed_in(users["inspector"])
    url = reverse("casework:my-cases")
    mine = client.get(url, {"inspection": str(inspection.pk)}).context["rows"]
    assert {row["case"].pk for row in mine} == {draft.pk, fresh.pk}
    drafts = client.get(url, {"status": "draft"}).context["rows"]
    assert [row["case"].pk for row in drafts] == [draft.pk]
    not_started = client.get(url, {"status": "not-started"})
    assert [row["case"].pk for row in not_started.context["rows"]] == [fresh.pk]
    none = client.get(url, {"inspection": str(old.pk), "status": "draft"})
    assert "None of your cases match these filters" in none.content.decode()
    # A value that is not an option is ignored rather than an error.
    assert client.get(url, {"inspection": "nope"}).status_code == 200


def test_progress_counts_answered_of_applicable_questions(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    case = add_case(inspection, users["inspector"], "draft")
    assessment = Assessment.objects.get(sampled_case=case)
    Answer.objects.bulk_create([
        Answer(assessment=assessment, question_id="q1", kind="prompt", value="yes"),
        Answer(assessment=assessment, question_id="q2", kind="prompt", value=""),
        Answer(assessment=assessment, question_id="q3", kind="prompt", value="not-relevant"),
        Answer(assessment=assessment, question_id="q4", kind="prompt", value="no"),
    ])
    page = signed_in(users["inspector"]).get(reverse("casework:my-cases"))
    assert "2 of 3 questions answered" in page.content.decode()
