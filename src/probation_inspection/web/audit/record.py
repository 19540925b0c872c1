"""Writing audit events: the one function every change goes through.

Called inside the same transaction as the change, so an event exists exactly when it happened.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.web.audit.models import AuditEvent


def record(
    actor: Any,
    inspection: Any,
    action: str,
    *,
    target: str = "",
    before: Any = None,
    after: Any = None,
    sampled_case: Any = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        inspection=inspection,
        sampled_case=sampled_case,
        action=action,
        target=target,
        before=before,
        after=after,
    )
