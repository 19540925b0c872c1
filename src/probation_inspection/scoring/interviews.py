"""Live results of a structured interview: per question, the yes share of those who answered.

Owns turning answers into Tallies; "don't know" and not asked count as not applicable. A
per-case question ("In this case, ...") is answered about each case the interviewee holds in
the sample, and each case answered counts once. Owns too the report's sentence per topic:
the share in words the reports use, framed by what most said, with the national figure where
the framework records one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from probation_inspection.framework.model import (
    AnswerCount,
    InterviewQuestion,
    Questionnaire,
)
from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.tally import Tally, percent_half_up

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
    #: The per-case questions' answers, keyed by the case's reference in the sample, then by
    #: question id: ``{"C012": {"ro-interview.agencies-desistance": "yes"}}``.
    case_answers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


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
        for case, answers in response.case_answers.items():
            for question_id in answers:
                if question_id not in tallies:
                    raise ScoringError(f"{who}, case {case}: {questionnaire.id} has no "
                                       f"question {question_id!r}")
                if not questionnaire.question(question_id).per_case:
                    raise ScoringError(f"{who}, case {case}: question {question_id} is asked "
                                       "once per interviewee, not per case")
        for question in questionnaire.questions:
            # An answer given once (all a per-case question had before it was asked per case)
            # still counts once; each case answered counts once more.
            given_ids = [response.answers.get(question.id)]
            if question.per_case:
                given_ids += [answers.get(question.id)
                              for _, answers in sorted(response.case_answers.items())]
                given_ids = [g for g in given_ids if g is not None] or [None]
            for answer_id in given_ids:
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


@dataclass(frozen=True)
class TopicFinding:
    """One interview topic as the report prints it, with the counts it comes from."""

    topic: str
    question_id: str
    #: The share printed: of the yes-answers, or of the no-answers when most said no and the
    #: framework words what they said.
    percent: int
    #: Who answered: interviewees, or cases for a per-case question.
    answered: int
    national_percent: int | None
    sentence: str


def topic_findings(
    questionnaire: Questionnaire, results: Mapping[str, QuestionResult]
) -> tuple[TopicFinding, ...]:
    """Each answered question's finding, in questionnaire order; unanswered ones are left out.

    ``"60 per cent of the 10 responsible officers who answered said their workload was
    unmanageable, against 56 per cent nationally."``: the no-share is printed when under half
    said yes and the question words the no-answer (``says_no``); the national figure is
    turned the same way. A per-case question counts cases: ``"In 9 of the 12 cases discussed
    (75 per cent), responsible officers said ..."``.
    """
    findings = []
    for question in questionnaire.questions:
        result = results.get(question.id)
        if result is None or result.tally.relevant == 0:
            continue
        tally = result.tally
        negative = bool(question.says_no) and 2 * tally.yes < tally.relevant
        count = tally.no if negative else tally.yes
        percent = percent_half_up(count, tally.relevant)
        national = question.national_percent
        if national is not None and negative:
            national = 100 - national
        said = (question.says_no if negative else question.says) or (
            f"yes when asked about {question.topic[:1].lower()}{question.topic[1:]}")
        national_text = "" if national is None else f", against {national} per cent nationally"
        if question.per_case and tally.relevant == 1:
            sentence = (f"In the one case discussed, the {_singular(questionnaire.interviewees)}"
                        f" said {said}{national_text}.")
        elif question.per_case:
            sentence = (f"In {count} of the {tally.relevant} cases discussed ({percent} per "
                        f"cent), {questionnaire.interviewees} said {said}{national_text}.")
        else:
            people = (questionnaire.interviewees if tally.relevant != 1
                      else _singular(questionnaire.interviewees))
            sentence = (f"{percent} per cent of the {tally.relevant} {people} who answered "
                        f"said {said}{national_text}.")
            if tally.relevant == 1:
                sentence = f"The one {people} who answered said {said}{national_text}."
        findings.append(TopicFinding(question.topic, question.id, percent, tally.relevant,
                                     national, sentence[:1].upper() + sentence[1:]))
    return tuple(findings)


def _singular(plural: str) -> str:
    return plural[:-1] if plural.endswith("s") else plural
