"""The upload rule: PDF, DOCX and XLSX only, judged by content; size limit; clean names."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from probation_inspection.evidence import (
    DEFAULT_SIZE_LIMIT,
    FileKind,
    UploadRejected,
    check_upload,
    sanitise_file_name,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def office(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in members:
            archive.writestr(member, "<x/>")
    return buffer.getvalue()


DOCX = office("[Content_Types].xml", "word/document.xml")


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("Business plan 2019.pdf", PDF, FileKind.PDF),
    ("Workforce strategy.DOCX", DOCX, FileKind.DOCX),
    ("MI pack.xlsx", None, FileKind.XLSX),
])
def test_accepted_files(name: str, content: bytes | None, kind: FileKind) -> None:
    data = content if content is not None else xlsx()
    upload = check_upload(name, data)
    assert (upload.kind, upload.size) == (kind, len(data))
    assert " " not in upload.file_name
    assert upload.kind.media_type.startswith("application/")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("tool.exe", PDF, "tool.exe: only PDF, DOCX, XLSX files may be uploaded (the name ends .exe)"),
    ("README", PDF, "README: only PDF, DOCX, XLSX files may be uploaded (the name has no ext"),
    ("plan.pdf", b"", "plan.pdf: the file is empty"),
    ("plan.pdf", DOCX, "plan.pdf: named .pdf but the content is a Word document (DOCX)"),
    ("plan.docx", PDF, "plan.docx: named .docx but the content is a PDF"),
    ("plan.docx", b"<html>", "plan.docx: named .docx but the content is neither a PDF nor"),
    ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "an old-style Office file"),
    ("plan.docx", b"PK\x03\x04broken", "a damaged ZIP archive"),
    ("plan.docx", office("a.txt"), "a ZIP archive, not an Office document"),
    ("plan.docx", office("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
     "an Office document with macros"),
    ("slides.xlsx", office("[Content_Types].xml", "ppt/presentation.xml"),
     "another kind (not Word or Excel)"),
    ("////", PDF, "'////': the file name has no usable characters"),
])
def test_refusals_name_the_file_and_the_fault(name: str, content: bytes, message: str) -> None:
    with pytest.raises(UploadRejected) as caught:
        check_upload(name, content)
    assert message in str(caught.value)


def test_the_size_limit_is_configurable() -> None:
    assert DEFAULT_SIZE_LIMIT == 20 * 1024 * 1024
    with pytest.raises(UploadRejected, match="plan.pdf: 51 bytes is over the 50 bytes limit"):
        check_upload("plan.pdf", PDF + b"\0" * (51 - len(PDF)), size_limit=50)
    with pytest.raises(UploadRejected, match=r"2\.0 MB is over the 1\.0 MB limit"):
        check_upload("plan.pdf", PDF + b"\0" * (2 * 1024 * 1024 - len(PDF)),
                     size_limit=1024 * 1024)
    assert check_upload("plan.pdf", PDF, size_limit=len(PDF)).size == len(PDF)


@pytest.mark.parametrize(("name", "cleaned"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\ann\\Risk register.xlsx", "Risk_register.xlsx"),
    ("Café plan (final).docx", "Cafe_plan_final.docx"),
    (".hidden.pdf", "hidden.pdf"),
    ("a..b.pdf", "a.b.pdf"),
    ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
])
def test_file_names_are_cleaned(name: str, cleaned: str) -> None:
    assert sanitise_file_name(name) == cleaned


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_a_cleaned_name_is_always_safe(name: str) -> None:
    cleaned = sanitise_file_name(name)
    assert len(cleaned) <= 120
    assert "/" not in cleaned and "\\" not in cleaned and ".." not in cleaned
    assert not cleaned.startswith(".")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in cleaned)
