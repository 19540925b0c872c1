"""What quality adds to an inspection's stage rules: the moderation queue, the rating decisions
still to take and the evidence a judgement may cite. Registered into `inspections.registry`
from `QualityConfig.ready()`, because the inspections app may not import this one.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.access import Stage as CoreStage
from probation_inspection.framework.model import Framework
from probation_inspection.scoring import ready_for_reporting
from probation_inspection.web.casework.models import AssessmentStatus
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.evidence import current_answers, known_evidence
from probation_inspection.web.quality.models import ModerationQueue, QueueEntry
from probation_inspection.web.quality.ratings import decision_log, rule_results


def stage_facts(inspection: Inspection, framework: Framework) -> dict[str, Any]:
    """The stage rules' facts about moderation, ratings and evidence, from the database now."""
    undecided: tuple[str, ...] = ()
    not_rated: tuple[str, ...] = ()
    if inspection.stage == CoreStage.RATING:
        found = rule_results(inspection, framework)
        readiness = ready_for_reporting(decision_log(inspection), framework, found.counted)
        undecided = tuple(f"{item.standard_id} ({item.reason})" for item in readiness.outstanding)
        not_rated = tuple(f"{key} ({rating.not_rated_reason})"
                          for key, rating in found.not_rated.items())
    return dict(
        queue_drawn=ModerationQueue.objects.filter(inspection=inspection).exists(),
        awaiting_moderation=QueueEntry.objects.filter(queue__inspection=inspection)
        .exclude(assessment__status__in=(AssessmentStatus.MODERATED, AssessmentStatus.RETURNED))
        .count(),
        undecided=undecided,
        not_rated=not_rated,
        evidence_items=len(known_evidence(inspection, framework)),
        answered_key_questions=frozenset(current_answers(inspection)),
    )
