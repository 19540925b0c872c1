"""Unit and property tests for tallies: counts, half-up percentages, intervals, relevance."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_helpers import tiny_framework

from probation_inspection.scoring import (
    Answer,
    CaseAssessment,
    ScoringError,
    Tally,
    counts_sentence,
    key_question_percents,
    percent_half_up,
    tally_answers,
    tally_framework,
)
from sample_ids import SampleType

YES, NO, NA, NR = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE, Answer.NOT_RELEVANT


@pytest.mark.parametrize(
    ("yes", "relevant", "percent"),
    [
        (50, 105, 48),  # Wales 2.2.3: 47.6 printed 48
        (36, 67, 54),  # Wales 2.4.3: 53.7 printed 54
        (87, 130, 67),
        (1, 8, 13),  # 12.5 rounds up, where float round() gives 12
        (5, 8, 63),  # 62.5
        (7, 8, 88),  # 87.5
        (1, 200, 1),  # 0.5
        (1, 3, 33),
        (2, 3, 67),
        (0, 5, 0),
        (5, 5, 100),
        (199, 200, 100),  # 99.5 rounds up to 100
    ],
)
def test_percent_rounds_half_up(yes: int, relevant: int, percent: int) -> None:
    assert percent_half_up(yes, relevant) == percent
    assert Tally("q", yes, relevant - yes).percent == percent


def test_percent_rejects_impossible_counts() -> None:
    with pytest.raises(ScoringError, match="at least one relevant case"):
        percent_half_up(0, 0)
    with pytest.raises(ScoringError, match="outside"):
        percent_half_up(6, 5)
    with pytest.raises(ScoringError, match="negative"):
        Tally("2.1.1", yes=-1)


def test_tally_counts_each_answer_separately() -> None:
    tally = tally_answers("2.2.3", [YES, NO, NA, NR, YES, "yes", "not-applicable"])
    assert (tally.yes, tally.no, tally.not_applicable, tally.not_relevant) == (3, 1, 2, 1)
    assert tally.relevant == 4
    assert tally.cases == 7
    assert tally.percent == 75


def test_no_relevant_cases_has_no_percentage_or_interval() -> None:
    tally = tally_answers("2.2.3", [NA, NR])
    assert tally.percent is None
    assert tally.interval(0.8) is None
    assert counts_sentence(tally) == "no relevant cases"


def test_unknown_answer_is_an_error_naming_case_and_question() -> None:
    with pytest.raises(ScoringError, match=r"case 2, question 2\.1\.1: unknown answer 'maybe'"):
        tally_answers("2.1.1", ["yes", "maybe"])


def test_counts_sentence_uses_the_reports_wording() -> None:
    assert counts_sentence(Tally("2.4.3", yes=36, no=31)) == "36 (54%) of the 67 relevant cases"
    assert counts_sentence(Tally("2.2.3", 50, 55, 20, 5)) == "50 (48%) of the 105 relevant cases"
    assert counts_sentence(Tally("x", yes=1)) == "1 (100%) of the 1 relevant case"


def _wilson(yes: int, relevant: int, confidence: float) -> tuple[float, float]:
    """Closed-form Wilson score interval, written out independently of statsmodels."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = yes / relevant
    denominator = 1 + z * z / relevant
    centre = (p + z * z / (2 * relevant)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / relevant + z * z / (4 * relevant**2))
    return (centre - half) * 100, (centre + half) * 100


def test_wilson_interval_worked_values() -> None:
    # 0 of 10 at 95%: the textbook Wilson interval is 0 to 27.75 per cent.
    interval = Tally("q", yes=0, no=10).interval(0.95)
    assert interval is not None
    assert interval.lower == pytest.approx(0.0, abs=1e-9)
    assert interval.upper == pytest.approx(27.753, abs=1e-3)
    # 36 of 67 at the inspectorate's 80 per cent confidence.
    interval = Tally("2.4.3", yes=36, no=31).interval(0.8)
    assert interval is not None
    assert (interval.lower, interval.upper) == pytest.approx((45.929, 61.355), abs=1e-3)
    assert interval.confidence == 0.8


@given(st.integers(0, 300), st.integers(0, 300), st.sampled_from([0.8, 0.9, 0.95]))
def test_wilson_interval_matches_closed_form(yes: int, no: int, confidence: float) -> None:
    interval = Tally("q", yes, no).interval(confidence)
    if yes + no == 0:
        assert interval is None
        return
    assert interval is not None
    expected = _wilson(yes, yes + no, confidence)
    assert (interval.lower, interval.upper) == pytest.approx(expected, abs=1e-6)
    observed = 100 * yes / (yes + no)
    assert 0 <= interval.lower <= observed + 1e-9
    assert observed - 1e-9 <= interval.upper <= 100


def test_interval_rejects_a_confidence_outside_zero_and_one() -> None:
    with pytest.raises(ScoringError, match="confidence"):
        Tally("q", 1, 1).interval(80)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_percentage_stays_within_0_and_100(yes: int, no: int) -> None:
    percent = Tally("q", yes, no).percent
    if yes + no == 0:
        assert percent is None
    else:
        assert percent is not None and 0 <= percent <= 100
        assert abs(percent - 100 * yes / (yes + no)) <= 0.5


