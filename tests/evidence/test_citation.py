"""The one check of a judgement's evidence citations (evidence/citation.py), behind both a key
question's answer (EV107, EV108) and a judgement standard's rating (SC codes): the same ids
kept, the same faults refused, each caller with its own code and the field ``evidence``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.access import Role, Stage
from probation_inspection.evidence import ErrorCode as EvidenceCode
from probation_inspection.evidence import EvidenceError, answer_key_question
from probation_inspection.evidence.citation import CitationFault, cited_evidence
from probation_inspection.framework import load_framework
from probation_inspection.scoring import DecisionLog, ScoringError, record_judgement
from probation_inspection.scoring import ErrorCode as ScoringCode

PDU = load_framework("hmip-pdu-2021")
CRC = load_framework("hmip-crc-2018")
LEAD = {"role": Role.LEAD_INSPECTOR, "stage": Stage.RATING, "decided_by": "A lead"}

#: Each caller's code for each fault: unchanged by sharing the check.
EVIDENCE_CODES = {CitationFault.NONE_CITED: EvidenceCode.NO_EVIDENCE_CITED,
                  CitationFault.UNKNOWN: EvidenceCode.UNKNOWN_EVIDENCE}
SCORING_CODES = {CitationFault.NONE_CITED: ScoringCode.EVIDENCE_MISSING,
                 CitationFault.UNKNOWN: ScoringCode.EVIDENCE_UNKNOWN}

ITEM = st.sampled_from(["M1", " M1", "M1 ", "D2", "P3", "", "  ", "F-orders", "M9"])
KNOWN = st.none() | st.frozensets(st.sampled_from(["M1", "D2", "P3", "F-orders"]))


class Refused(Exception):
    def __init__(self, message: str, fault: CitationFault) -> None:
        super().__init__(message)
        self.fault = fault


def _check(evidence: list[str], known: frozenset[str] | None) -> tuple[str, ...]:
    return cited_evidence(evidence, known, where="here", refuse=Refused)


@settings(max_examples=200, deadline=None)
@given(st.lists(ITEM, max_size=6), KNOWN)
def test_the_cited_ids_are_tidied_or_the_fault_named(evidence: list[str],
                                                     known: frozenset[str] | None) -> None:
    tidy = [item.strip() for item in evidence if item.strip()]
    try:
        cited = _check(evidence, known)
    except Refused as refused:
        if refused.fault is CitationFault.NONE_CITED:
            assert not tidy and str(refused) == "here: a judgement must cite at least one " \
                "evidence item"
        else:
            assert known is not None and set(tidy) - known
            assert str(refused).startswith("here: no evidence item ")
        return
    assert cited == tuple(dict.fromkeys(tidy))
    assert known is None or set(cited) <= known


@settings(max_examples=100, deadline=None)
@given(st.lists(ITEM, max_size=6), KNOWN)
def test_an_answer_and_a_judgement_rating_agree_on_every_citation(
    evidence: list[str], known: frozenset[str] | None
) -> None:
    """Both callers keep the same ids or refuse the same fault, each with its own code."""
    try:
        expected: tuple[str, ...] | CitationFault = _check(evidence, known)
    except Refused as refused:
        expected = refused.fault
    try:
        answered: tuple[str, ...] | CitationFault = answer_key_question(
            PDU, "1.1.1", "A clear vision", evidence, known).evidence
    except EvidenceError as error:
        assert error.field == "evidence"
        answered = next(f for f, code in EVIDENCE_CODES.items() if code == error.code)
    try:
        log = record_judgement(DecisionLog(), CRC, "1.1", "Good", "Strong leadership",
                               evidence, known_evidence=known, **LEAD)  # type: ignore[arg-type]
        current = log.current("1.1")
        assert current is not None
        rated: tuple[str, ...] | CitationFault = current.evidence
    except ScoringError as error:
        assert error.field == "evidence"
        rated = next(f for f, code in SCORING_CODES.items() if code == error.code)
    assert answered == rated == expected


@pytest.mark.parametrize(("evidence", "known", "fault"), [
    ([" ", ""], None, CitationFault.NONE_CITED),
    (["M1", "M9"], {"M1"}, CitationFault.UNKNOWN),
])
def test_each_fault_keeps_each_callers_code_and_message(
    evidence: list[str], known: set[str] | None, fault: CitationFault
) -> None:
    with pytest.raises(EvidenceError) as answer:
        answer_key_question(PDU, "1.1.1", "A clear vision", evidence, known)
    assert (answer.value.code, answer.value.field) == (EVIDENCE_CODES[fault], "evidence")
    with pytest.raises(ScoringError) as rating:
        record_judgement(DecisionLog(), CRC, "1.1", "Good", "Strong", evidence,
                         known_evidence=known, **LEAD)  # type: ignore[arg-type]
    assert (rating.value.code, rating.value.field) == (SCORING_CODES[fault], "evidence")
    if fault is CitationFault.NONE_CITED:
        assert str(answer.value).endswith(
            "key question 1.1.1: a judgement must cite at least one evidence item")
        assert str(rating.value).endswith("standard 1.1: a judgement must cite evidence items")
    else:
        assert "no evidence item M9 in this inspection" in str(answer.value)
        assert "no evidence item M9 in this inspection" in str(rating.value)
