"""Tests for how sure a rule rating is: intervals, band edges, answers to change, small samples.

Brute force on small samples checks cases to change; hypothesis checks the interval and flags.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_helpers import SCHEME, TRAFFIC_LIGHTS, small_framework

from probation_inspection.access import Role, Stage
from probation_inspection.framework.model import Domain, Framework, KeyQuestion, RatingScheme
from probation_inspection.scoring import (
    DecisionLog,
    DiscretionReason,
    ScoringError,
    StandardRating,
    StandardUncertainty,
    Tally,
    apply_professional_discretion,
    percent_half_up,
)
from probation_inspection.scoring.ratings import rate_by_lowest_key_question
from probation_inspection.scoring.uncertainty import (
    DEFAULT_CONFIDENCE,
    UncertaintyReason,
    citation,
    describe,
    displayed_percent,
    framework_uncertainty,
    key_question_uncertainty,
    standard_uncertainty,
)

WALES_2_2 = {
    "2.2.1": Tally("2.2.1", yes=79, no=51),  # 61% of 130
    "2.2.2": Tally("2.2.2", yes=83, no=47),  # 64% of 130
    "2.2.3": Tally("2.2.3", yes=50, no=55),  # 50 (48%) of the 105 relevant cases
}


def _tally(question_id: str, yes: int, relevant: int) -> Tally:
    return Tally(question_id, yes=yes, no=relevant - yes)


def _framework(scheme: RatingScheme = SCHEME, minimum: int | None = None) -> Framework:
    return small_framework(replace(scheme, minimum_relevant_cases=minimum))


def _band(scheme: RatingScheme, yes: int, relevant: int) -> int:
    return scheme.rank(scheme.band_for_percent(percent_half_up(yes, relevant)))


# --- the Wales 2.2 example of issue 16 --------------------------------------------------------


def _wales_framework() -> Framework:
    framework = small_framework(SCHEME)
    standard = framework.standard("2.2")
    wales = replace(standard, key_questions=tuple(
        KeyQuestion(kq_id, f"Key question {kq_id}?") for kq_id in WALES_2_2
    ))
    return replace(framework, domains=(Domain("2", "Case supervision", (wales,)),))


def test_wales_planning_is_uncertain_at_the_band_edge() -> None:
    framework = _wales_framework()
    result = standard_uncertainty(framework, framework.standard("2.2"), WALES_2_2)
    assert result.rule_rating == "Inadequate"
    assert result.limiting_key_question == "2.2.3"
    limiting = result.limiting
    assert (limiting.yes, limiting.relevant, limiting.percent) == (50, 105, 48)
    assert limiting.interval.confidence == DEFAULT_CONFIDENCE
    # Wilson at 80 per cent: 41.46 to 53.85 (the "about 42 to 54").
    assert limiting.interval.lower == pytest.approx(41.458, abs=0.01)
    assert limiting.interval.upper == pytest.approx(53.854, abs=0.01)
    assert limiting.crosses_band_edge
    assert result.reasons == (UncertaintyReason.BAND_EDGE,)
    assert result.uncertain
    assert result.bands_within == ("Inadequate", "Requires improvement")
    # 52 of 105 is 49.5 per cent, displayed 50: two answers move it, not three.
    assert result.cases_to_change.to_json() == {"up": 2, "down": None}
    assert result.band_up == "Requires improvement"
    assert result.could_limit == ("2.2.3",)
    assert describe(result)[:2] == [
        "Key question 2.2.3 limits the rating: 50 (48%) of the 105 relevant cases. "
        "At 80% confidence the percentage lies between 41% and 54%.",
        "2 more Yes would make it Requires improvement.",
    ]
    assert citation(result) == (
        "key question 2.2.3: 50 (48%) of 105, 80% interval 41% to 54%; "
        "2 more Yes would make it Requires improvement"
    )


def test_a_minimum_of_relevant_cases_flags_a_small_sample() -> None:
    framework = _wales_framework()
    standard = framework.standard("2.2")
    strict = replace(framework, rating=replace(SCHEME, minimum_relevant_cases=106))
    result = standard_uncertainty(strict, standard, WALES_2_2)
    assert result.reasons == (UncertaintyReason.SMALL_SAMPLE, UncertaintyReason.BAND_EDGE)
    assert "Only 105 relevant cases, fewer than the 106" in describe(result)[-1]
    enough = replace(framework, rating=replace(SCHEME, minimum_relevant_cases=105))
    assert not standard_uncertainty(enough, standard, WALES_2_2).small_sample


def test_a_rating_far_from_any_edge_is_certain() -> None:
    framework = _framework()
    tallies = {"2.1.1": _tally("2.1.1", 720, 1000), "2.1.2": _tally("2.1.2", 800, 1000)}
    result = standard_uncertainty(framework, framework.standard("2.1"), tallies)
    assert result.rule_rating == "Good"
    assert not result.uncertain and result.reasons == ()
    assert result.could_limit == ("2.1.1",)


def test_a_key_question_without_relevant_cases_is_refused() -> None:
    framework = _framework()
    tallies = {"2.1.1": Tally("2.1.1", not_applicable=3), "2.1.2": _tally("2.1.2", 1, 2)}
    with pytest.raises(ScoringError, match="2.1.1 has no relevant cases"):
        standard_uncertainty(framework, framework.standard("2.1"), tallies)
    assert framework_uncertainty(framework, tallies) == {}


def test_the_top_band_has_no_way_up_and_the_bottom_none_down() -> None:
    top = key_question_uncertainty(SCHEME, _tally("q", 10, 10))
    bottom = key_question_uncertainty(SCHEME, _tally("q", 0, 10))
    assert top.cases_to_change.up is None and top.band_up is None
    assert top.cases_to_change.down == 3 and top.band_down == "Good"  # 7 of 10 is 70
    assert bottom.cases_to_change.down is None and bottom.band_down is None
    assert bottom.cases_to_change.up == 5  # 5 of 10 is 50


# --- properties -------------------------------------------------------------------------------

counts = st.integers(min_value=1, max_value=400).flatmap(
    lambda relevant: st.tuples(st.integers(min_value=0, max_value=relevant), st.just(relevant))
)
confidences = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99])


@settings(max_examples=300, deadline=None)
@given(counts, confidences)
def test_the_interval_contains_the_point_estimate(
    count: tuple[int, int], confidence: float
) -> None:
    yes, relevant = count
    result = key_question_uncertainty(SCHEME, _tally("q", yes, relevant), confidence)
    estimate = 100 * yes / relevant
    assert 0 <= result.interval.lower <= estimate + 1e-9
    assert estimate - 1e-9 <= result.interval.upper <= 100
    assert result.band in result.bands_within


def _least_change(scheme: RatingScheme, yes: int, relevant: int, upward: bool) -> int | None:
    """Brute force: the fewest answers flipped (either way) that move the band as asked."""
    now = _band(scheme, yes, relevant)
    costs = [
        abs(other - yes)
        for other in range(relevant + 1)
        if (_band(scheme, other, relevant) > now if upward
            else _band(scheme, other, relevant) < now)
    ]
    return min(costs) if costs else None


@pytest.mark.parametrize("scheme", [SCHEME, TRAFFIC_LIGHTS], ids=["published", "traffic"])
def test_cases_to_change_is_the_least_that_changes_the_band(scheme: RatingScheme) -> None:
    for relevant in range(1, 41):
        for yes in range(relevant + 1):
            result = key_question_uncertainty(scheme, _tally("q", yes, relevant))
            assert result.cases_to_change.up == _least_change(scheme, yes, relevant, True)
            assert result.cases_to_change.down == _least_change(scheme, yes, relevant, False)


def _standard_band(scheme: RatingScheme, framework: Framework, yes: tuple[int, ...],
                   relevant: tuple[int, ...]) -> int:
    percents = {f"2.1.{n}": percent_half_up(y, r)
                for n, (y, r) in enumerate(zip(yes, relevant, strict=True), start=1)}
    rating = rate_by_lowest_key_question(scheme, framework.standard("2.1"), percents)
    return scheme.rank(rating.rule_rating)


@pytest.mark.parametrize("scheme", [SCHEME, TRAFFIC_LIGHTS], ids=["published", "traffic"])
def test_a_standards_cases_to_change_is_the_least_over_all_its_key_questions(
    scheme: RatingScheme,
) -> None:
    framework = _framework(scheme)
    standard = framework.standard("2.1")
    for relevant in itertools.product(range(1, 7), repeat=2):
        for yes in itertools.product(*(range(r + 1) for r in relevant)):
            tallies = {f"2.1.{n}": _tally(f"2.1.{n}", y, r)
                       for n, (y, r) in enumerate(zip(yes, relevant, strict=True), start=1)}
            result = standard_uncertainty(framework, standard, tallies)
            now = _standard_band(scheme, framework, yes, relevant)
            up: int | None = None
            down: int | None = None
            for other in itertools.product(*(range(r + 1) for r in relevant)):
                cost = sum(abs(a - b) for a, b in zip(other, yes, strict=True))
                band = _standard_band(scheme, framework, other, relevant)
                if band > now and (up is None or cost < up):
                    up = cost
                if band < now and (down is None or cost < down):
                    down = cost
            assert result.cases_to_change.to_json() == {"up": up, "down": down}, (yes, relevant)


tallies_of_a_standard = st.lists(counts, min_size=2, max_size=2)


@settings(max_examples=300, deadline=None)
@given(tallies_of_a_standard, confidences, st.none() | st.integers(min_value=1, max_value=200))
def test_a_standard_is_uncertain_exactly_when_the_rule_says(
    pairs: list[tuple[int, int]], confidence: float, minimum: int | None
) -> None:
    framework = _framework(minimum=minimum)
    tallies = {f"2.1.{n}": _tally(f"2.1.{n}", yes, relevant)
               for n, (yes, relevant) in enumerate(pairs, start=1)}
    result = standard_uncertainty(framework, framework.standard("2.1"), tallies, confidence)
    intervals = [tally.interval(confidence) for tally in tallies.values()]
    assert all(interval is not None for interval in intervals)
    lowest_lower = min(i.lower for i in intervals if i is not None)
    lowest_upper = min(i.upper for i in intervals if i is not None)
    # The rule: the lowest percentage, anywhere from the lowest lower bound to the lowest upper
    # bound, would be displayed past a band's first whole per cent (minimum - 0.5 rounds up).
    edges = [band.minimum - 0.5 for band in SCHEME.percentage_bands if band.minimum > 0]
    at_edge = any(lowest_lower < edge <= lowest_upper for edge in edges)
    limiting = tallies[result.limiting_key_question]
    small = minimum is not None and limiting.relevant < minimum
    assert result.at_band_edge == at_edge
    assert result.small_sample == small
    assert result.uncertain == (at_edge or small)
    # The limiting key question can always be the lowest within the intervals.
    assert result.limiting_key_question in result.could_limit


def test_displayed_percent_rounds_halves_up() -> None:
    assert [displayed_percent(v) for v in (49.49, 49.5, 53.85, 0.0, 100.0)] == [
        49, 50, 54, 0, 100,
    ]


def test_check_ratings_refuses_counts_that_disagree_with_the_percentage() -> None:
    from probation_inspection.scoring import check_ratings

    framework = _framework()
    percents = {"2.1.1": 48, "2.1.2": 70, "2.2.1": 70, "2.2.2": 70}
    with pytest.raises(ScoringError, match="50 of 105 relevant cases is 48%, not the 47%"):
        check_ratings(framework, {**percents, "2.1.1": 47}, {},
                      tallies={"2.1.1": _tally("2.1.1", 50, 105)})
    result = check_ratings(framework, percents, {}, tallies={"2.1.1": _tally("2.1.1", 50, 105)})
    assert result.uncertainty == {}  # 2.1.2 has no counts, so 2.1 cannot say


# --- discretion that starts from the flag -----------------------------------------------------


def _wales_rule_and_uncertainty() -> tuple[Framework, StandardRating, StandardUncertainty]:
    framework = _wales_framework()
    standard = framework.standard("2.2")
    percents = {kq: tally.percent or 0 for kq, tally in WALES_2_2.items()}
    rule = rate_by_lowest_key_question(SCHEME, standard, percents)
    return framework, rule, standard_uncertainty(framework, standard, WALES_2_2)


LEAD: dict[str, Any] = {
    "role": Role.LEAD_INSPECTOR, "stage": Stage.RATING, "decided_by": "Joseph Simpson",
}


def test_a_discretion_keeps_its_reason_and_cites_the_figures() -> None:
    framework, rule, uncertainty = _wales_rule_and_uncertainty()
    log = apply_professional_discretion(
        DecisionLog(), framework, rule, "Requires improvement",
        "Wider evidence about planning.", reason="band-edge",
        uncertainty=uncertainty, **LEAD)
    decision = log.current("2.2")
    assert decision is not None and decision.result.discretion is not None
    discretion = decision.result.discretion
    assert discretion.reason is DiscretionReason.BAND_EDGE
    assert discretion.figure == citation(uncertainty)
    assert "80% interval 41% to 54%" in discretion.figure


@pytest.mark.parametrize(("reason", "message"), [
    ("small-sample", "rests on a small number of relevant cases, but its figures do not"),
    ("hunch", "unknown discretion reason 'hunch'"),
])
def test_a_discretion_reason_the_figures_contradict_is_refused(reason: str, message: str) -> None:
    framework, rule, uncertainty = _wales_rule_and_uncertainty()
    with pytest.raises(ScoringError, match=message):
        apply_professional_discretion(
            DecisionLog(), framework, rule, "Requires improvement",
            "Wider evidence.", reason=reason, uncertainty=uncertainty,
            **LEAD)
    # 'other' is always open, with the rationale still required.
    with pytest.raises(ScoringError, match="needs a rationale"):
        apply_professional_discretion(
            DecisionLog(), framework, rule, "Requires improvement", " ",
            reason="other", uncertainty=uncertainty, **LEAD)
