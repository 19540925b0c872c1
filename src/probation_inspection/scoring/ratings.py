"""Standard ratings (lowest key question, judgement), professional discretion and the overall.

Owns the rating rules; every band and score comes from the framework's RatingScheme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.framework.model import (
    Framework,
    RatingMethod,
    RatingScheme,
    Standard,
)
from probation_inspection.scoring.errors import ScoringError

#: Standards of these methods are rated and count towards the overall score.
RATED_METHODS = frozenset({RatingMethod.JUDGEMENT, RatingMethod.LOWEST_KEY_QUESTION})


def scheme_of(framework: Framework) -> RatingScheme:
    """The framework's rating scheme, or an error when the framework is unrated."""
    if framework.rating is None:
        raise ScoringError(f"framework {framework.id} has no rating scheme: it is not rated")
    return framework.rating


def check_label(scheme: RatingScheme, label: str, where: str) -> str:
    """``label`` when it is one of the scheme's ratings; otherwise a ScoringError."""
    if label not in scheme.labels:
        allowed = ", ".join(scheme.labels)
        raise ScoringError(f"{where}: unknown rating {label!r} (expected one of {allowed})")
    return label


def check_percent(value: object, where: str) -> int:
    """``value`` when it is a whole-number percentage 0-100; otherwise a ScoringError."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ScoringError(f"{where}: percentage must be a whole number 0-100, got {value!r}")
    return value


class DiscretionReason(StrEnum):
    """Why the lead departed from the rule: the manuals' two common reasons, or another."""

    #: Few cases are relevant to the limiting key question.
    SMALL_SAMPLE = "small-sample"
    #: The limiting key question's score sits at a band edge.
    BAND_EDGE = "band-edge"
    OTHER = "other"


@dataclass(frozen=True)
class Discretion:
    """The lead inspector's departure from a rule rating, kept with its rationale."""

    from_rating: str
    to_rating: str
    rationale: str
    #: True when the source gave no from/to and they were taken from the rule and the
    #: published rating.
    inferred: bool = False
    #: The reason chosen when deciding; None where the source (a published report) gives none.
    reason: DiscretionReason | None = None
    #: The figures the discretion rests on, computed when it was decided ("key question
    #: 2.2.3: 50 (48%) of 105, 80% interval 41% to 54%; ..."); the footnote cites them.
    figure: str = ""

    def __post_init__(self) -> None:
        if not self.rationale.strip():
            raise ScoringError(
                f"discretion {self.from_rating} -> {self.to_rating} needs a rationale"
            )
        if self.from_rating == self.to_rating:
            raise ScoringError(f"discretion from {self.from_rating} to itself changes nothing")


@dataclass(frozen=True)
class Judgement:
    """A judgement standard's recorded rating with the rationale for it."""

    rating: str
    rationale: str

    def __post_init__(self) -> None:
        if not self.rationale.strip():
            raise ScoringError(f"judgement {self.rating} needs a rationale")


@dataclass(frozen=True)
class StandardRating:
    """A standard's rating: the rule's result and, where discretion applies, the final one."""

    standard_id: str
    rule_rating: str
    rating: str
    #: First key question (framework order) holding the lowest percentage; None for
    #: judgement standards.
    limiting_key_question: str | None
    lowest_percent: int | None
    discretion: Discretion | None = None
    #: Every key question sharing the lowest percentage, in framework order.
    tied_key_questions: tuple[str, ...] = ()
    judgement: Judgement | None = None

    def to_json(self) -> dict[str, object]:
        discretion = (
            None
            if self.discretion is None
            else {"from": self.discretion.from_rating, "to": self.discretion.to_rating}
        )
        return {
            "rule_rating": self.rule_rating,
            "rating": self.rating,
            "limiting_key_question": self.limiting_key_question,
            "lowest_percent": self.lowest_percent,
            "discretion": discretion,
        }


def rate_by_lowest_key_question(
    scheme: RatingScheme, standard: Standard, percents: Mapping[str, int]
) -> StandardRating:
    """Band of the lowest displayed key-question percentage, naming the key question."""
    if standard.rating_method is not RatingMethod.LOWEST_KEY_QUESTION:
        raise ScoringError(
            f"standard {standard.id} is rated by {standard.rating_method}, not by case data"
        )
    if not standard.key_questions:
        raise ScoringError(f"standard {standard.id} has no key questions to rate")
    values: list[tuple[str, int]] = []
    for key_question in standard.key_questions:
        if key_question.id not in percents:
            raise ScoringError(
                f"standard {standard.id}: no percentage for key question {key_question.id}"
            )
        where = f"standard {standard.id}, key question {key_question.id}"
        values.append((key_question.id, check_percent(percents[key_question.id], where)))
    lowest = min(value for _, value in values)
    tied = tuple(key_question_id for key_question_id, value in values if value == lowest)
    band = scheme.band_for_percent(lowest)
    return StandardRating(
        standard_id=standard.id,
        rule_rating=band,
        rating=band,
        limiting_key_question=tied[0],
        lowest_percent=lowest,
        tied_key_questions=tied,
    )


