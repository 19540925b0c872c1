"""Every evidence refusal carries its stable code and the field at fault (EV codes)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.evidence import (
    ContextualFactsError,
    ErrorCode,
    EvidenceError,
    UploadRejected,
    check_upload,
    import_contextual_facts,
    presentation_notes,
    presentation_questions,
    record_document,
    record_meeting,
)
from probation_inspection.framework import load_framework, load_framework_text

FIXTURES = Path(__file__).parents[1] / "fixtures"

CRC = load_framework("hmip-crc-2018")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
MEETING: dict[str, Any] = {
    "item_id": "M1", "kind": "meeting", "held_on": date(2019, 2, 12),
    "role_group": "upw-staff", "participants": ["Six POs"], "notes": "Workloads high",
    "standards": ["1.1"], "framework": CRC,
}


@pytest.mark.parametrize(("changes", "code", "field"), [
    ({"item_id": " "}, ErrorCode.EMPTY_TEXT, "id"),
    ({"notes": " "}, ErrorCode.EMPTY_TEXT, "notes"),
    ({"kind": "party"}, ErrorCode.INVALID_CHOICE, "kind"),
    ({"role_group": "ministers"}, ErrorCode.INVALID_CHOICE, "role_group"),
    ({"held_on": "2019-02-12"}, ErrorCode.INVALID_DATE, "held_on"),
    ({"participants": [" "]}, ErrorCode.NO_PARTICIPANTS, "participants"),
    ({"standards": ["2.1"]}, ErrorCode.NOT_A_JUDGEMENT_STANDARD, "standards"),
])
def test_a_refused_meeting_names_its_code_and_field(
    changes: dict[str, Any], code: ErrorCode, field: str
) -> None:
    with pytest.raises(EvidenceError) as error:
        record_meeting(**{**MEETING, **changes})
    assert (error.value.code, error.value.field) == (code, field)


@pytest.mark.parametrize(("title", "document_type", "code", "field"), [
    (" ", "audit", ErrorCode.EMPTY_TEXT, "title"),
    ("Plan", "poem", ErrorCode.INVALID_CHOICE, "document_type"),
])
def test_a_refused_document_names_its_code_and_field(
    title: str, document_type: str, code: ErrorCode, field: str
) -> None:
    upload = check_upload("plan.pdf", PDF)
    with pytest.raises(EvidenceError) as error:
        record_document("D1", title, document_type, upload)
    assert (error.value.code, error.value.field) == (code, field)


def test_presentation_refusals_name_their_codes() -> None:
    minimal = FIXTURES / "frameworks" / "valid-minimal.yaml"
    with pytest.raises(EvidenceError) as framework:
        presentation_questions(load_framework_text(minimal.read_text(encoding="utf-8")))
    assert (framework.value.code, framework.value.field) == (
        ErrorCode.NO_PRESENTATION_QUESTIONS, "")
    with pytest.raises(EvidenceError) as question:
        presentation_notes(load_framework("hmip-crc-2018"), {9: "Notes"})
    assert (question.value.code, question.value.field) == (
        ErrorCode.UNKNOWN_PRESENTATION_QUESTION, "notes")


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * (5 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "code"), [
    ("////", PDF, ErrorCode.UNUSABLE_FILE_NAME),
    ("tool.exe", PDF, ErrorCode.FILE_TYPE_NOT_ALLOWED),
    ("plan.pdf", b"", ErrorCode.EMPTY_FILE),
    ("plan.pdf", PDF + b"\0" * 100, ErrorCode.FILE_TOO_LARGE),
    ("plan.docx", PDF, ErrorCode.CONTENT_NOT_AS_NAMED),
    ("plan.docx", _bomb(), ErrorCode.UNSAFE_ARCHIVE),
])
def test_a_refused_upload_names_its_code_and_the_file_field(
    name: str, content: bytes, code: ErrorCode
) -> None:
    with pytest.raises(UploadRejected) as error:
        check_upload(name, content, size_limit=len(PDF) + 50 if content.startswith(PDF) else None)
    assert (error.value.code, error.value.field) == (code, "file")


def test_refused_facts_carry_one_code_and_their_problems() -> None:
    with pytest.raises(ContextualFactsError) as error:
        import_contextual_facts("measure\nx\n", "facts.csv")
    assert (error.value.code, error.value.field) == (ErrorCode.FACTS_REFUSED, "")
    assert error.value.problems


def test_codes_are_numbered_once_and_documented() -> None:
    numbers = [code.number for code in ErrorCode]
    assert len(set(numbers)) == len(numbers)
    guide = Path(__file__).parents[2] / "docs" / "framework-authoring.md"
    text = guide.read_text(encoding="utf-8")
    for code in ErrorCode:
        assert f"| `{code.value}` |" in text, code
