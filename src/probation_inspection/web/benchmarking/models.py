"""Published inspections imported from report files, and the log of every import attempt.

Both are append-only: a stored record is evidence of what a report said when it was read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models

from probation_inspection.web.immutable import Immutable, RecordIsImmutable


class StoreIsAppendOnly(RecordIsImmutable):
    """Raised on any attempt to change or remove a stored record or store event."""


class _AppendOnly(Immutable):
    refusal = StoreIsAppendOnly

    class Meta:
        abstract = True


class PublishedInspection(_AppendOnly):
    """One published rated inspection report as read by the core importer, with provenance."""

    provider: models.CharField[str, str] = models.CharField(max_length=300)
    #: "Month YYYY" as printed; blank when the report does not print it.
    published: models.CharField[str, str] = models.CharField(max_length=40, blank=True)
    overall: models.CharField[str, str] = models.CharField(max_length=40, blank=True)
    framework_id: models.CharField[str, str] = models.CharField(max_length=100)
    #: ``ImportedReport.to_json(provenance=True)``: read back with ``record_from_json``.
    record: models.JSONField[Any, Any] = models.JSONField()
    file_name: models.CharField[str, str] = models.CharField(max_length=300)
    #: SHA-256 of the file's bytes: the same file imported twice is stored once.
    sha256: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    imported_at: models.DateTimeField[datetime, datetime] = models.DateTimeField()
    imported_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )

    class Meta:
        ordering = ["provider", "imported_at", "id"]

    def __str__(self) -> str:
        return f"{self.provider} ({self.published or 'date not printed'})"


class Outcome(models.TextChoices):
    """What became of one file imported into the store: web-only, the vocabulary of the
    store's import log (``StoreEvent``), which the core does not keep."""

    READ = "read", "Read"
    ALREADY_IMPORTED = "already imported", "Already imported"
    NOT_RATED = "not rated", "Not a rated inspection"
    FAILED = "failed", "Failed"


class StoreEvent(_AppendOnly):
    """One import attempt: who, when, which file and what happened (the store's audit log).

    The audit app's events belong to an inspection; an import belongs to none, hence this.
    """

    at: models.DateTimeField[datetime, datetime] = models.DateTimeField(
        auto_now_add=True, db_index=True
    )
    actor: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )
    file_name: models.CharField[str, str] = models.CharField(max_length=300)
    sha256: models.CharField[str, str] = models.CharField(max_length=64)
    outcome: models.CharField[str, str] = models.CharField(max_length=20, choices=Outcome.choices)
    message: models.TextField[str, str] = models.TextField(blank=True)
    published_inspection: models.ForeignKey[Any, Any] = models.ForeignKey(
        PublishedInspection, on_delete=models.PROTECT, related_name="events", null=True,
        blank=True,
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.file_name}: {self.outcome}"
