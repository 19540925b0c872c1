"""Acceptance: the shipped hmip-crc-2018 framework reproduces the three published inspections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.framework import load_framework
from probation_inspection.scoring import (
    Answer,
    CaseAssessment,
    FindingKind,
    RecordedDiscretion,
    check_ratings,
    counts_sentence,
    key_question_percents,
    tally_framework,
)
from probation_inspection.scoring.check import Finding
from probation_inspection.scoring.ratings import rate_by_lowest_key_question
from sample_ids import SampleType

FRAMEWORK = load_framework("hmip-crc-2018")
SEEDS = ["000_aa2a86d3a0086947.txt", "002_0b169877a59b4ecc.txt", "004_9bb6883ac686527f.txt"]


def _inspections(fixtures: Path) -> dict[str, dict[str, Any]]:
    entries = json.loads((fixtures / "published-results.json").read_text(encoding="utf-8"))
    return {entry["seed"]: entry for entry in entries}


def _discretions(entry: dict[str, Any]) -> list[RecordedDiscretion]:
    # The footnotes print no from/to, so they are left for the check to infer.
    return [
        RecordedDiscretion(d["standard"], None, None, f"Footnote {d['footnote']}")
        for d in entry["discretion"]
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_published_rating_is_reproduced(fixtures: Path, seed: str) -> None:
    entry = _inspections(fixtures)[seed]
    result = check_ratings(
        FRAMEWORK,
        entry["key_questions"],
        entry["standards"],
        _discretions(entry),
        entry["overall"],
    )
    assert result.unexplained == ()
    assert {r.standard_id: r.rating for r in result.standards} == entry["standards"]
    assert result.overall.rating == entry["overall"]
    assert result.overall.score == entry["rule_check"]["overall_points"]
    for rating in result.standards:
        expected = entry["rule_check"].get(rating.standard_id)
        if expected is None:  # domain one: judgement, no rule check
            assert rating.limiting_key_question is None
            continue
        assert rating.rule_rating == expected["rule_band"]
        assert rating.lowest_percent == expected["lowest_pct"]
        assert list(rating.tied_key_questions) == expected["lowest_key_question"]


@pytest.mark.parametrize("seed", SEEDS)
def test_rating_what_is_given_reproduces_them_identically(fixtures: Path, seed: str) -> None:
    """With gaps as not rated (as ``rate`` checks), complete reports rate exactly as before:
    every standard rated and scored, 30 the maximum, the published overall."""
    entry = _inspections(fixtures)[seed]
    args = (FRAMEWORK, entry["key_questions"], entry["standards"], _discretions(entry),
            entry["overall"])
    strict, lenient = check_ratings(*args), check_ratings(*args, missing_as_not_rated=True)
    assert lenient == strict
    assert all(r.rated and not r.as_published for r in lenient.standards)
    assert (lenient.overall.maximum, lenient.overall.not_rated) == (30, ())
    assert lenient.scored == frozenset(entry["standards"])


def test_wales_planning_is_a_footnoted_discretion(fixtures: Path) -> None:
    entry = _inspections(fixtures)[SEEDS[0]]
    result = check_ratings(
        FRAMEWORK,
        entry["key_questions"],
        entry["standards"],
        _discretions(entry),
        "Requires improvement",
    )
    assert result.findings == (
        Finding("2.2", FindingKind.FOOTNOTED_DISCRETION, "Requires improvement", "Inadequate"),
    )
    planning = next(r for r in result.standards if r.standard_id == "2.2")
    assert planning.discretion is not None
    assert (planning.discretion.from_rating, planning.discretion.to_rating) == (
        "Inadequate",
        "Requires improvement",
    )
    assert planning.discretion.inferred
    assert planning.limiting_key_question == "2.2.3"


@pytest.mark.parametrize(
    ("seed", "standard", "changed_to", "computed"),
    [
        (SEEDS[1], "4.1", "Outstanding", "Good"),
        (SEEDS[2], "2.3", "Requires improvement", "Inadequate"),
        (SEEDS[0], "4.2", "Requires improvement", "Inadequate"),
    ],
)
def test_a_changed_rating_without_discretion_is_unexplained(
    fixtures: Path, seed: str, standard: str, changed_to: str, computed: str
) -> None:
    entry = _inspections(fixtures)[seed]
    published = {**entry["standards"], standard: changed_to}
    result = check_ratings(
        FRAMEWORK, entry["key_questions"], published, _discretions(entry), entry["overall"]
    )
    assert result.unexplained == (
        Finding(standard, FindingKind.UNEXPLAINED_DEVIATION, changed_to, computed),
    )


def test_wales_without_its_footnote_is_unexplained(fixtures: Path) -> None:
    entry = _inspections(fixtures)[SEEDS[0]]
    result = check_ratings(
        FRAMEWORK, entry["key_questions"], entry["standards"], [], "Requires improvement"
    )
    assert [(f.standard, f.kind) for f in result.findings] == [
        ("2.2", FindingKind.UNEXPLAINED_DEVIATION)
    ]
    assert result.overall.score == 10  # the rule alone: the overall band holds


@pytest.mark.parametrize(
    ("lowest", "band"),
    [
        (49, "Inadequate"),
        (50, "Requires improvement"),
        (64, "Requires improvement"),
        (65, "Good"),
        (79, "Good"),
        (80, "Outstanding"),
    ],
)
def test_shipped_band_edges(lowest: int, band: str) -> None:
    assert FRAMEWORK.rating is not None
    standard = FRAMEWORK.standard("2.1")
    rating = rate_by_lowest_key_question(
        FRAMEWORK.rating, standard, {"2.1.1": 100, "2.1.2": 100, "2.1.3": lowest}
    )
    assert rating.rating == band


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (5, "Inadequate"),
        (6, "Requires improvement"),
        (15, "Requires improvement"),
        (16, "Good"),
        (25, "Good"),
        (26, "Outstanding"),
        (30, "Outstanding"),
    ],
)
def test_shipped_overall_band_edges(score: int, band: str) -> None:
    labels = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    scores = [3] * (score // 3) + ([score % 3] if score % 3 else [])
    scores += [0] * (10 - len(scores))
    judged = dict(zip(["1.1", "1.2", "1.3", "1.4"], scores[:4], strict=True))
    # Case-data standards reach their score through percentages at the bottom of each band.
    bottom = {0: 0, 1: 50, 2: 65, 3: 80}
    percents = {}
    for standard_id, standard_score in zip(
        ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"], scores[4:], strict=True
    ):
        for key_question in FRAMEWORK.standard(standard_id).key_questions:
            percents[key_question.id] = bottom[standard_score]
    published = {standard_id: labels[value] for standard_id, value in judged.items()}
    result = check_ratings(FRAMEWORK, percents, published)
    assert (result.overall.score, result.overall.rating) == (score, band)


def _case_attributes(rosh_issues: bool) -> dict[str, object]:
    attributes: dict[str, object] = {
        attribute.name: False for attribute in FRAMEWORK.attributes if attribute.type == "boolean"
    }
    attributes.update(
        rosh_issues=rosh_issues,
        gender="male",
        disposal="community order",
        rosh_level="medium",
        responsible_officer_grade="PO",
        delivery_unit="Cardiff",
    )
    return attributes


def test_wales_planning_tally_over_the_relevant_sub_sample() -> None:
    """Wales 2.2.3: 50 (48%) of the 105 relevant cases in a sample of 130 (SEEDS-SPEC b.2)."""
    key_questions = [
        key_question
        for standard in FRAMEWORK.standards()
        if standard.sample_type == SampleType.CASE_SUPERVISION
        for key_question in standard.key_questions
    ]
    cases = []
    for n in range(130):
        attributes = _case_attributes(rosh_issues=n < 105)
        # Answer only what applies: a yes where the rule is false would be an error.
        answers = {
            question.id: Answer.YES
            for key_question in key_questions
            if key_question.applies(attributes)
            for question in (key_question, *key_question.prompts)
            if question.applies(attributes)
        }
        if n < 105:
            answers["2.2.3"] = Answer.YES if n < 50 else Answer.NO
        cases.append(CaseAssessment(f"CRN{n:03}", answers, attributes))
    tallies = tally_framework(FRAMEWORK, cases, SampleType.CASE_SUPERVISION)
    planning_safety = tallies["2.2.3"]
    assert (planning_safety.relevant, planning_safety.not_relevant) == (105, 25)
    assert counts_sentence(planning_safety) == "50 (48%) of the 105 relevant cases"
    assert tallies["2.2.1"].relevant == 130  # not a keeping-others-safe question
    assert tallies["2.2.3.p5"].not_relevant == 130  # domestic abuse arises in none
    assert "4.1.1" not in tallies
    assert FRAMEWORK.rating is not None
    percents = key_question_percents(tallies, FRAMEWORK)
    rating = rate_by_lowest_key_question(FRAMEWORK.rating, FRAMEWORK.standard("2.2"), percents)
    assert (rating.rule_rating, rating.limiting_key_question, rating.lowest_percent) == (
        "Inadequate",
        "2.2.3",
        48,
    )
