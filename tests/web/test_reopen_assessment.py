"""A lead reopens a submitted or moderated assessment with a reason (issue 13): who may, at
which stages, the reason required, the audit, the inspector's email, the case history, and the
results dropping the case until it is resubmitted."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from helpers import add_case, set_stage, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Assessment, SampledCase
from probation_inspection.web.casework.results import counted
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def _url(case: SampledCase) -> str:
    return reverse("casework:reopen-assessment", args=[case.pk])


@pytest.mark.parametrize("status", ["submitted", "moderated"])
@pytest.mark.parametrize("stage", ["fieldwork", "moderation"])
def test_the_lead_reopens_with_a_reason_audited_emailed_and_no_longer_counted(
    status: str, stage: str, inspection: Inspection, users: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    set_stage(inspection, stage)
    users["inspector"].email = "inspector@example.org"
    users["inspector"].save(update_fields=["email"])
    case = add_case(inspection, users["inspector"], status)
    cases = SampledCase.objects.filter(pk=case.pk)
    assert counted(cases).exists()
    lead = signed_in(users["lead"])
    assert "Reopen this assessment" in lead.get(
        reverse("casework:assess", args=[case.pk])).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = lead.post(_url(case), {"reason": "Recheck the risk of harm in 2.1"})
    assert answer.status_code == 302
    assert Assessment.objects.get(sampled_case=case).status == "returned"
    assert not counted(cases).exists()
    event = AuditEvent.objects.get(action="assessment-reopened")
    assert event.before == {"status": status}
    assert event.after == {"status": "returned", "reason": "Recheck the risk of harm in 2.1"}
    [message] = mail.outbox
    assert message.to == ["inspector@example.org"]
    assert case.case_reference in message.subject
    assert "Recheck the risk of harm in 2.1" in message.body
    history = lead.get(reverse("casework:history", args=[case.pk])).content.decode()
    assert "Recheck the risk of harm in 2.1" in history
    # The inspector revises and resubmits it as after a QA return: it counts again.
    Assessment.objects.filter(sampled_case=case).update(status="submitted")
    assert counted(cases).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(reason: str, inspection: Inspection,
                              users: dict[str, Any]) -> None:
    case = add_case(inspection, users["inspector"], "submitted")
    answer = signed_in(users["lead"]).post(_url(case), {"reason": reason})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "govuk-error-summary" in page and 'href="#reason"' in page
    assert "needs a reason" in page
    assert Assessment.objects.get(sampled_case=case).status == "submitted"
    assert not AuditEvent.objects.filter(action="assessment-reopened").exists()


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_an_open_assessment_is_not_reopened(status: str, inspection: Inspection,
                                            users: dict[str, Any]) -> None:
    case = add_case(inspection, users["inspector"], status)
    lead = signed_in(users["lead"])
    assert "Reopen this assessment" not in lead.get(
        reverse("casework:assess", args=[case.pk])).content.decode()
    answer = lead.post(_url(case), {"reason": "why"})
    assert answer.status_code == 400
    assert "cannot be reopened" in answer.content.decode()
    assert Assessment.objects.get(sampled_case=case).status == status


@pytest.mark.parametrize("name", ["inspector", "other"])
def test_only_the_lead_may(name: str, inspection: Inspection, users: dict[str, Any]) -> None:
    case = add_case(inspection, users["inspector"], "submitted")
    client = signed_in(users[name])
    assert "Reopen this assessment" not in client.get(
        reverse("casework:assess", args=[case.pk])).content.decode()
    assert client.post(_url(case), {"reason": "why"}).status_code == 403
    assert Assessment.objects.get(sampled_case=case).status == "submitted"


@pytest.mark.parametrize("stage", ["rating", "reporting"])
def test_after_moderation_the_stage_is_reopened_first(stage: str, inspection: Inspection,
                                                      users: dict[str, Any]) -> None:
    case = add_case(inspection, users["inspector"], "moderated")
    set_stage(inspection, stage)
    answer = signed_in(users["lead"]).post(_url(case), {"reason": "why"})
    assert answer.status_code == 403
    assert "move the inspection back to moderation first" in answer.content.decode()
    assert Assessment.objects.get(sampled_case=case).status == "moderated"
