"""Saving an assessment: answers and case attributes, with stale-edit refusal and audit events.

What is stored, what blocks submission and what is warned about are the scoring core's
(`check_submission`); this module stores what changed and audits it.

One transaction per save; the version check and bump is a single conditional UPDATE, so two
concurrent saves from the same version cannot both succeed on SQLite or PostgreSQL. A save from
an older version is merged field by field (the core's `scoring.merge`) with what was stored
since, the base being read back from the audit events written since that version: the
inspector's other changes are stored and only fields both sides changed wait for a choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from probation_inspection.framework.model import Framework
from probation_inspection.scoring.merge import FieldConflict, merge
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
    audit_value,
)
from probation_inspection.web.casework.questions import questions

#: What the assessment form posts for one question (the core's raw answer).
PostedAnswer = RawAnswer
#: A merged field: ("answer" | "evidence" | "practice", question id) or ("attribute", name).
FieldKey = tuple[str, str]


@dataclass
class SaveResult:
    saved: bool
    #: Fields both the inspector and someone saving since changed differently: the stored
    #: value stands until the inspector chooses.
    conflicts: list[FieldConflict[FieldKey, object]] = field(default_factory=list)
    #: Audit events written by others since the version the form was loaded at.
    changes: list[AuditEvent] = field(default_factory=list)
    #: The assessment's version after the save (the form's next ``version``).
    version: int = 0
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
    case: SampledCase | None = None,
) -> SaveResult:
    """Store what the form posted; refuse it whole if someone saved since it was loaded.

    ``case`` is the assessment's case as the caller loaded it (with its sample and
    inspection), to save reading them again; its attributes are read afresh under the lock.
    """
    with transaction.atomic():
        bumped = Assessment.objects.filter(pk=assessment.pk, version=loaded_version).update(
            version=F("version") + 1
        )
        conflicts: list[FieldConflict[FieldKey, object]] = []
        changes: list[AuditEvent] = []
        if not bumped:
            merged_form = _merge_with_stored(assessment, framework, loaded_version, posted,
                                             attributes)
            if merged_form is None:
                return SaveResult(saved=False, changes=changes_since(
                    SampledCase.objects.get(pk=assessment.sampled_case_id), loaded_version))
            posted, attributes, conflicts, changes, loaded_version = merged_form
        version = loaded_version + 1
        if case is None or case.pk != assessment.sampled_case_id:
            case = SampledCase.objects.select_related("sample__inspection").get(
                pk=assessment.sampled_case_id)
        # Lock the case row and read its attributes as stored now (another save may have
        # changed them since the caller read the case).
        stored_attributes = (SampledCase.objects.select_for_update()
                             .values_list("attributes", flat=True).get(pk=case.pk))
        merged = dict(stored_attributes)
        for name, value in attributes.items():
            if merged.get(name) != value:
                record(actor, case.sample.inspection, AuditAction.CASE_ATTRIBUTE, target=name,
                       before={"value": audit_value(merged.get(name))},
                       after={"value": audit_value(value), "version": version},
                       sampled_case=case)
                merged[name] = value
        if merged != stored_attributes:
            SampledCase.objects.filter(pk=case.pk).update(attributes=merged,
                                                          version=F("version") + 1)

        # The core says what to store (relevance overrides applied), what is missing and
        # what contradicts; this only stores what changed and audits it.
        checked = check_submission(framework, case.sample.sample_type, merged, posted)
        result = SaveResult(saved=True, missing=list(checked.missing),
                            warnings=list(checked.warnings), conflicts=conflicts,
                            changes=changes, version=version)
        # A save changes an answer or two of a hundred: compare plain rows, and write only
        # the answers that changed (a model instance per answer was most of a save's time).
        stored = {
            question_id: (pk, (value, evidence, practice_example))
            for pk, question_id, value, evidence, practice_example in assessment.answers
            .order_by().values_list("pk", "question_id", "value", "evidence", "practice_example")
        }
        for question in questions(framework, case.sample.sample_type):
            pk, before = stored.get(question.id, (None, ("", "", False)))
            new = checked.answers[question.id]
            after = (new.value, new.evidence, new.practice_example)
            if pk is None or before != after:
                if pk is None:
                    Answer.objects.create(
                        assessment=assessment, question_id=question.id, kind=question.kind,
                        value=new.value, evidence=new.evidence,
                        practice_example=new.practice_example)
                else:
                    Answer.objects.filter(pk=pk).update(
                        value=new.value, evidence=new.evidence,
                        practice_example=new.practice_example)
                record(actor, case.sample.inspection, AuditAction.ANSWER, target=question.id,
                       before=dict(zip(("value", "evidence", "practice_example"), before,
                                       strict=True)),
                       after={"value": new.value, "evidence": new.evidence,
                              "practice_example": new.practice_example, "version": version},
                       sampled_case=case)

        if submit and not result.missing and not result.conflicts:
            assessment.refresh_from_db()
            record(actor, case.sample.inspection, AuditAction.ASSESSMENT_SUBMITTED,
                   before={"status": assessment.status},
                   after={"status": AssessmentStatus.SUBMITTED, "version": version},
                   sampled_case=case)
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = timezone.now()
            assessment.save(update_fields=["status", "submitted_at", "updated_at"])
        return result



def _merge_with_stored(
    assessment: Assessment, framework: Framework, loaded_version: int,
    posted: Mapping[str, PostedAnswer], attributes: Mapping[str, object],
) -> tuple[dict[str, PostedAnswer], dict[str, object], list[FieldConflict[FieldKey, object]],
           list[AuditEvent], int] | None:
    """A stale form merged into what is stored now, and the version it now saves from
    (bumped here); None if yet another save won the row meanwhile."""
    current = (Assessment.objects.select_for_update().only("version")
               .get(pk=assessment.pk).version)
    if not Assessment.objects.filter(pk=assessment.pk, version=current).update(
            version=F("version") + 1):
        return None
    case = SampledCase.objects.select_related("sample").get(pk=assessment.sampled_case_id)
    sample_type = case.sample.sample_type
    stored: dict[FieldKey, object] = {("attribute", name): value
                                      for name, value in case.attributes.items()}
    for answer in assessment.answers.all():
        stored[("answer", answer.question_id)] = answer.value
        stored[("evidence", answer.question_id)] = answer.evidence
        stored[("practice", answer.question_id)] = answer.practice_example
    # The base: what is stored, put back as it was before each change since the form loaded.
    base = dict(stored)
    seen: set[FieldKey] = set()
    changes = changes_since(case, loaded_version)
    for event in changes:
        before = event.before if isinstance(event.before, dict) else {}
        if event.action == AuditAction.CASE_ATTRIBUTE and ("attribute", event.target) not in seen:
            seen.add(("attribute", event.target))
            base[("attribute", event.target)] = before.get("value")
        elif event.action == AuditAction.ANSWER:
            for kind, name in (("answer", "value"), ("evidence", "evidence"),
                               ("practice", "practice_example")):
                if (kind, event.target) not in seen and name in before:
                    seen.add((kind, event.target))
                    base[(kind, event.target)] = before[name]
    base_attributes = {name: value for (kind, name), value in base.items()
                       if kind == "attribute" and value is not None}
    my_attributes = {**base_attributes, **attributes}
    # Mine as it would have been stored from the base (relevance applied), to compare alike.
    checked = check_submission(framework, sample_type, my_attributes, posted)
    mine: dict[FieldKey, object] = {("attribute", name): value
                                    for name, value in my_attributes.items()}
    for question_id, posted_answer in checked.answers.items():
        mine[("answer", question_id)] = posted_answer.value
        mine[("evidence", question_id)] = posted_answer.evidence
        mine[("practice", question_id)] = posted_answer.practice_example
    result = merge(base, stored, mine)
    values = result.values
    merged_answers = {
        question.id: RawAnswer(str(values.get(("answer", question.id)) or ""),
                               str(values.get(("evidence", question.id)) or ""),
                               bool(values.get(("practice", question.id))))
        for question in questions(framework, sample_type)}
    merged_attributes = {name: value for (kind, name), value in values.items()
                         if kind == "attribute" and value is not None}
    return merged_answers, merged_attributes, list(result.conflicts), changes, current
