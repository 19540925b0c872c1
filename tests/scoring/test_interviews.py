"""Live interview results: percentages with counts, "don't know" and not asked left out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import load_framework
from probation_inspection.scoring import (
    InterviewResponse,
    ScoringError,
    percent_half_up,
    tally_interviews,
    tally_interviews_by_group,
)

INTERVIEW = load_framework("hmip-crc-2018").questionnaire("ro-interview")
WORKLOAD = "ro-interview.workload"
ADJUSTMENTS = "ro-interview.reasonable-adjustments"


def responses(*answers: dict[str, str]) -> list[InterviewResponse]:
    return [InterviewResponse(f"RO {n}", given) for n, given in enumerate(answers, start=1)]


def test_wales_workload_figure_comes_out_with_its_counts() -> None:
    # 000 L325: 60 per cent of the 83 ROs interviewed said their workload was unmanageable.
    given = [{WORKLOAD: "no"}] * 50 + [{WORKLOAD: "yes"}] * 33
    results = tally_interviews(INTERVIEW, responses(*given))
    workload = results[WORKLOAD]
    assert (workload.tally.yes, workload.tally.no, workload.percent) == (33, 50, 40)
    assert 100 - workload.percent == 60
    assert workload.sentence("responsible officers") == (
        "33 (40%) of the 83 responsible officers who answered")


def test_dont_know_and_not_asked_are_left_out_like_not_applicable() -> None:
    results = tally_interviews(INTERVIEW, responses(
        {WORKLOAD: "yes", ADJUSTMENTS: "not-required"},
        {WORKLOAD: "dont-know", ADJUSTMENTS: "yes"},
        {ADJUSTMENTS: "no"},
        {WORKLOAD: "no", ADJUSTMENTS: "dont-know"},
    ))
    workload, adjustments = results[WORKLOAD], results[ADJUSTMENTS]
    assert (workload.tally.relevant, workload.tally.not_applicable, workload.percent) == (2, 2, 50)
    assert adjustments.answer_counts == (("yes", 1), ("no", 1), ("not-required", 1),
                                         ("dont-know", 1))
    assert adjustments.percent == 50
    assert list(results) == [q.id for q in INTERVIEW.questions]


def test_no_answers_yet_gives_no_percentage() -> None:
    result = tally_interviews(INTERVIEW, [])[WORKLOAD]
    assert result.percent is None
    assert result.sentence("responsible officers") == "no responsible officers have answered"


@pytest.mark.parametrize(("given", "message"), [
    ([{WORKLOAD: "maybe"}], "interviewee RO 1, question ro-interview.workload: unknown answer "
                            "'maybe' .expected yes, no, dont-know."),
    ([{"ro-interview.pay": "yes"}], "interviewee RO 1: ro-interview has no question"),
])
def test_bad_answers_are_named(given: list[dict[str, str]], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        tally_interviews(INTERVIEW, responses(*given))


def test_results_by_group() -> None:
    given = [InterviewResponse("A", {WORKLOAD: "yes"}, "PO"),
             InterviewResponse("B", {WORKLOAD: "no"}, "PSO"),
             InterviewResponse("C", {WORKLOAD: "no"}, "PSO")]
    groups = tally_interviews_by_group(INTERVIEW, given)
    assert list(groups) == ["PO", "PSO"]
    assert (groups["PO"][WORKLOAD].percent, groups["PSO"][WORKLOAD].percent) == (100, 0)
    with pytest.raises(ScoringError, match="interviewee A is recorded twice"):
        tally_interviews_by_group(INTERVIEW, [*given, InterviewResponse("A", {}, "PSO")])


def test_an_interviewee_counts_once() -> None:
    with pytest.raises(ScoringError, match="interviewee A is recorded twice"):
        tally_interviews(INTERVIEW, [InterviewResponse("A", {}), InterviewResponse("A", {})])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["yes", "no", "dont-know", None]), max_size=40))
def test_the_percentage_is_yes_over_yes_and_no(given: list[str | None]) -> None:
    answers = [{WORKLOAD: a} if a else {} for a in given]
    result = tally_interviews(INTERVIEW, responses(*answers))[WORKLOAD]
    yes, no = given.count("yes"), given.count("no")
    assert result.tally.cases == len(given)
    assert result.percent == (percent_half_up(yes, yes + no) if yes + no else None)
