"""Imports report files: read, check against the framework's rules, stamp with provenance.

Owns the imported record, its JSON form and the hash ledger that makes imports idempotent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from probation_inspection.framework.model import Framework, RatingMethod
from probation_inspection.published.reader import PublishedReportError, read_report
from probation_inspection.published.record import PublishedReport
from probation_inspection.published.sources import text_of
from probation_inspection.scoring.check import Finding, RecordedDiscretion, check_ratings
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.untrusted import (
    DEFAULT_LIMITS,
    PUBLISHED_REPORT,
    LimitExceeded,
    Limits,
    check_file_size,
)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Provenance:
    """Where a record came from: the file's name, its content hash and when it was read."""

    file_name: str
    sha256: str
    imported_at: datetime

    def to_json(self) -> dict[str, str]:
        return {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "imported_at": self.imported_at.isoformat(),
        }


@dataclass(frozen=True)
class ImportedReport:
    """A published report's record with the rule check's findings and its provenance."""

    report: PublishedReport
    findings: tuple[Finding, ...]
    provenance: Provenance
    framework_id: str
    #: Why the rule check could not run (a rating or percentage missing), else None.
    check_problem: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        extra = ("findings",) if self.check_problem else ()
        return self.report.missing + extra

    def to_json(self, *, provenance: bool = False) -> dict[str, object]:
        """The issue's JSON document plus ``missing`` (and provenance when asked)."""
        document = self.report.to_json()
        document["findings"] = [finding.to_json() for finding in self.findings]
        document["missing"] = list(self.missing)
        if provenance:
            document["provenance"] = self.provenance.to_json()
            document["framework"] = self.framework_id
            document["check_problem"] = self.check_problem
        return document


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_report(
    report: PublishedReport, framework: Framework
) -> tuple[tuple[Finding, ...], str | None]:
    """The scoring core's findings for a report, or why they could not be computed."""
    discretions = [
        RecordedDiscretion(item.standard, item.from_rating, item.to_rating, item.text)
        for item in report.discretion
        if item.standard is not None
    ]
    try:
        result = check_ratings(
            framework,
            report.key_questions,
            report.standards,
            discretions,
            published_overall=report.overall,
        )
    except ScoringError as error:
        return (), str(error)
    return result.findings, None


def import_bytes(
    data: bytes,
    file_name: str,
    framework: Framework,
    *,
    clock: Clock = lambda: datetime.now(UTC),
    limits: Limits = DEFAULT_LIMITS,
) -> ImportedReport:
    """Read, check and stamp one report file's bytes; PublishedReportError if unreadable.

    The file is read within ``limits``; over one, the error names it and nothing is returned.
    """
    assert framework.rating is not None, f"framework {framework.id} is not rated"
    report = read_report(
        text_of(data, file_name, limits),
        source=file_name,
        labels=framework.rating.labels,
        expected_standards=[
            s.id for s in framework.standards() if s.rating_method is not RatingMethod.UNRATED
        ],
        # A judgement standard's key questions are answered in words, never printed as
        # percentages: a report lacks none of them.
        expected_key_questions=[k.id for s in framework.standards()
                                if s.rating_method is not RatingMethod.JUDGEMENT
                                for k in s.key_questions],
    )
    findings, problem = check_report(report, framework)
    provenance = Provenance(file_name, sha256_of(data), clock())
    return ImportedReport(report, findings, provenance, framework.id, problem)


class ImportLedger:
    """Imported records keyed by content hash: the same file imported twice changes nothing."""

    def __init__(
        self, records: Mapping[str, ImportedReport] | None = None, *,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self._records: dict[str, ImportedReport] = dict(records or {})
        self._limits = limits

    def __contains__(self, sha256: object) -> bool:
        return sha256 in self._records

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[ImportedReport]:
        return iter(self._records.values())

    def get(self, sha256: str) -> ImportedReport | None:
        return self._records.get(sha256)

    def import_file(
        self, path: Path, framework: Framework, *, clock: Clock = lambda: datetime.now(UTC)
    ) -> tuple[ImportedReport, bool]:
        """The record for ``path`` and whether it is new; a known hash is not read again."""
        try:
            # The size first, from the disk: an oversized file is never read into memory.
            check_file_size(path, PUBLISHED_REPORT, self._limits)
            data = path.read_bytes()
        except LimitExceeded as error:
            raise PublishedReportError(f"{path}: {error}") from None
        except OSError as error:
            raise PublishedReportError(f"{path}: cannot read the file: {error.strerror}") from None
        known = self._records.get(sha256_of(data))
        if known is not None:
            return known, False
        record = import_bytes(data, path.name, framework, clock=clock, limits=self._limits)
        self._records[record.provenance.sha256] = record
        return record, True
