"""Issue 13 in a real browser: the lead opens "Reopen this assessment" on a submitted case,
is refused without a reason, then reopens it with one; the case history shows the reason.
axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import (
    Assessment,
    CaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = get_user_model().objects
    lead = users.create_user("lead", password=PASSWORD, first_name="Lena", last_name="Lead")
    inspector = users.create_user("inspector", password=PASSWORD, first_name="Ian",
                                  last_name="Inspector")
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Reopen Test CRC"), framework_id="hmip-crc-2018",
        framework_version="2018.1", fieldwork_start=dt.date(2026, 11, 2),
        fieldwork_end=dt.date(2026, 11, 20), stage="fieldwork", created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")
    TeamMember.objects.create(inspection=inspection, user=inspector, role="inspector")
    case_list = CaseList.objects.create(inspection=inspection, sample_type="case-supervision",
                                        filename="cases.csv", row_count=0, content=b"")
    sample = Sample.objects.create(inspection=inspection, sample_type="case-supervision",
                                   case_list=case_list, seed=1, eligible=10, size=1,
                                   fieldwork_start=inspection.fieldwork_start, methodology="-")
    case = SampledCase.objects.create(sample=sample, case_reference="CS1", attributes={},
                                      status="sampled", assigned_to=inspector)
    Assessment.objects.create(sampled_case=case, assessor=inspector, status="submitted",
                              framework_id="hmip-crc-2018", framework_version="2018.1")
    return {"inspection": inspection, "case": case}


def test_the_lead_reopens_an_assessment_with_a_reason(pages: Pages,
                                                      world: dict[str, Any]) -> None:
    case = world["case"]
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/cases/{case.pk}/")
    lead.wait_for_selector("#reopen")
    pages.axe(lead)
    lead.click("#reopen summary")
    lead.click("button:has-text('Reopen this assessment')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "needs a reason" in lead.inner_text(".govuk-error-summary")

    lead.fill("#reason", "Recheck the risk of harm in 2.1")
    lead.click("button:has-text('Reopen this assessment')")
    lead.wait_for_selector("text=Assessment of CS1 reopened")
    pages.axe(lead)
    assert Assessment.objects.get(sampled_case=case).status == "returned"
    assert AuditEvent.objects.filter(action="assessment-reopened").count() == 1

    lead.goto(f"/cases/{case.pk}/history/")
    lead.wait_for_selector("#history")
    pages.axe(lead)
    assert "Recheck the risk of harm in 2.1" in lead.inner_text("#history")
