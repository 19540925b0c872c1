"""The inspector is emailed when moderation returns their assessment (issue 13), and a mail
server that fails does not undo the return."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from helpers import judge, signed_in
from probation_inspection.web.casework.models import Assessment

pytestmark = pytest.mark.django_db


def _return(team: dict[str, Any], queued: list[Assessment]) -> Assessment:
    assessment = next(a for a in queued if a.assessor == team["inspector"])
    qa = signed_in(team["qa"])
    judge(qa, assessment, "yes", **{"judgement-2.1.1": "no"})
    done = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                   {"action": "verdict", "return": "yes", "comment": "Recheck 2.1.1"})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "returned"
    return assessment


def test_the_inspector_is_emailed_with_the_comment_and_a_link(
    settings: Any, team: dict[str, Any], queued: list[Assessment],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.SITE_URL = "https://inspect.example.org"
    team["inspector"].email = "inspector@example.org"
    team["inspector"].save(update_fields=["email"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment = _return(team, queued)
    [message] = mail.outbox
    case = assessment.sampled_case
    assert message.to == ["inspector@example.org"]
    assert case.case_reference in message.subject
    assert "Recheck 2.1.1" in message.body
    assert f"https://inspect.example.org/cases/{case.pk}/" in message.body


def test_agreement_sends_nothing(team: dict[str, Any], queued: list[Assessment]) -> None:
    team["inspector"].email = "inspector@example.org"
    team["inspector"].save(update_fields=["email"])
    assessment = next(a for a in queued if a.assessor == team["inspector"])
    qa = signed_in(team["qa"])
    judge(qa, assessment, "yes")
    mail.outbox.clear()
    qa.post(reverse("quality:moderate", args=[assessment.pk]),
            {"action": "verdict", "return": "", "comment": ""})
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_return(
    settings: Any, team: dict[str, Any], queued: list[Assessment]
) -> None:
    settings.EMAIL_BACKEND = "no_such_module.Backend"
    team["inspector"].email = "inspector@example.org"
    team["inspector"].save(update_fields=["email"])
    _return(team, queued)
