"""The framework library's rules in the web app: checking an uploaded framework file within the
untrusted-file limits and publishing it as an immutable version.

The checking is the core loader's (in a child process); this module reads the upload, refuses
what may not be published (a shipped id and version, a changed text for a published version)
and stores and audits the row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from probation_inspection.framework import UnknownFramework, load_framework
from probation_inspection.framework.errors import Problem
from probation_inspection.framework.library import (
    FrameworkCheck,
    WorkbookCheck,
    check_framework_text,
    check_framework_workbook,
)
from probation_inspection.untrusted import (
    FRAMEWORK_FILE,
    Limits,
    UntrustedFileError,
    check_size,
)
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.frameworks import PublishedText
from probation_inspection.web.inspections.models import FrameworkVersion
from probation_inspection.web.limits import untrusted_limits


class UploadRefused(Exception):
    """The upload cannot be read or published; the message is a sentence for the page."""


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded framework file, read and checked: its text and what the check found.

    For a workbook, ``text`` is the framework file (YAML) it converts to, once it has no
    problems; that is what is published, as `frameworks import` writes it."""

    file_name: str
    text: str
    check: FrameworkCheck
    workbook: bool = False

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.check.problems


def _file_name(upload: UploadedFile[bytes]) -> str:
    # Only the last part of what the browser sent, and never a long or odd one on the page.
    name = (upload.name or "framework.yaml").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in name if c.isprintable())[:100] or "framework.yaml"


#: How every XLSX (a zip) begins.
_ZIP_MAGIC = b"PK\x03\x04"


def _is_workbook(name: str, data: bytes) -> bool:
    return name.lower().endswith(".xlsx") or data.startswith(_ZIP_MAGIC)


def check_upload(upload: UploadedFile[bytes]) -> CheckedUpload:
    """Read an uploaded framework file (YAML, or an XLSX workbook) within the limits and check
    it (in a child process); a workbook is converted to the framework file it describes."""
    limits = untrusted_limits()
    name = _file_name(upload)
    try:
        # The size the upload declares first: an oversized file is never read into memory.
        check_size(upload.size or 0, FRAMEWORK_FILE, limits)
        data = upload.read(limits.framework_bytes + 1)
        check_size(len(data), FRAMEWORK_FILE, limits)
    except UntrustedFileError as error:
        raise UploadRefused(f"{name}: {error}") from None
    if _is_workbook(name, data):
        return _check_workbook(name, data, limits)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadRefused(f"{name}: the file is not UTF-8 text; save it as UTF-8 YAML") from None
    try:
        check = check_framework_text(text, name, limits=limits)
    except UntrustedFileError as error:
        raise UploadRefused(f"{name}: {error}") from None
    return CheckedUpload(name, text, check)


def _check_workbook(name: str, data: bytes, limits: Limits) -> CheckedUpload:
    try:
        check: WorkbookCheck = check_framework_workbook(data, name, limits=limits)
    except UntrustedFileError as error:
        raise UploadRefused(f"{name}: {error}") from None
    return CheckedUpload(name, check.text or "", check, workbook=True)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_shipped(framework_id: str, version: str) -> bool:
    try:
        load_framework(framework_id, version)
    except UnknownFramework:
        return False
    return True


def publish(user: Any, upload: CheckedUpload) -> tuple[FrameworkVersion, bool]:
    """Store a checked file as a published version: (the row, whether it is new).

    The same text again is the version already published; a different text for a published
    id and version, or any text for a shipped one, is refused: a new text is a new version.
    """
    listing = upload.check.listing
    if upload.problems or listing is None:
        raise UploadRefused(f"{upload.file_name} has problems to put right before publishing")
    framework_id, version = str(listing["id"]), str(listing["version"])
    if _is_shipped(framework_id, version):
        raise UploadRefused(f"{framework_id} version {version} is a shipped framework and "
                            "cannot be replaced: give your file its own id or version")
    digest = sha256(upload.text)
    with transaction.atomic():
        existing = (FrameworkVersion.objects.select_for_update()
                    .filter(framework_id=framework_id, version=version).first())
        if existing is not None:
            if existing.sha256 == digest:
                return existing, False
            raise UploadRefused(
                f"{framework_id} version {version} is already published with a different "
                "text, and a published version never changes: give the changed file a new "
                "version")
        row = FrameworkVersion.objects.create(
            framework_id=framework_id, version=version, title=str(listing["title"]),
            file_name=upload.file_name, text=upload.text, sha256=digest, published_by=user)
        record(user, None, AuditAction.FRAMEWORK_PUBLISHED,
               target=f"{framework_id} {version}",
               after={"framework": framework_id, "version": version,
                      "file": upload.file_name, "sha256": digest})
    return row, True


def _text(row: FrameworkVersion) -> PublishedText:
    return PublishedText(row.framework_id, row.version, row.file_name, row.text, row.sha256)


def published_one(framework_id: str, version: str) -> PublishedText | None:
    """The published version recorded by an inspection (for `web.frameworks.framework`)."""
    row = FrameworkVersion.objects.filter(framework_id=framework_id, version=version).first()
    return _text(row) if row is not None else None


def published_every() -> Sequence[PublishedText]:
    """Every published version, by id then version (for the library and the create form)."""
    return [_text(row) for row in FrameworkVersion.objects.order_by("framework_id", "version")]
