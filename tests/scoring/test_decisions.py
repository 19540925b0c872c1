"""Rating decisions: only the lead inspector decides; versions kept; overall and readiness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.access import PermissionRefused, Role, Stage
from probation_inspection.framework import load_framework
from probation_inspection.scoring import (
    DecisionKind,
    DecisionLog,
    ErrorCode,
    ScoringError,
    accept_rule,
    apply_professional_discretion,
    current_discretions,
    current_judgements,
    current_overall,
    current_ratings,
    rate_standards,
    ready_for_reporting,
    record_judgement,
    rule_ratings,
    rule_ratings_with_figures,
)
from probation_inspection.scoring.tally import Tally
from sample_ids import SampleType

CRC = load_framework("hmip-crc-2018")
LEAD = {"role": Role.LEAD_INSPECTOR, "stage": Stage.RATING, "decided_by": "Joseph Simpson"}
RI = "Requires improvement"


def published(seed: str) -> dict[str, Any]:
    path = Path(__file__).parents[1] / "fixtures" / "published-results.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    return next(entry for entry in entries if entry["seed"].startswith(seed))


WALES = published("000")
RULES = rule_ratings(CRC, WALES["key_questions"])


def decide_wales(discretion: bool = True) -> DecisionLog:
    log = DecisionLog()
    for standard_id in ("1.1", "1.2", "1.3", "1.4"):
        log = record_judgement(log, CRC, standard_id, WALES["standards"][standard_id],
                               "Judged against the ratings characteristics.", ["M1", "D2"],
                               **LEAD)
    for standard_id, rule in RULES.items():
        if discretion and standard_id == "2.2":
            log = apply_professional_discretion(
                log, CRC, rule, RI, "Wider evidence gathered about planning practice.",
                evidence=["M4"], **LEAD)
        else:
            log = accept_rule(log, CRC, rule, **LEAD)
    return log


def test_rule_ratings_come_from_the_lowest_key_question() -> None:
    assert list(RULES) == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert (RULES["2.2"].rule_rating, RULES["2.2"].limiting_key_question) == ("Inadequate",
                                                                              "2.2.3")
    partial = rule_ratings(CRC, {"2.1.1": 70, "2.1.2": 70, "2.1.3": 70, "2.2.1": 10})
    assert list(partial) == ["2.1"]


def test_rule_ratings_with_figures_are_the_same_rule_with_its_counts() -> None:
    # 2.1: 7, 8 and 6 of 10 relevant cases; 2.2.1 has no relevant case yet, so 2.2 waits.
    tallies = {"2.1.1": Tally("2.1.1", yes=7, no=3), "2.1.2": Tally("2.1.2", yes=8, no=2),
               "2.1.3": Tally("2.1.3", yes=6, no=4, not_relevant=2),
               "2.2.1": Tally("2.2.1", not_applicable=3), "2.2.2": Tally("2.2.2", yes=9, no=1),
               "2.2.3": Tally("2.2.3", yes=9, no=1)}
    rules = rule_ratings_with_figures(CRC, tallies, {SampleType.CASE_SUPERVISION: 0.8})
    assert list(rules) == ["2.1"]
    rule = rules["2.1"]
    assert rule.rating == rule_ratings(CRC, {"2.1.1": 70, "2.1.2": 80, "2.1.3": 60})["2.1"]
    assert rule.limiting == tallies["2.1.3"]
    assert rule.uncertainty is not None and rule.uncertainty.confidence == 0.8
    assert rule.uncertainty_sentences
    assert rule.suggested_reason in {"other", *(r.value for r in rule.uncertainty.reasons)}
    # Without a sample confidence there is no interval, but the rule rating is the same.
    bare = rule_ratings_with_figures(CRC, tallies, {})["2.1"]
    assert (bare.rating, bare.uncertainty, bare.suggested_reason) == (rule.rating, None, "other")


def test_the_wales_inspection_is_reproduced_with_its_discretion() -> None:
    log = decide_wales()
    assert [r.rating for r in current_ratings(log, CRC)] == list(WALES["standards"].values())
    overall = current_overall(log, CRC)
    assert overall is not None
    assert (overall.score, overall.rating) == (11, WALES["overall"])
    planning = log.current("2.2")
    assert planning is not None
    assert (planning.kind, planning.rule_rating, planning.rating) == (
        DecisionKind.DISCRETION, "Inadequate", RI)
    assert planning.rationale == "Wider evidence gathered about planning practice."
    assert planning.evidence == ("M4",)
    without = current_overall(decide_wales(discretion=False), CRC)
    assert without is not None and without.score == 10


def test_current_judgements_and_discretions_feed_rate_standards() -> None:
    log = decide_wales()
    judgements, discretions = current_judgements(log), current_discretions(log)
    assert list(judgements) == ["1.1", "1.2", "1.3", "1.4"]
    assert judgements["1.1"].rating == "Good"
    assert {k: (d.from_rating, d.to_rating) for k, d in discretions.items()} == {
        "2.2": ("Inadequate", RI)}
    rated = rate_standards(CRC, WALES["key_questions"], judgements, discretions)
    assert rated == current_ratings(log, CRC)
    # Accepting the rule again withdraws the discretion.
    assert current_discretions(accept_rule(log, CRC, RULES["2.2"], **LEAD)) == {}


def test_a_later_change_appends_and_keeps_the_history() -> None:
    log = decide_wales(discretion=False)
    log = apply_professional_discretion(log, CRC, RULES["2.2"], RI, "On reflection.", **LEAD)
    history = log.history("2.2")
    assert [(d.version, d.kind, d.rating) for d in history] == [
        (1, DecisionKind.ACCEPTED, "Inadequate"), (2, DecisionKind.DISCRETION, RI)]
    assert log.current("2.2") is history[-1]
    log = record_judgement(log, CRC, "1.1", RI, "New evidence from the audit.", ["D9"], **LEAD)
    assert [d.rating for d in log.history("1.1")] == ["Good", RI]
    overall = current_overall(log, CRC)
    assert overall is not None and overall.score == 10


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.LEAD_INSPECTOR])
def test_only_the_lead_inspector_decides(role: Role) -> None:
    other = {**LEAD, "role": role}
    with pytest.raises(PermissionRefused, match=f"role {role.value} may not decide-rating"):
        accept_rule(DecisionLog(), CRC, RULES["2.1"], **other)  # type: ignore[arg-type]
    with pytest.raises(PermissionRefused):
        record_judgement(DecisionLog(), CRC, "1.1", "Good", "x", ["M1"],
                         **other)  # type: ignore[arg-type]
    with pytest.raises(PermissionRefused):
        apply_professional_discretion(DecisionLog(), CRC, RULES["2.2"], RI, "x",
                                      **other)  # type: ignore[arg-type]


def test_and_only_at_the_rating_stage() -> None:
    with pytest.raises(PermissionRefused, match="at fieldwork; allowed at: rating"):
        accept_rule(DecisionLog(), CRC, RULES["2.1"], **{**LEAD, "stage": Stage.FIELDWORK})  # type: ignore[arg-type]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: apply_professional_discretion(DecisionLog(), CRC, RULES["2.2"], RI, "  ", **LEAD),
     "needs a rationale"),
    (lambda: apply_professional_discretion(DecisionLog(), CRC, RULES["2.2"], "Inadequate",
                                           "x", **LEAD), "to itself changes nothing"),
    (lambda: apply_professional_discretion(DecisionLog(), CRC, RULES["2.2"], "Great", "x",
                                           **LEAD), "unknown rating 'Great'"),
    (lambda: record_judgement(DecisionLog(), CRC, "1.1", "Good", "Strong leadership.", [" "],
                              **LEAD), "standard 1.1: a judgement must cite evidence items"),
    (lambda: record_judgement(DecisionLog(), CRC, "1.1", "Good", "Strong.", ["M1", "M9"],
                              known_evidence={"M1"}, **LEAD), "no evidence item M9"),
    (lambda: record_judgement(DecisionLog(), CRC, "1.1", "Good", "", ["M1"], **LEAD),
     "judgement Good needs a rationale"),
    (lambda: record_judgement(DecisionLog(), CRC, "2.1", "Good", "x", ["M1"], **LEAD),
     "standard 2.1 is rated by lowest-key-question, not by judgement"),
    (lambda: record_judgement(DecisionLog(), CRC, "9.9", "Good", "x", ["M1"], **LEAD),
     "unknown standard 9.9"),
    (lambda: accept_rule(DecisionLog(), CRC, current_ratings(decide_wales(), CRC)[5], **LEAD),
     "pass the rule rating itself"),
    (lambda: accept_rule(DecisionLog(), CRC, current_ratings(decide_wales(), CRC)[0], **LEAD),
     "standard 1.1 is rated by judgement: record a judgement instead"),
    (lambda: accept_rule(DecisionLog(), CRC, RULES["2.1"], **{**LEAD, "decided_by": " "}),
     "say who decided"),
])
def test_refusals(call: Any, message: str) -> None:
    with pytest.raises(ScoringError, match=message) as refused:
        call()
    # The stable code and the part of the decision at fault, so a page need not read the text.
    assert (refused.value.code, refused.value.field) == REFUSAL_CODES[message]


REFUSAL_CODES = {
    "needs a rationale": (ErrorCode.RATIONALE_MISSING, "rationale"),
    "to itself changes nothing": (ErrorCode.DISCRETION_UNCHANGED, "rating"),
    "unknown rating 'Great'": (ErrorCode.UNKNOWN_RATING, "rating"),
    "standard 1.1: a judgement must cite evidence items": (ErrorCode.EVIDENCE_MISSING,
                                                           "evidence"),
    "no evidence item M9": (ErrorCode.EVIDENCE_UNKNOWN, "evidence"),
    "judgement Good needs a rationale": (ErrorCode.RATIONALE_MISSING, "rationale"),
    "standard 2.1 is rated by lowest-key-question, not by judgement": (ErrorCode.WRONG_KIND,
                                                                       "kind"),
    "unknown standard 9.9": (ErrorCode.UNKNOWN_STANDARD, ""),
    "pass the rule rating itself": (ErrorCode.NOT_THE_RULE_RATING, "rating"),
    "standard 1.1 is rated by judgement: record a judgement instead": (ErrorCode.WRONG_KIND,
                                                                       "kind"),
    "say who decided": (ErrorCode.DECIDER_MISSING, ""),
}


def test_every_rating_decision_code_is_distinct_and_numbered() -> None:
    numbers = [code.value.split()[0] for code in ErrorCode]
    assert len(set(numbers)) == len(numbers)
    assert all(number.startswith("SC") and number[2:].isdigit() for number in numbers)


def test_readiness_lists_what_is_outstanding() -> None:
    readiness = ready_for_reporting(DecisionLog(), CRC)
    assert not readiness.ready
    assert [o.standard_id for o in readiness.outstanding] == [s.id for s in CRC.standards()]
    log = decide_wales()
    assert ready_for_reporting(log, CRC, RULES).ready
    partial = DecisionLog(tuple(d for d in log.decisions if d.standard_id != "4.2"))
    assert [(o.standard_id, o.reason) for o in ready_for_reporting(partial, CRC).outstanding] == [
        ("4.2", "not decided")]
    assert current_overall(partial, CRC) is None


def test_a_decision_on_a_rule_rating_that_has_since_changed_is_outstanding_again() -> None:
    log = decide_wales()
    moderated = dict(WALES["key_questions"], **{"2.1.3": 47})
    readiness = ready_for_reporting(log, CRC, rule_ratings(CRC, moderated))
    assert [(o.standard_id, o.reason) for o in readiness.outstanding] == [
        ("2.1", "the rule rating is now Inadequate; it was Requires improvement when decided")]
