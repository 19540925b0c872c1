"""Records written once are never changed (web/immutable.py): for each model kept that way,
saving a stored row, deleting it, and the queryset's bulk update and delete are refused with
the model's own error, and the row stays as stored. Rating decisions and key-question answers
guarded only the row before: a bulk update or delete went through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from probation_inspection.scoring import DecisionKind
from probation_inspection.web.audit.models import AuditEvent, AuditLogIsAppendOnly
from probation_inspection.web.benchmarking.models import (
    Outcome,
    PublishedInspection,
    StoreEvent,
    StoreIsAppendOnly,
)
from probation_inspection.web.immutable import Immutable, RecordIsImmutable
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import (
    KeyQuestionAnswer,
    KeyQuestionAnswerIsAppendOnly,
    RatingDecision,
    RatingDecisionIsAppendOnly,
)
from probation_inspection.web.reports.models import (
    NarrativeRevision,
    NarrativeSection,
    RevisionIsAppendOnly,
)

pytestmark = pytest.mark.django_db

Build = Callable[[Inspection, Any], models.Model]


def _audit_event(inspection: Inspection, user: Any) -> models.Model:
    return AuditEvent.objects.create(actor=user, inspection=inspection, action="answer",
                                     target="2.1.1")


def _published_inspection(inspection: Inspection, user: Any) -> models.Model:
    return PublishedInspection.objects.create(
        provider="A provider", framework_id="a-framework", record={}, file_name="a.txt",
        sha256="0" * 64, imported_at=timezone.now(), imported_by=user)


def _store_event(inspection: Inspection, user: Any) -> models.Model:
    return StoreEvent.objects.create(actor=user, file_name="a.txt", sha256="0" * 64,
                                     outcome=Outcome.FAILED, message="Unreadable")


def _rating_decision(inspection: Inspection, user: Any) -> models.Model:
    return RatingDecision.objects.create(
        inspection=inspection, standard_id="1.1", version=1,
        kind=DecisionKind.JUDGEMENT.value, rating="Good", rationale="Seen", decided_by=user)


def _key_question_answer(inspection: Inspection, user: Any) -> models.Model:
    return KeyQuestionAnswer.objects.create(
        inspection=inspection, standard_id="1.1", key_question_id="1.1.1", version=1,
        judgement="A clear vision", answered_by=user)


def _narrative_revision(inspection: Inspection, user: Any) -> models.Model:
    section = NarrativeSection.objects.create(inspection=inspection, key="overview")
    return NarrativeRevision.objects.create(section=section, version=1, text="First words",
                                            edited_by=user)


#: (how to store one row, its model's refusal, a text field to try to change). A list: the
#: collected order must not vary between workers.
CASES: list[tuple[Build, type[RecordIsImmutable], str]] = [
    (_audit_event, AuditLogIsAppendOnly, "target"),
    (_published_inspection, StoreIsAppendOnly, "provider"),
    (_store_event, StoreIsAppendOnly, "message"),
    (_rating_decision, RatingDecisionIsAppendOnly, "rationale"),
    (_key_question_answer, KeyQuestionAnswerIsAppendOnly, "judgement"),
    (_narrative_revision, RevisionIsAppendOnly, "text"),
]


@pytest.mark.parametrize(("build", "refusal", "field"), CASES,
                         ids=[build.__name__.lstrip("_") for build, _, _ in CASES])
def test_a_stored_record_is_never_changed_or_deleted(
    inspection: Inspection, users: dict[str, Any], build: Build,
    refusal: type[RecordIsImmutable], field: str,
) -> None:
    row = build(inspection, users["lead"])
    model = type(row)
    assert issubclass(model, Immutable) and model.refusal is refusal
    stored = model.objects.filter(pk=row.pk).values(field).get()
    setattr(row, field, "changed")
    with pytest.raises(refusal):
        row.save()
    with pytest.raises(refusal):
        row.delete()
    with pytest.raises(refusal):
        model.objects.filter(pk=row.pk).update(**{field: "changed"})
    with pytest.raises(refusal):
        model.objects.all().update(**{field: "changed"})
    with pytest.raises(refusal):
        model.objects.filter(pk=row.pk).delete()
    with pytest.raises(refusal):
        model.objects.all().delete()
    assert model.objects.filter(pk=row.pk).values(field).get() == stored
