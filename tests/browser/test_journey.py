"""The inspection journey in a real browser: create, upload, draw, assign, move to fieldwork,
assess, results; and a stale-edit conflict and a permission refusal. axe-core checks every
page visited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from probation_inspection.web.casework.models import Assessment, SampledCase
from probation_inspection.web.demo import case_list_csv

from .conftest import Pages, screenshot
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

BAD_CASE_LIST = (
    b"CRN,Gender,Disposal,RoSH,Sentence start date,LDU\n"
    b"A000001,Male,Community order,Low,2026-04-20,North\n"
    b"A000002,Robot,Community order,Low,2026-04-20,North\n"
)


@pytest.fixture
def people(transactional_db: None, settings: Any) -> dict[str, Any]:
    return users(settings, [("lead", "Lena"), ("inspector", "Ian"), ("other", "Olive")],
                 manager="lead")


def create_and_draw(pages: Pages, people: dict[str, Any], tmp_path: Path) -> tuple[Any, str]:
    lead, inspection_url = create_inspection(pages, "Browser Test CRC", "hmip-crc-2018@2018.1",
                                             "inspector\nother")
    # Fieldwork cannot start before a sample is drawn: the stage page says so.
    lead.click("text=Move to fieldwork")
    lead.wait_for_selector("h1:has-text('Stage of the inspection')")
    pages.axe(lead)
    lead.click("button:has-text('Move to fieldwork')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "Draw at least one sample" in lead.inner_text(".govuk-error-summary")
    lead.goto(inspection_url)

    lead.click("text=Upload a case list for case supervision")
    pages.axe(lead)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_CASE_LIST)
    lead.set_input_files("#case_list", str(bad))
    lead.click("button:has-text('Upload and check')")
    lead.wait_for_selector("#problems")
    pages.axe(lead)
    assert lead.locator("#problems tbody tr").first.inner_text().split("\t")[:2] == [
        "3", "Gender"
    ]

    good = tmp_path / "cases.csv"
    good.write_bytes(case_list_csv(FIELDWORK, 120, seed=5))
    upload_and_draw(pages, lead, good, size=4, seed=7)
    assert lead.inner_text("#methodology").startswith("We examined four cases")
    assert lead.locator("#allocation tbody tr").count() >= 1
    assert lead.locator(".app-representativeness").count() == 3

    assign_first(pages, lead, 3, people["inspector"])

    lead.goto(inspection_url)
    lead.click("text=Move to fieldwork")
    # One sample of the framework's three is drawn: the move may go ahead, but the readiness
    # checklist names what rating will still need (the other samples, domain-one evidence).
    lead.wait_for_selector("#stage-needs:has-text('Nothing holds up the move')")
    assert "unpaid work" in lead.inner_text("#checklist-missing").lower()
    screenshot(lead, "stage.png", height=900)
    lead.click("button:has-text('Move to fieldwork')")
    lead.wait_for_selector("text=The inspection has moved from planning to fieldwork")
    pages.axe(lead)
    assert "Fieldwork" in lead.inner_text(".govuk-summary-list")
    return lead, inspection_url


@pytest.mark.slow
def test_inspection_journey(pages: Pages, people: dict[str, Any], tmp_path: Path) -> None:
    lead, inspection_url = create_and_draw(pages, people, tmp_path)
    assigned = list(
        SampledCase.objects.filter(assigned_to=people["inspector"]).order_by("case_reference")
    )
    assert len(assigned) == 3

    inspector = pages.sign_in("inspector", PASSWORD)
    open_case(pages, inspector, assigned[0].case_reference)
    # Before RoSH issues are recorded, keeping-other-people-safe questions cannot be decided.
    assert inspector.locator("#kq-2-2-3").inner_text().find("see whether this applies") > 0
    inspector.check("#attribute-rosh_issues")
    assess(pages, inspector, rosh=True, judgement="yes")
    open_case(pages, inspector, assigned[1].case_reference)
    assess(pages, inspector, rosh=False, judgement="no")
    open_case(pages, inspector, assigned[1].case_reference)
    assert "Not relevant" in inspector.inner_text("#kq-2-2-3")
    open_case(pages, inspector, assigned[2].case_reference)
    inspector.check("#attribute-rosh_issues")
    inspector.click("button:has-text('Save draft')")
    inspector.wait_for_selector("text=Draft saved")
    inspector.check("#answer-2-1-1-p1")
    inspector.check("#answer-2-1-1-p2-no")
    inspector.locator("#kq-2-1-1 summary").first.click()
    inspector.fill("#evidence-2-1-1-p1", "Motivation to engage is analysed in the OASys.")
    top = inspector.locator("h2:has-text('2.1 Assessment')").evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY")
    screenshot(inspector, "assessment-form.png", top=max(0, top - 700), height=1800)

    lead.goto(inspection_url)
    lead.click("text=Live results")
    lead.wait_for_selector("h1:has-text('Live results')")
    pages.axe(lead)
    row = lead.locator("#result-211")
    assert row.locator(".app-percent").inner_text() == "50%"
    assert row.locator(".app-counts").inner_text() == "1 of 2 relevant cases"
    safe = lead.locator("#result-223")
    assert safe.locator(".app-percent").inner_text() == "100%"
    assert safe.locator(".app-counts").inner_text() == "1 of 1 relevant case"
    assert "limited by key question 2.2.1 at 50%" in lead.inner_text("#standard-22")
    screenshot(lead, "results.png")
    assert Assessment.objects.filter(status="submitted").count() == 2


@pytest.mark.slow
def test_stale_edit_and_permission_refusal(
    pages: Pages, people: dict[str, Any], tmp_path: Path
) -> None:
    create_and_draw(pages, people, tmp_path)
    case = SampledCase.objects.filter(assigned_to=people["inspector"]).first()
    assert case is not None

    first = pages.sign_in("inspector", PASSWORD)
    open_case(pages, first, case.case_reference)
    second = first.context.new_page()
    second.goto(first.url)
    first.check("#attribute-rosh_issues")
    first.click("button:has-text('Save draft')")
    first.wait_for_selector("text=Draft saved")
    second.check("#attribute-rosh_issues-no")
    second.click("button:has-text('Save draft')")
    second.wait_for_selector("#changes-since")
    pages.axe(second)
    assert "Someone else saved this assessment" in second.inner_text(".govuk-error-summary")
    assert "Case attribute: Risk of serious harm issues apply" in second.inner_text("main")
    case.refresh_from_db()
    assert case.attributes["rosh_issues"] is True

    other = pages.sign_in("other", PASSWORD)
    other.goto(f"/cases/{case.pk}/substitute/")
    pages.axe(other)
    assert ("cannot upload the case list, draw the sample, assign and substitute cases at the "
            "fieldwork stage") in other.inner_text("#refusal")
    other.goto(f"/cases/{case.pk}/")
    pages.axe(other)
    assert other.locator("button:has-text('Save draft')").count() == 0
