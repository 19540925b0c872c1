"""Per-case interview questions counted per case, and each topic's report sentence with the
national figure, framed by what most interviewees said."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.framework import load_framework
from probation_inspection.scoring import (
    InterviewResponse,
    ScoringError,
    tally_interviews,
    topic_findings,
)

INTERVIEW = load_framework("hmip-crc-2018").questionnaire("ro-interview")
WORKLOAD = "ro-interview.workload"
DESISTANCE = "ro-interview.agencies-desistance"
HARM = "ro-interview.agencies-risk-of-harm"


def officers(*answers: dict[str, str]) -> list[InterviewResponse]:
    return [InterviewResponse(f"RO {n}", given) for n, given in enumerate(answers, start=1)]


def findings(responses: list[InterviewResponse]) -> dict[str, str]:
    return {f.question_id: f.sentence
            for f in topic_findings(INTERVIEW, tally_interviews(INTERVIEW, responses))}


def test_the_questionnaire_has_every_topic_the_reports_print() -> None:
    topics = {q.topic for q in INTERVIEW.questions}
    assert {"Organisation prioritises quality", "Relationships with agencies for desistance",
            "Relationships with agencies for risk of harm", "Allocation matches training",
            "Case-recording policy"} <= topics
    per_case = {q.id for q in INTERVIEW.questions if q.per_case}
    assert per_case == {"ro-interview.range-of-services", DESISTANCE, HARM}


def test_wales_workload_sentence_gives_the_unmanageable_share_and_the_national_figure() -> None:
    # 000 L325: 60 per cent unmanageable, national average 56 per cent.
    sentence = findings(officers(*[{WORKLOAD: "no"}] * 6, *[{WORKLOAD: "yes"}] * 4))[WORKLOAD]
    assert sentence == ("60 per cent of the 10 responsible officers who answered said their "
                        "workload was unmanageable, against 56 per cent nationally.")


def test_a_majority_saying_yes_is_printed_as_the_yes_share() -> None:
    sentence = findings(officers(*[{WORKLOAD: "yes"}] * 3, {WORKLOAD: "no"}))[WORKLOAD]
    assert sentence == ("75 per cent of the 4 responsible officers who answered said their "
                        "workload was manageable, against 44 per cent nationally.")


def test_one_answer_is_worded_for_one() -> None:
    assert findings(officers({WORKLOAD: "yes"}))[WORKLOAD] == (
        "The one responsible officer who answered said their workload was manageable, "
        "against 44 per cent nationally.")


def test_unanswered_topics_are_left_out() -> None:
    assert findings(officers({WORKLOAD: "dont-know"})) == {}


def test_a_per_case_question_counts_every_case_the_officer_holds() -> None:
    responses = [
        InterviewResponse("RO 1", {}, case_answers={
            "C1": {DESISTANCE: "yes"}, "C2": {DESISTANCE: "yes"}, "C3": {DESISTANCE: "no"}}),
        InterviewResponse("RO 2", {}, case_answers={"C4": {DESISTANCE: "yes", HARM: "yes"}}),
    ]
    results = tally_interviews(INTERVIEW, responses)
    assert (results[DESISTANCE].tally.yes, results[DESISTANCE].tally.relevant) == (3, 4)
    assert findings(responses)[DESISTANCE] == (
        "In 3 of the 4 cases discussed (75 per cent), responsible officers said there were "
        "effective relationships with other agencies to support desistance.")
    assert findings(responses)[HARM] == (
        "In the one case discussed, the responsible officer said there were effective "
        "relationships with other agencies to manage risk of harm.")


def test_a_per_officer_question_cannot_be_answered_per_case() -> None:
    with pytest.raises(ScoringError, match="once per interviewee"):
        tally_interviews(INTERVIEW, [InterviewResponse("RO 1", {}, case_answers={
            "C1": {WORKLOAD: "yes"}})])


def test_an_unknown_answer_in_a_case_names_the_question() -> None:
    with pytest.raises(ScoringError, match="unknown answer 'maybe'"):
        tally_interviews(INTERVIEW, [InterviewResponse("RO 1", {}, case_answers={
            "C1": {DESISTANCE: "maybe"}})])


@given(st.lists(st.lists(st.sampled_from(["yes", "no", "dont-know"]), max_size=4),
                max_size=8))
def test_per_case_counts_add_up_over_cases(cases_per_officer: list[list[str]]) -> None:
    responses = [InterviewResponse(f"RO {n}", {}, case_answers={
        f"C{n}-{m}": {DESISTANCE: answer} for m, answer in enumerate(answers)})
        for n, answers in enumerate(cases_per_officer)]
    tally = tally_interviews(INTERVIEW, responses)[DESISTANCE].tally
    flat = [answer for answers in cases_per_officer for answer in answers]
    assert (tally.yes, tally.no) == (flat.count("yes"), flat.count("no"))
    for finding in topic_findings(INTERVIEW, tally_interviews(INTERVIEW, responses)):
        assert 50 <= finding.percent <= 100 or finding.question_id == DESISTANCE
