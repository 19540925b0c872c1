"""The inspection framework as plain typed data: domains, standards, key questions, prompts.

Owns the vocabulary every other package speaks; holds no loading or scoring logic.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from probation_inspection.framework.narrative import (
    MethodologyTemplate,
    PresentationQuestion,
    Terms,
)

#: What a standard (or the overall) shows when it cannot be rated, as the reports print it;
#: no framework may use it as a rating label.
NOT_RATED = "Not rated"

#: A case's attribute values, keyed by the attribute names the framework declares.
CaseAttributes = Mapping[str, object]


class RatingMethod(StrEnum):
    """How a standard's rating is reached."""

    #: Organisational delivery: the lead inspector's judgement against the ratings
    #: characteristics, recorded with a rationale.
    JUDGEMENT = "judgement"
    #: Case data: the band of the lowest key-question percentage.
    LOWEST_KEY_QUESTION = "lowest-key-question"
    #: Thematic work: findings are reported but the standard is not rated.
    UNRATED = "unrated"


class WhenNotRated(StrEnum):
    """What the overall rating does when a scored standard could not be rated."""

    #: The overall is not rated either: the framework's bands assume every scored standard.
    NOT_RATED = "not-rated"
    #: The score of the rated standards is banded against the overall bands scaled to their
    #: maximum (the bands' minimums times rated maximum over full maximum).
    SCORE_OVER_RATED = "score-over-rated"


class AttributeType(StrEnum):
    """Types a case attribute may take in a relevance rule."""

    BOOLEAN = "boolean"
    CHOICE = "choice"
    INTEGER = "integer"
    TEXT = "text"
    #: A number with an optional decimal part inside a declared range (an RSR score, 6.90);
    #: its values are `Decimal`, compared exactly.
    DECIMAL = "decimal"


class Condition(Protocol):
    """A parsed relevance rule: decides whether a question applies to a case."""

    def evaluate(self, case: CaseAttributes) -> bool:
        """True when the question applies to the case with these attribute values."""
        ...

    def attributes(self) -> frozenset[str]:
        """The case attributes the rule reads."""
        ...


@dataclass(frozen=True)
class CaseAttribute:
    """A fact about a case that relevance rules may use (e.g. whether RoSH issues apply)."""

    name: str
    type: AttributeType
    label: str
    values: tuple[str, ...] = ()
    description: str = ""
    #: The range of a decimal attribute, inclusive (None for other types).
    minimum: Decimal | None = None
    maximum: Decimal | None = None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, or that month's last day if shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Offset:
    """A time before the fieldwork start: whole months back (same day of the month, or the
    month's last day), then weeks and days back: "7 months", "6 weeks 13 days"."""

    months: int = 0
    weeks: int = 0
    days: int = 0

    def before(self, day: dt.date) -> dt.date:
        return months_before(day, self.months) - dt.timedelta(weeks=self.weeks, days=self.days)

    def __str__(self) -> str:
        parts = [(self.months, "month"), (self.weeks, "week"), (self.days, "day")]
        words = [f"{count} {unit}{'s' if count != 1 else ''}" for count, unit in parts if count]
        return " ".join(words) or "0 days"


@dataclass(frozen=True)
class FieldFilter:
    """Only cases whose case-list ``field`` holds one of ``values`` are eligible.

    Category fields (disposal) compare canonical values; the releasing prison compares names
    ignoring case, punctuation and a leading "HMP" or "HMP/YOI"; other text ignoring case and
    punctuation. A blank value is eligible only when ``blank_eligible``.
    """

    field: str
    values: tuple[str, ...]
    blank_eligible: bool = False


@dataclass(frozen=True)
class Eligibility:
    """A sample type's eligibility window: the case's ``date_field`` falls between
    ``earliest`` and ``latest`` before fieldwork (inclusive; no earliest: any day up to the
    latest), and every filter holds."""

    date_field: str
    latest: Offset
    earliest: Offset | None = None
    filters: tuple[FieldFilter, ...] = ()

    def bounds(self, fieldwork_start: dt.date) -> tuple[dt.date | None, dt.date]:
        earliest = None if self.earliest is None else self.earliest.before(fieldwork_start)
        return earliest, self.latest.before(fieldwork_start)

    def with_filter(self, added: FieldFilter) -> Eligibility:
        """The window with ``added`` in place of any filter on the same field."""
        kept = tuple(f for f in self.filters if f.field != added.field)
        return Eligibility(self.date_field, self.latest, self.earliest, (*kept, added))


