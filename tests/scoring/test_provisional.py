"""The provisional overall: decisions count, else rule ratings; provisional until all decided."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from probation_inspection.access import Role, Stage
from probation_inspection.framework import load_framework
from probation_inspection.scoring import (
    DecisionLog,
    accept_rule,
    apply_professional_discretion,
    current_overall,
    record_judgement,
    rule_ratings,
)
from probation_inspection.scoring.provisional import provisional_overall

CRC = load_framework("hmip-crc-2018")
LEAD: dict[str, Any] = {"role": Role.LEAD_INSPECTOR, "stage": Stage.RATING,
                        "decided_by": "Joseph Simpson"}
RI = "Requires improvement"


def _wales() -> dict[str, Any]:
    path = Path(__file__).parents[1] / "fixtures" / "published-results.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    return next(entry for entry in entries if entry["seed"].startswith("000"))


WALES = _wales()
RULES = rule_ratings(CRC, WALES["key_questions"])
JUDGED = ("1.1", "1.2", "1.3", "1.4")


def _judged(log: DecisionLog = DecisionLog()) -> DecisionLog:
    for standard_id in JUDGED:
        log = record_judgement(log, CRC, standard_id, WALES["standards"][standard_id],
                               "Judged against the ratings characteristics.", ["M1"], **LEAD)
    return log


def test_with_no_decisions_judged_standards_leave_no_overall() -> None:
    result = provisional_overall(CRC, DecisionLog(), RULES)
    assert result.provisional
    assert result.overall is None
    assert set(result.counted) == set(RULES)
    assert all(result.counted[s] is RULES[s] for s in RULES)


def test_rule_ratings_count_until_decided_and_the_overall_is_provisional() -> None:
    result = provisional_overall(CRC, _judged(), RULES)
    assert result.provisional
    assert result.overall is not None
    assert set(result.counted) == {s.id for s in CRC.standards()}
    assert result.counted["2.2"] is RULES["2.2"]


def test_a_decision_counts_in_place_of_its_rule_rating() -> None:
    log = apply_professional_discretion(_judged(), CRC, RULES["2.2"], RI,
                                        "Wider evidence gathered about planning practice.",
                                        evidence=["M4"], **LEAD)
    result = provisional_overall(CRC, log, RULES)
    assert result.counted["2.2"].rating == RI
    assert result.counted["2.2"] is not RULES["2.2"]
    assert result.provisional


def test_once_every_standard_is_decided_it_is_the_final_overall() -> None:
    log = _judged()
    for rule in RULES.values():
        log = accept_rule(log, CRC, rule, **LEAD)
    result = provisional_overall(CRC, log, RULES)
    assert not result.provisional
    assert result.overall == current_overall(log, CRC)


def test_a_standard_with_neither_a_decision_nor_a_rule_rating_leaves_no_overall() -> None:
    partial = {k: v for k, v in RULES.items() if k != "2.1"}
    result = provisional_overall(CRC, _judged(), partial)
    assert "2.1" not in result.counted
    assert result.overall is None and result.provisional
