"""Meetings, provider documents and presentation notes: what is recorded and what is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from probation_inspection.evidence import (
    DocumentType,
    EvidenceError,
    MeetingKind,
    RoleGroup,
    check_upload,
    presentation_notes,
    record_document,
    record_meeting,
)
from probation_inspection.framework import load_framework, load_framework_text

CRC = load_framework("hmip-crc-2018")
REPORTS = Path(__file__).parents[1] / "fixtures" / "reports"
FRAMEWORKS = Path(__file__).parents[1] / "fixtures" / "frameworks"


def test_a_focus_group_is_recorded() -> None:
    meeting = record_meeting("M7", "focus-group", date(2019, 2, 12), "upw-staff",
                             [" UPW supervisor, Cardiff ", "", "Placement coordinator"],
                             " Stand-downs fell after the new rota. ", ["1.3"], CRC)
    assert meeting.kind is MeetingKind.FOCUS_GROUP
    assert meeting.role_group is RoleGroup.UPW_STAFF
    assert meeting.participants == ("UPW supervisor, Cardiff", "Placement coordinator")
    assert meeting.notes == "Stand-downs fell after the new rota."


@pytest.mark.parametrize(("changes", "message"), [
    ({"item_id": " "}, "meeting (no id): the id must not be empty"),
    ({"kind": "party"}, "meeting M1: 'party' is not a valid MeetingKind"),
    ({"role_group": "ministers"}, "meeting M1: 'ministers' is not a valid RoleGroup"),
    ({"held_on": "12/02/2019"}, "meeting M1: the date must be a date"),
    ({"participants": [" "]}, "meeting M1: say who attended"),
    ({"notes": ""}, "meeting M1: the notes must not be empty"),
    ({"standards": ["2.1"]}, "meeting M1: '2.1' is not a domain-one (judgement) standard"),
])
def test_meeting_refusals(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "item_id": "M1", "kind": "meeting", "held_on": date(2019, 2, 11),
        "role_group": "senior-managers", "participants": ["Chief executive"],
        "notes": "Vision discussed.", "standards": ["1.1"], "framework": CRC, **changes}
    with pytest.raises(EvidenceError) as caught:
        record_meeting(**arguments)
    assert message in str(caught.value)


def test_a_document_takes_its_name_kind_and_size_from_the_checked_upload() -> None:
    upload = check_upload("Risk register Q3.pdf", b"%PDF-1.4\n%%EOF\n")
    document = record_document("D1", "Risk register", "risk-register", upload, ["1.1"], CRC)
    assert (document.file_name, document.kind.value, document.size) == (
        "Risk_register_Q3.pdf", "pdf", 15)
    assert document.document_type is DocumentType.RISK_REGISTER
    with pytest.raises(EvidenceError, match="document D2: the title must not be empty"):
        record_document("D2", " ", "audit", upload)
    with pytest.raises(EvidenceError, match="document D3: 'memo' is not a valid DocumentType"):
        record_document("D3", "Memo", "memo", upload)


def test_the_five_presentation_questions_are_the_reports() -> None:
    methodology = (REPORTS / "000_aa2a86d3a0086947.txt").read_text(encoding="utf-8")
    questions = CRC.presentation
    assert [q.number for q in questions] == [1, 2, 3, 4, 5]
    for question in questions:
        assert f"- {question.text}\n" in methodology
    assert [q.standard for q in questions] == ["1.1", "1.2", "1.3", "1.4", None]
    judged = [s.id for s in CRC.standards() if s.rating_method.value == "judgement"]
    assert [q.standard for q in questions[:4]] == judged


def test_presentation_notes_cover_every_question() -> None:
    notes = presentation_notes(CRC, {1: " Clear vision. ", 5: "ICT first."})
    assert [n.notes for n in notes] == ["Clear vision.", "", "", "", "ICT first."]
    with pytest.raises(EvidenceError, match="there is no question 6 .questions 1-5."):
        presentation_notes(CRC, {6: "x"})
    without = load_framework_text(FRAMEWORKS.joinpath("valid-minimal.yaml").read_text(
        encoding="utf-8"), "valid-minimal.yaml")
    with pytest.raises(EvidenceError, match="no presentation questions in framework"):
        presentation_notes(without, {})
