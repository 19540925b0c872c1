"""The report pages per role: reading, the workflow, narrative edits, comments and downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from helpers import client_for, job_file
from helpers import move_report as move
from helpers import report_url as url
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, Stage
from probation_inspection.web.reports.models import (
    NarrativeRevision,
    NarrativeSection,
    ReportComment,
    ReportState,
    ReportVersion,
)


@pytest.fixture
def reporting(inspection: Inspection, var_dir: Path) -> Inspection:
    """The shared small inspection, moved to the reporting stage (no samples yet)."""
    Inspection.objects.filter(pk=inspection.pk).update(stage=Stage.REPORTING)
    inspection.refresh_from_db()
    return inspection


@pytest.mark.parametrize("name,kwargs", [
    ("report", {}), ("narrative", {}), ("section", {"key": "foreword"}),
    ("download", {"fmt": "json"}), ("cases", {"fmt": "csv"}),
])
def test_only_the_team_sees_the_report_pages(reporting: Inspection, name: str,
                                             kwargs: dict[str, str]) -> None:
    assert client_for("outsider").get(url(name, reporting, **kwargs)).status_code == 404
    anonymous = Client().get(url(name, reporting, **kwargs))
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]


def test_before_the_reporting_stage_nobody_reads_the_report(inspection: Inspection) -> None:
    for name in ("lead", "inspector"):
        assert client_for(name).get(url("report", inspection)).status_code == 403
    # To the provider reader the unpublished inspection does not exist: 404, not 403.
    assert client_for("reader").get(url("report", inspection)).status_code == 404


def test_the_workflow_moves_only_forward_and_only_by_the_lead(reporting: Inspection) -> None:
    lead, inspector, reader = (client_for(n) for n in ("lead", "inspector", "reader"))
    assert reader.get(url("report", reporting)).status_code == 404
    assert move(inspector, reporting, "draft").status_code == 403
    assert move(lead, reporting, "draft").status_code == 302
    version = ReportVersion.objects.get(inspection=reporting)
    assert version.state == ReportState.FACTUAL_ACCURACY_CHECK
    # A stale form (the report already moved) changes nothing.
    move(lead, reporting, "draft")
    version.refresh_from_db()
    assert version.state == ReportState.FACTUAL_ACCURACY_CHECK
    assert move(reader, reporting, "factual-accuracy-check").status_code == 403
    assert move(lead, reporting, "factual-accuracy-check").status_code == 302
    version.refresh_from_db()
    assert version.state == ReportState.SIGNED_OFF
    assert list(AuditEvent.objects.filter(inspection=reporting, action="report-state")
                .values_list("after__state", flat=True)) == [
        "factual-accuracy-check", "signed-off"]


def test_the_provider_reader_reads_and_comments_only_during_the_check(
    reporting: Inspection,
) -> None:
    lead, reader = client_for("lead"), client_for("reader")
    comment = {"section": "", "text": "The caseload figure is from September."}
    assert reader.post(url("comment", reporting), comment).status_code == 404
    move(lead, reporting, "draft")
    page = reader.get(url("report", reporting))
    assert page.status_code == 200
    assert b"Comment on factual accuracy" in page.content
    assert b"Edit the narrative" not in page.content
    assert reader.post(url("comment", reporting), comment).status_code == 302
    saved = ReportComment.objects.get()
    assert saved.text == comment["text"] and saved.version.number == 1
    assert AuditEvent.objects.filter(action="report-comment").count() == 1
    # The reader sees neither the team's comments nor any download, and cannot edit.
    assert b"Factual-accuracy comments" not in reader.get(url("report", reporting)).content
    assert reader.get(url("download", reporting, fmt="json")).status_code == 403
    assert reader.get(url("narrative", reporting)).status_code == 403
    assert b"The caseload figure is from September." in lead.get(url("report", reporting)).content
    # Sign-off waits for the lead's answer to every comment (issue 13).
    lead.post(url("answer", reporting, comment=saved.pk), {"answer": "accepted"})
    move(lead, reporting, "factual-accuracy-check")
    assert reader.get(url("report", reporting)).status_code == 404
    assert reader.post(url("comment", reporting), comment).status_code == 404


def test_narrative_edits_are_versioned_audited_and_refused_when_stale(
    reporting: Inspection,
) -> None:
    inspector = client_for("inspector")
    page = inspector.get(url("section", reporting, key="foreword"))
    assert page.status_code == 200
    saved = inspector.post(url("section", reporting, key="foreword"),
                           {"text": "First **draft**.", "version": 0})
    assert saved.status_code == 302
    section = NarrativeSection.objects.get(inspection=reporting, key="foreword")
    assert (section.text, section.version) == ("First **draft**.", 1)
    stale = client_for("other").post(url("section", reporting, key="foreword"),
                                     {"text": "Another draft.", "version": 0})
    assert stale.status_code == 409
    section.refresh_from_db()
    assert section.text == "First **draft**."
    assert list(NarrativeRevision.objects.filter(section=section).values_list(
        "version", "edited_by__username")) == [(1, "inspector")]
    event = AuditEvent.objects.get(action="narrative-edited")
    assert (event.target, event.before, event.after["text"]) == (
        "foreword", {"text": ""}, "First **draft**.")
    assert client_for("lead").get(url("section", reporting, key="no-such")).status_code == 404


def test_narrative_markdown_is_rendered_with_html_escaped(reporting: Inspection) -> None:
    inspector = client_for("inspector")
    inspector.post(url("section", reporting, key="foreword"),
                   {"text": "<script>alert(1)</script> and **bold**", "version": 0})
    preview = inspector.get(url("section", reporting, key="foreword")).content
    assert b"<script>alert(1)</script>" not in preview
    assert b"&lt;script&gt;" in preview and b"<strong>bold</strong>" in preview


def test_reading_roles_cannot_write_or_move(reporting: Inspection) -> None:
    for name in ("reader",):
        client = client_for(name)
        assert client.get(url("narrative", reporting)).status_code == 404
        assert client.post(url("section", reporting, key="foreword"),
                           {"text": "x", "version": 0}).status_code == 404
    assert NarrativeSection.objects.count() == 0


def test_the_published_wales_report_per_role(wales: Inspection) -> None:
    reader = client_for("provider")
    page = reader.get(url("report", wales))
    assert page.status_code == 200
    assert b"Summary of ratings" in page.content and b"Version 1, published" in page.content
    assert b'title="50 of 105 relevant cases' in page.content  # figures on hover
    # Each download is a background job: its page, then its file (issue 15).
    csv_download = job_file(reader, reader.get(url("download", wales, fmt="csv") + "?version=1"))
    assert csv_download.status_code == 200 and b"2.2.3" in b"".join(csv_download)
    model = json.loads(b"".join(job_file(reader, reader.get(url("download", wales,
                                                                    fmt="json")))))
    assert model["summary_of_ratings"]["overall"] == "Requires improvement"
    assert reader.get(url("cases", wales, fmt="csv")).status_code == 403
    assert client_for("qa").get(url("report", wales)).status_code == 200
    assert client_for("qa").get(url("download", wales, fmt="json")).status_code == 403
    assert client_for("inspector").get(url("cases", wales, fmt="csv")).status_code == 403
    assert reader.get(url("report", wales) + "?version=7").status_code == 404


def test_case_level_export_is_pseudonymised_for_the_data_team_only(
    wales: Inspection, var_dir: Path
) -> None:
    data = client_for("data")
    response = job_file(data, data.get(url("cases", wales, fmt="csv")))
    assert response.status_code == 200
    text = b"".join(response).decode("utf-8")
    assert "P-" in text and "C100001" not in text
    key = (var_dir / "pseudonym.key").read_bytes()
    assert len(key.strip()) == 64 and oct((var_dir / "pseudonym.key").stat().st_mode)[-3:] == "600"
    again = b"".join(job_file(data, data.get(url("cases", wales, fmt="csv")))).decode("utf-8")
    assert again == text  # same key, same pseudonyms: exports can be joined
    assert AuditEvent.objects.filter(inspection=wales, action="case-level-export").count() == 2
    assert client_for("lead").get(url("cases", wales, fmt="csv")).status_code == 403


@pytest.mark.parametrize("name,kwargs", [
    ("report", {}), ("narrative", {}), ("section", {"key": "foreword"}),
    ("download", {"fmt": "json"}), ("download", {"fmt": "pdf"}), ("cases", {"fmt": "csv"}),
])
def test_the_provider_reader_gets_404_not_403_before_publication(
    reporting: Inspection, name: str, kwargs: dict[str, str]
) -> None:
    """A 403 would confirm that an unpublished inspection exists; the reader sees 404."""
    reader = client_for("reader")
    assert reader.get(url(name, reporting, **kwargs)).status_code == 404
    assert move(reader, reporting, "draft").status_code == 404
    # A team member refused an action on a report they can see still gets the 403 page.
    assert client_for("inspector").get(url("cases", reporting, fmt="csv")).status_code == 403


def test_a_refused_comment_is_shown_in_the_error_summary_and_kept(reporting: Inspection) -> None:
    lead, reader = client_for("lead"), client_for("reader")
    move(lead, reporting, "draft")
    page = reader.post(url("comment", reporting), {"section": "", "text": "   "})
    assert page.status_code == 400
    assert b"govuk-error-summary" in page.content and b"Enter your comment" in page.content
    long = "x" * 5001
    page = reader.post(url("comment", reporting), {"section": "", "text": long})
    assert page.status_code == 400
    assert b"The comment must be 5,000 characters or fewer" in page.content
    assert long.encode() in page.content
    assert ReportComment.objects.count() == 0


def test_a_move_from_no_known_state_is_not_found(reporting: Inspection) -> None:
    assert move(client_for("lead"), reporting, "retracted").status_code == 404
    assert not ReportVersion.objects.filter(inspection=reporting,
                                            state=ReportState.FACTUAL_ACCURACY_CHECK).exists()


def test_a_signed_off_version_refuses_narrative_edits_with_the_reason(
    reporting: Inspection,
) -> None:
    lead = client_for("lead")
    move(lead, reporting, "draft")
    move(lead, reporting, "factual-accuracy-check")
    page = lead.get(url("narrative", reporting))
    assert page.status_code == 403
    assert b"signed off" in page.content
