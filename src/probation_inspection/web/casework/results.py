"""Live results: the core's tallies, intervals and rule ratings over the counted assessments.

Builds the scoring core's inputs from the database (the one query of which assessments count,
by the core's `moderation.counts`) and arranges its outputs for the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from probation_inspection.framework.model import Framework, Standard
from probation_inspection.moderation import AssessmentStatus as ReviewStatus
from probation_inspection.moderation import counts
from probation_inspection.scoring import Answer as ScoredAnswer
from probation_inspection.scoring import (
    CaseAssessment,
    RuleRating,
    ScoringError,
    StandardRating,
    StandardUncertainty,
    Tally,
    counts_sentence,
    rule_ratings_with_figures,
    tally_framework,
)
from probation_inspection.scoring.breakdowns import tally_breakdown
from probation_inspection.scoring.decisions import not_rated_rule
from probation_inspection.scoring.uncertainty import describe
from probation_inspection.scoring.walk import case_standards
from probation_inspection.web.casework.models import Answer, Assessment, CaseStatus, SampledCase


@dataclass(frozen=True)
class QuestionResult:
    id: str
    text: str
    is_key_question: bool
    tally: Tally
    counts: str
    interval: Any


@dataclass(frozen=True)
class StandardResult:
    standard: Standard
    rows: list[QuestionResult]
    rating: StandardRating | None
    #: Why there is no rating yet, when there is none.
    unrated_because: str
    #: How sure the rule rating is, at the sample's confidence; None while unrated.
    uncertainty: StandardUncertainty | None = None
    #: The core's rule rating with its figures, as the ratings page offers it; None unrated.
    rule: RuleRating | None = None
    #: The standard as the framework's rules leave it not rated (no or too few relevant
    #: cases), with the reason; None when it is rated or may yet be.
    not_rated: StandardRating | None = None

    @property
    def uncertainty_sentences(self) -> list[str]:
        return describe(self.uncertainty) if self.uncertainty else []


@dataclass(frozen=True)
class BreakdownResult:
    label: str
    groups: list[str]
    #: (key question id, text, [(counts sentence, percent) per group])
    rows: list[tuple[str, str, list[tuple[str, int | None]]]]


@dataclass(frozen=True)
class SampleResults:
    sample: Any
    submitted: int
    standards: list[StandardResult]
    breakdowns: list[BreakdownResult]
    #: Set when the scoring core refused the data; no figures are shown then.
    problem: str = ""


#: The assessment statuses the core counts (`moderation.counts`), as a database filter.
COUNTED_STATUSES = tuple(status.value for status in ReviewStatus
                         if counts(status, in_sample=True))


def counted(cases: QuerySet[SampledCase]) -> QuerySet[SampledCase]:
    """Those of ``cases`` whose assessment counts, by the core's one rule (`moderation.counts`):
    still in the sample (not substituted out) and submitted or moderated."""
    return cases.filter(status=CaseStatus.SAMPLED, assessment__status__in=COUNTED_STATUSES)


def case_assessments(cases: Iterable[SampledCase]) -> list[CaseAssessment]:
    """The scoring core's input for these cases, in the order given; an empty answer is none."""
    cases = list(cases)
    # Explicit id lists keep every query on an indexed key: planners (PostgreSQL's in
    # particular, before statistics exist) choose badly for joins across four tables.
    case_of = dict(Assessment.objects.filter(sampled_case__in=[case.pk for case in cases])
                   .values_list("id", "sampled_case_id"))
    answers: dict[int, dict[str, ScoredAnswer]] = defaultdict(dict)
    reference = {case.pk: case.case_reference for case in cases}
    for assessment_id, question_id, value in Answer.objects.filter(
        assessment_id__in=list(case_of)
    ).exclude(value="").values_list("assessment_id", "question_id", "value"):
        try:
            answers[case_of[assessment_id]][question_id] = ScoredAnswer(value)
        except ValueError:
            raise ScoringError(f"{reference[case_of[assessment_id]]}, question {question_id}: "
                               f"unknown answer {value!r}") from None
    return [CaseAssessment(case.case_reference, answers[case.pk], case.attributes)
            for case in cases]


