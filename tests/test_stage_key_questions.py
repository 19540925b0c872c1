"""The stage checklist looks ahead to the key questions of judgement standards still to be
answered on the evidence pages (issue 12): a warning per standard, never a block."""

from __future__ import annotations

from probation_inspection.framework import load_framework
from probation_inspection.stages import Progress, checklist

PDU = load_framework("hmip-pdu-2021")


def _key_question_checks(answered: frozenset[str]) -> list[str]:
    checks = checklist("fieldwork", PDU, Progress(answered_key_questions=answered))
    found = [c for c in checks if c.text.startswith("Key questions of standard")]
    assert all(not c.blocks and not c.done and c.fix == ("evidence", "") for c in found)
    return [c.text for c in found]


def test_each_standard_with_unanswered_key_questions_is_listed() -> None:
    texts = _key_question_checks(frozenset({"1.1.1", "1.1.2", "1.1.3", "1.3.2"}))
    assert texts == [
        "Key questions of standard 1.2 to answer on the evidence pages before it is judged: "
        "1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.2.5",
        "Key questions of standard 1.3 to answer on the evidence pages before it is judged: "
        "1.3.1, 1.3.3",
        "Key questions of standard 1.4 to answer on the evidence pages before it is judged: "
        "1.4.1, 1.4.2, 1.4.3, 1.4.4",
    ]


def test_none_once_every_one_is_answered_or_after_rating() -> None:
    every = frozenset(kq.id for s in PDU.standards() if s.rating_method.value == "judgement"
                      for kq in s.key_questions)
    assert _key_question_checks(every) == []
    later = checklist("reporting", PDU, Progress())
    assert not [c for c in later if c.text.startswith("Key questions of standard")]


def test_a_framework_without_them_adds_no_line() -> None:
    crc = load_framework("hmip-crc-2018")
    assert not [c for c in checklist("fieldwork", crc, Progress())
                if c.text.startswith("Key questions of standard")]
