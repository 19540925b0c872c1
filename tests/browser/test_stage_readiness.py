"""Issue 13 in a real browser: the lead reads the stage page's readiness checklist, follows a
link to a missing sample, and moves the inspection back a stage with a reason (refused first
without one). axe-core checks every page visited.
"""

from __future__ import annotations

from typing import Any

import pytest

from probation_inspection.web.audit.models import AuditEvent

from .conftest import Pages
from .steps import PASSWORD, one_case_inspection, users


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    lead = users(settings, [("lead", "Lena")])["lead"]
    inspection, _ = one_case_inspection("Readiness Test CRC", "fieldwork", lead)
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
