"""The assessment page a case reviewer lives in: sections with progress, the background save
(autosave) answered in JSON, a stale save merged field by field with a choice for each
conflict, the error summary in page order and the print view."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from factories import Staged
from helpers import signed_in
from probation_inspection.web.casework.models import Answer, Assessment, SampledCase

pytestmark = pytest.mark.django_db


def opened(staged: Staged) -> tuple[SampledCase, Any, str, int]:
    """The first case of the fieldwork inspector, opened once: (case, user, url, version)."""
    inspector = staged.team["inspector"]
    case = staged.sampled_cases.filter(assigned_to=inspector,
                                       sample__sample_type="case-supervision").first()
    assert case is not None
    url = reverse("casework:assess", args=[case.pk])
    client = signed_in(inspector)
    assert client.get(url).status_code == 200
    return case, inspector, url, Assessment.objects.get(sampled_case=case).version


def stored(case: SampledCase, question: str) -> Answer:
    return Answer.objects.get(assessment__sampled_case=case, question_id=question)


def test_sections_list_each_standard_with_its_progress(fieldwork_stage: Staged) -> None:
    case, inspector, url, _ = opened(fieldwork_stage)
    page = signed_in(inspector).get(url)
    sections = page.context["sections"]
    assert [standard.id for standard, *_ in sections] == [
        standard.id for standard, _ in page.context["standards"]]
    body = page.content.decode()
    for _standard, _, progress, anchor in sections:
        assert f'href="#{anchor}"' in body and f'id="{anchor}"' in body
        assert progress.answered == 0
    assert 'id="autosave-status"' in body and 'id="relevance-rules"' in body
    assert 'href="{}"'.format(reverse("casework:print", args=[case.pk])) in body


def test_autosave_saves_a_draft_and_answers_with_the_next_version(
        fieldwork_stage: Staged) -> None:
    case, inspector, url, version = opened(fieldwork_stage)
    response = signed_in(inspector).post(url, {
        "version": version, "action": "submit", "autosave": "1", "answer-2-1-1": "yes"})
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["saved"] and answer["version"] == version + 1
    assert answer["message"].startswith("Saved at ")
    assert stored(case, "2.1.1").value == "yes"
    # Never a submission, whatever the post says.
    assert Assessment.objects.get(sampled_case=case).status == "draft"


def test_a_stale_save_keeps_my_other_changes_and_offers_a_choice_for_the_conflict(
        fieldwork_stage: Staged) -> None:
    case, inspector, url, version = opened(fieldwork_stage)
    theirs, mine = signed_in(inspector), signed_in(inspector)
    theirs.post(url, {"version": version, "action": "save", "answer-2-1-1": "yes",
                      "answer-2-1-2": "yes", "evidence-2-1-1": "Seen in the OASys"})
    response = mine.post(url, {"version": version, "action": "save", "answer-2-1-1": "no",
                               "answer-2-1-3": "no"})
    assert response.status_code == 409
    # My change nobody else made is stored; theirs stand; the conflict waits on a choice.
    assert stored(case, "2.1.3").value == "no"
    assert stored(case, "2.1.2").value == "yes"
    assert stored(case, "2.1.1").value == "yes"
    assert stored(case, "2.1.1").evidence == "Seen in the OASys"
    choices = response.context["conflicts"]
    assert [(c.field, c.theirs, c.mine) for c in choices] == [("answer-2-1-1", "yes", "no")]
    errors = response.context["error_list"]
    assert [e.field for e in errors] == ["conflicts", "choose-answer-2-1-1"]
    body = response.content.decode()
    assert 'id="choose-answer-2-1-1"' in body and 'id="choose-answer-2-1-1-mine"' in body
    # The page now saves from the stored version: the next save applies the choice.
    new_version = Assessment.objects.get(sampled_case=case).version
    assert f'name="version" value="{new_version}"' in body
    again = mine.post(url, {"version": new_version, "action": "save", "answer-2-1-1": "no",
                            "answer-2-1-2": "yes", "answer-2-1-3": "no",
                            "evidence-2-1-1": "Seen in the OASys"})
    assert again.status_code == 302
    assert stored(case, "2.1.1").value == "no"


def test_a_stale_autosave_reports_the_conflict_without_moving_the_version(
        fieldwork_stage: Staged) -> None:
    case, inspector, url, version = opened(fieldwork_stage)
    signed_in(inspector).post(url, {"version": version, "action": "save",
                                    "answer-2-1-1": "yes"})
    response = signed_in(inspector).post(url, {"version": version, "action": "save",
                                               "autosave": "1", "answer-2-1-1": "no",
                                               "answer-2-1-3": "no"})
    assert response.status_code == 409
    answer = json.loads(response.content)
    assert answer["saved"] and answer["conflicts"] == 1 and answer["version"] is None
    assert stored(case, "2.1.3").value == "no" and stored(case, "2.1.1").value == "yes"


def test_a_submission_lists_the_case_attributes_first(fieldwork_stage: Staged) -> None:
    case, inspector, url, version = opened(fieldwork_stage)
    case.attributes = {}
    case.save(update_fields=["attributes"])
    response = signed_in(inspector).post(url, {"version": version, "action": "submit"})
    fields = [error.field for error in response.context["error_list"]]
    attributes = [field for field in fields if field.startswith("attribute-")]
    assert attributes and fields[:len(attributes)] == attributes
    questions = [field for field in fields if field.startswith("answer-")]
    assert questions == [f for f in fields if f.startswith("answer-")]
    order = [row.field for _, blocks in response.context["standards"] for block in blocks
             for row in [*block.all_prompts, block.judgement]]
    positions = [order.index(field.removeprefix("answer-")) for field in questions]
    assert positions == sorted(positions)


def test_the_print_view_shows_answers_notes_and_attributes(fieldwork_stage: Staged) -> None:
    case, inspector, url, version = opened(fieldwork_stage)
    client = signed_in(inspector)
    client.post(url, {"version": version, "action": "save", "answer-2-1-1": "not-applicable",
                      "evidence-2-1-1": "Plan seen on the file", "practice-2-1-1": "on"})
    page = client.get(reverse("casework:print", args=[case.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Plan seen on the file" in body and "Not applicable" in body
    assert "Practice example" in body and "About the case" in body