@dataclass(frozen=True)
class SampleTypeDefinition:
    """A case set an inspection draws, as its framework declares it: the case-list fields it
    needs, who is eligible, and the fields it is stratified by."""

    id: str
    label: str
    #: Case-list fields every case must give (names from the case-list vocabulary).
    fields: tuple[str, ...]
    eligibility: Eligibility
    strata: tuple[str, ...] = ()
    #: Prose for people; two definitions that select and stratify alike are equal.
    description: str = field(default="", compare=False)
    #: Where this comes from and what of it is provisional (sources, PROVISIONAL marks): for
    #: people reading or checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)
    #: Which sample size of a published report's record (`published.record.Samples`, such
    #: as "case_supervision") counts this sample's cases; "" when the reports print none.
    #: Comparisons with published reports read it (`analytics.comparable`); like the prose,
    #: it is not part of what the sample selects, so equality leaves it out.
    published_as: str = field(default="", compare=False)


@dataclass(frozen=True)
class Relevance:
    """A relevance rule as written in the framework file and as parsed."""

    source: str
    condition: Condition

    def applies(self, case: CaseAttributes) -> bool:
        return self.condition.evaluate(case)


@dataclass(frozen=True)
class Reason:
    """One of the reasons an inspector may select when a judgement is insufficient."""

    id: str
    text: str


@dataclass(frozen=True)
class Prompt:
    """A sub-judgement under a key question, answered yes, no or not applicable."""

    id: str
    text: str
    relevance: Relevance | None = None
    reasons: tuple[Reason, ...] = ()
    #: Where this comes from and what of it is provisional (sources, PROVISIONAL marks): for
    #: people reading or checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)

    def applies(self, case: CaseAttributes) -> bool:
        return self.relevance is None or self.relevance.applies(case)


@dataclass(frozen=True)
class KeyQuestion:
    """A key question: the judgement whose percentage of yes answers feeds the rating."""

    id: str
    text: str
    prompts: tuple[Prompt, ...] = ()
    relevance: Relevance | None = None
    reasons: tuple[Reason, ...] = ()
    #: Printed under Annex 2 where the percentage is over a relevant sub-sample.
    relevance_note: str = ""
    #: Where this comes from and what of it is provisional (sources, PROVISIONAL marks): for
    #: people reading or checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)

    def applies(self, case: CaseAttributes) -> bool:
        return self.relevance is None or self.relevance.applies(case)


@dataclass(frozen=True)
class Limit:
    """A limiting rule: the standard's rating is at most ``at_most`` when a named standard is
    rated below ``below``, or a named key question's percentage is below ``below_percent``.

    Exactly one of ``standard`` and ``key_question`` is set (the loader sees to it).
    """

    at_most: str
    standard: str | None = None
    below: str | None = None
    key_question: str | None = None
    below_percent: int | None = None
    #: Where the rule comes from, or that it is provisional; printed with the capped rating.
    note: str = ""

    def describe(self) -> str:
        """The condition in words: "standard 2.2 rated below Good"."""
        if self.standard is not None:
            return f"standard {self.standard} rated below {self.below}"
        return f"key question {self.key_question} below {self.below_percent}%"


@dataclass(frozen=True)
class Standard:
    """A standard: a statement of good practice, rated as the framework says."""

    id: str
    title: str
    statement: str
    rating_method: RatingMethod
    #: The id of one of the framework's sample types.
    sample_type: str | None = None
    key_questions: tuple[KeyQuestion, ...] = ()
    #: Whether the standard's score counts towards the overall score and its maximum; a
    #: standard may be rated and reported yet not scored (youth resettlement).
    scored: bool = True
    #: Fewest relevant cases the standard needs to be rated at all, overriding the rating
    #: scheme's ``minimum_relevant_cases_to_rate``; None to take the scheme's.
    minimum_relevant_cases_to_rate: int | None = None
    #: Limiting rules capping this standard's rating, in file order.
    limits: tuple[Limit, ...] = ()
    #: Where this comes from and what of it is provisional (sources, PROVISIONAL marks): for
    #: people reading or checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)


