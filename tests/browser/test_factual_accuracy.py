"""Issue 13's factual-accuracy check in a real browser: the provider reader finds the draft in
their inspection list (and has an email about it), sends an empty comment and is shown the
error, comments on a domain; the lead is held back from signing off, answers the comment and
signs off. axe-core checks every page visited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import mail

import factories
from helpers import PASSWORD
from probation_inspection.web.reports.models import ReportComment, ReportState, ReportVersion

from .conftest import Pages, screenshot


@pytest.fixture
def staged(transactional_db: None, settings: Any, tmp_path: Path) -> factories.Staged:
    """An inspection built to the reporting stage through the app's services; the team's
    provider reader and lead have email addresses."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    staged = factories.reporting()
    for key in ("lead", "reader"):
        user = staged.team[key]
        user.email = f"{key}@example.org"
        user.save(update_fields=["email"])
    return staged


@pytest.mark.slow
def test_provider_finds_the_draft_comments_and_the_lead_answers_and_signs_off(
    pages: Pages, staged: factories.Staged
) -> None:
    inspection = staged.inspection
    name = inspection.provider.name
    report = f"/inspections/{inspection.pk}/report/"

    lead = pages.sign_in("staged-lead", PASSWORD)
    lead.goto(report)
    lead.wait_for_selector("#report")
    pages.axe(lead)
    mail.outbox.clear()
    lead.click("#move")
    lead.wait_for_selector("#report-state:has-text('Factual-accuracy check')")
    pages.axe(lead)
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]

    # The reader finds it from their own list: no address typed.
    reader = pages.sign_in("staged-reader", PASSWORD)
    reader.goto("/")
    reader.click(f"a:has-text('{name}')")
    reader.wait_for_selector("#comment-form")
    assert reader.url.endswith(report)
    pages.axe(reader)
    # An empty comment is an error in the summary, linked to the box.
    reader.click("button:has-text('Send comment')")
    reader.wait_for_selector(".govuk-error-summary")
    assert "Enter your comment" in reader.inner_text(".govuk-error-summary")
    assert reader.locator(".govuk-notification-banner").count() == 0
    pages.axe(reader)
    reader.select_option("#id_section", "domain-1")
    reader.fill("#id_text", "The operating model changed in April, not May.")
    reader.click("button:has-text('Send comment')")
    reader.wait_for_selector("text=Comment sent to the inspection team")
    assert "Not answered yet" in reader.inner_text("#comments")
    pages.axe(reader)

    # The lead cannot sign off while the comment waits; answers it; signs off.
    lead.goto(report)
    assert "1 factual-accuracy comment waits for an answer" in lead.inner_text("#unanswered")
    pages.axe(lead)
    lead.click("#move")
    lead.wait_for_selector("text=Nothing was changed")
    assert ReportVersion.objects.get(inspection=inspection).state == (
        ReportState.FACTUAL_ACCURACY_CHECK)
    pages.axe(lead)
    lead.click("#comments a:has-text('Answer')")
    lead.wait_for_selector("#answer-form")
    pages.axe(lead)
    lead.check("#answer-not-accepted")
    lead.click("button:has-text('Save the answer')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    lead.fill("#reason", "The board minutes date the change to May.")
    screenshot(lead, "report-answer-comment.png", height=1000)
    lead.click("button:has-text('Save the answer')")
    lead.wait_for_selector("text=every comment is answered")
    assert "Not accepted" in lead.inner_text("#comments")
    pages.axe(lead)
    lead.click("#move")
    lead.wait_for_selector("#report-state:has-text('Signed off')")
    pages.axe(lead)
    comment = ReportComment.objects.get()
    assert comment.answer == "not-accepted" and comment.answered_by == staged.team["lead"]
