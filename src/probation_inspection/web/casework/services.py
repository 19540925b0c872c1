"""Saving an assessment: answers and case attributes, with stale-edit refusal and audit events.

What is stored, what blocks submission and what is warned about are the scoring core's
(`check_submission`); this module stores what changed and audits it.

One transaction per save; the version check and bump is a single conditional UPDATE, so two
concurrent saves from the same version cannot both succeed on SQLite or PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from probation_inspection.framework.model import Framework
from probation_inspection.scoring.submission import (
    Contradiction,
    RawAnswer,
    SubmissionProblem,
    check_submission,
)
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    SampledCase,
)
from probation_inspection.web.casework.questions import questions

#: What the assessment form posts for one question (the core's raw answer).
PostedAnswer = RawAnswer


@dataclass
class SaveResult:
    saved: bool
    #: Audit events written by others since the version the form was loaded at.
    conflicts: list[AuditEvent] = field(default_factory=list)
    #: What blocked submission (the core's `check_submission`), each naming its field.
    missing: list[SubmissionProblem] = field(default_factory=list)
    #: Key questions whose judgement contradicts most of their prompts.
    warnings: list[Contradiction] = field(default_factory=list)


def start_assessment(case: SampledCase, framework: Framework, assessor: Any) -> Assessment:
    """The case's assessment, created (with an empty answer per question) on first opening."""
    assessment, created = Assessment.objects.get_or_create(
        sampled_case=case,
        defaults={
            "assessor": assessor,
            "framework_id": framework.id,
            "framework_version": framework.version,
        },
    )
    if created:
        Answer.objects.bulk_create(
            Answer(assessment=assessment, question_id=question.id, kind=question.kind)
            for question in questions(framework, case.sample.sample_type)
        )
    return assessment


def changes_since(case: SampledCase, version: int) -> list[AuditEvent]:
    return [
        event
        for event in case.audit_events.select_related("actor").order_by("at", "id")
        if isinstance(event.after, dict) and int(event.after.get("version", 0)) > version
    ]


def save_assessment(
    assessment: Assessment,
    framework: Framework,
    actor: Any,
    loaded_version: int,
    posted: Mapping[str, PostedAnswer],
    attributes: Mapping[str, object],
    submit: bool,
) -> SaveResult:
    """Store what the form posted; refuse it whole if someone saved since it was loaded."""
    case = assessment.sampled_case
    with transaction.atomic():
        bumped = Assessment.objects.filter(pk=assessment.pk, version=loaded_version).update(
            version=F("version") + 1
        )
        if not bumped:
            return SaveResult(saved=False, conflicts=changes_since(case, loaded_version))
        version = loaded_version + 1
        # Lock only the case row (PostgreSQL would otherwise lock the joined rows too).
        case = (SampledCase.objects.select_related("sample__inspection")
                .select_for_update(of=("self",)).get(pk=case.pk))
        merged = dict(case.attributes)
        for name, value in attributes.items():
            if merged.get(name) != value:
                record(actor, case.sample.inspection, AuditAction.CASE_ATTRIBUTE, target=name,
                       before={"value": merged.get(name)},
                       after={"value": value, "version": version}, sampled_case=case)
                merged[name] = value
        if merged != case.attributes:
            case.attributes = merged
            case.version = F("version") + 1
            case.save(update_fields=["attributes", "version"])

        # The core says what to store (relevance overrides applied), what is missing and
        # what contradicts; this only stores what changed and audits it.
        checked = check_submission(framework, case.sample.sample_type, merged, posted)
        result = SaveResult(saved=True, missing=list(checked.missing),
                            warnings=list(checked.warnings))
        stored = {answer.question_id: answer for answer in assessment.answers.all()}
        for question in questions(framework, case.sample.sample_type):
            answer = stored.get(question.id) or Answer(
                assessment=assessment, question_id=question.id, kind=question.kind
            )
            new = checked.answers[question.id]
            before = (answer.value, answer.evidence, answer.practice_example)
            after = (new.value, new.evidence, new.practice_example)
            if answer.pk is None or before != after:
                answer.value, answer.evidence, answer.practice_example = after
                answer.save()
                record(actor, case.sample.inspection, AuditAction.ANSWER, target=question.id,
                       before=dict(zip(("value", "evidence", "practice_example"), before,
                                       strict=True)),
                       after={"value": new.value, "evidence": new.evidence,
                              "practice_example": new.practice_example, "version": version},
                       sampled_case=case)

        if submit and not result.missing:
            assessment.refresh_from_db()
            record(actor, case.sample.inspection, AuditAction.ASSESSMENT_SUBMITTED,
                   before={"status": assessment.status},
                   after={"status": AssessmentStatus.SUBMITTED, "version": version},
                   sampled_case=case)
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = timezone.now()
            assessment.save(update_fields=["status", "submitted_at", "updated_at"])
        return result

