"""Issue 13 in a real browser: the lead ticks cases and gives them to one inspector, previews
and confirms an automatic allocation, and redraws the sample with a new seed and a reason (the
earlier draw then shows in the history). axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import CaseList, Sample
from probation_inspection.web.casework.sampling import draw_sample
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = get_user_model().objects
    lead = users.create_user("lead", password=PASSWORD, first_name="Lena", last_name="Lead")
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Assignment Test CRC"),
        framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=dt.date(2026, 11, 2), fieldwork_end=dt.date(2026, 11, 20),
        stage="planning", created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")
    for username, first in (("ian", "Ian"), ("ivy", "Ivy")):
        TeamMember.objects.create(inspection=inspection, role="inspector",
                                  user=users.create_user(username, first_name=first,
                                                         last_name="Inspector"))
    content = case_list_csv(inspection.fieldwork_start, 150, seed=3)
    case_list = CaseList.objects.create(inspection=inspection, sample_type="case-supervision",
                                        filename="cases.csv", row_count=150, content=content)
    draw_sample(inspection, case_list, lead, seed=42, confidence=0.8, margin=5, size=8)
    return {"inspection": inspection}


def test_bulk_and_automatic_allocation_and_a_redraw(pages: Pages,
                                                    world: dict[str, Any]) -> None:
    pk = world["inspection"].pk
    sample_url = f"/inspections/{pk}/samples/case-supervision/"
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(sample_url)
    lead.wait_for_selector("#workload")
    pages.axe(lead)
    assert "8 cases not yet assigned" in lead.inner_text("#unassigned-count")

    # Bulk: tick three cases and give them all to Ian.
    boxes = lead.locator("#cases input[name=ticked]")
    for index in range(3):
        boxes.nth(index).check()
    lead.select_option("#inspector", label="Ian Inspector")
    lead.click("#assign-ticked")
    lead.wait_for_selector("text=3 cases assigned")
    pages.axe(lead)
    assert "Ian Inspector" in lead.inner_text("#workload")

    # Automatic: preview first (nothing changes), then confirm the same split.
    lead.fill("#seed", "7")
    lead.click("#preview-allocation")
    lead.wait_for_selector("#allocation-preview")
    pages.axe(lead)
    assert "This would assign 5 cases" in lead.inner_text("#allocation-preview")
    lead.click("#confirm-allocation")
    lead.wait_for_selector("text=5 cases assigned")
    pages.axe(lead)
    assert lead.locator("#unassigned-count").count() == 0
    assert AuditEvent.objects.filter(action="cases-allocated").count() == 1

    # Redraw: refused without a reason, then drawn again with a new seed.
    lead.click("#redraw-link")
    lead.wait_for_selector("h1:has-text('Redraw the sample')")
    pages.axe(lead)
    lead.fill("#seed", "99")
    lead.fill("#size", "8")
    lead.click("button:has-text('Redraw the sample')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "Say why the sample is redrawn" in lead.inner_text(".govuk-error-summary")
    lead.fill("#reason", "Wrong office in the first export")
    lead.click("button:has-text('Redraw the sample')")
    lead.wait_for_selector("#draw-history")
    pages.axe(lead)
    assert lead.inner_text("#seed-in-force") == "99"
    history = lead.inner_text("#draw-history")
    assert "42" in history and "Wrong office in the first export" in history
    assert Sample.draws.filter(inspection_id=pk).count() == 2
    assert len(pages.checked) >= 8
