"""The data annexe served beside the report: a page for whoever may read the report, and a
workbook downloaded through a background job and audited like the other report downloads."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from factories import Staged
from helpers import client_for, job_file
from helpers import move_report as move
from helpers import report_url as url
from probation_inspection.reporting.annexe import FIGURES_HEADER, SHEETS
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_the_report_page_links_to_both_forms_of_the_annexe(wales: Inspection) -> None:
    page = client_for("lead").get(url("report", wales))
    assert page.status_code == 200
    assert b"Data annexe (HTML)" in page.content
    assert b"Data annexe (XLSX)" in page.content
    assert url("annexe", wales).encode() in page.content


def test_the_annexe_page_opens_for_the_lead_and_the_published_reader(wales: Inspection) -> None:
    for name in ("lead", "provider"):
        page = client_for(name).get(url("annexe", wales))
        assert page.status_code == 200, name
        for title in SHEETS:
            assert title.encode() in page.content
        assert wales.provider.name.encode() in page.content


def test_the_reader_sees_no_annexe_before_the_check(reporting_stage: Staged) -> None:
    inspection = reporting_stage.inspection
    reader = client_for(reporting_stage.team["reader"].username)
    assert reader.get(url("annexe", inspection)).status_code == 404
    lead = client_for(reporting_stage.team["lead"].username)
    assert lead.get(url("annexe", inspection)).status_code == 200
    assert move(lead, inspection, "draft").status_code == 302
    # In the factual-accuracy check the reader sees the draft, and so its annexe.
    assert reader.get(url("annexe", inspection)).status_code == 200


def test_the_annexe_workbook_is_a_job_and_its_download_is_audited(wales: Inspection) -> None:
    lead = client_for("lead")
    started = lead.get(url("download", wales, fmt="annexe-xlsx"))
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_DOWNLOADED.value).exists()
    download = job_file(lead, started)
    assert download.status_code == 200
    assert "data-annexe-" in download["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(download.content))
    assert [name for name in workbook.sheetnames if name in SHEETS] == list(SHEETS)
    figures = workbook["Prompt-level figures"]
    assert tuple(cell.value for cell in figures[3]) == FIGURES_HEADER
    assert figures.max_row > 3
    [event] = AuditEvent.objects.filter(action=AuditAction.REPORT_DOWNLOADED.value,
                                        inspection=wales)
    job = int(started["Location"].rstrip("/").rsplit("/", 1)[1])
    assert (event.actor.username, event.target, event.after) == (
        "lead", "annexe-xlsx", {"version": 1, "draft": False, "job": job})


def test_an_unknown_format_is_not_found(wales: Inspection) -> None:
    assert client_for("lead").get(url("download", wales, fmt="annexe-pdf")).status_code == 404
