"""Read-only admin for the audit log.

Staff may look; nobody may add, change or delete.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from probation_inspection.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor", "inspection", "sampled_case", "action", "target")
    list_filter = ("action",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
