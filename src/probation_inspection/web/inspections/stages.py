"""Moving an inspection to its next stage: gathers the facts the core stage rules read, moves
under a row lock, and writes the move to the audit log. The rules live in `stages`; the facts
are counted by the apps that own their rows, through `registry` (this app imports none above it).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from probation_inspection import stages as core
from probation_inspection.access import Stage as CoreStage
from probation_inspection.framework.model import Framework
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.inspections import registry
from probation_inspection.web.inspections.models import Inspection


def progress(inspection: Inspection, framework: Framework) -> core.Progress:
    """The counts the stage rules read, taken from the database now by the apps that own the
    rows (casework and quality register their counts in `registry`)."""
    return core.Progress(**registry.progress_facts(inspection, framework))


@transaction.atomic
def advance(inspection: Inspection, framework: Framework, actor: Any, role: str,
            seen: str) -> CoreStage:
    """Move on from ``seen`` (the stage the user's page showed), or raise `NotReady` /
    `PermissionRefused`; a second click after the move is refused, never a second move."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.stage != seen:
        raise core.NotReady(f"the inspection has already moved to {locked.stage}")
    target = core.advance(role, locked.stage, progress(locked, framework))
    record(actor, locked, AuditAction.STAGE_CHANGED, before={"stage": locked.stage},
           after={"stage": target.value})
    locked.stage = target.value
    locked.save(update_fields=["stage"])
    inspection.stage = target.value
    return target


@transaction.atomic
def reopen(inspection: Inspection, actor: Any, role: str, seen: str, reason: str) -> CoreStage:
    """Move back from ``seen`` to the stage before it with the lead's reason, or raise
    `NotReady` / `PermissionRefused`; audited as a stage change carrying the reason."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.stage != seen:
        raise core.NotReady(f"the inspection has already moved to {locked.stage}")
    target = core.reopen(role, locked.stage, reason)
    record(actor, locked, AuditAction.STAGE_CHANGED, before={"stage": locked.stage},
           after={"stage": target.value, "reopened": True, "reason": reason.strip()})
    locked.stage = target.value
    locked.save(update_fields=["stage"])
    inspection.stage = target.value
    return target
