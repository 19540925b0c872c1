"""How a prompt's finding is put, in a real browser (issue 14): the lead opens a standard's
findings from its strengths page, turns one prompt's sentence to what was not done, and the
report prints the sentence the choice showed; axe-core on every page."""

from __future__ import annotations

from probation_inspection.web.inspections.models import Inspection

from .conftest import Pages, screenshot, sign_in


def test_a_prompts_framing_is_chosen_and_printed(pages: Pages, wales: Inspection) -> None:
    lead = sign_in(pages, "lead")
    lead.goto(f"/inspections/{wales.pk}/report/standards/2.1/")
    lead.wait_for_selector("#candidates")
    lead.click("#framings-link")
    lead.wait_for_selector("#framings")
    pages.axe(lead)
    screenshot(lead, "report-framings.png", height=1600)

    # The first prompt put as the figures suggest whose other reading differs from it.
    chosen = None
    for fieldset in lead.locator("#framings fieldset").all():
        printed = fieldset.locator(".govuk-inset-text p.govuk-body").inner_text()
        negative = fieldset.locator(".govuk-radios__hint").nth(2).inner_text()
        auto = fieldset.locator("input[value='auto']")
        if auto.is_checked() and printed.removeprefix("Prints as: ") != negative:
            chosen = (fieldset, negative)
            break
    assert chosen is not None, "2.1 has a prompt whose finding can be turned round"
    fieldset, negative = chosen
    prompt = fieldset.locator("legend").inner_text().split(". ")[0]
    fieldset.get_by_label("What was not done").check()
    lead.click("#framings button:has-text('Save')")
    lead.wait_for_selector("text=How 2.1's findings are put is saved")
    pages.axe(lead)
    saved = lead.locator(f".app-framing[data-prompt='{prompt}']")
    assert saved.locator("input[value='negative']").is_checked()
    assert negative in saved.locator(".govuk-inset-text").inner_text()

    lead.goto(f"/inspections/{wales.pk}/report/")
    lead.wait_for_selector("#standard-2\\.1")
    pages.axe(lead)
    assert negative in lead.inner_text("#standard-2\\.1")
