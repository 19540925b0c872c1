"""The interview page asks the "In this case" questions about each case the officer holds:
filled in a browser, counted per case, and accessible (axe)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"
DESISTANCE = "ro-interviewagencies-desistance"


@pytest.fixture
def inspection(transactional_db: None, settings: Any) -> Inspection:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lead = get_user_model().objects.create_user("lead", password=PASSWORD, first_name="Lena")
    row = Inspection.objects.create(
        provider=Provider.objects.create(name="Interview Test CRC"),
        framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=dt.date(2026, 11, 2), fieldwork_end=dt.date(2026, 11, 20),
        stage="fieldwork", created_by=lead)
    TeamMember.objects.create(inspection=row, user=lead, role="lead-inspector")
    return row


def test_per_case_questions_are_answered_per_case(pages: Pages, inspection: Inspection) -> None:
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{inspection.pk}/evidence/interviews/")
    lead.wait_for_selector("#interview-form")
    pages.axe(lead)
    lead.fill("#interviewee", "RO-1")
    lead.fill("#case-1", "C-101")
    lead.check(f"#case-1-answer-{DESISTANCE}-yes")
    lead.fill("#case-2", "C-102")
    lead.check(f"#case-2-answer-{DESISTANCE}-no")
    lead.click("button:has-text('Save interview')")
    lead.wait_for_selector(".govuk-notification-banner--success")
    pages.axe(lead)
    assert "1 of 2 who answered" in lead.inner_text(f"#interview-{DESISTANCE}")
