"""How sure a rule rating is: intervals against band edges, answers to change, small samples.

Owns the band-edge and small-sample flags, cases to change and the key questions that could limit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.framework.model import Framework, RatingMethod, RatingScheme, Standard
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.ratings import rate_by_lowest_key_question, scheme_of
from probation_inspection.scoring.tally import Interval, Tally, percent_half_up

#: The confidence samples are designed for when the sample does not say (the manuals' 80%).
DEFAULT_CONFIDENCE = 0.8


class UncertaintyReason(StrEnum):
    """Why a rule rating is flagged as uncertain; also the discretion form's first reasons."""

    SMALL_SAMPLE = "small-sample"
    BAND_EDGE = "band-edge"


@dataclass(frozen=True)
class CasesToChange:
    """The fewest answers that, turned from No to Yes (up) or Yes to No (down), change the band.

    None where no number of answers can: already the top (or bottom) band, or too few cases.
    """

    up: int | None
    down: int | None

    def to_json(self) -> dict[str, int | None]:
        return {"up": self.up, "down": self.down}


@dataclass(frozen=True)
class KeyQuestionUncertainty:
    """One key question's percentage with its interval, the bands it spans and answers to change."""

    key_question_id: str
    yes: int
    relevant: int
    percent: int
    band: str
    interval: Interval
    #: Bands of the percentages inside the interval, as they would be displayed, lowest first.
    bands_within: tuple[str, ...]
    cases_to_change: CasesToChange
    #: The band ``cases_to_change.up`` (``down``) answers would move it into.
    band_up: str | None
    band_down: str | None

    @property
    def crosses_band_edge(self) -> bool:
        return len(self.bands_within) > 1


@dataclass(frozen=True)
class StandardUncertainty:
    """A case-data standard's rule rating and how sure it is."""

    standard_id: str
    rule_rating: str
    limiting_key_question: str
    key_questions: tuple[KeyQuestionUncertainty, ...]
    confidence: float
    #: The framework's minimum relevant cases for a certain rating; None when it declares none.
    minimum_relevant_cases: int | None
    #: The lowest percentage's plausible range: lowest lower bound to lowest upper bound.
    lowest_range: tuple[float, float]
    #: Bands the lowest percentage could be displayed in within that range, lowest first.
    bands_within: tuple[str, ...]
    #: Key questions that could be the lowest within their intervals, framework order.
    could_limit: tuple[str, ...]
    cases_to_change: CasesToChange
    band_up: str | None
    band_down: str | None

    @property
    def limiting(self) -> KeyQuestionUncertainty:
        return self.key_question(self.limiting_key_question)

    def key_question(self, key_question_id: str) -> KeyQuestionUncertainty:
        for item in self.key_questions:
            if item.key_question_id == key_question_id:
                return item
        raise KeyError(key_question_id)

    @property
    def at_band_edge(self) -> bool:
        return len(self.bands_within) > 1

    @property
    def small_sample(self) -> bool:
        minimum = self.minimum_relevant_cases
        return minimum is not None and self.limiting.relevant < minimum

    @property
    def reasons(self) -> tuple[UncertaintyReason, ...]:
        """Why the rule rating is uncertain, small sample first; empty when it is not."""
        reasons = []
        if self.small_sample:
            reasons.append(UncertaintyReason.SMALL_SAMPLE)
        if self.at_band_edge:
            reasons.append(UncertaintyReason.BAND_EDGE)
        return tuple(reasons)

    @property
    def uncertain(self) -> bool:
        return bool(self.reasons)


def displayed_percent(value: float) -> int:
    """A percentage in per cent (possibly fractional) as the reports display it: half up."""
    return math.floor(value + 0.5)


def _bands_between(scheme: RatingScheme, lower: float, upper: float) -> tuple[str, ...]:
    low = scheme.rank(scheme.band_for_percent(displayed_percent(lower)))
    high = scheme.rank(scheme.band_for_percent(displayed_percent(upper)))
    return scheme.labels[low:high + 1]


def _least(limit: int, moves: Callable[[int], bool]) -> int | None:
    """The least k in 1..limit for which ``moves(k)``; the band is monotonic in the yes count."""
    for k in range(1, limit + 1):
        if moves(k):
            return k
    return None


def _steps(scheme: RatingScheme, tally: Tally, rank: int) -> tuple[int | None, int | None]:
    """Answers to change before ``tally`` is banded above (below) the band of rank ``rank``."""

    def rank_at(yes: int) -> int:
        return scheme.rank(scheme.band_for_percent(percent_half_up(yes, tally.relevant)))

    up = _least(tally.no, lambda k: rank_at(tally.yes + k) > rank)
    down = _least(tally.yes, lambda k: rank_at(tally.yes - k) < rank)
    return up, down


def _neighbour(scheme: RatingScheme, rank: int, step: int, count: int | None) -> str | None:
    if count is None:
        return None
    return scheme.labels[rank + step]


def key_question_uncertainty(
    scheme: RatingScheme, tally: Tally, confidence: float = DEFAULT_CONFIDENCE
) -> KeyQuestionUncertainty:
    """The interval, bands within it and answers to change for one key question's tally."""
    interval = tally.interval(confidence)
    percent = tally.percent
    if interval is None or percent is None:
        raise ScoringError(f"key question {tally.question_id} has no relevant cases")
    band = scheme.band_for_percent(percent)
    rank = scheme.rank(band)
    up, down = _steps(scheme, tally, rank)
    return KeyQuestionUncertainty(
        key_question_id=tally.question_id,
        yes=tally.yes,
        relevant=tally.relevant,
        percent=percent,
        band=band,
        interval=interval,
        bands_within=_bands_between(scheme, interval.lower, interval.upper),
        cases_to_change=CasesToChange(up, down),
        band_up=_neighbour(scheme, rank, 1, up),
        band_down=_neighbour(scheme, rank, -1, down),
    )


