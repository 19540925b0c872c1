"""App registration for the audit log.

Holds the one model, AuditEvent.
"""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "probation_inspection.web.audit"
    label = "audit"
    verbose_name = "Audit"
