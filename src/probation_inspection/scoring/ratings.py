"""Standard ratings (lowest key question, judgement), professional discretion and the overall.

Owns the rating rules; every band and score comes from the framework's RatingScheme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from probation_inspection.framework.model import (
    NOT_RATED,
    Framework,
    RatingMethod,
    RatingScheme,
    Standard,
    WhenNotRated,
)
from probation_inspection.scoring.errors import ErrorCode, ScoringError
from probation_inspection.scoring.tally import Tally
from probation_inspection.untrusted import shown

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
        raise ScoringError(f"{where}: unknown rating {shown(label)} (expected one of {allowed})",
                           code=ErrorCode.UNKNOWN_RATING, field="rating")
    return label


def check_percent(value: object, where: str) -> int:
    """``value`` when it is a whole-number percentage 0-100; otherwise a ScoringError."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ScoringError(f"{where}: percentage must be a whole number 0-100, got {shown(value)}")
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
                f"discretion {self.from_rating} -> {self.to_rating} needs a rationale",
                code=ErrorCode.RATIONALE_MISSING, field="rationale")
        if self.from_rating == self.to_rating:
            raise ScoringError(f"discretion from {self.from_rating} to itself changes nothing",
                               code=ErrorCode.DISCRETION_UNCHANGED, field="rating")


@dataclass(frozen=True)
class Judgement:
    """A judgement standard's recorded rating with the rationale for it."""

    rating: str
    rationale: str

    def __post_init__(self) -> None:
        if not self.rationale.strip():
            raise ScoringError(f"judgement {self.rating} needs a rationale",
                               code=ErrorCode.RATIONALE_MISSING, field="rationale")


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
    #: Why the standard could not be rated (its ``rating`` is then NOT_RATED); None when rated.
    not_rated_reason: str | None = None
    #: True when the rating was taken as published because no key-question figures were given.
    as_published: bool = False
    #: Why a limiting rule capped the rating ("at most Requires improvement: standard 2.2
    #: rated below Good"); None when no limit applied.
    limited_by: str | None = None

    @property
    def rated(self) -> bool:
        return self.not_rated_reason is None

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
            f"standard {standard.id} is rated by {standard.rating_method}, not by case data",
            code=ErrorCode.WRONG_KIND, field="kind")
    if not standard.key_questions:
        raise ScoringError(f"standard {standard.id} has no key questions to rate")
    for key_question in standard.key_questions:
        if key_question.id not in percents:
            raise ScoringError(
                f"standard {standard.id}: no percentage for key question {key_question.id}"
            )
    return _lowest(scheme, standard, percents, tuple(kq.id for kq in standard.key_questions))


def _lowest(scheme: RatingScheme, standard: Standard, percents: Mapping[str, int],
            key_questions: tuple[str, ...]) -> StandardRating:
    values: list[tuple[str, int]] = []
    for key_question_id in key_questions:
        where = f"standard {standard.id}, key question {key_question_id}"
        values.append((key_question_id, check_percent(percents[key_question_id], where)))
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


def not_rated(standard_id: str, reason: str) -> StandardRating:
    """A standard that cannot be rated, with the reason the reader is given."""
    return StandardRating(standard_id=standard_id, rule_rating=NOT_RATED, rating=NOT_RATED,
                          limiting_key_question=None, lowest_percent=None,
                          not_rated_reason=reason)


def _cases(count: int) -> str:
    return f"{count} relevant case{'' if count == 1 else 's'}"