def standard_uncertainty(
    framework: Framework,
    standard: Standard,
    tallies: Mapping[str, Tally],
    confidence: float = DEFAULT_CONFIDENCE,
) -> StandardUncertainty:
    """How sure the lowest-key-question rule rating of ``standard`` is, given its tallies.

    The rule rates by the lowest displayed percentage, so the standard moves up only when every
    key question in its band moves up (the answers add up), and down as soon as any key
    question falls below its band (the fewest answers of any one key question).
    """
    scheme = scheme_of(framework)
    percents: dict[str, int] = {}
    for key_question in standard.key_questions:
        tally = tallies.get(key_question.id)
        if tally is None or tally.percent is None:
            raise ScoringError(
                f"standard {standard.id}: key question {key_question.id} has no relevant cases"
            )
        percents[key_question.id] = tally.percent
    rule = rate_by_lowest_key_question(scheme, standard, percents)
    items = tuple(
        key_question_uncertainty(scheme, tallies[kq.id], confidence)
        for kq in standard.key_questions
    )
    rank = scheme.rank(rule.rule_rating)
    ups: list[int | None] = []
    downs: list[int] = []
    for item in items:
        up, down = _steps(scheme, tallies[item.key_question_id], rank)
        if scheme.rank(item.band) == rank:
            ups.append(up)
        if down is not None:
            downs.append(down)
    up_total = None if not ups or None in ups else sum(u for u in ups if u is not None)
    down_least = min(downs) if downs else None
    lowest_upper = min(item.interval.upper for item in items)
    lowest_lower = min(item.interval.lower for item in items)
    could_limit = tuple(
        item.key_question_id for item in items if item.interval.lower <= lowest_upper
    )
    minimum = framework.rating.minimum_relevant_cases if framework.rating else None
    return StandardUncertainty(
        standard_id=standard.id,
        rule_rating=rule.rule_rating,
        limiting_key_question=rule.limiting_key_question or items[0].key_question_id,
        key_questions=items,
        confidence=confidence,
        minimum_relevant_cases=minimum,
        lowest_range=(lowest_lower, lowest_upper),
        bands_within=_bands_between(scheme, lowest_lower, lowest_upper),
        could_limit=could_limit,
        cases_to_change=CasesToChange(up_total, down_least),
        band_up=_neighbour(scheme, rank, 1, up_total),
        band_down=_neighbour(scheme, rank, -1, down_least),
    )


def framework_uncertainty(
    framework: Framework, tallies: Mapping[str, Tally], confidence: float = DEFAULT_CONFIDENCE
) -> dict[str, StandardUncertainty]:
    """Every case-data standard all of whose key questions have relevant cases, by id."""
    return {
        standard.id: standard_uncertainty(framework, standard, tallies, confidence)
        for standard in framework.standards()
        if standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION
        and standard.key_questions
        and all(
            kq.id in tallies and tallies[kq.id].relevant > 0 for kq in standard.key_questions
        )
    }


def _either(items: Sequence[str], last: str = "or") -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def describe(uncertainty: StandardUncertainty) -> list[str]:
    """The figures in plain words, one sentence each, as the ratings page and annexe show them."""
    limiting = uncertainty.limiting
    confidence = round(uncertainty.confidence * 100)
    interval = limiting.interval
    sentences = [
        f"Key question {limiting.key_question_id} limits the rating: {limiting.yes} "
        f"({limiting.percent}%) of the {_plural(limiting.relevant, 'relevant case')}. "
        f"At {confidence}% confidence the percentage lies between "
        f"{displayed_percent(interval.lower)}% and {displayed_percent(interval.upper)}%."
    ]
    changes = uncertainty.cases_to_change
    if changes.up is not None:
        sentences.append(f"{changes.up} more Yes would make it {uncertainty.band_up}.")
    if changes.down is not None:
        sentences.append(f"{changes.down} fewer Yes would make it {uncertainty.band_down}.")
    if uncertainty.at_band_edge:
        sentences.append(
            f"The interval crosses a band edge: the rating could be "
            f"{_either(uncertainty.bands_within)}."
        )
    if uncertainty.small_sample:
        sentences.append(
            f"Only {_plural(limiting.relevant, 'relevant case')}, fewer than the "
            f"{uncertainty.minimum_relevant_cases} the framework asks for a certain rating."
        )
    others = [kq for kq in uncertainty.could_limit if kq != limiting.key_question_id]
    if len(others) == 1:
        sentences.append(
            f"Within its interval, key question {others[0]} could be the lowest instead."
        )
    elif others:
        sentences.append(
            f"Within their intervals, key questions {_either(others, 'and')} could each be "
            "the lowest instead."
        )
    return sentences


def citation(uncertainty: StandardUncertainty) -> str:
    """The figure a discretion cites: the limiting percentage, its interval, answers to change."""
    limiting = uncertainty.limiting
    interval = limiting.interval
    confidence = round(uncertainty.confidence * 100)
    parts = [
        f"key question {limiting.key_question_id}: {limiting.yes} ({limiting.percent}%) of "
        f"{limiting.relevant}, {confidence}% interval {displayed_percent(interval.lower)}% to "
        f"{displayed_percent(interval.upper)}%"
    ]
    changes = uncertainty.cases_to_change
    if changes.up is not None:
        parts.append(f"{changes.up} more Yes would make it {uncertainty.band_up}")
    if changes.down is not None:
        parts.append(f"{changes.down} fewer Yes would make it {uncertainty.band_down}")
    return "; ".join(parts)
