"""A thematic inspection, whose framework rates nothing, in a real browser (issue 12): the lead
creates it choosing the framework labelled "no ratings", uploads a case list generated for the
framework's own sample type (read from the framework, not the CRC's case supervision), draws and
assigns; the inspector assesses and submits the one case; at the rating stage the stage
checklist and the ratings page say the framework rates nothing and the lead moves on; the
report page shows the findings as proportions with no rating anywhere. axe-core checks every
page visited.

Moderation is not the point here: the stage moves to rating through the test helper. The
framework is the first in the shipped library that rates nothing, never named here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import case_list_for, set_stage
from probation_inspection.framework import load_framework
from probation_inspection.framework.library import available_frameworks
from probation_inspection.web.casework.models import Assessment, SampledCase
from probation_inspection.web.inspections.models import Inspection

from .conftest import Pages, screenshot
from .steps import (
    PASSWORD,
    assess,
    assign_first,
    create_inspection,
    open_case,
    upload_and_draw,
    users,
)

UNRATED = next(f"{item.id}@{item.version}" for item in available_frameworks() if not item.rated)
PROVIDER = "Browser Test Thematic"
RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated")


@pytest.fixture
def people(transactional_db: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.VAR_DIR = tmp_path
    return users(settings, [("lead", "Lena"), ("inspector", "Ian")], manager="lead")


@pytest.mark.slow
def test_thematic_inspection_journey(pages: Pages, people: dict[str, Any],
                                     tmp_path: Path) -> None:
    # The framework is offered, its label saying it gives no ratings.
    lead = pages.sign_in("lead", PASSWORD)
    lead.click("text=Create an inspection")
    label = lead.inner_text(f"#id_framework option[value='{UNRATED}']")
    assert label.endswith(", no ratings)")
    lead.close()
    lead, inspection_url = create_inspection(pages, PROVIDER, UNRATED, "inspector")
    inspection = Inspection.objects.get(provider__name=PROVIDER)
    assert f"{inspection.framework_id}@{inspection.framework_version}" == UNRATED

    # Its one sample type, its own: the overview offers it and not the CRC's samples.
    [definition] = load_framework(inspection.framework_id,
                                  inspection.framework_version).sample_types
    assert "Case supervision" not in lead.inner_text("main")
    lead.click(f"text=Upload a case list for {definition.label.lower()}")
    pages.axe(lead)
    cases = tmp_path / "cases.csv"
    content, _ = case_list_for(definition, inspection.fieldwork_start, 120, seed=5)
    cases.write_bytes(content)
    upload_and_draw(pages, lead, cases, size=1, seed=7)
    assign_first(pages, lead, 1, people["inspector"])
    lead.goto(inspection_url)
    lead.click("text=Move to fieldwork")
    lead.wait_for_selector("text=Everything needed is done")
    assert "This framework rates nothing" in lead.inner_text("main")
    pages.axe(lead)
    lead.click("button:has-text('Move to fieldwork')")
    lead.wait_for_selector("text=The inspection has moved from planning to fieldwork")

    inspector = pages.sign_in("inspector", PASSWORD)
    [case] = SampledCase.objects.filter(sample__inspection=inspection,
                                        assigned_to=people["inspector"])
    open_case(pages, inspector, case.case_reference)
    # About the case: the agency and the disposal (choices of this framework's; a question is
    # asked only of community orders and suspended sentences), then no to every yes/no.
    inspector.check("input[name='attribute-agency'][value='CRC']")
    inspector.check("input[name='attribute-disposal'][value='community order']")
    assess(pages, inspector, rosh=False, judgement="yes")
    pages.axe(inspector)
    assert Assessment.objects.filter(status="submitted").count() == 1

    # Moderation is not this journey's point: straight to rating.
    set_stage(inspection, "rating")
    lead.goto(inspection_url)
    lead.click("text=Move to reporting")
    lead.wait_for_selector("text=This framework rates nothing")
    pages.axe(lead)
    lead.goto(inspection_url)
    lead.click("text=Ratings")
    lead.wait_for_selector("h1:has-text('Ratings')")
    pages.axe(lead)
    assert "This framework rates nothing: " in lead.inner_text("#rates-nothing")
    assert lead.locator("#ratings").count() == 0
    lead.click("button:has-text('Move to the reporting stage')")
    lead.wait_for_selector("text=The inspection has moved to the reporting stage")
    pages.axe(lead)
    inspection.refresh_from_db()
    assert inspection.stage == "reporting"

    lead.goto(inspection_url)
    lead.click("text=Inspection report")
    lead.wait_for_selector("text=This inspection gives no ratings")
    pages.axe(lead)
    findings_top = lead.evaluate("document.getElementById('overall-findings')"
                                 ".getBoundingClientRect().top + window.scrollY")
    screenshot(lead, "thematic-report.png", top=findings_top - 20, height=1400)
    text = lead.inner_text("main")
    assert "Summary of ratings" not in text
    # One case assessed: its findings speak of the one case, never of "all of the cases".
    assert "the one case we inspected" in text or "the one relevant case" in text, text[:2000]
    assert "all of the cases" not in text
    for rating in RATINGS:
        assert rating not in text, rating