@given(st.integers(0, 5_000), st.integers(0, 5_000))
def test_adding_a_yes_never_lowers_and_a_no_never_raises(yes: int, no: int) -> None:
    tally = Tally("q", yes, no)
    with_yes = tally.add(YES).percent
    with_no = tally.add(NO).percent
    assert with_yes is not None and with_no is not None
    if tally.percent is not None:
        assert with_yes >= tally.percent
        assert with_no <= tally.percent
    assert tally.add(NA).percent == tally.percent
    assert tally.add(NR).percent == tally.percent


def _answers() -> dict[str, Answer]:
    """A full case-supervision assessment of the tiny framework, every question yes."""
    ids = ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.1.a", "2.2.2", "2.2.2.a", "2.2.2.b"]
    ids += [f"2.{s}.{n}" for s in (3, 4) for n in (1, 2, 3)]
    return dict.fromkeys(ids, YES)


def test_tally_framework_counts_key_questions_and_prompts_over_relevant_cases() -> None:
    framework = tiny_framework()
    cases = [
        CaseAssessment("CRN1", _answers(), {"rosh_issues": True, "domestic_abuse": True}),
        CaseAssessment(
            "CRN2",
            {**_answers(), "2.2.2": NO, "2.2.2.b": NR},
            {"rosh_issues": True, "domestic_abuse": False},
        ),
        # RoSH issues do not apply, so 2.2.2 and its prompts need no answer at all.
        CaseAssessment(
            "CRN3",
            {k: v for k, v in _answers().items() if not k.startswith("2.2.2")} | {"2.1.1": NA},
            {"rosh_issues": False, "domestic_abuse": True},
        ),
    ]
    tallies = tally_framework(framework, cases, SampleType.CASE_SUPERVISION)
    assert "4.1.1" not in tallies  # another sample's questions are not tallied
    assert tallies["2.1.1"] == Tally("2.1.1", yes=2, not_applicable=1)
    assert tallies["2.2.2"] == Tally("2.2.2", yes=1, no=1, not_relevant=1)
    # The prompt's rule is true for CRN3 but its key question's is not: not relevant.
    assert tallies["2.2.2.b"] == Tally("2.2.2.b", yes=1, not_relevant=2)
    assert tallies["2.2.1.a"] == Tally("2.2.1.a", yes=3)
    assert key_question_percents(tallies, framework)["2.2.2"] == 50


def test_relevance_rule_makes_an_unanswered_question_not_relevant() -> None:
    answers = {k: v for k, v in _answers().items() if not k.startswith("2.2.2")}
    case = CaseAssessment("CRN9", answers, {"rosh_issues": False, "domestic_abuse": False})
    tallies = tally_framework(tiny_framework(), [case], SampleType.CASE_SUPERVISION)
    assert tallies["2.2.2"].not_relevant == 1
    assert tallies["2.2.2"].percent is None


def test_missing_answer_where_the_rule_applies_is_an_error() -> None:
    # 2.2.2.b is recorded not relevant (domestic abuse is not an issue), so the missing
    # judgement is the case's one fault, whichever of its questions is checked first.
    answers = {**_answers(), "2.2.2.b": NR}
    del answers["2.2.2"]
    case = CaseAssessment("CRN7", answers, {"rosh_issues": True, "domestic_abuse": False})
    with pytest.raises(ScoringError, match=r"CRN7, question 2\.2\.2: no answer recorded"):
        tally_framework(tiny_framework(), [case], SampleType.CASE_SUPERVISION)


def test_missing_answer_without_attributes_is_an_error() -> None:
    answers = _answers()
    del answers["2.3.2"]
    with pytest.raises(ScoringError, match=r"case 2, question 2\.3\.2: no answer recorded"):
        tally_framework(tiny_framework(), [_answers(), answers], SampleType.CASE_SUPERVISION)


def test_answers_contradicting_the_relevance_rule_are_errors() -> None:
    attributes = {"rosh_issues": False, "domestic_abuse": False}
    # Its prompts are recorded not relevant: the key question's answer is the one fault.
    case = CaseAssessment("CRN4", {**_answers(), "2.2.2.a": NR, "2.2.2.b": NR}, attributes)
    with pytest.raises(ScoringError, match=r"CRN4, question 2\.2\.2: answered yes but"):
        tally_framework(tiny_framework(), [case], SampleType.CASE_SUPERVISION)
    attributes = {"rosh_issues": True, "domestic_abuse": True}
    case = CaseAssessment("CRN5", {**_answers(), "2.2.2": NR}, attributes)
    with pytest.raises(ScoringError, match=r"CRN5, question 2\.2\.2: recorded not-relevant"):
        tally_framework(tiny_framework(), [case], SampleType.CASE_SUPERVISION)


def test_an_unevaluable_relevance_rule_names_the_case() -> None:
    case = CaseAssessment("CRN6", _answers(), {"domestic_abuse": True})
    # The walk reaches the key question's first prompt (which reads its rule too) first.
    with pytest.raises(ScoringError, match=r"CRN6, question 2\.2\.2\.a: relevance rule"):
        tally_framework(tiny_framework(), [case], SampleType.CASE_SUPERVISION)


def test_key_question_without_relevant_cases_cannot_be_rated() -> None:
    tallies = {"2.1.1": Tally("2.1.1", not_applicable=3)}
    with pytest.raises(ScoringError, match=r"2\.1\.1 has no relevant cases"):
        key_question_percents(tallies, tiny_framework())