def rate_case_data(
    framework: Framework,
    standard: Standard,
    percents: Mapping[str, int],
    tallies: Mapping[str, Tally] | None = None,
    *,
    missing_as_not_rated: bool = True,
) -> StandardRating:
    """A case-data standard's rule rating, or not rated with the reason when it cannot be rated.

    Not rated when none of its key questions has a figure (no sample for it; with
    ``missing_as_not_rated`` false that is the missing-percentage error instead) or, where every
    key question's counts are known, when none has a relevant case or its best-covered key
    question has fewer than the framework's minimum relevant cases to rate. A key question with
    no relevant case while others have some is left out of the lowest: it did not apply. Some
    percentages given and others missing is an error, as that is a gap in the figures.
    """
    scheme = scheme_of(framework)
    ids = tuple(kq.id for kq in standard.key_questions)
    counted = {kq: tallies[kq] for kq in ids if tallies and kq in tallies}
    if len(counted) == len(ids) and ids:
        most = max(tally.relevant for tally in counted.values())
        if most == 0:
            return not_rated(standard.id, "no relevant cases in its sample")
        minimum = framework.minimum_relevant_cases_to_rate(standard)
        if minimum is not None and most < minimum:
            return not_rated(standard.id, f"only {_cases(most)}, fewer than the {minimum} the "
                             "framework needs to rate it")
        applying = tuple(kq for kq in ids if counted[kq].relevant > 0)
        for key_question_id in applying:
            if key_question_id not in percents:
                raise ScoringError(f"standard {standard.id}: no percentage for key question "
                                   f"{key_question_id}")
        return _lowest(scheme, standard, percents, applying)
    if missing_as_not_rated and ids and not any(kq in percents or kq in counted for kq in ids):
        return not_rated(standard.id, "no case data: none of its key questions has a figure")
    return rate_by_lowest_key_question(scheme, standard, percents)


def as_published(scheme: RatingScheme, standard: Standard, published: str) -> StandardRating:
    """A case-data standard whose report gives its rating but no key-question figures."""
    check_label(scheme, published, f"published rating of standard {standard.id}")
    return StandardRating(standard_id=standard.id, rule_rating=published, rating=published,
                          limiting_key_question=None, lowest_percent=None, as_published=True)


def rate_by_judgement(
    scheme: RatingScheme, standard: Standard, judgement: Judgement
) -> StandardRating:
    """A judgement standard takes the recorded judgement as both rule and final rating."""
    if standard.rating_method is not RatingMethod.JUDGEMENT:
        raise ScoringError(
            f"standard {standard.id} is rated by {standard.rating_method}, not by judgement",
            code=ErrorCode.WRONG_KIND, field="kind")
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
    if not rating.rated:
        raise ScoringError(f"{where} is not rated ({rating.not_rated_reason}): there is no "
                           "rule rating to depart from", code=ErrorCode.NO_RULE_RATING,
                           field="rating")
    if rating.as_published:
        raise ScoringError(f"{where}: its rating is taken as published, with no key-question "
                           "figures: there is no rule rating to depart from")
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
    tallies: Mapping[str, Tally] | None = None,
    *,
    missing_as_not_rated: bool = False,
) -> tuple[StandardRating, ...]:
    """Rate every rated standard of the framework, in framework order.

    A case-data standard the framework says cannot be rated (no or too few relevant cases by
    ``tallies``; see `rate_case_data`) is returned not rated with its reason rather than
    stopping the rest. With ``missing_as_not_rated``, so is one none of whose key questions
    has a figure; otherwise that gap is an error, as callers that have not finished expect.
    """
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
            rating = rate_case_data(framework, standard, percents, tallies,
                                    missing_as_not_rated=missing_as_not_rated)
        else:
            continue
        if standard.id in discretions:
            rating = apply_discretion(scheme, rating, discretions[standard.id])
        ratings.append(rating)
    return apply_limits(framework, ratings, percents)