@dataclass(frozen=True)
class Domain:
    """One of the areas of work an inspection covers, holding its standards."""

    id: str
    title: str
    standards: tuple[Standard, ...] = ()


@dataclass(frozen=True)
class RatingBand:
    """A band of whole-number percentages (inclusive) mapped to a rating label."""

    label: str
    minimum: int
    maximum: int

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class RatingScheme:
    """Bands for key-question percentages, scores per rating, and bands of the overall score."""

    #: Ordered lowest rating first; each label is also a key of ``scores``.
    labels: tuple[str, ...]
    percentage_bands: tuple[RatingBand, ...]
    scores: Mapping[str, int]
    overall_bands: tuple[RatingBand, ...]
    #: Fewest relevant cases on a limiting key question for its rule rating to be certain;
    #: None when the framework declares none (then only the band edge flags a rating).
    minimum_relevant_cases: int | None = None
    #: Fewest relevant cases a case-data standard needs to be rated at all (its best-covered
    #: key question's count); under it the standard is not rated. None: no minimum.
    minimum_relevant_cases_to_rate: int | None = None
    #: What the overall does when a scored standard is not rated.
    when_not_rated: WhenNotRated = WhenNotRated.NOT_RATED

    def band_for_percent(self, percent: int) -> str:
        for band in self.percentage_bands:
            if band.contains(percent):
                return band.label
        raise ValueError(f"no rating band holds {percent} per cent")

    def band_for_score(self, score: int) -> str:
        for band in self.overall_bands:
            if band.contains(score):
                return band.label
        raise ValueError(f"no overall band holds a score of {score}")

    def rank(self, label: str) -> int:
        """Position of a rating on the scale, lowest first, for comparisons."""
        return self.labels.index(label)


@dataclass(frozen=True)
class Breakdown:
    """A case attribute results are broken down by (gender, RO grade, delivery unit...)."""

    attribute: str
    label: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


class AnswerCount(StrEnum):
    """How an interview answer counts in a question's percentage."""

    YES = "yes"
    NO = "no"
    #: Left out of the percentage, like a case answered not applicable ("don't know").
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class InterviewAnswer:
    """One answer an interviewee may give to an interview question."""

    id: str
    text: str
    counts_as: AnswerCount


@dataclass(frozen=True)
class InterviewQuestion:
    """A structured interview question; its percentage is the share answering a yes-answer."""

    id: str
    text: str
    #: The short name reports quote the figure under ("Workload manageable").
    topic: str
    answers: tuple[InterviewAnswer, ...]
    #: The domain-one standard the answers inform, if the framework says.
    standard: str = ""
    #: Asked about each case the interviewee holds in the sample ("In this case, ..."): every
    #: case answered counts once, so an officer with three cases gives three answers.
    per_case: bool = False
    #: What the yes-answerers said, as the report prints it after "said" ("their workload
    #: was manageable"); and what the no-answerers said, printed when most said no.
    says: str = ""
    says_no: str = ""
    #: The national figure for the yes-answer, where one is recorded (percent), and its source.
    national_percent: int | None = None
    national_source: str = ""
    #: Where the question and its wording come from (the report's line it is turned back
    #: from): for people checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)

    def answer(self, answer_id: str) -> InterviewAnswer:
        for answer in self.answers:
            if answer.id == answer_id:
                return answer
        raise KeyError(answer_id)


@dataclass(frozen=True)
class Questionnaire:
    """A structured interview (e.g. with responsible officers) whose answers are tallied."""

    id: str
    title: str
    questions: tuple[InterviewQuestion, ...]
    #: Who is interviewed, plural, as the percentages name them ("responsible officers").
    interviewees: str = "interviewees"
    description: str = ""

    def question(self, question_id: str) -> InterviewQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


class MeasureUnit(StrEnum):
    """How a contextual measure is counted: people, or a percentage of them."""

    PERCENT = "percent"
    COUNT = "count"


@dataclass(frozen=True)
class ContextualMeasure:
    """A performance measure the framework's reports print under "Contextual facts": the
    provider's figure beside the national figure and, where there is one, the target."""

    key: str
    name: str
    unit: MeasureUnit
    target: Decimal | None
    source: str
    #: Where the measure and its target come from: for people checking the framework.
    notes: str = field(default="", compare=False)


