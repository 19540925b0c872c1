"""The audit event: who changed what, when, with the values before and after.

Append-only: saving an existing event, updating or deleting events raises an error.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit events cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")


class AuditEvent(models.Model):
    """One change, recorded once and never altered."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="audit_events"
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit events cannot be changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")
