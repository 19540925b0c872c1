"""No dead ends: standards that cannot be rated, unscored standards and the overall's rule.

On the tiny framework (4 judgement and 6 case-data standards scored 0-3, overall bands of 30).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_helpers import LABELS, SCHEME, tiny_framework

from probation_inspection.framework.model import (
    NOT_RATED,
    Framework,
    WhenNotRated,
)
from probation_inspection.scoring import (
    Discretion,
    FindingKind,
    Judgement,
    RecordedDiscretion,
    ScoringError,
    StandardRating,
    Tally,
    check_ratings,
    overall_rating,
    rate_standards,
)
from probation_inspection.scoring.check import OVERALL, Finding
from probation_inspection.scoring.ratings import not_rated, rate_case_data, scaled_band

INADEQUATE, RI, GOOD, OUTSTANDING = LABELS
FRAMEWORK = tiny_framework()
PERCENTS = {
    "2.1.1": 67, "2.1.2": 68, "2.1.3": 57,
    "2.2.1": 61, "2.2.2": 48,
    "2.3.1": 78, "2.3.2": 66, "2.3.3": 59,
    "2.4.1": 78, "2.4.2": 74, "2.4.3": 54,
    "4.1.1": 64, "4.1.2": 72, "4.1.3": 51, "4.1.4": 79,
    "4.2.1": 45, "4.2.2": 39, "4.2.3": 50,
}  # fmt: skip
PUBLISHED = {
    "1.1": GOOD, "1.2": RI, "1.3": GOOD, "1.4": RI,
    "2.1": RI, "2.2": RI, "2.3": RI, "2.4": RI, "4.1": RI, "4.2": INADEQUATE,
}  # fmt: skip
JUDGEMENTS = {sid: Judgement(PUBLISHED[sid], "Evidence.") for sid in ("1.1", "1.2", "1.3", "1.4")}
TTG = ("4.2.1", "4.2.2", "4.2.3")
#: Planning's published rating is a footnoted discretion from the rule's Inadequate.
FOOTNOTE = [RecordedDiscretion("2.2", None, None, "Footnote 13")]


def changed(framework: Framework = FRAMEWORK, *, when: WhenNotRated | None = None,
            minimum: int | None = None, **standards: dict[str, object]) -> Framework:
    """The framework with standards changed (``s4_2={"scored": False}``) and scheme fields."""
    by_id = {key[1:].replace("_", "."): value for key, value in standards.items()}
    domains = tuple(
        replace(domain, standards=tuple(replace(s, **by_id.get(s.id, {}))  # type: ignore[arg-type]
                                        for s in domain.standards))
        for domain in framework.domains
    )
    scheme = replace(SCHEME, when_not_rated=when or WhenNotRated.NOT_RATED,
                     minimum_relevant_cases_to_rate=minimum)
    return replace(framework, domains=domains, rating=scheme)


def without(mapping: dict[str, object], *keys: str) -> dict[str, object]:
    return {key: value for key, value in mapping.items() if key not in keys}


def tallies(relevant: int, yes: int, *ids: str) -> dict[str, Tally]:
    return {kq: Tally(kq, yes=yes, no=relevant - yes) for kq in ids}


# --- a standard that cannot be rated, for each reason ------------------------------------------

def test_no_figures_for_any_key_question_is_no_case_data() -> None:
    rating = rate_case_data(FRAMEWORK, FRAMEWORK.standard("4.2"), without(PERCENTS, *TTG))
    assert (rating.rating, rating.rule_rating, rating.rated) == (NOT_RATED, NOT_RATED, False)
    assert rating.not_rated_reason == "no case data: none of its key questions has a figure"
    assert (rating.limiting_key_question, rating.lowest_percent) == (None, None)


def test_no_relevant_cases_by_the_counts() -> None:
    rating = rate_case_data(FRAMEWORK, FRAMEWORK.standard("4.2"), without(PERCENTS, *TTG),
                            tallies(0, 0, *TTG))
    assert rating.not_rated_reason == "no relevant cases in its sample"


def test_fewer_relevant_cases_than_the_scheme_minimum_to_rate() -> None:
    framework = changed(minimum=5)
    counts = tallies(4, 2, *TTG)
    rating = rate_case_data(framework, framework.standard("4.2"), PERCENTS | {k: 50 for k in TTG},
                            counts)
    assert rating.not_rated_reason == (
        "only 4 relevant cases, fewer than the 5 the framework needs to rate it"
    )
    # Five relevant cases are enough: rated by the lowest, as always.
    counts = tallies(5, 2, *TTG)
    rating = rate_case_data(framework, framework.standard("4.2"), PERCENTS | {k: 40 for k in TTG},
                            counts)
    assert (rating.rated, rating.rating, rating.lowest_percent) == (True, INADEQUATE, 40)


def test_a_standard_minimum_overrides_the_scheme_and_counts_its_best_covered_question() -> None:
    framework = changed(minimum=5, s4_2={"minimum_relevant_cases_to_rate": 3})
    # 3 cases on 4.2.1, 1 on the others: the standard has 3 relevant cases, enough for it.
    counts = tallies(3, 2, "4.2.1") | tallies(1, 1, "4.2.2", "4.2.3")
    percents = PERCENTS | {"4.2.1": 67, "4.2.2": 100, "4.2.3": 100}
    rating = rate_case_data(framework, framework.standard("4.2"), percents, counts)
    assert (rating.rated, rating.rating, rating.limiting_key_question) == (True, GOOD, "4.2.1")
    counts = tallies(2, 1, *TTG)
    rating = rate_case_data(framework, framework.standard("4.2"), percents, counts)
    assert rating.not_rated_reason == (
        "only 2 relevant cases, fewer than the 3 the framework needs to rate it"
    )


def test_a_key_question_with_no_relevant_case_does_not_limit_the_others() -> None:
    counts = tallies(20, 10, "4.2.1", "4.2.2") | tallies(0, 0, "4.2.3")
    percents = without(PERCENTS, "4.2.3") | {"4.2.1": 50, "4.2.2": 50}
    rating = rate_case_data(FRAMEWORK, FRAMEWORK.standard("4.2"), percents, counts)
    assert (rating.rating, rating.tied_key_questions) == (RI, ("4.2.1", "4.2.2"))


def test_some_figures_missing_is_still_an_error() -> None:
    with pytest.raises(ScoringError, match=r"4\.2: no percentage for key question 4\.2\.3"):
        rate_case_data(FRAMEWORK, FRAMEWORK.standard("4.2"), without(PERCENTS, "4.2.3"))


def test_rate_standards_carries_a_standard_without_figures_as_not_rated() -> None:
    with pytest.raises(ScoringError, match=r"4\.2: no percentage for key question 4\.2\.1"):
        rate_standards(FRAMEWORK, without(PERCENTS, *TTG), JUDGEMENTS)  # a gap, by default
    ratings = {r.standard_id: r for r in rate_standards(
        FRAMEWORK, without(PERCENTS, *TTG), JUDGEMENTS, missing_as_not_rated=True)}
    assert ratings["4.2"].rating == NOT_RATED and ratings["4.1"].rating == RI
    discretion = {"4.2": Discretion(INADEQUATE, RI, "Wider evidence.")}
    with pytest.raises(ScoringError, match=r"standard 4\.2 is not rated \(no case data"):
        rate_standards(FRAMEWORK, without(PERCENTS, *TTG), JUDGEMENTS, discretion,
                       missing_as_not_rated=True)
    # Counts saying no case is relevant make it not rated whatever the flag: that is no gap.
    ratings = {r.standard_id: r for r in rate_standards(
        FRAMEWORK, without(PERCENTS, *TTG), JUDGEMENTS, tallies=tallies(0, 0, *TTG))}
    assert ratings["4.2"].not_rated_reason == "no relevant cases in its sample"


# --- check_ratings: no published judgement, rating as published -------------------------------

def test_a_judgement_standard_without_a_published_rating_is_not_rated() -> None:
    with pytest.raises(ScoringError, match=r"standard 1\.4: no published judgement rating"):
        check_ratings(FRAMEWORK, PERCENTS, without(PUBLISHED, "1.4"))  # a gap, by default
    result = check_ratings(FRAMEWORK, PERCENTS, without(PUBLISHED, "1.4"),
                           missing_as_not_rated=True)
    leadership = {r.standard_id: r for r in result.standards}["1.4"]
    assert leadership.not_rated_reason == "no published judgement rating"
    assert result.overall.rating == NOT_RATED
    assert result.overall.not_rated == ("1.4",)
    assert result.overall.not_rated_reason == (
        "standard 1.4 is not rated and the framework rates no overall without every scored "
        "standard"
    )
    assert result.to_json()["standards"]["1.4"]["not_rated_reason"] == (
        "no published judgement rating"
    )


def test_a_published_rating_without_key_question_figures_is_taken_as_published() -> None:
    result = check_ratings(FRAMEWORK, without(PERCENTS, *TTG), PUBLISHED, FOOTNOTE,
                           published_overall=RI, missing_as_not_rated=True)
    ttg = {r.standard_id: r for r in result.standards}["4.2"]
    assert (ttg.as_published, ttg.rated, ttg.rating, ttg.rule_rating) == (
        True, True, INADEQUATE, INADEQUATE
    )
    assert (ttg.limiting_key_question, ttg.lowest_percent) == (None, None)
    assert (result.overall.score, result.overall.rating, result.unexplained) == (11, RI, ())
    with pytest.raises(ScoringError, match=r"discretion for standard 4\.2: no key-question "
                       r"figures are given, so there is no rule rating to depart from"):
        check_ratings(FRAMEWORK, without(PERCENTS, *TTG), PUBLISHED,
                      [RecordedDiscretion("4.2", None, None, "Footnote 3")],
                      missing_as_not_rated=True)


def test_no_figures_and_no_published_rating_is_not_rated_and_not_a_finding() -> None:
    with pytest.raises(ScoringError, match=r"4\.2: no percentage for key question 4\.2\.1"):
        check_ratings(FRAMEWORK, without(PERCENTS, *TTG), without(PUBLISHED, "4.2"), FOOTNOTE)
    result = check_ratings(FRAMEWORK, without(PERCENTS, *TTG), without(PUBLISHED, "4.2"),
                           FOOTNOTE, missing_as_not_rated=True)
    ttg = {r.standard_id: r for r in result.standards}["4.2"]
    assert ttg.not_rated_reason == "no case data: none of its key questions has a figure"
    assert result.unexplained == ()


def test_a_published_rating_where_the_counts_give_too_few_cases_is_unexplained() -> None:
    framework = changed(minimum=10)
    counts = tallies(8, 4, *TTG)
    result = check_ratings(framework, PERCENTS | {k: 50 for k in TTG}, PUBLISHED,
                           tallies=counts)
    assert Finding("4.2", FindingKind.UNEXPLAINED_DEVIATION, INADEQUATE, NOT_RATED) in (
        result.findings
    )
    assert "4.2" not in result.uncertainty  # not rated: nothing to be sure of
    assert result.to_json()["standards"]["4.2"]["uncertain"] is None


def test_counts_with_no_relevant_cases_need_no_percentage_but_refuse_one() -> None:
    result = check_ratings(FRAMEWORK, without(PERCENTS, *TTG), without(PUBLISHED, "4.2"),
                           tallies=tallies(0, 0, *TTG))
    assert result.standards[-1].not_rated_reason == "no relevant cases in its sample"
    with pytest.raises(ScoringError, match=r"key question 4\.2\.1: no relevant cases, so no "
                       r"percentage, but 45% is given"):
        check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, tallies=tallies(0, 0, "4.2.1"))


# --- the overall under each declared rule ------------------------------------------------------

def _ratings(framework: Framework, percents: dict[str, object]) -> tuple[StandardRating, ...]:
    return rate_standards(framework, percents, JUDGEMENTS,  # type: ignore[arg-type]
                          missing_as_not_rated=True)


def test_overall_is_not_rated_under_the_default_rule() -> None:
    overall = overall_rating(FRAMEWORK, _ratings(FRAMEWORK, without(PERCENTS, *TTG)))
    assert (overall.rating, overall.rated, overall.not_rated) == (NOT_RATED, False, ("4.2",))
    assert (overall.score, overall.maximum) == (10, 27)


def test_score_over_rated_bands_the_rated_score_against_scaled_bands() -> None:
    framework = changed(when=WhenNotRated.SCORE_OVER_RATED)
    overall = overall_rating(framework, _ratings(framework, without(PERCENTS, *TTG)))
    # 10 of 27: Requires improvement needs 6 x 27/30 = 5.4, Good 16 x 27/30 = 14.4.
    assert (overall.score, overall.maximum, overall.scaled_from) == (10, 27, 30)
    assert (overall.rating, overall.rated, overall.not_rated) == (RI, True, ("4.2",))


@pytest.mark.parametrize(("score", "band"), [(5, INADEQUATE), (6, RI), (14, RI), (15, GOOD),
                                             (23, GOOD), (24, OUTSTANDING), (27, OUTSTANDING)])
def test_scaled_band_edges_over_nine_of_ten_standards(score: int, band: str) -> None:
    # Bands of 30 scaled to 27: minimums 0, 5.4, 14.4, 23.4 -> a score of 6, 15, 24 reaches each.
    assert scaled_band(SCHEME, score, 27, 30) == band


@given(st.integers(0, 30))
def test_scaled_to_the_full_maximum_the_bands_are_the_framework_bands(score: int) -> None:
    assert scaled_band(SCHEME, score, 30, 30) == SCHEME.band_for_score(score)


def test_score_over_rated_with_no_scored_standard_rated_is_not_rated() -> None:
    framework = changed(when=WhenNotRated.SCORE_OVER_RATED)
    ratings = [not_rated(s.id, "no sample") for s in framework.standards()
               if s.rating_method.value != "unrated"]
    overall = overall_rating(framework, ratings)
    assert (overall.rating, overall.not_rated_reason, overall.maximum) == (
        NOT_RATED, "no scored standard is rated", 0
    )


def test_an_unscored_standard_adds_nothing_to_score_or_maximum() -> None:
    framework = changed(s4_1={"scored": False})
    # Bands of the 27-point framework are the test's concern elsewhere; here the sum.
    framework = replace(framework, rating=replace(
        framework.rating, overall_bands=SCHEME.overall_bands[:-1]
        + (replace(SCHEME.overall_bands[-1], maximum=27),)))
    overall = overall_rating(framework, _ratings(framework, PERCENTS))
    assert (overall.score, overall.maximum, overall.rating) == (9, 27, RI)  # 4.1's RI left out
    assert framework.maximum_score == 27
    result = check_ratings(framework, PERCENTS, PUBLISHED, [RecordedDiscretion(
        "2.2", None, None, "Footnote")])
    document = result.to_json()
    assert document["standards"]["4.1"]["scored"] is False
    assert document["standards"]["4.2"]["scored"] is True
    assert (document["score"], document["max_score"]) == (10, 27)


def test_an_unscored_standard_that_is_not_rated_leaves_the_overall_rated() -> None:
    framework = changed(s4_2={"scored": False})
    overall = overall_rating(framework, _ratings(framework, without(PERCENTS, *TTG)))
    assert (overall.rating, overall.not_rated, overall.score, overall.maximum) == (
        RI, (), 10, 27
    )


def test_a_published_overall_differing_from_not_rated_is_a_finding() -> None:
    result = check_ratings(FRAMEWORK, without(PERCENTS, *TTG), without(PUBLISHED, "4.2"),
                           FOOTNOTE, published_overall=RI, missing_as_not_rated=True)
    assert result.unexplained == (Finding(OVERALL, FindingKind.UNEXPLAINED_DEVIATION, RI,
                                       NOT_RATED),)

