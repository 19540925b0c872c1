"""A case-data standard the framework's rules leave not rated is a result, not a dead end:
it needs no decision, the overall follows the framework's ``when_not_rated`` (the one
`overall_rating` that ``rate`` uses), and it needs a decision again once it can be rated."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.access import Role, Stage
from probation_inspection.framework import load_framework
from probation_inspection.framework.model import Framework, RatingMethod, WhenNotRated
from probation_inspection.scoring import (
    DecisionLog,
    Tally,
    accept_rule,
    current_overall,
    overall_rating,
    ready_for_reporting,
    record_judgement,
    rule_ratings,
)
from probation_inspection.scoring.decisions import not_rated_rule
from probation_inspection.scoring.provisional import provisional_overall
from probation_inspection.scoring.ratings import NOT_RATED, StandardRating

CRC = load_framework("hmip-crc-2018")
LEAD: dict[str, Any] = {"role": Role.LEAD_INSPECTOR, "stage": Stage.RATING,
                        "decided_by": "Joseph Simpson"}
SHIPPED = ("hmip-crc-2018", "hmip-nps-2018", "hmip-pdu-2021", "hmip-pdu-2023", "hmip-yjs-2021")


def _wales() -> dict[str, Any]:
    path = Path(__file__).parents[1] / "fixtures" / "published-results.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    return dict(next(entry for entry in entries if entry["seed"].startswith("000")))


WALES = _wales()


def _decided_but(log: DecisionLog, skip: set[str]) -> DecisionLog:
    """Every CRC standard decided as published in Wales, but those in ``skip``."""
    rules = rule_ratings(CRC, WALES["key_questions"])
    for standard in CRC.standards():
        if standard.id in skip:
            continue
        if standard.rating_method is RatingMethod.JUDGEMENT:
            log = record_judgement(log, CRC, standard.id, WALES["standards"][standard.id],
                                   "Seen", ["E1"], **LEAD)
        else:
            log = accept_rule(log, CRC, rules[standard.id], **LEAD)
    return log


def test_no_sample_drawn_is_not_rated_with_the_sample_named() -> None:
    rating = not_rated_rule(CRC, CRC.standard("4.1"), None)
    assert rating is not None and not rating.rated and rating.rating == NOT_RATED
    assert rating.not_rated_reason == "no unpaid work sample was drawn"


def test_no_relevant_case_is_not_rated_and_a_relevant_case_rates_it() -> None:
    standard = CRC.standard("2.1")
    none = {kq.id: Tally(kq.id, not_relevant=3) for kq in standard.key_questions}
    rating = not_rated_rule(CRC, standard, none)
    assert rating is not None and rating.not_rated_reason == "no relevant cases in its sample"
    some = {kq.id: Tally(kq.id, yes=2, no=1) for kq in standard.key_questions}
    assert not_rated_rule(CRC, standard, some) is None
    # A judgement standard is never not rated by this rule.
    assert not_rated_rule(CRC, CRC.standard("1.1"), None) is None


def test_fewer_relevant_cases_than_the_minimum_is_not_rated() -> None:
    pdu = load_framework("hmip-pdu-2021")
    standard = next(s for s in pdu.standards()
                    if s.rating_method is RatingMethod.LOWEST_KEY_QUESTION)
    strict = dataclasses.replace(pdu, rating=dataclasses.replace(
        pdu.rating, minimum_relevant_cases_to_rate=5))
    few = {kq.id: Tally(kq.id, yes=2, no=1) for kq in standard.key_questions}
    rating = not_rated_rule(strict, standard, few)
    assert rating is not None
    assert rating.not_rated_reason == ("only 3 relevant cases, fewer than the 5 the framework "
                                       "needs to rate it")
    assert not_rated_rule(pdu, standard, few) is None


def test_readiness_needs_no_decision_for_a_not_rated_standard() -> None:
    log = _decided_but(DecisionLog(), {"4.1", "4.2"})
    rules: dict[str, StandardRating] = dict(rule_ratings(CRC, WALES["key_questions"]))
    assert [o.standard_id for o in ready_for_reporting(log, CRC, rules).outstanding] == [
        "4.1", "4.2"]
    for standard_id in ("4.1", "4.2"):
        unrated = not_rated_rule(CRC, CRC.standard(standard_id), None)
        assert unrated is not None
        rules[standard_id] = unrated
    assert ready_for_reporting(log, CRC, rules).ready
    overall = current_overall(log, CRC, rules)
    assert overall is not None and overall.not_rated == ("4.1", "4.2")
    # CRC declares no overall without every scored standard.
    assert overall.rating == NOT_RATED and overall.not_rated_reason
    provisional = provisional_overall(CRC, log, rules)
    assert not provisional.provisional and provisional.overall == overall


def test_a_not_rated_standard_that_becomes_rateable_needs_a_decision_again() -> None:
    log = _decided_but(DecisionLog(), {"4.1"})
    rules: dict[str, StandardRating] = dict(rule_ratings(CRC, WALES["key_questions"]))
    # Now a case is added: 4.1 has its rule rating again and no decision.
    assert [(o.standard_id, o.reason) for o in ready_for_reporting(log, CRC, rules).outstanding
            ] == [("4.1", "not decided")]
    assert provisional_overall(CRC, log, rules).provisional


def _rated_all(framework: Framework) -> list[StandardRating]:
    assert framework.rating is not None
    top = framework.rating.labels[-1]
    ratings = []
    for standard in framework.standards():
        if standard.rating_method is RatingMethod.UNRATED:
            continue
        ratings.append(StandardRating(standard.id, top, top, None, None))
    return ratings


@pytest.mark.parametrize("framework_id", SHIPPED)
@pytest.mark.parametrize("rule", list(WhenNotRated))
def test_the_overall_with_a_not_rated_standard_follows_when_not_rated(
        framework_id: str, rule: WhenNotRated) -> None:
    framework = load_framework(framework_id)
    assert framework.rating is not None
    declared = framework.rating.when_not_rated
    framework = dataclasses.replace(
        framework, rating=dataclasses.replace(framework.rating, when_not_rated=rule))
    ratings = _rated_all(framework)
    scored = [s for s in framework.standards()
              if s.rating_method is RatingMethod.LOWEST_KEY_QUESTION and s.scored]
    missing = scored[0]
    unrated = not_rated_rule(framework, missing, None)
    assert unrated is not None
    ratings = [unrated if r.standard_id == missing.id else r for r in ratings]
    rules = {r.standard_id: r for r in ratings}
    overall = provisional_overall(framework, DecisionLog(), rules).overall
    # The web path's overall is `overall_rating`'s, the one `rate` uses.
    assert overall == overall_rating(framework, ratings)
    assert overall.not_rated == (missing.id,)
    if rule is WhenNotRated.SCORE_OVER_RATED:
        assert overall.rated and overall.scaled_from is not None
    else:
        assert overall.rating == NOT_RATED and overall.not_rated_reason
    assert declared in WhenNotRated
