"""Core refusals on the quality pages link the error summary to the field the core's error
names (its code's field), not to one guessed from the message; hand-read text is held to
`input_limits` by the forms, a NUL character included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import KEY_QUESTIONS, signed_in
from probation_inspection.web.casework.models import Assessment
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import (
    EvidenceDocument,
    InterviewResponse,
    Moderation,
    QueueEntry,
)

pytestmark = pytest.mark.django_db

@pytest.fixture
def drawn(inspection: Inspection, team: dict[str, Any], build: Any) -> list[Assessment]:
    build(inspection, [(team["inspector"], ["yes"] * 3), (team["other"], ["no"] * 3)],
          ("case-supervision",))
    assert signed_in(team["qa"]).get(
        reverse("quality:queue", args=[inspection.pk])).status_code == 200
    return [entry.assessment for entry in QueueEntry.objects.order_by("id")]


def _judged(client: Any, assessment: Assessment, **overrides: str) -> Any:
    data = {"action": "judge", **{f"judgement-{kq}": "no" for kq in KEY_QUESTIONS}}
    data.update(overrides)
    return client.post(reverse("quality:moderate", args=[assessment.pk]), data)


def _summary(response: Any) -> list[tuple[str, str]]:
    return [(e.message, e.field) for e in response.context["error_list"]]


def test_a_return_without_disagreement_links_to_the_return_choice(
    team: dict[str, Any], drawn: list[Assessment]
) -> None:
    assessment = next(a for a in drawn if a.assessor == team["other"])
    qa = signed_in(team["qa"])
    assert _judged(qa, assessment).status_code == 302
    response = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                       {"action": "verdict", "return": "yes", "comment": "Why?"})
    assert response.status_code == 400
    [(message, field)] = _summary(response)
    assert message.startswith("Assessment ") and "only a disagreement" in message
    assert field == "return"


def test_a_return_without_a_comment_links_to_the_comment(
    team: dict[str, Any], drawn: list[Assessment]
) -> None:
    assessment = next(a for a in drawn if a.assessor == team["inspector"])
    qa = signed_in(team["qa"])
    assert _judged(qa, assessment).status_code == 302
    response = qa.post(reverse("quality:moderate", args=[assessment.pk]),
                       {"action": "verdict", "return": "yes", "comment": " "})
    assert response.status_code == 400
    assert [field for _, field in _summary(response)] == ["comment"]
    assert Moderation.objects.get(assessment=assessment).outcome == ""


def test_a_judgement_outside_the_list_is_named_by_its_key_question(
    team: dict[str, Any], drawn: list[Assessment]
) -> None:
    response = _judged(signed_in(team["qa"]), drawn[0], **{"judgement-2.2.1": "not-relevant"})
    assert response.status_code == 400
    assert _summary(response) == [("Select your judgement for key question 2.2.1",
                                   "judgement-2.2.1")]
    assert not Moderation.objects.exists()


def test_a_step_not_on_offer_is_refused(team: dict[str, Any], drawn: list[Assessment]) -> None:
    response = signed_in(team["qa"]).post(
        reverse("quality:moderate", args=[drawn[0].pk]), {"action": "verdict"})
    assert response.status_code == 400
    assert _summary(response) == [("This step has already been taken: reload the page", "")]


def test_a_refused_upload_links_to_the_file_and_says_nothing_was_stored(
    inspection: Inspection, team: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.EVIDENCE_DIR = tmp_path
    response = signed_in(team["lead"]).post(
        reverse("quality:document-new", args=[inspection.pk]),
        {"title": "Plan", "document_type": "other", "file": SimpleUploadedFile("plan.exe", b"x")})
    assert response.status_code == 400
    [(message, field)] = _summary(response)
    assert message.startswith("plan.exe: only PDF, DOCX, XLSX files may be uploaded")
    assert message.endswith(" Nothing was stored.")
    assert field == "id_file"
    assert not EvidenceDocument.objects.exists()


def test_a_nul_character_in_an_interviewee_is_refused_naming_the_field(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    response = signed_in(team["inspector"]).post(
        reverse("quality:interviews", args=[inspection.pk]),
        {"interviewee": "RO\x00-1", "answer-ro-interview.workload": "yes"})
    assert response.status_code == 400
    assert _summary(response) == [
        ("The interviewee's reference contains a NUL character, which is not text",
         "interviewee")]
    assert not InterviewResponse.objects.exists()


def test_typed_facts_need_a_provider_figure(inspection: Inspection,
                                            team: dict[str, Any]) -> None:
    response = signed_in(team["data"]).post(reverse("quality:facts", args=[inspection.pk]),
                                            {"action": "enter"})
    assert response.status_code == 400
    [(message, field)] = _summary(response)
    assert message == "Enter at least one provider figure"
    assert field.endswith("-provider_figure")


def test_an_import_without_a_file_asks_for_one(inspection: Inspection,
                                               team: dict[str, Any]) -> None:
    response = signed_in(team["data"]).post(reverse("quality:facts", args=[inspection.pk]),
                                            {"action": "import"})
    assert response.status_code == 400
    assert _summary(response) == [("Choose a CSV file to import", "facts_file")]
