"""Comparisons across inspections: league table, rating distributions, key-question
distributions with one provider marked, and change between two inspections.

Pure functions over ComparableInspection; scores and labels come from the RatingScheme.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from probation_inspection.analytics.comparable import (
    AnalyticsError,
    ComparableInspection,
    same_provider,
)
from probation_inspection.framework.model import RatingScheme


@dataclass(frozen=True)
class LeagueRow:
    rank: int
    inspection: ComparableInspection
    #: Sum of the standards' scores; over ``standards_rated`` standards only.
    score: int
    standards_rated: int


def league_table(
    inspections: Iterable[ComparableInspection], scheme: RatingScheme
) -> tuple[LeagueRow, ...]:
    """Inspections by overall score, highest first; equal scores share a rank."""
    scored = []
    for inspection in inspections:
        ratings = [r for r in inspection.standards.values() if r in scheme.scores]
        scored.append((sum(scheme.scores[r] for r in ratings), len(ratings), inspection))
    scored.sort(key=lambda item: (-item[0], item[2].provider.casefold(), item[2].label))
    rows: list[LeagueRow] = []
    for position, (score, rated, inspection) in enumerate(scored, start=1):
        rank = rows[-1].rank if rows and rows[-1].score == score else position
        rows.append(LeagueRow(rank, inspection, score, rated))
    return tuple(rows)


def rating_distribution(
    inspections: Iterable[ComparableInspection], scheme: RatingScheme
) -> dict[str, dict[str, int]]:
    """For each standard, how many inspections gave each rating (scheme order, zeros kept)."""
    distribution: dict[str, dict[str, int]] = {}
    for inspection in inspections:
        for standard_id, rating in inspection.standards.items():
            counts = distribution.setdefault(standard_id, dict.fromkeys(scheme.labels, 0))
            if rating not in counts:
                raise AnalyticsError(
                    f"{inspection.label}: standard {standard_id} has unknown rating {rating!r}"
                )
            counts[rating] += 1
    return dict(sorted(distribution.items(), key=lambda item: _id_key(item[0])))


@dataclass(frozen=True)
class KeyQuestionValue:
    inspection: ComparableInspection
    percent: int
    marked: bool


@dataclass(frozen=True)
class KeyQuestionDistribution:
    """One key question across inspections, lowest first, with one inspection marked."""

    key_question: str
    values: tuple[KeyQuestionValue, ...]
    mean_of_providers: float
    median: float
    #: Yes over relevant cases summed across the inspections whose counts are known.
    pooled: float | None
    pooled_inspections: int
    #: 1 for the highest percentage; None when no inspection is marked.
    marked_rank: int | None

    @property
    def marked(self) -> KeyQuestionValue | None:
        return next((value for value in self.values if value.marked), None)

    def to_json(
        self, name: Callable[[ComparableInspection], str] = lambda i: i.label
    ) -> dict[str, object]:
        """The distribution as JSON, each inspection keyed by ``name`` (its label by default)."""
        marked = self.marked
        return {
            "key_question": self.key_question,
            "marked": marked.percent if marked else None,
            "marked_rank": self.marked_rank,
            "inspections": len(self.values),
            "minimum": self.values[0].percent,
            "maximum": self.values[-1].percent,
            "mean_of_providers": round(self.mean_of_providers, 1),
            "median": self.median,
            "pooled": None if self.pooled is None else round(self.pooled, 1),
            "pooled_inspections": self.pooled_inspections,
            "values": {name(v.inspection): v.percent for v in self.values},
        }


def key_question_distribution(
    inspections: Sequence[ComparableInspection],
    key_question: str,
    marked: ComparableInspection | None = None,
) -> KeyQuestionDistribution:
    """The spread of one key question's percentage, as mean of providers and pooled."""
    with_value = [i for i in inspections if key_question in i.key_questions]
    if not with_value:
        raise AnalyticsError(f"no inspection has a percentage for key question {key_question}")
    values = tuple(
        sorted(
            (KeyQuestionValue(i, i.key_questions[key_question], i is marked) for i in with_value),
            key=lambda value: (value.percent, value.inspection.label),
        )
    )
    percents = [value.percent for value in values]
    pooled, pooled_count = _pooled(with_value, key_question)
    marked_rank = None
    if marked is not None and key_question in marked.key_questions:
        marked_rank = 1 + sum(p > marked.key_questions[key_question] for p in percents)
    return KeyQuestionDistribution(
        key_question=key_question,
        values=values,
        mean_of_providers=statistics.fmean(percents),
        median=float(statistics.median(percents)),
        pooled=pooled,
        pooled_inspections=pooled_count,
        marked_rank=marked_rank,
    )


