"""The audit event: who changed or read what, when, with the values before and after.

Append-only and hash-chained: saving an existing event, updating or deleting events raises an
error, and each new event stores the hash of the one before it and its own (see `chain`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from probation_inspection.web.audit import chain
from probation_inspection.web.immutable import Immutable, RecordIsImmutable


class AuditLogIsAppendOnly(RecordIsImmutable):
    """Raised on any attempt to change or remove an audit event."""


class AuditEvent(Immutable):
    """One change or audited read, recorded once and never altered."""

    # A default, not auto_now_add: the time must be known before saving, as the hash covers it.
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    #: None for events about no inspection: signing in and out.
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="audit_events",
        null=True, blank=True,
    )
    sampled_case = models.ForeignKey(
        "casework.SampledCase",
        on_delete=models.PROTECT,
        related_name="audit_events",
        null=True,
        blank=True,
    )
    #: What changed, e.g. "answer", "case-attribute", "sample-drawn", "assignment".
    action = models.CharField(max_length=50)
    #: The thing within the subject that changed, e.g. a question id or attribute name.
    target = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    #: The hash of the event before this one (`chain.GENESIS` for the first).
    previous_hash = models.CharField(max_length=64, editable=False)
    #: SHA-256 over this event's fields and ``previous_hash``.
    hash = models.CharField(max_length=64, editable=False)

    refusal = AuditLogIsAppendOnly

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refuse_if_stored()
        # No savepoint inside the change's own transaction (two queries a save): an event that
        # fails to be written fails the change it records, which must not commit without it.
        with transaction.atomic(savepoint=False):
            # Under the chain's lock the last event cannot change before this one is in.
            chain.lock_chain()
            last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            self.previous_hash = last or chain.GENESIS
            self.at = self.at or timezone.now()
            self.hash = chain.event_hash(self, self.previous_hash)
            super().save(*args, **kwargs)
