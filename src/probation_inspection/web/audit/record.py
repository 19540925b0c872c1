"""Writing audit events: the one function every change and every audited read goes through.

Called inside the same transaction as the change, so an event exists exactly when it happened.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent


def record(
    actor: Any,
    inspection: Any,
    action: AuditAction | str,
    *,
    target: str = "",
    before: Any = None,
    after: Any = None,
    sampled_case: Any = None,
) -> AuditEvent:
    """Append one event; ``action`` must be in the catalogue (`AuditAction`), else ValueError."""
    try:
        name = AuditAction(action)
    except ValueError:
        raise ValueError(f"audit action {action!r} is not in the catalogue "
                         "(probation_inspection.web.audit.actions.AuditAction)") from None
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        inspection=inspection,
        sampled_case=sampled_case,
        action=name.value,
        target=target,
        before=before,
        after=after,
    )
