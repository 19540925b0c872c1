"""Text over its limit on the quality pages is refused with a message naming the field: nothing
stored, no audit event, never a 500 (the interviewee was one on PostgreSQL). SQLite and
PostgreSQL (scripts/test-postgres.sh tests/web/quality/test_text_limits.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import judge, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Assessment
from probation_inspection.web.input_limits import (
    FACT_PERIOD,
    MEETING_NOTES,
    NOTE,
    PEOPLE,
    SHORT_LABEL,
)
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import (
    ContextualFact,
    InterviewResponse,
    Meeting,
    Moderation,
    ModerationFlag,
    PresentationNote,
)

pytestmark = pytest.mark.django_db


def _events() -> int:
    return AuditEvent.objects.exclude(action="signed-in").count()


@pytest.mark.parametrize("field,label", [
    ("interviewee", "The interviewee's reference"), ("grade", "The grade"),
])
def test_an_interviewee_or_grade_over_50_characters_is_a_form_error(
    inspection: Inspection, team: dict[str, Any], field: str, label: str
) -> None:
    client = signed_in(team["inspector"])
    before = _events()
    data = {"interviewee": "RO-1", "grade": "PO", "answer-ro-interview.workload": "yes",
            field: "x" * (SHORT_LABEL + 1)}
    response = client.post(reverse("quality:interviews", args=[inspection.pk]), data)
    assert response.status_code == 400
    assert [(e.message, e.field) for e in response.context["error_list"]] == [
        (f"{label} must be 50 characters or fewer (it has 51)", field)]
    assert f'href="#{field}"' in response.content.decode()
    assert not InterviewResponse.objects.exists()
    assert _events() == before
    # Exactly 50 fits the column on PostgreSQL too.
    data[field] = "x" * SHORT_LABEL
    assert client.post(reverse("quality:interviews", args=[inspection.pk]),
                       data).status_code == 302


def test_an_interview_answer_over_the_limit_is_refused(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    response = signed_in(team["inspector"]).post(
        reverse("quality:interviews", args=[inspection.pk]),
        {"interviewee": "RO-1", "answer-ro-interview.workload": "y" * (NOTE + 1)})
    assert response.status_code == 400
    assert "The answer to question ro-interview.workload must be 5,000 characters or fewer" \
        in response.content.decode()
    assert not InterviewResponse.objects.exists()


@pytest.mark.parametrize("field,limit,message", [
    ("notes", MEETING_NOTES, "The notes must be 20,000 characters or fewer"),
    ("participants", PEOPLE, "Who attended must be 2,000 characters or fewer"),
])
def test_meeting_notes_and_participants_have_limits(
    inspection: Inspection, team: dict[str, Any], field: str, limit: int, message: str
) -> None:
    data = {"kind": "meeting", "held_on": "2026-11-04", "role_group": "responsible-officers",
            "participants": "Six POs", "notes": "Workloads high", field: "n" * (limit + 1)}
    before = _events()
    response = signed_in(team["lead"]).post(
        reverse("quality:meeting-new", args=[inspection.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert _events() == before


def test_a_presentation_note_over_the_limit_stores_no_note(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    before = _events()
    response = signed_in(team["lead"]).post(
        reverse("quality:presentation", args=[inspection.pk]),
        {"notes-1": "Clear vision", "notes-2": "n" * (NOTE + 1)})
    assert response.status_code == 400
    assert "The notes on question 2 must be 5,000 characters or fewer" in (
        response.content.decode())
    assert not PresentationNote.objects.exists()
    assert _events() == before


def test_a_typed_fact_period_over_its_column_is_refused(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    response = signed_in(team["data"]).post(
        reverse("quality:facts", args=[inspection.pk]),
        {"action": "enter", "upw-completions-provider_figure": "92",
         "upw-completions-period": "p" * (FACT_PERIOD + 1)})
    assert response.status_code == 400
    assert "period must be 100 characters or fewer (it has 101)" in response.content.decode()
    assert not ContextualFact.objects.exists()


def test_a_moderation_comment_over_the_limit_saves_no_judgement(
    team: dict[str, Any], queued: list[Assessment],  # noqa: F811
) -> None:
    client = signed_in(team["qa"])
    before = _events()
    response = judge(client, queued[0], "yes", **{"comment-2.1.1": "c" * (NOTE + 1)})
    assert response.status_code == 400
    assert "Your comment on key question 2.1.1 must be 5,000 characters or fewer" in (
        response.content.decode())
    assert not Moderation.objects.exists()
    assert _events() == before
    assert judge(client, queued[0], "yes").status_code == 302
    verdict = client.post(reverse("quality:moderate", args=[queued[0].pk]),
                          {"action": "verdict", "return": "no", "comment": "c" * (NOTE + 1)})
    assert verdict.status_code == 400
    assert "Your comment must be 5,000 characters or fewer" in verdict.content.decode()
    assert Moderation.objects.get().outcome == ""


def test_a_flag_reason_over_the_limit_does_not_flag(
    team: dict[str, Any], queued: list[Assessment],  # noqa: F811
) -> None:
    chosen = {a.pk for a in queued}
    own = Assessment.objects.filter(assessor=team["inspector"]).exclude(pk__in=chosen).first()
    assert own is not None
    client = signed_in(team["inspector"])
    response = client.post(reverse("quality:flag", args=[own.sampled_case.pk]),
                           {"reason": "r" * (NOTE + 1)}, follow=True)
    assert "The reason for flagging must be 5,000 characters or fewer" in (
        response.content.decode())
    assert not ModerationFlag.objects.exists()
    assert not AuditEvent.objects.filter(action="moderation-flagged").exists()
