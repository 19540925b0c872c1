"""The upload rule for provider evidence: PDF, DOCX or XLSX by content, size-limited, name cleaned.

Owns check_upload; the web application stores accepted files outside the web root. Documents
are stored, never parsed, so the checks are the cheap ones: size, kind, and for an Office
document its zip directory (no part may inflate like a zip bomb).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.evidence.errors import ErrorCode, UploadRejected
from probation_inspection.untrusted import (
    DEFAULT_LIMITS,
    EVIDENCE_DOCUMENT,
    Limits,
    UntrustedFileError,
    check_zip,
)


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]


_MEDIA_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: 20 MB: larger than any plan or MI pack a provider sends, small enough to keep storage sane.
DEFAULT_SIZE_LIMIT = DEFAULT_LIMITS.evidence_bytes
_NAME_LENGTH = 120
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls and other compound files


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload: the cleaned file name, its kind (from content) and size in bytes."""

    file_name: str
    kind: FileKind
    size: int


def sanitise_file_name(name: str) -> str:
    """A file name safe to show and store: no folders, ASCII letters, digits, ``._-`` only."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base.strip())
    base = re.sub(r"\.{2,}", ".", base).strip("._-")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        return base[:_NAME_LENGTH]
    stem = stem[: _NAME_LENGTH - len(extension) - 1].rstrip("._-")
    return f"{stem}.{extension}" if stem else ""


def _sniff(content: bytes) -> tuple[FileKind | None, str]:
    """The kind the content really is, or None with what it looks like instead."""
    if content.startswith(b"%PDF-"):
        return FileKind.PDF, "a PDF"
    if content.startswith(_OLE):
        return None, "an old-style Office file (.doc/.xls): save it as DOCX or XLSX"
    if not content.startswith(b"PK\x03\x04"):
        return None, "neither a PDF nor an Office document"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None, "a damaged ZIP archive, not a readable Office document"
    if "[Content_Types].xml" not in names:
        return None, "a ZIP archive, not an Office document"
    # Macro-enabled documents (.docm/.xlsm) carry vbaProject.bin: refused, as they can run code.
    if any(name.endswith("vbaProject.bin") for name in names):
        return None, "an Office document with macros"
    if "word/document.xml" in names:
        return FileKind.DOCX, "a Word document (DOCX)"
    if "xl/workbook.xml" in names:
        return FileKind.XLSX, "an Excel workbook (XLSX)"
    return None, "an Office document of another kind (not Word or Excel)"


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def check_upload(
    file_name: str, content: bytes, *, size_limit: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> CheckedUpload:
    """Accept a PDF, DOCX or XLSX whose content matches its name, or raise UploadRejected.

    ``size_limit`` (bytes) overrides ``limits.evidence_bytes``.
    """
    if size_limit is None:
        size_limit = limits.evidence_bytes
    cleaned = sanitise_file_name(file_name)
    shown = cleaned or repr(file_name)
    if not cleaned:
        raise UploadRejected(f"{file_name!r}: the file name has no usable characters",
                             code=ErrorCode.UNUSABLE_FILE_NAME)
    _, dot, extension = cleaned.rpartition(".")
    allowed = ", ".join(kind.value.upper() for kind in FileKind)
    if not dot or extension.lower() not in {kind.value for kind in FileKind}:
        ending = f"ends .{extension}" if dot else "has no extension"
        raise UploadRejected(f"{shown}: only {allowed} files may be uploaded (the name {ending})",
                             code=ErrorCode.FILE_TYPE_NOT_ALLOWED)
    claimed = FileKind(extension.lower())
    if not content:
        raise UploadRejected(f"{shown}: the file is empty", code=ErrorCode.EMPTY_FILE)
    if len(content) > size_limit:
        raise UploadRejected(f"{shown}: {_size(len(content))} is over the "
                             f"{_size(size_limit)} limit", code=ErrorCode.FILE_TOO_LARGE)
    kind, looks_like = _sniff(content)
    if kind is not claimed:
        raise UploadRejected(f"{shown}: named .{claimed.value} but the content is {looks_like}",
                             code=ErrorCode.CONTENT_NOT_AS_NAMED)
    if kind is not FileKind.PDF:
        try:
            check_zip(content, EVIDENCE_DOCUMENT, limits)
        except UntrustedFileError as error:
            raise UploadRejected(f"{shown}: {error}", code=ErrorCode.UNSAFE_ARCHIVE) from None
    return CheckedUpload(cleaned, kind, len(content))
