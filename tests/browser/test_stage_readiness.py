"""Issue 13 in a real browser: the lead reads the stage page's readiness checklist, follows a
link to a missing sample, and moves the inspection back a stage with a reason (refused first
without one). axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import CaseList, Sample, SampledCase
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lead = get_user_model().objects.create_user("lead", password=PASSWORD, first_name="Lena",
                                                last_name="Tester")
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Readiness Test CRC"), framework_id="hmip-crc-2018",
        framework_version="2018.1", fieldwork_start=dt.date(2026, 11, 2),
        fieldwork_end=dt.date(2026, 11, 20), stage="fieldwork", created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")
    case_list = CaseList.objects.create(inspection=inspection, sample_type="case-supervision",
                                        filename="cases.csv", row_count=0, content=b"")
    sample = Sample.objects.create(inspection=inspection, sample_type="case-supervision",
                                   case_list=case_list, seed=1, eligible=10, size=1,
                                   fieldwork_start=inspection.fieldwork_start, methodology="-")
    SampledCase.objects.create(sample=sample, case_reference="CS1", attributes={},
                               status="sampled", assigned_to=lead)
    return {"inspection": inspection, "lead": lead}


def test_checklist_links_and_a_reopen_with_a_reason(pages: Pages,
                                                    world: dict[str, Any]) -> None:
    pk = world["inspection"].pk
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{pk}/stage/")
    lead.wait_for_selector("#checklist-missing")
    pages.axe(lead)
    missing = lead.inner_text("#checklist-missing")
    assert "A drawn unpaid work sample: standard 4.1 is rated from its cases" in missing
    assert "Everything needed is done" not in lead.content()

    lead.click("#checklist-missing a:has-text('A drawn unpaid work sample')")
    # No unpaid work list yet: the draw link sends the lead on to the upload.
    lead.wait_for_url(f"**/inspections/{pk}/samples/unpaid-work/upload/")
    pages.axe(lead)

    lead.goto(f"/inspections/{pk}/stage/")
    lead.click("button:has-text('Move back to planning')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "say why the inspection goes back to planning" in lead.inner_text(
        ".govuk-error-summary")

    lead.fill("#reason", "The unpaid work sample was never drawn")
    lead.click("button:has-text('Move back to planning')")
    lead.wait_for_selector("text=The inspection has moved back from fieldwork to planning")
    pages.axe(lead)
    assert "Planning" in lead.inner_text("#stage-summary")
    event = AuditEvent.objects.get(action="stage-changed")
    assert event.after == {"stage": "planning", "reopened": True,
                           "reason": "The unpaid work sample was never drawn"}
    assert len(pages.checked) >= 6
