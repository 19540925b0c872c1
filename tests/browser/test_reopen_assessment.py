"""Issue 13 in a real browser: the lead opens "Reopen this assessment" on a submitted case,
is refused without a reason, then reopens it with one; the case history shows the reason.
axe-core checks every page visited.
"""

from __future__ import annotations

from typing import Any

import pytest

from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Assessment

from .conftest import Pages
from .steps import PASSWORD, one_case_inspection, users


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    team = users(settings, [("lead", "Lena"), ("inspector", "Ian")])
    inspector = team["inspector"]
    inspection, case = one_case_inspection("Reopen Test CRC", "fieldwork", team["lead"],
                                           inspector=inspector)
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
