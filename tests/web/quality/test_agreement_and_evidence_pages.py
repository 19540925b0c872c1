"""View tests for the agreement page and exports, and the domain-one evidence pages:
interviews, meetings, document upload and download, presentation notes, contextual facts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from helpers import docx_bytes, job_file, moderate_all, signed_in
from helpers import upload_document as upload
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import (
    ContextualFact,
    EvidenceDocument,
    InterviewResponse,
    Meeting,
    PresentationNote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    return settings.EVIDENCE_DIR


def test_agreement_shows_percent_and_kappa_with_cases(
    inspection: Inspection, team: dict[str, Any], build: Any
) -> None:
    build(inspection, [(team["inspector"], ["yes"] * 3), (team["other"], ["no"] * 3)],
          ("case-supervision",))
    inspection.stage = "moderation"
    inspection.save()
    moderate_all(inspection, team, differ_on=1)
    page = signed_in(team["lead"]).get(reverse("quality:agreement", args=[inspection.pk]))
    assert page.status_code == 200
    rows = {row.group: row for row in page.context["by_question"]}
    # Four cases moderated; on 2.1.1 three of four agree; the answers mix yes and no.
    assert rows["2.1.1"].cases == 4 and rows["2.1.1"].agreements == 3
    assert rows["2.1.1"].percent == 75
    assert rows["2.1.1"].kappa == pytest.approx(0.5)
    assert rows["2.2.1"].kappa == pytest.approx(1.0)
    inspectors = {row.group: row for row in page.context["by_inspector"]}
    assert set(inspectors) == {"Inspector", "Other"}
    assert "75%" in page.content.decode()


def test_agreement_exports_csv_and_xlsx(
    inspection: Inspection, team: dict[str, Any], build: Any
) -> None:
    build(inspection, [(team["inspector"], ["yes", "no"])], ("case-supervision",))
    inspection.stage = "moderation"
    inspection.save()
    moderate_all(inspection, team, differ_on=0)
    client = signed_in(team["data"])
    # Each export is a background job (issue 15): its page, then its file.
    csv_text = job_file(client, client.get(
        reverse("quality:agreement-csv", args=[inspection.pk]))).content.decode()
    lines = csv_text.splitlines()
    assert lines[0].startswith("grouping,group,cases,judgements,agreements,percent_agreement")
    assert any(line.startswith("key question,2.1.1,2,2,2,100,1.0") for line in lines)
    xlsx = job_file(client, client.get(reverse("quality:agreement-xlsx", args=[inspection.pk])))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.cell(1, 1).value == "grouping"
    assert sheet.cell(2, 2).value == "2.1.1"


def test_agreement_is_not_for_inspectors_or_before_moderation(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    url = reverse("quality:agreement", args=[inspection.pk])
    assert signed_in(team["lead"]).get(url).status_code == 403  # fieldwork
    inspection.stage = "moderation"
    inspection.save()
    assert signed_in(team["inspector"]).get(url).status_code == 403
    assert signed_in(team["reader"]).get(url).status_code == 404
    assert signed_in(team["qa"]).get(url).status_code == 200


def test_interviews_give_live_percentages_and_counts(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["inspector"])
    url = reverse("quality:interviews", args=[inspection.pk])
    for reference, answer in (("RO-1", "yes"), ("RO-2", "no"), ("RO-3", "dont-know")):
        response = client.post(url, {"interviewee": reference, "grade": "PO",
                                     "answer-ro-interview.workload": answer})
        assert response.status_code == 302
    page = client.get(url)
    results = {r.question.id: r for r in page.context["results"]}
    workload = results["ro-interview.workload"]
    assert (workload.tally.yes, workload.tally.relevant, workload.percent) == (1, 2, 50)
    assert dict(workload.answer_counts) == {"yes": 1, "no": 1, "dont-know": 1}
    assert AuditEvent.objects.filter(action="interview-recorded").count() == 3
    # Saving the same reference again replaces its answers.
    client.post(url, {"interviewee": "RO-2", "answer-ro-interview.workload": "yes"})
    assert InterviewResponse.objects.count() == 3
    bad = client.post(url, {"interviewee": "RO-4", "answer-ro-interview.workload": "maybe"})
    assert bad.status_code == 400
    assert "unknown answer" in bad.content.decode()
    assert InterviewResponse.objects.count() == 3


def test_meeting_is_recorded_with_its_evidence_id(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["lead"])
    url = reverse("quality:meeting-new", args=[inspection.pk])
    missing = client.post(url, {"kind": "meeting", "held_on": "2026-11-04"})
    assert missing.status_code == 400
    assert not Meeting.objects.exists()
    response = client.post(url, {"kind": "focus-group", "held_on": "2026-11-04",
                                 "role_group": "responsible-officers",
                                 "participants": "Six POs\nTwo PSOs", "notes": "Workloads high",
                                 "standards": ["1.2"]})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.standards == ["1.2"] and meeting.evidence_id == f"M{meeting.pk}"
    assert AuditEvent.objects.filter(action="meeting-recorded").exists()


def test_document_upload_checks_content_and_stores_outside_the_web_root(
    inspection: Inspection, team: dict[str, Any], evidence_dir: Path, settings: Any
) -> None:
    client = signed_in(team["lead"])
    refused = upload(client, inspection, "plan.pdf", b"MZ not a pdf")
    assert refused.status_code == 400
    assert "the content is neither a PDF" in refused.content.decode()
    assert not EvidenceDocument.objects.exists()
    assert not evidence_dir.exists() or not any(evidence_dir.iterdir())
    settings.EVIDENCE_SIZE_LIMIT = 10
    too_big = upload(client, inspection, "plan.pdf", b"%PDF-1.4 and much more")
    assert "over the 10 bytes limit" in too_big.content.decode()
    settings.EVIDENCE_SIZE_LIMIT = 1024 * 1024
    content = docx_bytes()
    assert upload(client, inspection, "../../plan v2.docx", content).status_code == 302
    document = EvidenceDocument.objects.get()
    assert document.file_name == "plan_v2.docx" and document.kind == "docx"
    stored = evidence_dir / document.stored_name
    assert stored.read_bytes() == content
    assert Path(settings.STATIC_ROOT) not in stored.parents
    url = reverse("quality:document", args=[inspection.pk, document.pk])
    download = signed_in(team["inspector"]).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "plan_v2.docx" in download["Content-Disposition"]
    assert signed_in(team["reader"]).get(url).status_code == 404
    assert signed_in(team["outsider"]).get(url).status_code == 404
    assert AuditEvent.objects.filter(action="document-uploaded").count() == 1


def test_presentation_notes_on_the_five_questions(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["lead"])
    url = reverse("quality:presentation", args=[inspection.pk])
    assert len(client.get(url).context["questions"]) == 5
    assert client.post(url, {"notes-1": "Clear vision", "notes-5": "Recruitment"}).status_code \
        == 302
    assert dict(PresentationNote.objects.values_list("number", "notes"))[5] == "Recruitment"
    assert signed_in(team["qa"]).post(url, {"notes-1": "x"}).status_code == 403


def test_contextual_facts_import_lists_row_and_column_and_stores_nothing(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["data"])
    url = reverse("quality:facts", args=[inspection.pk])
    bad = ("measure,provider_figure,national_figure,target,period,source\n"
           "order-completions,77%,78%,,2018,\nlicence-compliance,lots,,,,\n")
    response = client.post(url, {"action": "import", "facts_file": SimpleUploadedFile(
        "facts.csv", bad.encode())})
    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["problems"]] == [
        (3, "provider_figure")]
    assert not ContextualFact.objects.exists()
    good = bad.replace("lots", "64.5")
    response = client.post(url, {"action": "import", "facts_file": SimpleUploadedFile(
        "facts.csv", good.encode())})
    assert response.status_code == 302
    fact = ContextualFact.objects.get(measure="order-completions")
    assert (fact.provider_figure, fact.target) == (77, 75)
    typed = client.post(url, {"action": "enter", "upw-completions-provider_figure": "92",
                              "upw-completions-target": "90"})
    assert typed.status_code == 302
    assert ContextualFact.objects.count() == 3
    wrong = client.post(url, {"action": "enter", "upw-completions-provider_figure": "120"})
    assert wrong.status_code == 400
    assert ContextualFact.objects.get(measure="upw-completions").provider_figure == 92
