"""Unit tests for checking published ratings against the rules, on a tiny framework."""

from __future__ import annotations

import pytest
from scoring_helpers import LABELS, tiny_framework

from probation_inspection.scoring import (
    FindingKind,
    RecordedDiscretion,
    ScoringError,
    check_ratings,
)
from probation_inspection.scoring.check import OVERALL, Finding

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
FOOTNOTE = RecordedDiscretion("2.2", None, None, "We exercised professional discretion.")


def test_footnoted_discretion_is_inferred_and_explains_the_difference() -> None:
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [FOOTNOTE], published_overall=RI)
    planning = {r.standard_id: r for r in result.standards}["2.2"]
    assert (planning.rule_rating, planning.rating) == (INADEQUATE, RI)
    assert planning.discretion is not None and planning.discretion.inferred
    assert planning.discretion.rationale == FOOTNOTE.text
    assert result.findings == (Finding("2.2", FindingKind.FOOTNOTED_DISCRETION, RI, INADEQUATE),)
    assert result.unexplained == ()
    assert (result.overall.score, result.overall.rating) == (11, RI)


def test_stated_discretion_is_not_marked_inferred() -> None:
    stated = RecordedDiscretion("2.2", INADEQUATE, RI, "Wider evidence on planning.")
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [stated], published_overall=RI)
    planning = result.standards[5]
    assert planning.discretion is not None and not planning.discretion.inferred
    assert result.footnoted[0].standard == "2.2"


def test_a_difference_without_discretion_is_unexplained() -> None:
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [], published_overall=RI)
    assert result.unexplained == (
        Finding("2.2", FindingKind.UNEXPLAINED_DEVIATION, RI, INADEQUATE),
    )
    assert result.overall.score == 10


def test_a_changed_published_rating_and_overall_are_unexplained() -> None:
    published = {**PUBLISHED, "4.1": GOOD}
    result = check_ratings(FRAMEWORK, PERCENTS, published, [FOOTNOTE], published_overall=GOOD)
    assert [f.to_json() for f in result.unexplained] == [
        {"standard": "4.1", "kind": "unexplained-deviation", "published": GOOD, "computed": RI},
        {"standard": OVERALL, "kind": "unexplained-deviation", "published": GOOD, "computed": RI},
    ]


def test_a_discretion_that_does_not_reach_the_published_rating_is_unexplained() -> None:
    stated = RecordedDiscretion("2.2", INADEQUATE, GOOD, "Overstated.")
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [stated])
    assert result.unexplained == (Finding("2.2", FindingKind.UNEXPLAINED_DEVIATION, RI, GOOD),)


def test_an_inferred_discretion_that_moves_nothing_is_not_applied() -> None:
    footnote = RecordedDiscretion("2.1", None, None, "Discretion considered.")
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [footnote, FOOTNOTE])
    assert result.standards[4].discretion is None
    assert result.unexplained == ()


def test_unpublished_case_data_standards_are_computed_but_not_compared() -> None:
    published = {k: v for k, v in PUBLISHED.items() if k.startswith("1.")}
    result = check_ratings(FRAMEWORK, PERCENTS, published)
    assert result.findings == ()
    assert result.standards[5].rating == INADEQUATE


def test_to_json_has_exactly_the_rate_shape() -> None:
    result = check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [FOOTNOTE], published_overall=RI)
    document = result.to_json()
    assert set(document) == {"standards", "score", "max_score", "overall", "findings"}
    assert list(document["standards"]) == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2",
    ]  # fmt: skip
    assert document["standards"]["1.1"] == {
        "rule_rating": GOOD,
        "rating": GOOD,
        "limiting_key_question": None,
        "lowest_percent": None,
        "discretion": None,
        "uncertain": None,
        "cases_to_change": None,
        "scored": True,
        "not_rated_reason": None,
        "limited_by": None,
    }
    assert document["standards"]["2.2"]["discretion"] == {"from": INADEQUATE, "to": RI}
    assert (document["score"], document["overall"], document["findings"]) == (11, RI, [])
    assert document["max_score"] == 30


@pytest.mark.parametrize(
    ("percents", "published", "discretions", "message"),
    [
        ({**PERCENTS, "2.5.1": 50}, PUBLISHED, [], r"unknown key question 2\.5\.1"),
        ({**PERCENTS, "2.1.1": 101}, PUBLISHED, [], r"key question 2\.1\.1: percentage must"),
        ({**PERCENTS, "2.1.1": "67"}, PUBLISHED, [], r"key question 2\.1\.1: percentage must"),
        (
            {k: v for k, v in PERCENTS.items() if k != "4.2.3"},
            PUBLISHED,
            [],
            r"standard 4\.2: no percentage for key question 4\.2\.3",
        ),
        (PERCENTS, {**PUBLISHED, "3.1": GOOD}, [], r"unknown standard 3\.1"),
        (PERCENTS, {**PUBLISHED, "1.2": "Fair"}, [], r"standard 1\.2: unknown rating 'Fair'"),
        (PERCENTS, PUBLISHED, [FOOTNOTE, FOOTNOTE], "recorded more than once"),
        (
            PERCENTS,
            PUBLISHED,
            [RecordedDiscretion("1.1", None, GOOD, "x")],
            r"standard 1\.1: only case-data",
        ),
        (
            PERCENTS,
            PUBLISHED,
            [RecordedDiscretion("8.8", None, GOOD, "x")],
            r"standard 8\.8: unknown standard",
        ),
        (
            PERCENTS,
            PUBLISHED,
            [RecordedDiscretion("2.2", None, None, "  ")],
            r"standard 2\.2: .*needs a rationale",
        ),
        (
            PERCENTS,
            PUBLISHED,
            [RecordedDiscretion("2.2", GOOD, RI, "x")],
            r"moves from Good, but the rule rating is Inadequate",
        ),
        (
            PERCENTS,
            {k: v for k, v in PUBLISHED.items() if k != "2.2"},
            [FOOTNOTE],
            r"standard 2\.2: states no 'to' rating",
        ),
    ],
)
def test_bad_input_is_an_error_saying_what_and_where(
    percents: dict[str, object],
    published: dict[str, str],
    discretions: list[RecordedDiscretion],
    message: str,
) -> None:
    with pytest.raises(ScoringError, match=message):
        check_ratings(FRAMEWORK, percents, published, discretions)


def test_unknown_published_overall_label_is_an_error() -> None:
    with pytest.raises(ScoringError, match="published overall rating: unknown rating 'Okay'"):
        check_ratings(FRAMEWORK, PERCENTS, PUBLISHED, [FOOTNOTE], published_overall="Okay")
