"""View tests for moderation: the seeded queue, blind judgements, the verdict, the return,
the inspector's revision and resubmission, flags and the audit trail. SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import judge, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Answer, Assessment
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import Moderation, ModerationQueue, QueueEntry

pytestmark = pytest.mark.django_db

def test_queue_draws_a_share_of_each_inspector_with_a_stored_seed(
    inspection: Inspection, team: dict[str, Any], queued: list[Assessment]
) -> None:
    queue = ModerationQueue.objects.get(inspection=inspection)
    by_inspector: dict[str, int] = {}
    for assessment in queued:
        by_inspector[assessment.assessor.username] = by_inspector.get(
            assessment.assessor.username, 0) + 1
    # At least one in five and at least two each: 2 of 6, and 2 of 3.
    assert by_inspector == {"inspector": 2, "other": 2}
    again = signed_in(team["qa"]).get(reverse("quality:queue", args=[inspection.pk]))
    assert again.status_code == 200
    assert QueueEntry.objects.count() == 4
    assert ModerationQueue.objects.get(pk=queue.pk).seed == queue.seed
    events = AuditEvent.objects.filter(action="moderation-queued")
    assert events.count() == 4
    assert AuditEvent.objects.filter(action="moderation-queue-created").count() == 1


def test_judgements_are_blind_until_saved(team: dict[str, Any], queued: list[Assessment]) -> None:
    assessment = queued[0]
    Answer.objects.filter(assessment=assessment, question_id="2.1.1").update(
        evidence="SECRET-NOTE")
    client = signed_in(team["qa"])
    page = client.get(reverse("quality:moderate", args=[assessment.pk]))
    assert page.status_code == 200
    assert page.context["view"].blind
    assert "SECRET-NOTE" not in page.content.decode()
    response = judge(client, assessment, "yes", **{"judgement-2.1.1": "no"})
    assert response.status_code == 302
    page = client.get(reverse("quality:moderate", args=[assessment.pk]))
    assert not page.context["view"].blind
    assert "SECRET-NOTE" in page.content.decode()
    moderation = Moderation.objects.get(assessment=assessment)
    assert moderation.round == 1 and moderation.outcome == ""
    assert moderation.inspector_answers["2.1.1"] == assessment.answers.get(
        question_id="2.1.1").value
    assert AuditEvent.objects.filter(action="moderation-judged").count() == 1


def test_a_missing_judgement_is_named_and_nothing_is_saved(
    team: dict[str, Any], queued: list[Assessment]
) -> None:
    response = judge(signed_in(team["qa"]), queued[0], "yes", **{"judgement-2.3.2": ""})
    assert response.status_code == 400
    assert "key question 2.3.2" in response.content.decode()
    assert not Moderation.objects.exists()


def test_disagreement_returns_to_inspector_who_revises_and_resubmits(
    inspection: Inspection, team: dict[str, Any], queued: list[Assessment]
) -> None:
    assessment = next(a for a in queued if a.assessor == team["inspector"])
    qa = signed_in(team["qa"])
    judge(qa, assessment, "yes", **{"judgement-2.1.1": "no"})
    # A return needs a comment: refused, and the assessment stays submitted.
    refused = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                      {"action": "verdict", "return": "yes", "comment": ""})
    assert refused.status_code == 400
    assert "comment" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    done = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                   {"action": "verdict", "return": "yes", "comment": "Recheck 2.1.1"})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "returned"
    assert Moderation.objects.get(assessment=assessment).outcome == "returned"
    # The inspector sees the comment on the assessment page and can edit again.
    inspector = signed_in(team["inspector"])
    page = inspector.get(reverse("casework:assess", args=[assessment.sampled_case.pk]))
    assert "Recheck 2.1.1" in page.content.decode()
    assert page.context["editable"]
    actions = list(AuditEvent.objects.filter(sampled_case=assessment.sampled_case)
                   .values_list("action", flat=True))
    assert "moderation-recorded" in actions and "assessment-returned" in actions
    # Resubmission puts it back in the queue for a second, again blind, round.
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    queue = qa.get(reverse("quality:queue", args=[inspection.pk]))
    row = next(r for r in queue.context["rows"] if r["assessment"].pk == assessment.pk)
    assert row["to_do"]
    assert qa.get(reverse("quality:moderate", args=[assessment.pk])).context["view"].blind
    judge(qa, assessment, "no")
    assert Moderation.objects.filter(assessment=assessment).count() == 2


def test_agreement_records_moderated_status(team: dict[str, Any],
                                            queued: list[Assessment]) -> None:
    assessment = next(a for a in queued if a.assessor == team["other"])
    qa = signed_in(team["qa"])
    judge(qa, assessment, "no")
    qa.post(reverse("quality:moderate", args=[assessment.pk]),
            {"action": "verdict", "return": "no", "comment": ""})
    assessment.refresh_from_db()
    assert assessment.status == "moderated"
    assert Moderation.objects.get(assessment=assessment).outcome == "agreed"
    # Returning an agreed case is refused by the core.


def test_return_without_disagreement_is_refused(team: dict[str, Any],
                                                queued: list[Assessment]) -> None:
    assessment = next(a for a in queued if a.assessor == team["other"])
    qa = signed_in(team["qa"])
    judge(qa, assessment, "no")
    response = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                       {"action": "verdict", "return": "yes", "comment": "Why?"})
    assert response.status_code == 400
    assert "only a disagreement" in response.content.decode()


def test_only_the_qa_inspector_moderates(team: dict[str, Any], queued: list[Assessment]) -> None:
    assessment = queued[0]
    url = reverse("quality:moderate", args=[assessment.pk])
    assert signed_in(team["lead"]).get(url).status_code == 403
    assert signed_in(team["inspector"]).get(url).status_code == 403
    assert signed_in(team["reader"]).get(url).status_code == 404
    assert signed_in(team["outsider"]).get(url).status_code == 404
    assert judge(signed_in(team["lead"]), assessment, "yes").status_code == 403
    assert not Moderation.objects.exists()


def test_inspector_flags_own_case_and_it_joins_the_queue(
    inspection: Inspection, team: dict[str, Any], queued: list[Assessment]
) -> None:
    chosen = {a.pk for a in queued}
    own = Assessment.objects.filter(assessor=team["inspector"]).exclude(pk__in=chosen).first()
    assert own is not None
    url = reverse("quality:flag", args=[own.sampled_case.pk])
    assert signed_in(team["other"]).post(url).status_code == 403
    assert signed_in(team["inspector"]).post(url, {"reason": "Unsure"}).status_code == 302
    assert AuditEvent.objects.filter(action="moderation-flagged").count() == 1
    signed_in(team["qa"]).get(reverse("quality:queue", args=[inspection.pk]))
    assert QueueEntry.objects.get(assessment=own).reason == "flagged"
