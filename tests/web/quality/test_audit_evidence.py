"""Downloading an evidence document writes an audit event naming who, which and what file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from helpers import docx_bytes, signed_in
from helpers import upload_document as upload
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import EvidenceDocument

pytestmark = pytest.mark.django_db


def test_evidence_document_downloads_are_audited(
    inspection: Inspection, team: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    assert upload(signed_in(team["lead"]), inspection, "plan.docx", docx_bytes()).status_code == 302
    document = EvidenceDocument.objects.get()
    url = reverse("quality:document", args=[inspection.pk, document.pk])
    assert signed_in(team["inspector"]).get(url).status_code == 200
    assert signed_in(team["reader"]).get(url).status_code == 404
    [event] = AuditEvent.objects.filter(action=AuditAction.EVIDENCE_DOCUMENT_DOWNLOADED)
    assert (event.actor.username, event.inspection, event.target, event.after) == (
        "inspector", inspection, document.evidence_id, {"file": "plan.docx"})
