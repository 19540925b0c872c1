"""Saving an assessment: answers and case attributes, with stale-edit refusal and audit events.

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
from probation_inspection.scoring import Answer as AnswerValue
from probation_inspection.scoring.consistency import contradicts_prompts
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    SampledCase,
)
from probation_inspection.web.casework.questions import Question, questions, relevance_attributes

ANSWERED = {AnswerValue.YES.value, AnswerValue.NO.value, AnswerValue.NOT_APPLICABLE.value}


@dataclass(frozen=True)
class PostedAnswer:
    value: str = ""
    evidence: str = ""
    practice_example: bool = False


@dataclass
class SaveResult:
    saved: bool
    #: Audit events written by others since the version the form was loaded at.
    conflicts: list[AuditEvent] = field(default_factory=list)
    #: (question id or attribute name, message) for each problem that blocked submission.
    missing: list[tuple[str, str]] = field(default_factory=list)
    #: Key questions whose judgement contradicts most of their prompts.
    warnings: list[Question] = field(default_factory=list)


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

        result = SaveResult(saved=True)
        stored = {answer.question_id: answer for answer in assessment.answers.all()}
        prompt_answers: dict[str, list[AnswerValue]] = {}
        for question in questions(framework, case.sample.sample_type):
            answer = stored.get(question.id) or Answer(
                assessment=assessment, question_id=question.id, kind=question.kind
            )
            applies = question.applies(merged)
            new = posted.get(question.id, PostedAnswer())
            value = new.value if new.value in ANSWERED else ""
            if applies is False:
                # Relevance decides, never the inspector: the answer is kept as not relevant.
                value, new = AnswerValue.NOT_RELEVANT.value, PostedAnswer("", new.evidence)
            elif applies is None:
                value = ""
            before = (answer.value, answer.evidence, answer.practice_example)
            after = (value, new.evidence.strip(), new.practice_example)
            if answer.pk is None or before != after:
                answer.value, answer.evidence, answer.practice_example = after
                answer.save()
                record(actor, case.sample.inspection, AuditAction.ANSWER, target=question.id,
                       before=dict(zip(("value", "evidence", "practice_example"), before,
                                       strict=True)),
                       after={"value": value, "evidence": after[1],
                              "practice_example": after[2], "version": version},
                       sampled_case=case)
            if applies is True and value not in ANSWERED:
                result.missing.append((question.id, f"Answer {question.kind.replace('-', ' ')} "
                                       f"{question.id}: {question.text}"))
            if question.prompt is not None and value in ANSWERED:
                prompt_answers.setdefault(question.key_question.id, []).append(AnswerValue(value))
            if question.prompt is None and value in ANSWERED and contradicts_prompts(
                AnswerValue(value), prompt_answers.get(question.id, [])
            ):
                result.warnings.append(question)
        for name in _undecided_attributes(framework, case.sample.sample_type, merged):
            result.missing.append((name, f"Say whether: {framework.attribute(name).label}"))

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


def _undecided_attributes(
    framework: Framework, sample_type: str, attributes: Mapping[str, object]
) -> list[str]:
    return [
        attribute.name
        for attribute in relevance_attributes(framework, sample_type)
        if attributes.get(attribute.name) is None
    ]
