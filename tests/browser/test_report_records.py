"""The report's written records in a real browser (issue 14): the lead accepts a proposed
strength, makes a practice example from a flagged note and approves it, adds a
recommendation, and sees all three in the report page; axe-core on every page."""

from __future__ import annotations

from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports.models import PracticeExample

from .conftest import Pages, screenshot, sign_in


def test_a_strength_an_approved_example_and_a_recommendation_reach_the_report(
    pages: Pages, wales: Inspection
) -> None:
    # The demo's own approved examples are records of its flagged notes: start afresh.
    PracticeExample.objects.filter(inspection=wales).delete()
    lead = sign_in(pages, "lead")
    lead.goto(f"/inspections/{wales.pk}/report/")
    lead.wait_for_selector("#report")
    pages.axe(lead)

    # A strength, accepted from the sentences the data proposes.
    lead.click("a:has-text('Strengths and areas')")
    lead.wait_for_selector("#standards")
    pages.axe(lead)
    lead.click("a:has-text('2.1. Assessment')")
    lead.wait_for_selector("#candidates")
    pages.axe(lead)
    proposed = lead.locator("#candidates .app-candidate p.govuk-body").first.inner_text()
    screenshot(lead, "report-strengths-candidates.png", height=1600)
    lead.locator("#candidates button:has-text('Accept')").first.click()
    lead.wait_for_selector("text=Strength added to 2.1")
    pages.axe(lead)
    assert proposed in lead.inner_text("#strengths")

    # A practice example from a flagged case note: names changed, saved, approved.
    lead.goto(f"/inspections/{wales.pk}/report/practice/")
    lead.wait_for_selector("#flagged-notes")
    pages.axe(lead)
    lead.locator("#flagged-notes a").first.click()
    lead.wait_for_selector("#practice-form")
    pages.axe(lead)
    lead.fill("#text", "Kevin was seen at home every week, and Kevin's plan was reviewed "
                       "with his family.")
    lead.fill("#names", "Kevin = Kieran")
    lead.check("#kind")  # good practice (the note's own answer may have made it poor)
    lead.click("button:has-text('Save as a draft')")
    lead.wait_for_selector("text=Practice example saved as a draft")
    pages.axe(lead)
    assert "Draft" in lead.inner_text("#examples")
    lead.locator("#examples button:has-text('Approve')").first.click()
    lead.wait_for_selector("text=Practice example approved")
    pages.axe(lead)
    screenshot(lead, "report-practice-examples.png", height=1400)

    # A recommendation to the provider.
    lead.goto(f"/inspections/{wales.pk}/report/recommendations/")
    lead.wait_for_selector("#recommendation-form")
    pages.axe(lead)
    lead.fill("#addressee", "The Wales division of KSS CRC")
    lead.fill("#text", "improve the quality of planning to address risk of harm")
    lead.click("button:has-text('Add the recommendation')")
    lead.wait_for_selector("text=Recommendation added")
    pages.axe(lead)

    lead.goto(f"/inspections/{wales.pk}/report/")
    lead.wait_for_selector("#standard-2\\.1")
    pages.axe(lead)
    assessment = lead.inner_text("#standard-2\\.1")
    assert "Strengths:" in assessment and proposed in assessment
    practice = lead.locator(".report-practice", has_text="Kieran was seen at home").inner_text()
    assert practice.startswith("Good practice example:") and "Kevin" not in practice
    recommendations = lead.inner_text("#recommendations")
    assert "The Wales division of KSS CRC should:" in recommendations
    assert "improve the quality of planning to address risk of harm" in recommendations