def _pooled(
    inspections: Sequence[ComparableInspection], key_question: str
) -> tuple[float | None, int]:
    """Pooled percentage: exact yes counts where known, else the published percentage
    weighted by relevant cases (equal to pooling up to the report's rounding)."""
    yes = 0.0
    relevant = 0
    count = 0
    for inspection in inspections:
        cases = inspection.relevant_cases.get(key_question)
        if not cases:
            continue
        if key_question in inspection.yes_cases:
            yes += inspection.yes_cases[key_question]
        else:
            yes += inspection.key_questions[key_question] * cases / 100
        relevant += cases
        count += 1
    return (100 * yes / relevant if relevant else None), count


def key_question_distributions(
    inspections: Sequence[ComparableInspection], marked: ComparableInspection | None = None
) -> tuple[KeyQuestionDistribution, ...]:
    """Every key question any of the inspections reports, in numbering order."""
    ids = sorted({k for i in inspections for k in i.key_questions}, key=_id_key)
    return tuple(key_question_distribution(inspections, k, marked) for k in ids)


@dataclass(frozen=True)
class RatingChange:
    """A rating before and after; ``steps`` up the scale is positive."""

    subject: str
    before: str | None
    after: str | None
    steps: int | None


@dataclass(frozen=True)
class PercentChange:
    key_question: str
    before: int | None
    after: int | None

    @property
    def points(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class InspectionChange:
    """What changed between two inspections of one provider, earlier first."""

    earlier: ComparableInspection
    later: ComparableInspection
    overall: RatingChange
    standards: tuple[RatingChange, ...]
    key_questions: tuple[PercentChange, ...]


def change_between(
    first: ComparableInspection, second: ComparableInspection, scheme: RatingScheme
) -> InspectionChange:
    """Change between two inspections of the same provider, ordered by publication date."""
    if not same_provider(first.provider, second.provider):
        raise AnalyticsError(
            f"cannot show change between different providers: {first.provider!r} and "
            f"{second.provider!r}"
        )
    earlier, later = first, second
    if first.when and second.when and second.when < first.when:
        earlier, later = second, first
    standards = sorted({*earlier.standards, *later.standards}, key=_id_key)
    questions = sorted({*earlier.key_questions, *later.key_questions}, key=_id_key)
    return InspectionChange(
        earlier=earlier,
        later=later,
        overall=_rating_change("overall", earlier.overall, later.overall, scheme),
        standards=tuple(
            _rating_change(s, earlier.standards.get(s), later.standards.get(s), scheme)
            for s in standards
        ),
        key_questions=tuple(
            PercentChange(k, earlier.key_questions.get(k), later.key_questions.get(k))
            for k in questions
        ),
    )


def _rating_change(
    subject: str, before: str | None, after: str | None, scheme: RatingScheme
) -> RatingChange:
    steps = None
    if before in scheme.labels and after in scheme.labels:
        assert before is not None and after is not None
        steps = scheme.rank(after) - scheme.rank(before)
    return RatingChange(subject, before, after, steps)


def _id_key(identifier: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in identifier.split("."))
