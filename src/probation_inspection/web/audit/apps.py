"""App registration for the audit log.

Holds the one model, AuditEvent, and connects the sign-in signals to it.
"""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "probation_inspection.web.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from probation_inspection.web.audit import signals

        signals.connect()
