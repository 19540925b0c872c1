"""Unit and property tests for standard ratings, discretion and the overall rating."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_helpers import LABELS, SCHEME, TRAFFIC_LIGHTS, small_framework, tiny_framework

from probation_inspection.scoring import (
    Discretion,
    Judgement,
    ScoringError,
    StandardRating,
    apply_discretion,
    overall_rating,
    rate_by_judgement,
    rate_by_lowest_key_question,
    rate_standards,
)

INADEQUATE, RI, GOOD, OUTSTANDING = LABELS
FRAMEWORK = tiny_framework()
PLANNING = FRAMEWORK.standard("2.2")
ASSESSMENT = FRAMEWORK.standard("2.1")


@pytest.mark.parametrize(
    ("lowest", "band"),
    [
        (0, INADEQUATE),
        (49, INADEQUATE),
        (50, RI),
        (64, RI),
        (65, GOOD),
        (79, GOOD),
        (80, OUTSTANDING),
        (100, OUTSTANDING),
    ],
)
def test_band_edges(lowest: int, band: str) -> None:
    rating = rate_by_lowest_key_question(
        SCHEME, ASSESSMENT, {"2.1.1": 100, "2.1.2": lowest, "2.1.3": 100}
    )
    assert rating.rule_rating == band
    assert rating.rating == band
    assert rating.lowest_percent == lowest
    # At 100 all three tie and the first in framework order is named.
    assert rating.limiting_key_question == ("2.1.1" if lowest == 100 else "2.1.2")
    assert rating.discretion is None


def test_lowest_key_question_governs_even_when_others_are_outstanding() -> None:
    # HLNY 4.2: 81, 81, 76 is Good, not Outstanding.
    standard = FRAMEWORK.standard("4.2")
    rating = rate_by_lowest_key_question(SCHEME, standard, {"4.2.1": 81, "4.2.2": 81, "4.2.3": 76})
    assert (rating.rating, rating.limiting_key_question, rating.lowest_percent) == (
        GOOD,
        "4.2.3",
        76,
    )


def test_ties_name_the_first_in_framework_order_and_report_all() -> None:
    rating = rate_by_lowest_key_question(
        SCHEME, ASSESSMENT, {"2.1.3": 55, "2.1.1": 70, "2.1.2": 55}
    )
    assert rating.limiting_key_question == "2.1.2"
    assert rating.tied_key_questions == ("2.1.2", "2.1.3")


def test_bands_come_from_the_framework() -> None:
    framework = small_framework(TRAFFIC_LIGHTS)
    standard = framework.standard("2.1")
    assert (
        rate_by_lowest_key_question(TRAFFIC_LIGHTS, standard, {"2.1.1": 89, "2.1.2": 95}).rating
        == "Amber"
    )
    assert (
        rate_by_lowest_key_question(TRAFFIC_LIGHTS, standard, {"2.1.1": 90, "2.1.2": 95}).rating
        == "Green"
    )
    ratings = rate_standards(framework, {"2.1.1": 90, "2.1.2": 90, "2.2.1": 60, "2.2.2": 61}, {})
    overall = overall_rating(framework, ratings)
    assert (overall.score, overall.maximum, overall.rating) == (15, 20, "Green")


def test_missing_key_question_is_an_error() -> None:
    with pytest.raises(
        ScoringError, match=r"standard 2\.1: no percentage for key question 2\.1\.3"
    ):
        rate_by_lowest_key_question(SCHEME, ASSESSMENT, {"2.1.1": 70, "2.1.2": 70})


@pytest.mark.parametrize("bad", [-1, 101, 50.5, "50", True, None])
def test_percentage_outside_0_to_100_is_an_error(bad: object) -> None:
    percents = {"2.1.1": 70, "2.1.2": bad, "2.1.3": 70}
    with pytest.raises(ScoringError, match=r"key question 2\.1\.2: percentage must be a whole"):
        rate_by_lowest_key_question(SCHEME, ASSESSMENT, percents)


def test_judgement_standard_takes_the_recorded_judgement() -> None:
    judgement = Judgement(GOOD, "Leadership is clear and staff know the vision.")
    rating = rate_by_judgement(SCHEME, FRAMEWORK.standard("1.1"), judgement)
    assert (rating.rule_rating, rating.rating, rating.limiting_key_question) == (GOOD, GOOD, None)
    assert rating.judgement == judgement
    with pytest.raises(ScoringError, match="needs a rationale"):
        Judgement(GOOD, "  ")
    with pytest.raises(ScoringError, match=r"standard 1\.1: unknown rating 'Excellent'"):
        rate_by_judgement(SCHEME, FRAMEWORK.standard("1.1"), Judgement("Excellent", "why"))
    with pytest.raises(ScoringError, match="not by judgement"):
        rate_by_judgement(SCHEME, ASSESSMENT, judgement)
    with pytest.raises(ScoringError, match="not by case data"):
        rate_by_lowest_key_question(SCHEME, FRAMEWORK.standard("1.1"), {})


def _planning(lowest: int) -> StandardRating:
    return rate_by_lowest_key_question(SCHEME, PLANNING, {"2.2.1": 61, "2.2.2": lowest})


def test_discretion_replaces_the_rule_rating_and_keeps_both() -> None:
    discretion = Discretion(INADEQUATE, RI, "Wider evidence about planning practice.")
    rating = apply_discretion(SCHEME, _planning(48), discretion)
    assert (rating.rule_rating, rating.rating) == (INADEQUATE, RI)
    assert rating.discretion == discretion
    assert (rating.limiting_key_question, rating.lowest_percent) == ("2.2.2", 48)
    assert rating.to_json() == {
        "rule_rating": INADEQUATE,
        "rating": RI,
        "limiting_key_question": "2.2.2",
        "lowest_percent": 48,
        "discretion": {"from": INADEQUATE, "to": RI},
    }


def test_discretion_needs_a_rationale_a_real_move_and_the_rule_rating() -> None:
    with pytest.raises(ScoringError, match="needs a rationale"):
        Discretion(INADEQUATE, RI, "")
    with pytest.raises(ScoringError, match="changes nothing"):
        Discretion(RI, RI, "because")
    with pytest.raises(ScoringError, match=r"moves from Good, but the rule rating is Inadequate"):
        apply_discretion(SCHEME, _planning(48), Discretion(GOOD, OUTSTANDING, "because"))
    with pytest.raises(ScoringError, match=r"discretion to: unknown rating 'Superb'"):
        apply_discretion(SCHEME, _planning(48), Discretion(INADEQUATE, "Superb", "because"))
    once = apply_discretion(SCHEME, _planning(48), Discretion(INADEQUATE, RI, "because"))
    with pytest.raises(ScoringError, match="already been applied"):
        apply_discretion(SCHEME, once, Discretion(RI, GOOD, "again"))
    judged = rate_by_judgement(SCHEME, FRAMEWORK.standard("1.2"), Judgement(RI, "why"))
    with pytest.raises(ScoringError, match="case-data rule ratings only"):
        apply_discretion(SCHEME, judged, Discretion(RI, GOOD, "because"))


JUDGEMENTS = {
    "1.1": Judgement(GOOD, "a"),
    "1.2": Judgement(RI, "b"),
    "1.3": Judgement(GOOD, "c"),
    "1.4": Judgement(RI, "d"),
}
WALES = {
    "2.1.1": 67, "2.1.2": 68, "2.1.3": 57,
    "2.2.1": 61, "2.2.2": 48,
    "2.3.1": 78, "2.3.2": 66, "2.3.3": 59,
    "2.4.1": 78, "2.4.2": 74, "2.4.3": 54,
    "4.1.1": 64, "4.1.2": 72, "4.1.3": 51, "4.1.4": 79,
    "4.2.1": 45, "4.2.2": 39, "4.2.3": 50,
}  # fmt: skip


def test_rate_standards_and_overall_like_the_wales_report() -> None:
    discretions = {"2.2": Discretion(INADEQUATE, RI, "Footnote 13: wider evidence.")}
    ratings = rate_standards(FRAMEWORK, WALES, JUDGEMENTS, discretions)
    assert [r.standard_id for r in ratings] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2",
    ]  # fmt: skip
    assert "9.1" not in {r.standard_id for r in ratings}  # unrated: not rated, not scored
    by_id = {r.standard_id: r for r in ratings}
    assert by_id["2.2"].rule_rating == INADEQUATE and by_id["2.2"].rating == RI
    assert by_id["4.2"].rating == INADEQUATE
    overall = overall_rating(FRAMEWORK, ratings)
    assert (overall.score, overall.maximum, overall.rating) == (11, 30, RI)
    # Without the discretion the score drops by one and the overall band holds.
    overall = overall_rating(FRAMEWORK, rate_standards(FRAMEWORK, WALES, JUDGEMENTS))
    assert (overall.score, overall.rating) == (10, RI)


def test_rate_standards_rejects_unknown_or_missing_inputs() -> None:
    with pytest.raises(ScoringError, match=r"unknown key question 2\.9\.9"):
        rate_standards(FRAMEWORK, {**WALES, "2.9.9": 50}, JUDGEMENTS)
    with pytest.raises(ScoringError, match=r"unknown standard 7\.7"):
        rate_standards(FRAMEWORK, WALES, {**JUDGEMENTS, "7.7": Judgement(GOOD, "x")})
    without_1_3 = {k: v for k, v in JUDGEMENTS.items() if k != "1.3"}
    with pytest.raises(ScoringError, match=r"standard 1\.3: no judgement recorded"):
        rate_standards(FRAMEWORK, WALES, without_1_3)


def _all_rated(score_by_standard: list[int]) -> list[StandardRating]:
    ids = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    return [
        StandardRating(standard_id, LABELS[score], LABELS[score], None, None)
        for standard_id, score in zip(ids, score_by_standard, strict=True)
    ]


def _with_score(total: int) -> list[StandardRating]:
    scores = [3] * (total // 3) + ([total % 3] if total % 3 else [])
    return _all_rated(scores + [0] * (10 - len(scores)))


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, INADEQUATE),
        (5, INADEQUATE),
        (6, RI),
        (15, RI),
        (16, GOOD),
        (25, GOOD),
        (26, OUTSTANDING),
        (30, OUTSTANDING),
    ],
)
def test_overall_band_edges(score: int, band: str) -> None:
    overall = overall_rating(FRAMEWORK, _with_score(score))
    assert (overall.score, overall.rating) == (score, band)


def test_overall_needs_every_rated_standard_once() -> None:
    ratings = _with_score(12)
    with pytest.raises(ScoringError, match=r"standard 4\.2 has no rating"):
        overall_rating(FRAMEWORK, ratings[:-1])
    with pytest.raises(ScoringError, match=r"standard 1\.1 is rated twice"):
        overall_rating(FRAMEWORK, [*ratings, ratings[0]])
    extra = StandardRating("9.1", GOOD, GOOD, None, None)
    with pytest.raises(ScoringError, match=r"9\.1 is not a rated standard"):
        overall_rating(FRAMEWORK, [*ratings, extra])


percent = st.integers(0, 100)


@given(st.lists(percent, min_size=3, max_size=3))
def test_without_discretion_rating_is_never_above_the_band_of_the_lowest(values: list[int]) -> None:
    percents = dict(zip(("2.1.1", "2.1.2", "2.1.3"), values, strict=True))
    rating = rate_by_lowest_key_question(SCHEME, ASSESSMENT, percents)
    lowest_band = SCHEME.band_for_percent(min(values))
    assert SCHEME.rank(rating.rating) <= SCHEME.rank(lowest_band)
    for value in values:
        assert SCHEME.rank(rating.rating) <= SCHEME.rank(SCHEME.band_for_percent(value))
    assert rating.lowest_percent == min(values)
    assert rating.limiting_key_question is not None
    assert percents[rating.limiting_key_question] == min(values)


@given(st.lists(percent, min_size=3, max_size=3), st.integers(0, 2), st.integers(1, 100))
def test_raising_one_key_question_never_lowers_the_rating(
    values: list[int], which: int, rise: int
) -> None:
    ids = ("2.1.1", "2.1.2", "2.1.3")
    before = rate_by_lowest_key_question(SCHEME, ASSESSMENT, dict(zip(ids, values, strict=True)))
    values[which] = min(100, values[which] + rise)
    after = rate_by_lowest_key_question(SCHEME, ASSESSMENT, dict(zip(ids, values, strict=True)))
    assert SCHEME.rank(after.rating) >= SCHEME.rank(before.rating)


@given(st.lists(st.integers(0, 3), min_size=10, max_size=10), st.integers(0, 9))
def test_overall_band_is_monotone_in_the_score(scores: list[int], which: int) -> None:
    before = overall_rating(FRAMEWORK, _all_rated(scores))
    scores[which] = min(3, scores[which] + 1)
    after = overall_rating(FRAMEWORK, _all_rated(scores))
    assert after.score >= before.score
    assert SCHEME.rank(after.rating) >= SCHEME.rank(before.rating)


@given(st.integers(0, 30), st.integers(0, 30))
def test_overall_band_order_follows_score_order(low: int, high: int) -> None:
    low, high = sorted((low, high))
    lower = overall_rating(FRAMEWORK, _with_score(low))
    higher = overall_rating(FRAMEWORK, _with_score(high))
    assert (lower.score, higher.score) == (low, high)
    assert SCHEME.rank(lower.rating) <= SCHEME.rank(higher.rating)
