"""Evidence uploads under the settings' limits: bombs and oversized files refused, none stored."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import signed_in
from probation_inspection.evidence.context import COLUMNS
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import ContextualFact, EvidenceDocument


@pytest.fixture(autouse=True)
def _evidence_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    return settings.EVIDENCE_DIR  # type: ignore[no-any-return]


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_docx_bomb_is_refused_and_nothing_stored(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * (5 * 1024 * 1024))
    response = signed_in(team["lead"]).post(
        reverse("quality:document-new", args=[inspection.pk]),
        {"title": "Plan", "document_type": "strategy-or-business-plan",
         "file": SimpleUploadedFile("plan.docx", buffer.getvalue())})
    assert response.status_code == 400
    assert "more than the 200-times limit for a compressed part" in _page(response)
    assert not EvidenceDocument.objects.exists()


def test_evidence_size_limit_comes_from_the_untrusted_file_limits(
    inspection: Inspection, team: dict[str, Any], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "evidence_bytes": 10}
    response = signed_in(team["lead"]).post(
        reverse("quality:document-new", args=[inspection.pk]),
        {"title": "Plan", "document_type": "strategy-or-business-plan",
         "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 and much more")})
    assert response.status_code == 400
    assert "over the 10 bytes limit" in _page(response)
    assert not EvidenceDocument.objects.exists()


def test_facts_csv_over_the_size_limit_is_refused_unread(
    inspection: Inspection, team: dict[str, Any], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "facts_bytes": 100}
    text = ",".join(COLUMNS) + "\n" + "caseload-provider,100,,,2019,\n" * 10
    response = signed_in(team["lead"]).post(reverse("quality:facts", args=[inspection.pk]), {
        "action": "import", "facts_file": SimpleUploadedFile("facts.csv", text.encode())})
    assert response.status_code == 400
    assert ("facts.csv: the file is larger than the 100 bytes limit for a contextual-facts "
            "CSV. Nothing was stored.") in _page(response)
    assert not ContextualFact.objects.exists()


def test_facts_csv_over_the_row_limit_is_refused(
    inspection: Inspection, team: dict[str, Any], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "facts_rows": 2}
    rows = "".join(f"caseload-{n},100,,,2019,\n" for n in range(3))
    response = signed_in(team["lead"]).post(reverse("quality:facts", args=[inspection.pk]), {
        "action": "import",
        "facts_file": SimpleUploadedFile("facts.csv", (",".join(COLUMNS) + "\n" + rows).encode())})
    assert response.status_code == 400
    assert "more than the 2-row limit for a contextual-facts CSV" in _page(response)
    assert not ContextualFact.objects.exists()