def apply_limits(
    framework: Framework, ratings: Iterable[StandardRating], percents: Mapping[str, int]
) -> tuple[StandardRating, ...]:
    """Cap each rating by the framework's limiting rules, in the order given.

    A limit applies when its named standard's final rating (after that standard's own limits)
    ranks below ``below``, or its key question's percentage is below ``below_percent``; the
    rating is then lowered to the lowest ``at_most`` of the limits that apply, never raised. A
    limit whose standard is not rated, or whose key question has no percentage, cannot be
    judged and does not apply. The loader refuses cycles, so every chain of limits ends.
    """
    scheme = scheme_of(framework)
    given = {rating.standard_id: rating for rating in ratings}
    final: dict[str, StandardRating] = {}

    def settle(standard_id: str) -> StandardRating | None:
        if standard_id in final:
            return final[standard_id]
        rating = given.get(standard_id)
        if rating is None:
            return None
        caps: list[tuple[int, str, str]] = []
        for limit in framework.standard(standard_id).limits if rating.rated else ():
            if limit.standard is not None and limit.below is not None:
                named = settle(limit.standard)
                applies = (named is not None and named.rated
                           and scheme.rank(named.rating) < scheme.rank(limit.below))
            else:
                percent = percents.get(limit.key_question or "")
                applies = (percent is not None and limit.below_percent is not None
                           and percent < limit.below_percent)
            if applies:
                why = f"at most {limit.at_most}: {limit.describe()}"
                caps.append((scheme.rank(limit.at_most), limit.at_most,
                             f"{why} ({limit.note})" if limit.note else why))
        if caps:
            rank, label, why = min(caps)
            if scheme.rank(rating.rating) > rank:
                rating = replace(rating, rating=label, limited_by=why)
        final[standard_id] = rating
        return rating

    return tuple(settle(rating.standard_id) or rating for rating in given.values())


@dataclass(frozen=True)
class OverallRating:
    """The provider's overall rating: the sum of scored standards' scores, banded."""

    score: int
    #: The highest score the rated, scored standards could reach: what ``score`` is out of.
    maximum: int
    rating: str
    #: Scored standards that could not be rated, in framework order.
    not_rated: tuple[str, ...] = ()
    #: The framework's full maximum when the overall bands were scaled to ``maximum``.
    scaled_from: int | None = None
    #: Why the overall is not rated (its ``rating`` is then NOT_RATED); None when rated.
    not_rated_reason: str | None = None

    @property
    def rated(self) -> bool:
        return self.not_rated_reason is None


def scaled_band(scheme: RatingScheme, score: int, maximum: int, full: int) -> str:
    """The overall band of ``score`` out of ``maximum``, the bands scaled from ``full``.

    A band holds the score when its minimum scaled, ``minimum * maximum / full``, is at most the
    score; compared as ``minimum * maximum <= score * full`` so no rounding can move a band.
    """
    holding = [band for band in scheme.overall_bands if band.minimum * maximum <= score * full]
    return max(holding, key=lambda band: band.minimum).label


def _listed(ids: tuple[str, ...]) -> str:
    if len(ids) == 1:
        return f"standard {ids[0]} is"
    return f"standards {', '.join(ids[:-1])} and {ids[-1]} are"


def overall_rating(framework: Framework, ratings: Iterable[StandardRating]) -> OverallRating:
    """Sum the scores of the scored standards' final ratings and band the total.

    Every rated standard needs a rating (a missing one is an error: it is undecided); standards
    with ``scored: false`` add nothing to the score or the maximum. When a scored standard is
    not rated, the framework's ``when_not_rated`` decides: the overall is not rated either, or
    the score of the rated ones is banded against the bands scaled to their maximum.
    """
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
    counted = 0
    missing: list[str] = []
    for standard in rated:
        if standard.id not in by_id:
            raise ScoringError(f"standard {standard.id} has no rating: the overall needs all")
        rating = by_id[standard.id]
        if not rating.rated:
            if standard.scored:
                missing.append(standard.id)
            continue
        label = check_label(scheme, rating.rating, f"standard {standard.id}")
        if standard.scored:
            score += scheme.scores[label]
            counted += 1
    top = max(scheme.scores.values())
    maximum = top * counted
    if not missing:
        return OverallRating(score=score, maximum=maximum, rating=scheme.band_for_score(score))
    not_rated_ids = tuple(missing)
    full = top * (counted + len(missing))
    if counted and scheme.when_not_rated is WhenNotRated.SCORE_OVER_RATED:
        return OverallRating(score=score, maximum=maximum,
                             rating=scaled_band(scheme, score, maximum, full),
                             not_rated=not_rated_ids, scaled_from=full)
    reason = (f"{_listed(not_rated_ids)} not rated and the framework rates no overall "
              "without every scored standard" if counted
              else "no scored standard is rated")
    return OverallRating(score=score, maximum=maximum, rating=NOT_RATED,
                         not_rated=not_rated_ids, not_rated_reason=reason)
