"""Saving imported report files into the store: read by the core, stored once per content hash.

The one path both the import page and the bulk commands take; every attempt is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from probation_inspection.framework.model import Framework
from probation_inspection.published import (
    ImportedReport,
    NotARatedInspection,
    PublishedReportError,
    import_bytes,
    record_from_json,
    sha256_of,
)
from probation_inspection.untrusted import PUBLISHED_REPORT, LimitExceeded, check_size
from probation_inspection.web.benchmarking.models import Outcome, PublishedInspection, StoreEvent
from probation_inspection.web.limits import untrusted_limits

#: File types a report may come in (as the CLI's bulk import takes them).
REPORT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf"})


def max_report_bytes() -> int:
    """Largest report file accepted (settings' UNTRUSTED_FILE_LIMITS["report_bytes"])."""
    return untrusted_limits().report_bytes


@dataclass(frozen=True)
class StoreResult:
    """What happened to one file: its outcome, the stored record if any, and why not."""

    file_name: str
    outcome: Outcome
    stored: PublishedInspection | None = None
    message: str = ""

    @property
    def provider(self) -> str:
        return self.stored.provider if self.stored else ""

    @property
    def missing(self) -> list[str]:
        if self.stored is None:
            return []
        return [str(item) for item in self.stored.record.get("missing") or []]


def imported_report(stored: PublishedInspection) -> ImportedReport:
    """The core's record back from the store."""
    return record_from_json(stored.record, f"stored record {stored.pk} ({stored.file_name})")


def store_report(
    data: bytes, file_name: str, framework: Framework, *, by: Any = None
) -> StoreResult:
    """Read one report file and store it unless its content is already stored; log the attempt.

    A file that is not a rated inspection, or cannot be read, stores nothing.
    """
    sha256 = sha256_of(data)
    known = PublishedInspection.objects.filter(sha256=sha256).first()
    if known is not None:
        return _logged(StoreResult(file_name, Outcome.ALREADY_IMPORTED, known), sha256, by)
    limits = untrusted_limits()
    try:
        check_size(len(data), PUBLISHED_REPORT, limits)
    except LimitExceeded as error:
        return _logged(StoreResult(file_name, Outcome.FAILED, message=f"{file_name}: {error}"),
                       sha256, by)
    try:
        # Read in a child process within the settings' limits: a PDF bomb costs the server at
        # most that time and memory, and stores nothing.
        record = import_bytes(data, file_name, framework, limits=limits)
    except NotARatedInspection as error:
        return _logged(StoreResult(file_name, Outcome.NOT_RATED, message=str(error)), sha256, by)
    except PublishedReportError as error:
        return _logged(StoreResult(file_name, Outcome.FAILED, message=str(error)), sha256, by)
    report = record.report
    try:
        with transaction.atomic():
            stored = PublishedInspection.objects.create(
                provider=report.provider or "unknown provider",
                published=report.published or "",
                overall=report.overall or "",
                framework_id=record.framework_id,
                record=record.to_json(provenance=True),
                file_name=file_name,
                sha256=sha256,
                imported_at=record.provenance.imported_at,
                imported_by=by if getattr(by, "is_authenticated", False) else None,
            )
            return _logged(StoreResult(file_name, Outcome.READ, stored), sha256, by)
    except IntegrityError:
        # Another import of the same content won the race; the store still holds it once.
        known = PublishedInspection.objects.get(sha256=sha256)
        return _logged(StoreResult(file_name, Outcome.ALREADY_IMPORTED, known), sha256, by)


def _logged(result: StoreResult, sha256: str, by: Any) -> StoreResult:
    StoreEvent.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        file_name=result.file_name[:300],
        sha256=sha256,
        outcome=result.outcome,
        message=result.message,
        published_inspection=result.stored,
    )
    return result


def report_files(folder: Path) -> list[Path]:
    """Every report file under ``folder``, in name order."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )


def store_folder(
    folder: Path,
    framework: Framework,
    *,
    by: Any = None,
    progress: Callable[[list[Path]], Iterable[Path]] = iter,
) -> Iterator[tuple[str, StoreResult]]:
    """Store every report file under ``folder``; yields (name relative to it, result)."""
    for path in progress(report_files(folder)):
        name = str(path.relative_to(folder))
        try:
            check_size(path.stat().st_size, PUBLISHED_REPORT, untrusted_limits())
        except LimitExceeded as error:
            yield name, StoreResult(name, Outcome.FAILED, message=f"{name}: {error}")
            continue
        except OSError:
            pass  # reading it below says what is wrong
        try:
            data = path.read_bytes()
        except OSError as error:
            message = f"{name}: cannot read the file: {error.strerror}"
            yield name, StoreResult(name, Outcome.FAILED, message=message)
            continue
        yield name, store_report(data, name, framework, by=by)


def summary(results: Iterable[StoreResult]) -> dict[str, int]:
    """How many files had each outcome, every outcome listed (the core's summary line)."""
    counts = {outcome.value: 0 for outcome in Outcome}
    for result in results:
        counts[result.outcome.value] += 1
    return counts
