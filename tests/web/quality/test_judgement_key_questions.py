"""Issue 12: the key questions of judgement standards, asked on the domain-one evidence pages
of a PDU 2021-23 inspection: answered with a judgement citing evidence, versioned and
audited, shown beside the standard on the ratings page and listed by the stage checklist
while unanswered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from factories import (
    AssessmentFactory,
    InspectionFactory,
    SampledCaseFactory,
    SampleFactory,
    UserFactory,
)
from helpers import signed_in
from probation_inspection.access import Action, Role, Stage, can
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.inspections.models import Role as WebRole
from probation_inspection.web.quality.evidence import save_meeting
from probation_inspection.web.quality.models import (
    KeyQuestionAnswer,
    KeyQuestionAnswerIsAppendOnly,
)

pytestmark = pytest.mark.django_db

TEAM = (("lead", WebRole.LEAD_INSPECTOR), ("inspector", WebRole.INSPECTOR),
        ("qa", WebRole.QUALITY_ASSURANCE), ("data", WebRole.DATA_TEAM),
        ("reader", WebRole.PROVIDER_READER))


@pytest.fixture
def pdu() -> tuple[Inspection, dict[str, Any], str]:
    """A PDU 2021-23 inspection in fieldwork with a team of every role and one meeting (M..)
    recorded for domain one: (inspection, team, the meeting's evidence id)."""
    team = {key: UserFactory(username=f"kq-{key}") for key, _ in TEAM}
    inspection = InspectionFactory(framework_id="hmip-pdu-2021", framework_version="2021.1",
                                   stage=Stage.FIELDWORK,
                                   team={team[key]: role for key, role in TEAM})
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    meeting = save_meeting(inspection, team["lead"], framework, kind="meeting",
                           held_on=dt.date(2026, 11, 3), role_group="senior-managers",
                           participants=["Head of PDU"], notes="Vision and plans",
                           standards=["1.1"])
    return inspection, team, meeting.evidence_id


def _url(inspection: Inspection, key_question: str) -> str:
    return reverse("quality:key-question", args=[inspection.pk, key_question])


def test_the_evidence_page_lists_each_standards_key_questions_to_answer(pdu: Any) -> None:
    inspection, team, _ = pdu
    page = signed_in(team["inspector"]).get(
        reverse("quality:evidence", args=[inspection.pk])).content.decode()
    assert "Key questions of the judgement standards" in page
    assert "Standard 1.1 Leadership: 0 of 3 answered" in page
    assert "Standard 1.2 Staff: 0 of 5 answered" in page
    assert "Is there an effective vision and strategy driving the delivery" in page
    assert _url(inspection, "1.1.1") in page


def test_a_crc_inspection_has_none_to_answer(inspection: Inspection,
                                             users: dict[str, Any]) -> None:
    page = signed_in(users["lead"]).get(
        reverse("quality:evidence", args=[inspection.pk])).content.decode()
    assert "Key questions of the judgement standards" not in page
    assert signed_in(users["lead"]).get(_url(inspection, "1.1.1")).status_code == 404


def test_an_inspector_answers_citing_evidence_and_a_change_is_a_new_version(pdu: Any) -> None:
    inspection, team, meeting = pdu
    client = signed_in(team["inspector"])
    page = client.get(_url(inspection, "1.1.1")).content.decode()
    assert "Do leaders set and communicate a clear vision and strategy?" in page  # a prompt
    assert f'value="{meeting}"' in page
    response = client.post(_url(inspection, "1.1.1"),
                           {"judgement": "A clear vision, known to staff", "evidence": [meeting]})
    assert response.status_code == 302
    response = client.post(_url(inspection, "1.1.1"),
                           {"judgement": "Clear, but not known to all", "evidence": [meeting]})
    assert response.status_code == 302
    rows = list(KeyQuestionAnswer.objects.order_by("version"))
    assert [(r.version, r.standard_id, r.judgement, r.evidence) for r in rows] == [
        (1, "1.1", "A clear vision, known to staff", [meeting]),
        (2, "1.1", "Clear, but not known to all", [meeting])]
    events = AuditEvent.objects.filter(action=AuditAction.KEY_QUESTION_ANSWERED).order_by("id")
    assert [e.target for e in events] == ["1.1.1", "1.1.1"]
    assert events[1].before["judgement"] == "A clear vision, known to staff"
    assert events[1].after["version"] == 2
    page = client.get(_url(inspection, "1.1.1")).content.decode()
    assert "2 (current)" in page and "A clear vision, known to staff" in page
    overview = client.get(reverse("quality:evidence", args=[inspection.pk])).content.decode()
    assert "Standard 1.1 Leadership: 1 of 3 answered" in overview
    assert "Clear, but not known to all" in overview


def test_an_answer_is_never_changed_in_place(pdu: Any) -> None:
    inspection, team, meeting = pdu
    signed_in(team["lead"]).post(_url(inspection, "1.2.1"),
                                 {"judgement": "Workloads high", "evidence": [meeting]})
    row = KeyQuestionAnswer.objects.get()
    with pytest.raises(KeyQuestionAnswerIsAppendOnly):
        row.save()
    with pytest.raises(KeyQuestionAnswerIsAppendOnly):
        row.delete()


@pytest.mark.parametrize(("data", "anchor", "message"), [
    ({"judgement": " ", "evidence": ["M"]}, "#id_judgement", "write the judgement"),
    ({"judgement": "Clear"}, "#evidence", "must cite at least one evidence item"),
    ({"judgement": "Clear", "evidence": ["D99"]}, "#id_evidence",
     "Choose evidence items from the list"),
    ({"judgement": "x" * 20001, "evidence": ["M"]}, "#id_judgement", "The judgement"),
])
def test_a_refused_answer_says_why_and_stores_nothing(pdu: Any, data: dict[str, Any],
                                                      anchor: str, message: str) -> None:
    inspection, team, meeting = pdu
    data = {k: ([meeting] if v == ["M"] else v) for k, v in data.items()}
    response = signed_in(team["lead"]).post(_url(inspection, "1.1.2"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="{anchor}"' in page
    assert message in page
    assert not KeyQuestionAnswer.objects.exists()


@pytest.mark.parametrize("key_question", ["2.2.1", "1.9.9", "1.1"])
def test_only_a_judgement_standards_key_question_has_a_page(pdu: Any, key_question: str) -> None:
    inspection, team, _ = pdu
    assert signed_in(team["lead"]).get(_url(inspection, key_question)).status_code == 404


@pytest.mark.parametrize("stage", list(Stage))
def test_each_role_reads_and_answers_as_the_matrix_says(pdu: Any, stage: Stage) -> None:
    inspection, team, meeting = pdu
    inspection.stage = stage
    inspection.save()
    wrong = []
    for key, role in TEAM:
        client = signed_in(team[key])
        core_role = Role(role)
        for method, action in (("get", Action.VIEW_EVIDENCE), ("post", Action.RECORD_EVIDENCE)):
            response = getattr(client, method)(_url(inspection, "1.3.1"),
                                               {"judgement": "Enough", "evidence": [meeting]})
            if not can(core_role, Action.VIEW_INSPECTION, stage):
                expected = {404}
            elif can(core_role, action, stage):
                expected = {200, 302}
            else:
                expected = {403}
            if response.status_code not in expected:
                wrong.append(f"{key} {method} at {stage}: {response.status_code}")
    assert not wrong, wrong
    outsider = signed_in(UserFactory(username="kq-outsider"))
    assert outsider.get(_url(inspection, "1.3.1")).status_code == 404


def test_the_ratings_page_shows_the_answers_beside_the_standard(pdu: Any) -> None:
    inspection, team, meeting = pdu
    lead = signed_in(team["lead"])
    lead.post(_url(inspection, "1.1.1"), {"judgement": "Clear vision", "evidence": [meeting]})
    inspection.stage = Stage.RATING
    inspection.save()
    page = lead.get(reverse("quality:ratings", args=[inspection.pk])).content.decode()
    assert ("Key questions: 1 of 3 key questions answered, citing "
            f"{meeting}; not yet 1.1.2, 1.1.3") in page
    assert "Key questions: None of its 5 key questions answered yet" in page
    decide = lead.get(reverse("quality:decide", args=[inspection.pk, "1.1"])).content.decode()
    assert "What the judgement rests on: its key questions" in decide
    assert "Clear vision" in decide and "Not answered" in decide
    assert _url(inspection, "1.1.2") in decide


def test_the_stage_checklist_lists_the_unanswered_key_questions(pdu: Any) -> None:
    inspection, team, meeting = pdu
    lead = signed_in(team["lead"])
    for key_question in ("1.1.1", "1.1.2", "1.1.3"):
        lead.post(_url(inspection, key_question), {"judgement": "Seen", "evidence": [meeting]})
    page = lead.get(reverse("inspections:stage", args=[inspection.pk])).content.decode()
    assert "Key questions of standard 1.1" not in page
    assert ("Key questions of standard 1.2 to answer on the evidence pages before it is "
            "judged: 1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.2.5") in page


def test_the_ratings_page_says_why_a_case_standard_has_no_rating(pdu: Any) -> None:
    inspection, team, _ = pdu
    sample = SampleFactory(inspection=inspection, sample_type="case-supervision", size=2)
    for number in range(2):
        case = SampledCaseFactory(sample=sample, assigned_to=team["inspector"],
                                  case_reference=f"P{number:03d}")
        # No pre-sentence advice in either case: the court-work key questions never apply.
        case.attributes = {**case.attributes, "pre_sentence_advice": False}
        case.save(update_fields=["attributes"])
        AssessmentFactory(sampled_case=case)
    inspection.stage = Stage.RATING
    inspection.save()
    page = signed_in(team["lead"]).get(reverse("quality:ratings", args=[inspection.pk]))
    text = page.content.decode()
    court = text[text.index('data-standard="2.1"'):text.index('data-standard="2.2"')]
    # No case had pre-sentence advice: court work is reported not rated, with the reason, and
    # needs no decision (issue 12's no dead ends).
    assert "Not rated" in court and "No relevant cases in its sample" in court
    assert "No decision needed" in court
    assessment = text[text.index('data-standard="2.2"'):text.index('data-standard="2.3"')]
    assert "No rule rating yet" not in assessment
