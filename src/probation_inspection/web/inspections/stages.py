"""Moving an inspection to its next stage: counts the facts the core stage rules read, moves
under a row lock, and writes the move to the audit log. The rules live in `stages`.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from probation_inspection import stages as core
from probation_inspection.framework.model import Framework
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import Assessment, SampledCase
from probation_inspection.web.casework.results import counted, inspection_rule_ratings
from probation_inspection.web.inspections.models import Inspection


def progress(inspection: Inspection, framework: Framework) -> core.Progress:
    """The counts the stage rules read, taken from the database now."""
    # Imported here: the quality app builds on this one, not the other way round.
    from probation_inspection.web.quality.models import ModerationQueue, QueueEntry
    from probation_inspection.web.quality.ratings import decision_log, ready_for_reporting

    sampled = SampledCase.objects.filter(sample__inspection=inspection, status="sampled")
    undecided: tuple[str, ...] = ()
    if inspection.stage == core.Stage.RATING:
        rules = {key: rule.rating
                 for key, rule in inspection_rule_ratings(inspection, framework).items()}
        readiness = ready_for_reporting(decision_log(inspection), framework, rules)
        undecided = tuple(f"{item.standard_id} ({item.reason})" for item in readiness.outstanding)
    return core.Progress(
        drawn_samples=inspection.samples.count(),
        sampled_cases=sampled.count(),
        # Not yet counted, by the one rule live results and the report use.
        not_submitted=sampled.count() - counted(sampled).count(),
        returned=Assessment.objects.filter(sampled_case__sample__inspection=inspection,
                                           status="returned").count(),
        queue_drawn=ModerationQueue.objects.filter(inspection=inspection).exists(),
        awaiting_moderation=QueueEntry.objects.filter(queue__inspection=inspection)
        .exclude(assessment__status__in=("moderated", "returned")).count(),
        undecided=undecided,
        **_ahead(inspection, framework, sampled),
    )


def _ahead(inspection: Inspection, framework: Framework, sampled: Any) -> dict[str, Any]:
    """The facts the checklist reads to foresee what rating will need."""
    from probation_inspection.web.casework.results import inspection_results
    from probation_inspection.web.quality.evidence import known_evidence

    relevant: dict[str, int] | None = None
    # Relevance is counted from assessments that count, which exist only once fieldwork ends.
    if inspection.stage in (core.Stage.MODERATION, core.Stage.RATING):
        relevant = {}
        for results in inspection_results(inspection, framework):
            for item in results.standards:
                for row in item.rows:
                    if row.is_key_question:
                        relevant[row.id] = relevant.get(row.id, 0) + row.tally.yes + row.tally.no
    unassigned: dict[str, int] = {}
    for sample_type in sampled.filter(assigned_to__isnull=True).values_list(
            "sample__sample_type", flat=True):
        unassigned[sample_type] = unassigned.get(sample_type, 0) + 1
    for sample_type in sampled.values_list("sample__sample_type", flat=True).distinct():
        unassigned.setdefault(sample_type, 0)
    return {
        "drawn_sample_types": frozenset(sampled.values_list("sample__sample_type", flat=True)),
        "unassigned": unassigned,
        "evidence_items": len(known_evidence(inspection, framework)),
        "relevant_cases": relevant,
    }


@transaction.atomic
def advance(inspection: Inspection, framework: Framework, actor: Any, role: str,
            seen: str) -> core.Stage:
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
def reopen(inspection: Inspection, actor: Any, role: str, seen: str, reason: str) -> core.Stage:
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
