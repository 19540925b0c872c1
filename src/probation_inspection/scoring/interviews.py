"""Live results of a structured interview: per question, the yes share of those who answered.

Owns turning answers into Tallies; "don't know" and not asked count as not applicable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import (
    AnswerCount,
    InterviewQuestion,
    Questionnaire,
)
from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.tally import Tally

_AS_ANSWER = {
    AnswerCount.YES: Answer.YES,
    AnswerCount.NO: Answer.NO,
    AnswerCount.EXCLUDED: Answer.NOT_APPLICABLE,
}


@dataclass(frozen=True)
class InterviewResponse:
    """One interviewee's answers, keyed by question id; a question left out was not asked."""

    interviewee: str
    answers: Mapping[str, str]
    #: Role group or grade (PO, PSO...) for breakdowns; free text.
    group: str = ""


@dataclass(frozen=True)
class QuestionResult:
    question: InterviewQuestion
    tally: Tally
    #: How many interviewees gave each answer, in the question's answer order.
    answer_counts: tuple[tuple[str, int], ...]

    @property
    def percent(self) -> int | None:
        return self.tally.percent

    def sentence(self, interviewees: str) -> str:
        """E.g. ``"35 (60%) of the 58 responsible officers who answered"``."""
        if self.tally.percent is None:
            return f"no {interviewees} have answered"
        return (f"{self.tally.yes} ({self.tally.percent}%) of the {self.tally.relevant} "
                f"{interviewees} who answered")


def tally_interviews(
    questionnaire: Questionnaire, responses: Iterable[InterviewResponse]
) -> dict[str, QuestionResult]:
    """Results per question, in questionnaire order, over every response so far.

    An unknown question or answer id is an error naming the interviewee, so a mistyped
    answer can never silently drop out of a percentage.
    """
    tallies = {q.id: Tally(q.id) for q in questionnaire.questions}
    counts = {q.id: {a.id: 0 for a in q.answers} for q in questionnaire.questions}
    seen: set[str] = set()
    for response in responses:
        who = f"interviewee {response.interviewee}"
        if response.interviewee in seen:
            raise ScoringError(f"{who} is recorded twice in {questionnaire.id}")
        seen.add(response.interviewee)
        for question_id in response.answers:
            if question_id not in tallies:
                raise ScoringError(f"{who}: {questionnaire.id} has no question {question_id!r}")
        for question in questionnaire.questions:
            answer_id = response.answers.get(question.id)
            if answer_id is None:
                answer = Answer.NOT_APPLICABLE  # not asked
            else:
                try:
                    given = question.answer(answer_id)
                except KeyError:
                    allowed = ", ".join(a.id for a in question.answers)
                    raise ScoringError(f"{who}, question {question.id}: unknown answer "
                                       f"{answer_id!r} (expected {allowed})") from None
                counts[question.id][given.id] += 1
                answer = _AS_ANSWER[given.counts_as]
            tallies[question.id] = tallies[question.id].add(answer)
    return {
        q.id: QuestionResult(q, tallies[q.id], tuple(counts[q.id].items()))
        for q in questionnaire.questions
    }


def tally_interviews_by_group(
    questionnaire: Questionnaire, responses: Iterable[InterviewResponse]
) -> dict[str, dict[str, QuestionResult]]:
    """Results per interviewee group (PO, PSO...), groups sorted; blank groups under ""."""
    kept = list(responses)
    tally_interviews(questionnaire, kept)  # checks every response once, across groups
    groups = sorted({response.group for response in kept})
    return {group: tally_interviews(questionnaire, [r for r in kept if r.group == group])
            for group in groups}