def rate_by_judgement(
    scheme: RatingScheme, standard: Standard, judgement: Judgement
) -> StandardRating:
    """A judgement standard takes the recorded judgement as both rule and final rating."""
    if standard.rating_method is not RatingMethod.JUDGEMENT:
        raise ScoringError(
            f"standard {standard.id} is rated by {standard.rating_method}, not by judgement"
        )
    check_label(scheme, judgement.rating, f"standard {standard.id}")
    return StandardRating(
        standard_id=standard.id,
        rule_rating=judgement.rating,
        rating=judgement.rating,
        limiting_key_question=None,
        lowest_percent=None,
        judgement=judgement,
    )


def apply_discretion(
    scheme: RatingScheme, rating: StandardRating, discretion: Discretion
) -> StandardRating:
    """Replace the rule rating by the discretion's, keeping both."""
    where = f"standard {rating.standard_id}"
    if rating.judgement is not None:
        raise ScoringError(f"{where}: discretion applies to case-data rule ratings only")
    if rating.discretion is not None:
        raise ScoringError(f"{where}: discretion has already been applied")
    check_label(scheme, discretion.from_rating, f"{where}, discretion from")
    check_label(scheme, discretion.to_rating, f"{where}, discretion to")
    if discretion.from_rating != rating.rule_rating:
        raise ScoringError(
            f"{where}: discretion moves from {discretion.from_rating}, "
            f"but the rule rating is {rating.rule_rating}"
        )
    return StandardRating(
        standard_id=rating.standard_id,
        rule_rating=rating.rule_rating,
        rating=discretion.to_rating,
        limiting_key_question=rating.limiting_key_question,
        lowest_percent=rating.lowest_percent,
        discretion=discretion,
        tied_key_questions=rating.tied_key_questions,
    )


def rate_standards(
    framework: Framework,
    percents: Mapping[str, int],
    judgements: Mapping[str, Judgement],
    discretions: Mapping[str, Discretion] | None = None,
) -> tuple[StandardRating, ...]:
    """Rate every rated standard of the framework, in framework order."""
    scheme = scheme_of(framework)
    discretions = discretions or {}
    known_key_questions = {key_question.id for key_question in framework.key_questions()}
    for key_question_id in percents:
        if key_question_id not in known_key_questions:
            raise ScoringError(f"unknown key question {key_question_id} in {framework.id}")
    rated = {standard.id: standard for standard in framework.standards()}
    for standard_id in (*judgements, *discretions):
        if standard_id not in rated:
            raise ScoringError(f"unknown standard {standard_id} in {framework.id}")
    ratings = []
    for standard in framework.standards():
        if standard.rating_method is RatingMethod.JUDGEMENT:
            if standard.id not in judgements:
                raise ScoringError(f"standard {standard.id}: no judgement recorded")
            rating = rate_by_judgement(scheme, standard, judgements[standard.id])
        elif standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION:
            rating = rate_by_lowest_key_question(scheme, standard, percents)
        else:
            continue
        if standard.id in discretions:
            rating = apply_discretion(scheme, rating, discretions[standard.id])
        ratings.append(rating)
    return tuple(ratings)


@dataclass(frozen=True)
class OverallRating:
    """The provider's overall rating: the sum of standard scores, banded."""

    score: int
    maximum: int
    rating: str


def overall_rating(framework: Framework, ratings: Iterable[StandardRating]) -> OverallRating:
    """Sum the scores of the rated standards' final ratings and band the total."""
    scheme = scheme_of(framework)
    by_id = {}
    for rating in ratings:
        if rating.standard_id in by_id:
            raise ScoringError(f"standard {rating.standard_id} is rated twice")
        by_id[rating.standard_id] = rating
    rated = [s for s in framework.standards() if s.rating_method in RATED_METHODS]
    known = {standard.id for standard in rated}
    for standard_id in by_id:
        if standard_id not in known:
            raise ScoringError(f"standard {standard_id} is not a rated standard of {framework.id}")
    score = 0
    for standard in rated:
        if standard.id not in by_id:
            raise ScoringError(f"standard {standard.id} has no rating: the overall needs all")
        label = check_label(scheme, by_id[standard.id].rating, f"standard {standard.id}")
        score += scheme.scores[label]
    maximum = max(scheme.scores.values()) * len(rated)
    return OverallRating(score=score, maximum=maximum, rating=scheme.band_for_score(score))
