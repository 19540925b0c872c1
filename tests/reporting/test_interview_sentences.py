"""Every interview topic of every shipped framework reads as the inspectorate writes it: a
worded clause after "said", never "said yes when asked about ...", at 0, 1 and many answers,
whichever way most answered (issue 14)."""

from __future__ import annotations

import re

import pytest

from probation_inspection.framework import available_frameworks, load_framework
from probation_inspection.framework.model import (
    AnswerCount,
    InterviewQuestion,
    Questionnaire,
)
from probation_inspection.scoring import InterviewResponse, tally_interviews, topic_findings

QUESTIONS = [
    pytest.param(summary.id, summary.version, questionnaire.id, question.id,
                 id=f"{summary.id}@{summary.version}:{question.id}")
    for summary in available_frameworks()
    for questionnaire in load_framework(summary.id, summary.version).questionnaires
    for question in questionnaire.questions
]


def _question(framework_id: str, version: str, questionnaire_id: str,
              question_id: str) -> tuple[Questionnaire, InterviewQuestion]:
    questionnaire = load_framework(framework_id, version).questionnaire(questionnaire_id)
    return questionnaire, questionnaire.question(question_id)


def _answer(question: InterviewQuestion, counts: AnswerCount) -> str:
    return next(a.id for a in question.answers if a.counts_as is counts)


def _sentence(questionnaire: Questionnaire, question: InterviewQuestion, yes: int,
              no: int) -> str | None:
    """The topic's sentence when ``yes`` interviewees (or cases) said yes and ``no`` said no."""
    given = [_answer(question, AnswerCount.YES)] * yes + [_answer(question, AnswerCount.NO)] * no
    if question.per_case:
        responses = [InterviewResponse("RO 1", {}, case_answers={
            f"C{n}": {question.id: answer} for n, answer in enumerate(given)})]
    else:
        responses = [InterviewResponse(f"RO {n}", {question.id: answer})
                     for n, answer in enumerate(given)]
    found = [f.sentence for f in topic_findings(questionnaire,
                                                tally_interviews(questionnaire, responses))
             if f.question_id == question.id]
    return found[0] if found else None


def test_the_shipped_frameworks_have_interview_questions_to_check() -> None:
    assert QUESTIONS, "no shipped framework has a questionnaire: the test checks nothing"


@pytest.mark.parametrize("framework_id,version,questionnaire_id,question_id", QUESTIONS)
def test_each_topic_is_worded_for_the_report(framework_id: str, version: str,
                                              questionnaire_id: str, question_id: str) -> None:
    questionnaire, question = _question(framework_id, version, questionnaire_id, question_id)
    # Both wordings, so whichever way most answered the sentence says what they said.
    assert question.says and question.says_no, f"{question_id} has no says/says_no wording"
    for clause in (question.says, question.says_no):
        assert clause == clause.strip() and clause[:1].islower(), clause
        assert not clause.endswith((".", "?")), clause
        assert not re.match(r"(yes|no)\b", clause), clause
    assert question.says != question.says_no


@pytest.mark.parametrize("framework_id,version,questionnaire_id,question_id", QUESTIONS)
def test_each_topic_reads_well_at_none_one_and_many(framework_id: str, version: str,
                                                     questionnaire_id: str,
                                                     question_id: str) -> None:
    questionnaire, question = _question(framework_id, version, questionnaire_id, question_id)
    people = questionnaire.interviewees
    one = people[:-1] if people.endswith("s") else people
    assert _sentence(questionnaire, question, 0, 0) is None  # nobody answered: no sentence
    sentences = {
        "one yes": _sentence(questionnaire, question, 1, 0),
        "one no": _sentence(questionnaire, question, 0, 1),
        "most yes": _sentence(questionnaire, question, 3, 1),
        "most no": _sentence(questionnaire, question, 1, 3),
        "all yes": _sentence(questionnaire, question, 12, 0),
    }
    for case, sentence in sentences.items():
        assert sentence is not None, case
        assert "when asked about" not in sentence, (case, sentence)
        assert " said yes" not in sentence and " said no " not in sentence, (case, sentence)
        assert not sentence[:1].islower() and sentence.endswith(".") and ".." not in sentence
        assert "  " not in sentence and " ." not in sentence, (case, sentence)
        assert not re.search(r"\b1 cases\b|\bone cases\b|\b1 " + re.escape(people), sentence)
    assert question.says in sentences["most yes"] and question.says in sentences["all yes"]
    assert question.says_no in sentences["most no"]
    if question.per_case:
        assert sentences["one yes"] == (
            f"In the one case discussed, the {one} said {question.says}"
            + _national(question, negative=False) + ".")
        assert sentences["most yes"].startswith("In 3 of the 4 cases discussed (75 per cent), ")
    else:
        assert sentences["one yes"] == (
            f"The one {one} who answered said {question.says}"
            + _national(question, negative=False) + ".")
        assert sentences["most no"] == (
            f"75 per cent of the 4 {people} who answered said {question.says_no}"
            + _national(question, negative=True) + ".")


def _national(question: InterviewQuestion, *, negative: bool) -> str:
    if question.national_percent is None:
        return ""
    figure = 100 - question.national_percent if negative else question.national_percent
    return f", against {figure} per cent nationally"
