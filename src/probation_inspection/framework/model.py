"""The inspection framework as plain typed data: domains, standards, key questions, prompts.

Owns the vocabulary every other package speaks; holds no loading or scoring logic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

#: What a standard (or the overall) shows when it cannot be rated, as the reports print it;
#: no framework may use it as a rating label.
NOT_RATED = "Not rated"

#: A case's attribute values, keyed by the attribute names the framework declares.
CaseAttributes = Mapping[str, object]


class SampleType(StrEnum):
    """The case sets an inspection draws; each standard is assessed on one of them."""

    CASE_SUPERVISION = "case-supervision"
    UNPAID_WORK = "unpaid-work"
    THROUGH_THE_GATE = "through-the-gate"


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
    sample_type: SampleType | None = None
    key_questions: tuple[KeyQuestion, ...] = ()
    #: Whether the standard's score counts towards the overall score and its maximum; a
    #: standard may be rated and reported yet not scored (youth resettlement).
    scored: bool = True
    #: Fewest relevant cases the standard needs to be rated at all, overriding the rating
    #: scheme's ``minimum_relevant_cases_to_rate``; None to take the scheme's.
    minimum_relevant_cases_to_rate: int | None = None
    #: Limiting rules capping this standard's rating, in file order.
    limits: tuple[Limit, ...] = ()


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

    def attribute(self, name: str) -> CaseAttribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(name)
