"""A PDU 2021-23 inspection (hmip-pdu-2021) in a real browser (issue 12): create it, upload a
generated case list, draw and assign, assess and submit two cases, then at the rating stage
record domain-one evidence, answer the judgement standards' key questions, and reach the
ratings page showing the nine PDU standards, the answers beside domain one, and why court
work has no rating yet. axe-core checks every page visited.

Moderation is not the point here: the stage moves to rating through the test helper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import set_stage
from probation_inspection.web.casework.models import Assessment, SampledCase
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import KeyQuestionAnswer

from .conftest import Pages
from .steps import (
    FIELDWORK,
    PASSWORD,
    assess,
    assign_first,
    create_inspection,
    open_case,
    upload_and_draw,
    users,
)

PDU_STANDARDS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5"]


@pytest.fixture
def people(transactional_db: None, settings: Any) -> dict[str, Any]:
    return users(settings, [("lead", "Lena"), ("inspector", "Ian")], manager="lead")


def _create_and_draw(pages: Pages, people: dict[str, Any], tmp_path: Path) -> tuple[Any, str]:
    lead, inspection_url = create_inspection(pages, "Browser Test PDU", "hmip-pdu-2021@2021.1",
                                             "inspector")
    lead.click("text=Upload a case list for case supervision")
    pages.axe(lead)
    cases = tmp_path / "cases.csv"
    cases.write_bytes(case_list_csv(FIELDWORK, 120, seed=5))
    upload_and_draw(pages, lead, cases, size=3, seed=7)
    assign_first(pages, lead, 3, people["inspector"])

    lead.goto(inspection_url)
    lead.click("text=Move to fieldwork")
    lead.wait_for_selector("#stage-needs:has-text('Nothing holds up the move')")
    pages.axe(lead)
    # The checklist looks ahead to domain one's key questions, still to answer.
    assert ("Key questions of standard 1.1 to answer on the evidence pages"
            in lead.inner_text("main"))
    lead.click("button:has-text('Move to fieldwork')")
    lead.wait_for_selector("text=The inspection has moved from planning to fieldwork")
    pages.axe(lead)
    return lead, inspection_url


def _assess(page: Any, pages: Pages, reference: str) -> None:
    """Open the case from My cases, say no to every case question (no pre-sentence advice, no
    RoSH issues), save, answer every question shown yes and submit."""
    open_case(pages, page, reference)
    assess(pages, page, rosh=False, judgement="yes")
    pages.axe(page)


@pytest.mark.slow
def test_pdu_inspection_journey(pages: Pages, people: dict[str, Any], tmp_path: Path) -> None:
    lead, inspection_url = _create_and_draw(pages, people, tmp_path)
    inspection = Inspection.objects.get(provider__name="Browser Test PDU")
    assert (inspection.framework_id, inspection.framework_version) == ("hmip-pdu-2021", "2021.1")
    assigned = list(SampledCase.objects.filter(sample__inspection=inspection,
                                               assigned_to=people["inspector"])
                    .order_by("case_reference"))
    assert len(assigned) == 3
    inspector = pages.sign_in("inspector", PASSWORD)
    for case in assigned[:2]:
        _assess(inspector, pages, case.case_reference)
    assert Assessment.objects.filter(status="submitted").count() == 2

    # Moderation is not this journey's point: straight to rating.
    set_stage(inspection, "rating")

    # Domain-one evidence: a meeting, then the key questions of standard 1.1.
    lead.goto(inspection_url)
    lead.click("text=Domain one evidence")
    lead.wait_for_selector("h1:has-text('Domain one evidence')")
    pages.axe(lead)
    assert "Standard 1.1 Leadership: 0 of 3 answered" in lead.inner_text("main")
    lead.click("text=Record a meeting or focus group")
    pages.axe(lead)
    lead.check("input[name='kind'][value='meeting']")
    lead.fill("#id_held_on", "2026-11-04")
    lead.select_option("#id_role_group", "senior-managers")
    lead.fill("#id_participants", "Head of PDU\nSenior probation officer")
    lead.fill("#id_notes", "The delivery plan is known to staff; risks are on the register.")
    lead.check("input[name='standards'][value='1.1']")
    lead.click("button:has-text('Save meeting')")
    lead.wait_for_selector("text=recorded")
    pages.axe(lead)

    lead.click("a:has-text('Answer key question 1.1.1')")
    lead.wait_for_selector("h1:has-text('Key question 1.1.1')")
    pages.axe(lead)
    assert "Do leaders set and communicate a clear vision and strategy?" in lead.inner_text(
        "#prompts")
    # A judgement with nothing cited is refused, saying why.
    lead.fill("#id_judgement", "A clear vision, set out in the delivery plan.")
    lead.click("button:has-text('Save answer')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "cite at least one evidence item" in lead.inner_text(".govuk-error-summary")
    lead.check("#evidence input[type='checkbox']")
    lead.click("button:has-text('Save answer')")
    lead.wait_for_selector("text=Key question 1.1.1 answered (version 1)")
    pages.axe(lead)
    assert "Standard 1.1 Leadership: 1 of 3 answered" in lead.inner_text("main")
    lead.click("a:has-text('Answer key question 1.1.3')")
    lead.wait_for_selector("h1:has-text('Key question 1.1.3')")
    lead.fill("#id_judgement", "Risks are on the register and reviewed monthly.")
    lead.check("#evidence input[type='checkbox']")
    lead.click("button:has-text('Save answer')")
    lead.wait_for_selector("text=Key question 1.1.3 answered (version 1)")
    assert KeyQuestionAnswer.objects.filter(inspection=inspection).count() == 2

    # The ratings page: the nine PDU standards, domain one's answers beside it, and court
    # work unrated because no submitted case had pre-sentence advice.
    lead.click("text=Ratings")
    lead.wait_for_selector("h1:has-text('Ratings')")
    pages.axe(lead)
    rows = lead.locator("#ratings tbody tr")
    assert [rows.nth(i).get_attribute("data-standard") for i in range(rows.count())] == \
        PDU_STANDARDS
    assert ("Key questions: 2 of 3 key questions answered, citing M"
            in lead.inner_text("tr[data-standard='1.1']"))
    assert "not yet 1.1.2" in lead.inner_text("tr[data-standard='1.1']")
    # No case had pre-sentence advice: court work is reported not rated, needing no decision.
    court = lead.inner_text("tr[data-standard='2.1']")
    assert "Not rated" in court and "No relevant cases in its sample" in court
    assert "Still to decide" in lead.inner_text("main")

    # The judgement of 1.1 rests on its answers: the decision page shows them.
    lead.click("a:has-text('Decide standard 1.1')")
    lead.wait_for_selector("h1:has-text('Standard 1.1 Leadership')")
    pages.axe(lead)
    assert "A clear vision, set out in the delivery plan." in lead.inner_text("#key-questions ~ dl")
    lead.select_option("#id_rating", "Good")
    lead.fill("#id_rationale", "Vision and risk management are sound (1.1.1, 1.1.3).")
    lead.check("#evidence input[type='checkbox']")
    lead.click("button:has-text('Record decision')")
    lead.wait_for_selector("text=Decision on standard 1.1 recorded")
    pages.axe(lead)
    assert "Good" in lead.inner_text("tr[data-standard='1.1'] .app-decision")