def counted_assessments(sample: Any) -> list[CaseAssessment]:
    """The counted assessments of a sample as the scoring core takes them: the one set live
    results, rule ratings, the stage rules and the report all read."""
    return case_assessments(counted(SampledCase.objects.filter(sample=sample))
                            .order_by("case_reference"))


def _rows(framework: Framework, standard: Standard, tallies: dict[str, Tally],
          confidence: float) -> list[QuestionResult]:
    rows = []
    for key_question in standard.key_questions:
        for question_id, text, is_key in (
            (key_question.id, key_question.text, True),
            *((prompt.id, prompt.text, False) for prompt in key_question.prompts),
        ):
            tally = tallies[question_id]
            rows.append(QuestionResult(question_id, text, is_key, tally, counts_sentence(tally),
                                       tally.interval(confidence)))
    return rows


def _unrated_because(framework: Framework, standard: Standard,
                     tallies: dict[str, Tally]) -> str:
    if framework.rating is None:
        return "the framework does not rate standards"
    for key_question in standard.key_questions:
        if tallies[key_question.id].percent is None:
            return f"key question {key_question.id} has no relevant submitted cases yet"
    return ""


def sample_results(sample: Any, framework: Framework) -> SampleResults:
    cases = counted_assessments(sample)
    standards = case_standards(framework, sample.sample_type)
    tallies = tally_framework(framework, cases, standards[0].sample_type) if standards else {}
    # The core's one rule rating (the same the ratings page and the report use).
    rules = (rule_ratings_with_figures(framework, tallies,
                                       {sample.sample_type: sample.confidence})
             if standards and framework.rating is not None else {})
    results = []
    for standard in standards:
        rule = rules.get(standard.id)
        # The core's not-rated rule, the one `rate` uses (too few or no relevant cases).
        unrated = (not_rated_rule(framework, standard, tallies)
                   if rule is None and framework.rating is not None else None)
        because = ("" if rule else unrated.not_rated_reason or "" if unrated
                   else _unrated_because(framework, standard, tallies))
        results.append(StandardResult(
            standard, _rows(framework, standard, tallies, sample.confidence),
            rule.rating if rule else None, because,
            rule.uncertainty if rule else None, rule, unrated))
    breakdowns = []
    key_questions = [kq for standard in standards for kq in standard.key_questions]
    for breakdown in framework.breakdowns:
        groups = tally_breakdown(
            framework, cases, standards[0].sample_type if standards else None,
            breakdown.attribute,
        )
        names = list(groups)
        group_tallies = {name: tallies for name, (_, tallies) in groups.items()}
        rows = [
            (kq.id, kq.text, [(counts_sentence(group_tallies[name][kq.id]),
                               group_tallies[name][kq.id].percent) for name in names])
            for kq in key_questions
        ]
        breakdowns.append(BreakdownResult(breakdown.label, names, rows))
    return SampleResults(sample, len(cases), results, breakdowns)


def inspection_results(inspection: Any, framework: Framework) -> list[SampleResults]:
    results = []
    for sample in inspection.samples.order_by("sample_type"):
        try:
            results.append(sample_results(sample, framework))
        except ScoringError as error:
            # The core refuses inconsistent data; say so rather than show wrong figures.
            results.append(SampleResults(sample, 0, [], [], problem=str(error)))
    return results


def inspection_not_rated(inspection: Any, framework: Framework) -> dict[str, StandardRating]:
    """Each case-data standard the framework's rules leave not rated now, with the reason: its
    sample has no or too few relevant cases, or no sample of its type was drawn (the core's
    `not_rated_rule`). A sample the core refuses says nothing here (live results say why)."""
    return not_rated_in(inspection_results(inspection, framework), framework)


def not_rated_in(results: list[SampleResults], framework: Framework) -> dict[str, StandardRating]:
    """`inspection_not_rated` from results already computed (one pass over the samples)."""
    found: dict[str, StandardRating] = {}
    if framework.rating is None:
        return found
    for sample in results:
        for item in sample.standards:
            if item.not_rated is not None:
                found[item.standard.id] = item.not_rated
    drawn = {sample.sample.sample_type for sample in results}
    for standard in framework.standards():
        if standard.sample_type is not None and standard.sample_type not in drawn:
            unrated = not_rated_rule(framework, standard, None)
            if unrated is not None:
                found[standard.id] = unrated
    return found
