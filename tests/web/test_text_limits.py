"""Every free-text field has a length limit in its model and its form, and they agree; the
casework pages that read request.POST by hand refuse oversized text before storing or
auditing anything. SQLite and PostgreSQL (scripts/test-postgres.sh)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse

from helpers import assign, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    CaseStatus,
    Sample,
    SampledCase,
)
from probation_inspection.web.input_limits import NOTE
from probation_inspection.web.inspections.forms import InspectionForm
from probation_inspection.web.inspections.models import Inspection, Provider
from probation_inspection.web.quality.forms import DecisionForm, DocumentForm, MeetingForm
from probation_inspection.web.quality.models import EvidenceDocument, Meeting, RatingDecision
from probation_inspection.web.reports.forms import CommentForm, SectionForm
from probation_inspection.web.reports.models import NarrativeSection, ReportComment

APPS = ("inspections", "casework", "quality", "reports")


def _text_fields() -> list[tuple[str, models.Field[Any, Any]]]:
    return [(f"{model.__name__}.{field.name}", field)
            for app in APPS for model in apps.get_app_config(app).get_models()
            for field in model._meta.get_fields()
            if isinstance(field, models.CharField | models.TextField)]


def _limit(field: models.Field[Any, Any]) -> int | None:
    if isinstance(field, models.CharField):
        return field.max_length
    return next((v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)),
                None)  # type: ignore[return-value]


def test_every_text_field_of_the_four_apps_has_a_limit() -> None:
    # A TextField has no length in the database: only the validator bounds it.
    unbounded = [name for name, field in _text_fields() if _limit(field) is None]
    assert unbounded == []


@pytest.mark.parametrize("form_field,model_field", [
    (MeetingForm.base_fields["participants"], Meeting._meta.get_field("participants")),
    (MeetingForm.base_fields["notes"], Meeting._meta.get_field("notes")),
    (DocumentForm.base_fields["title"], EvidenceDocument._meta.get_field("title")),
    (DecisionForm.base_fields["rating"], RatingDecision._meta.get_field("rating")),
    (DecisionForm.base_fields["rationale"], RatingDecision._meta.get_field("rationale")),
    (SectionForm.base_fields["text"], NarrativeSection._meta.get_field("text")),
    (CommentForm.base_fields["text"], ReportComment._meta.get_field("text")),
    (InspectionForm.base_fields["provider"], Provider._meta.get_field("name")),
])
def test_each_form_takes_exactly_what_its_model_stores(form_field: Any, model_field: Any) -> None:
    assert form_field.max_length is not None
    assert form_field.max_length == _limit(model_field)


def test_model_validation_refuses_an_oversized_note() -> None:
    answer = Answer(question_id="2.1.1", kind="prompt", evidence="x" * (NOTE + 1))
    with pytest.raises(ValidationError) as refused:
        answer.full_clean(exclude=["assessment"])
    assert "evidence" in refused.value.message_dict


@pytest.fixture
def assigned(inspection: Inspection, users: dict[str, Any], drawn: Sample) -> SampledCase:
    case = drawn.cases.filter(status=CaseStatus.SAMPLED).order_by("pk").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    return case


@pytest.mark.django_db
def test_an_evidence_note_over_the_limit_is_refused_and_not_audited(
    assigned: SampledCase, users: dict[str, Any]
) -> None:
    inspector = signed_in(users["inspector"])  # signing in is audited: count after it
    url = reverse("casework:assess", args=[assigned.pk])
    inspector.get(url)
    version = Assessment.objects.get(sampled_case=assigned).version
    before = AuditEvent.objects.count()
    response = inspector.post(url, {"version": version, "action": "save", "answer-2-1-1": "yes",
                                    "evidence-2-1-1": "x" * (NOTE + 1)})
    assert response.status_code == 400
    assert [(e.message, e.field) for e in response.context["error_list"]] == [(
        "The evidence note for 2.1.1 must be 5,000 characters or fewer (it has 5,001)",
        "evidence-2-1-1")]
    answer = Answer.objects.get(assessment__sampled_case=assigned, question_id="2.1.1")
    assert (answer.value, answer.evidence) != ("yes", "x" * (NOTE + 1))
    assert answer.evidence == ""
    assert AuditEvent.objects.count() == before
    saved = inspector.post(url, {"version": version, "action": "save", "answer-2-1-1": "yes",
                                 "evidence-2-1-1": "x" * NOTE})
    assert saved.status_code == 302


@pytest.mark.django_db
def test_a_nul_character_in_a_hand_read_note_is_refused_and_not_audited(
    assigned: SampledCase, users: dict[str, Any]
) -> None:
    # PostgreSQL refuses NUL in text: the upload fuzz test found the same hole in files.
    inspector = signed_in(users["inspector"])
    url = reverse("casework:assess", args=[assigned.pk])
    inspector.get(url)
    version = Assessment.objects.get(sampled_case=assigned).version
    before = AuditEvent.objects.count()
    response = inspector.post(url, {"version": version, "action": "save", "answer-2-1-1": "yes",
                                    "evidence-2-1-1": "seen\x00"})
    assert response.status_code == 400
    assert [(e.message, e.field) for e in response.context["error_list"]] == [(
        "The evidence note for 2.1.1 contains a NUL character, which is not text",
        "evidence-2-1-1")]
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_a_substitution_detail_over_the_limit_replaces_nothing(
    assigned: SampledCase, users: dict[str, Any]
) -> None:
    response = signed_in(users["lead"]).post(
        reverse("casework:substitute", args=[assigned.pk]),
        {"reason": "other", "detail": "d" * (NOTE + 1)})
    assert response.status_code == 400
    assert "The detail must be 5,000 characters or fewer" in response.content.decode()
    assert not SampledCase.objects.filter(status=CaseStatus.SUBSTITUTED).exists()


def test_typed_case_attributes_have_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # No shipped framework lets inspectors type a text or number attribute; a provider's own
    # framework may, so both are checked here with such attributes.
    from django.http import QueryDict

    from probation_inspection.framework.model import AttributeType, CaseAttribute
    from probation_inspection.web.casework import forms as casework_forms
    from probation_inspection.web.input_limits import ATTRIBUTE_VALUE

    typed = (CaseAttribute("team_name", AttributeType.TEXT, "Team name"),
             CaseAttribute("contacts", AttributeType.INTEGER, "Contacts"))
    monkeypatch.setattr(casework_forms, "relevance_attributes", lambda *_: typed)
    posted = QueryDict(mutable=True)
    posted.update({"attribute-team_name": "t" * (ATTRIBUTE_VALUE + 1),
                   "attribute-contacts": "1e9"})
    values, errors = casework_forms.posted_attributes(posted, None, "case-supervision")  # type: ignore[arg-type]
    assert values == {}
    assert errors == [
        ("team_name", "Team name must be 200 characters or fewer (it has 201)"),
        ("contacts", "Contacts must be a whole number from -1,000,000,000 to 1,000,000,000"),
    ]
    posted.update({"attribute-team_name": "North", "attribute-contacts": "12"})
    assert casework_forms.posted_attributes(posted, None, "case-supervision") == (  # type: ignore[arg-type]
        {"team_name": "North", "contacts": 12}, [])
