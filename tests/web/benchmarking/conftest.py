"""Fixtures for the benchmark store tests: the seed report files, an importing user and a
platform inspection with submitted assessments.

The reports are the repository's copies in tests/fixtures/reports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.casework.models import Assessment, Sample, SampledCase
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


@pytest.fixture
def reports() -> Path:
    return REPORTS


@pytest.fixture
def seed() -> Callable[[str], Path]:
    """The seed report whose name starts with the given number, e.g. ``seed("004")``."""
    return lambda prefix: next(REPORTS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def data_team(inspection: Inspection) -> Any:
    """A user in the research and data team (so may import reports), also in the data team
    of the shared inspection."""
    user = get_user_model().objects.create_user(username="analyst", password="x-" * 8)
    TeamMember.objects.create(inspection=inspection, user=user, role=Role.DATA_TEAM)
    ProgrammeMembership.objects.create(user=user, role=ProgrammeRole.DATA_TEAM)
    return user


def _submit_all_yes(client: Client, case: SampledCase) -> None:
    """Set the case attributes, then answer yes to every question that applies and submit."""
    url = reverse("casework:assess", args=[case.pk])
    page = client.get(url)
    attributes = {f"attribute-{attribute.name}": "false"
                  for attribute, _ in page.context["attribute_fields"]
                  if attribute.type == "boolean"}
    assessment = Assessment.objects.get(sampled_case=case)
    client.post(url, {"version": str(assessment.version), "action": "save", **attributes})
    assessment.refresh_from_db()
    page = client.get(url)
    answers = dict(attributes)
    for _standard, blocks in page.context["standards"]:
        for block in blocks:
            if block.judgement.applies:
                for row in [*block.shown_prompts, block.judgement]:
                    answers[f"answer-{row.field}"] = "yes"
    response = client.post(url, {"version": str(assessment.version), "action": "submit",
                                 **answers})
    assert response.status_code == 302, response.content.decode()[:1000]


@pytest.fixture
def assessed(inspection: Inspection, users: dict[str, Any]) -> Inspection:
    """The shared inspection with a drawn sample and two cases submitted, all answers yes."""
    lead = signed_in(users["lead"])
    content = case_list_csv(inspection.fieldwork_start, 150, seed=3)
    lead.post(reverse("casework:upload", args=[inspection.pk, "case-supervision"]),
              {"case_list": SimpleUploadedFile("cases.csv", content, content_type="text/csv")})
    lead.post(reverse("casework:draw", args=[inspection.pk, "case-supervision"]),
              {"seed": "42", "confidence": "80", "margin": "5", "size": "6"})
    sample = Sample.objects.get(inspection=inspection)
    cases = list(sample.cases.filter(status="sampled").order_by("case_reference")[:2])
    for case in cases:
        case.assigned_to = users["inspector"]
        case.save()
    inspector = signed_in(users["inspector"])
    for case in cases:
        _submit_all_yes(inspector, case)
    return inspection
