"""Fuzz every upload handler: hostile files give a page with a message (400) or are accepted
(200/302), never a server error (issue 10). Fixtures are mutated byte by byte.

Report imports are fuzzed in tests/web/benchmarking/test_fuzz_report_import.py (they need the
data team's importer).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutations import hostile
from probation_inspection.web.casework.models import CaseList
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import ContextualFact, EvidenceDocument

FIXTURES = Path(__file__).parents[1] / "fixtures"
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document><p>Plan</p></document>")
    return out.getvalue()


def _answered(response: Any) -> None:
    """A page, not a crash; a refusal says what is wrong in the error summary."""
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 400:
        body = html.unescape(response.content.decode())
        assert "There is a problem" in body


@pytest.fixture
def lead(inspection: Inspection, users: dict[str, Any], settings: Any, tmp_path: Path) -> Client:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    client = Client()
    client.force_login(users["lead"])
    return client


@pytest.mark.slow
@FEW
@given(content=hostile(case_list_csv(dt.date(2026, 11, 2), 30, seed=9)),
       name=st.sampled_from(["cases.csv", "cases.xlsx", "cases.tsv"]))
def test_case_list_upload(lead: Client, inspection: Inspection, content: bytes, name: str) -> None:
    response = lead.post(reverse("casework:upload", args=[inspection.pk, "case-supervision"]),
                         {"case_list": SimpleUploadedFile(name, content)})
    _answered(response)
    CaseList.objects.all().delete()


@FUZZ
@given(content=hostile(_docx()) | hostile(b"%PDF-1.4\n%%EOF\n"),
       name=st.sampled_from(["plan.docx", "plan.pdf", "plan.xlsx", "../plan", "plan.exe"]))
def test_evidence_document_upload(
    lead: Client, inspection: Inspection, content: bytes, name: str
) -> None:
    response = lead.post(reverse("quality:document-new", args=[inspection.pk]), {
        "title": "Business plan", "document_type": "strategy-or-business-plan",
        "file": SimpleUploadedFile(name, content)})
    _answered(response)
    EvidenceDocument.objects.all().delete()


@FUZZ
@given(content=hostile((FIXTURES / "evidence" / "wales-000-contextual-facts.csv").read_bytes()))
def test_contextual_facts_upload(lead: Client, inspection: Inspection, content: bytes) -> None:
    response = lead.post(reverse("quality:facts", args=[inspection.pk]), {
        "action": "import", "facts_file": SimpleUploadedFile("facts.csv", content)})
    _answered(response)
    ContextualFact.objects.all().delete()