@dataclass(frozen=True)
class Framework:
    """A versioned inspection framework; immutable once an inspection uses it."""

    id: str
    version: str
    title: str
    attributes: tuple[CaseAttribute, ...]
    domains: tuple[Domain, ...]
    rating: RatingScheme | None = None
    breakdowns: tuple[Breakdown, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    description: str = ""
    source: str = field(default="", compare=False)
    questionnaires: tuple[Questionnaire, ...] = ()
    #: The words for the person supervised, the presentation's questions and the methodology
    #: annex's template (framework/narrative.py reads them).
    terms: Terms = Terms()
    presentation: tuple[PresentationQuestion, ...] = ()
    methodology: MethodologyTemplate | None = None
    sample_types: tuple[SampleTypeDefinition, ...] = ()
    #: Where this comes from and what of it is provisional (sources, PROVISIONAL marks): for
    #: people reading or checking the framework; no rule reads it.
    notes: str = field(default="", compare=False)
    #: The measures its reports print under "Contextual facts" (none: the page lists none).
    contextual_measures: tuple[ContextualMeasure, ...] = ()

    @property
    def rated(self) -> bool:
        return self.rating is not None

    def scored_standards(self) -> tuple[Standard, ...]:
        """The standards whose score counts towards the overall, in framework order."""
        if self.rating is None:
            return ()
        return tuple(s for s in self.standards()
                     if s.scored and s.rating_method is not RatingMethod.UNRATED)

    @property
    def maximum_score(self) -> int | None:
        """The highest overall score: top score times the scored standards; None if unrated."""
        if self.rating is None or not self.rating.scores:
            return None
        return max(self.rating.scores.values()) * len(self.scored_standards())

    def notes_by_element(self) -> dict[str, str]:
        """Every note the framework holds, keyed by where it sits ("framework", "sample type
        court-reports", "standard 2.1", "key question 2.1.1", "prompt 2.1.1.a",
        "interview question officers workload"), in file order: what a round trip through
        another form must keep."""
        notes: dict[str, str] = {}
        if self.notes:
            notes["framework"] = self.notes
        notes.update({f"sample type {d.id}": d.notes for d in self.sample_types if d.notes})
        for standard in self.standards():
            if standard.notes:
                notes[f"standard {standard.id}"] = standard.notes
            for key_question in standard.key_questions:
                if key_question.notes:
                    notes[f"key question {key_question.id}"] = key_question.notes
                notes.update({f"prompt {p.id}": p.notes for p in key_question.prompts
                              if p.notes})
        for questionnaire in self.questionnaires:
            notes.update({f"interview question {questionnaire.id} {q.id}": q.notes
                          for q in questionnaire.questions if q.notes})
        notes.update({f"contextual measure {m.key}": m.notes
                      for m in self.contextual_measures if m.notes})
        return notes

    def minimum_relevant_cases_to_rate(self, standard: Standard) -> int | None:
        """The standard's own minimum to be rated, else the rating scheme's, else None."""
        if standard.minimum_relevant_cases_to_rate is not None:
            return standard.minimum_relevant_cases_to_rate
        return None if self.rating is None else self.rating.minimum_relevant_cases_to_rate

    def standards(self) -> Iterator[Standard]:
        for domain in self.domains:
            yield from domain.standards

    def standard(self, standard_id: str) -> Standard:
        for standard in self.standards():
            if standard.id == standard_id:
                return standard
        raise KeyError(standard_id)

    def key_questions(self) -> Iterator[KeyQuestion]:
        for standard in self.standards():
            yield from standard.key_questions

    def key_question(self, key_question_id: str) -> KeyQuestion:
        for key_question in self.key_questions():
            if key_question.id == key_question_id:
                return key_question
        raise KeyError(key_question_id)

    def questionnaire(self, questionnaire_id: str) -> Questionnaire:
        for questionnaire in self.questionnaires:
            if questionnaire.id == questionnaire_id:
                return questionnaire
        raise KeyError(questionnaire_id)

    def sample_type(self, sample_type_id: str) -> SampleTypeDefinition:
        for definition in self.sample_types:
            if definition.id == sample_type_id:
                return definition
        raise KeyError(sample_type_id)

    def attribute(self, name: str) -> CaseAttribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(name)
