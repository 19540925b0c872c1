"""The factual-accuracy check end to end for the provider and the lead (issue 13): the reader
finds the draft in their list and is emailed; comments per section, with errors in the error
summary; the lead answers each; sign-off waits for every answer; the log exports as a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from helpers import client_for
from helpers import move_report as move
from helpers import report_url as url
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, Stage
from probation_inspection.web.reports.models import ReportComment, ReportState, ReportVersion


@pytest.fixture
def reporting(inspection: Inspection, users: dict[str, Any], var_dir: Path) -> Inspection:
    """The shared small inspection at the reporting stage, its team with email addresses."""
    for name, user in users.items():
        user.email = f"{name}@example.org"
        user.save(update_fields=["email"])
    Inspection.objects.filter(pk=inspection.pk).update(stage=Stage.REPORTING)
    inspection.refresh_from_db()
    return inspection


def _state(inspection: Inspection) -> str:
    return ReportVersion.objects.get(inspection=inspection).state


def _comment(inspection: Inspection, text: str, section: str = "") -> ReportComment:
    response = client_for("reader").post(url("comment", inspection),
                                         {"section": section, "text": text})
    assert response.status_code == 302
    return ReportComment.objects.filter(text=text).get()


def test_the_reader_finds_the_draft_in_their_list_and_is_emailed(
        reporting: Inspection, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.SITE_URL = "https://inspect.example.org"
    reader = client_for("reader")
    listing = reverse("inspections:list")
    overview = reverse("inspections:detail", args=[reporting.pk])
    assert reporting.provider.name.encode() not in reader.get(listing).content
    assert reader.get(overview).status_code == 404
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(client_for("lead"), reporting, "draft")
    # In their list, and the overview the list links to takes them to the draft.
    assert reporting.provider.name.encode() in reader.get(listing).content
    opened = reader.get(overview)
    assert opened.status_code == 302 and opened["Location"] == url("report", reporting)
    page = reader.get(url("report", reporting))
    assert page.status_code == 200
    assert f'href="{overview}"'.encode() not in page.content  # no link to a page not theirs
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "factual-accuracy check" in message.subject
    assert f"https://inspect.example.org{url('report', reporting)}" in message.body
    # Once signed off the draft is gone from their list again.
    move(client_for("lead"), reporting, "factual-accuracy-check")
    assert reporting.provider.name.encode() not in reader.get(listing).content
    assert reader.get(overview).status_code == 404


def test_an_empty_comment_is_an_error_not_a_notice(reporting: Inspection) -> None:
    move(client_for("lead"), reporting, "draft")
    page = client_for("reader").post(url("comment", reporting), {"section": "", "text": " "})
    assert page.status_code == 400
    content = page.content.decode()
    assert "govuk-error-summary" in content and 'href="#id_text"' in content
    assert "govuk-notification-banner" not in content
    assert ReportComment.objects.count() == 0


def test_a_comment_names_its_section_and_the_leads_are_emailed(
        reporting: Inspection, django_capture_on_commit_callbacks: Any) -> None:
    move(client_for("lead"), reporting, "draft")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = _comment(reporting, "The caseload is 1,204, not 1,240.", section="domain-1")
    assert comment.section == "domain-1"
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]
    assert "1. Organisational delivery" in message.body and "1,204" in message.body
    page = client_for("lead").get(url("report", reporting)).content.decode()
    assert "1. Organisational delivery" in page and "Not answered yet" in page
    # The reader sees their comments with the answers, under their own heading.
    reader_page = client_for("reader").get(url("report", reporting)).content.decode()
    assert "Comments sent to the inspection team" in reader_page
    assert "Not answered yet" in reader_page


def test_the_lead_answers_and_sign_off_waits_for_every_answer(reporting: Inspection) -> None:
    lead, inspector = client_for("lead"), client_for("inspector")
    move(lead, reporting, "draft")
    first = _comment(reporting, "The caseload is 1,204.")
    second = _comment(reporting, "The office closed in May.")
    # Sign-off is refused while a comment waits, and the page says how many.
    page = lead.get(url("report", reporting)).content.decode()
    assert "2 factual-accuracy comments wait for an answer" in page
    refused = lead.post(url("move", reporting), {"from": "factual-accuracy-check"}, follow=True)
    assert "2 factual-accuracy comments wait for an answer" in refused.content.decode()
    assert _state(reporting) == ReportState.FACTUAL_ACCURACY_CHECK
    # Only the lead answers.
    answer_url = url("answer", reporting, comment=first.pk)
    assert inspector.get(answer_url).status_code == 403
    assert client_for("reader").post(answer_url, {"answer": "accepted"}).status_code == 403
    # Not accepted needs a reason: the error points at the reason box.
    missing = lead.post(answer_url, {"answer": "not-accepted", "reason": "  "})
    assert missing.status_code == 400
    assert 'href="#reason"' in missing.content.decode()
    no_choice = lead.post(answer_url, {"reason": "x"})
    assert no_choice.status_code == 400 and 'href="#answer"' in no_choice.content.decode()
    assert lead.post(answer_url, {"answer": "changed", "reason": "Now 1,204"}).status_code == 302
    lead.post(url("move", reporting), {"from": "factual-accuracy-check"})
    assert _state(reporting) == ReportState.FACTUAL_ACCURACY_CHECK
    assert lead.post(url("answer", reporting, comment=second.pk),
                     {"answer": "not-accepted", "reason": "It closed in June."}).status_code == 302
    first.refresh_from_db()
    assert (first.answer, first.answer_reason) == ("changed", "Now 1,204")
    events = AuditEvent.objects.filter(action="report-comment-answered").order_by("pk")
    assert [e.after["answer"] for e in events] == ["changed", "not-accepted"]
    lead.post(url("move", reporting), {"from": "factual-accuracy-check"})
    assert _state(reporting) == ReportState.SIGNED_OFF
    # Signed off: answers are fixed.
    assert lead.post(answer_url, {"answer": "accepted"}).status_code == 403


def test_the_log_of_comments_and_answers_exports_as_a_table(reporting: Inspection) -> None:
    lead = client_for("lead")
    move(lead, reporting, "draft")
    comment = _comment(reporting, "=HYPERLINK(\"http://x\") is wrong", section="domain-1")
    lead.post(url("answer", reporting, comment=comment.pk),
              {"answer": "not-accepted", "reason": "The report is right."})
    response = lead.get(url("comment-log", reporting, fmt="csv"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Comment", "Version", "Section"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Section"] == "1. Organisational delivery"
    assert row["Answer"] == "Not accepted" and row["Reason or change"] == "The report is right."
    assert not row["Comment text"].startswith("=")  # never run as a formula
    book = load_workbook(io.BytesIO(lead.get(url("comment-log", reporting, fmt="xlsx")).content))
    sheet = book["Factual-accuracy comments"]
    assert sheet.cell(2, 7).value == "Not accepted"
    assert lead.get(url("comment-log", reporting, fmt="pdf")).status_code == 404
    assert client_for("reader").get(url("comment-log", reporting, fmt="csv")).status_code == 403
    assert AuditEvent.objects.filter(action="report-downloaded", target="comments-csv").exists()
