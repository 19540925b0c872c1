"""The plain record every comparison works on, from a published report or the platform.

Owns ComparableInspection and the conversion of an imported published report into one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from probation_inspection.framework.model import Framework
from probation_inspection.published.record import PublishedReport
from probation_inspection.published.vocabulary import MONTHS
from probation_inspection.scoring.ratings import OverallRating, StandardRating
from probation_inspection.scoring.tally import Tally


class AnalyticsError(ValueError):
    """Inspections that cannot be compared as asked; the message says which and why."""


@dataclass(frozen=True)
class ComparableInspection:
    """One inspection's ratings and key-question results, whatever produced them.

    ``relevant_cases`` and ``yes_cases`` are per key question and only where known: the
    platform knows both; a published report gives relevant cases only where a question
    counts its whole sample.
    """

    provider: str
    label: str
    published: str | None
    overall: str | None
    standards: Mapping[str, str] = field(default_factory=dict)
    key_questions: Mapping[str, int] = field(default_factory=dict)
    relevant_cases: Mapping[str, int] = field(default_factory=dict)
    yes_cases: Mapping[str, int] = field(default_factory=dict)
    source: str = "published"
    #: The report's recommendations as (addressee, text), numbered in this order; only the
    #: platform's own inspections carry them (issue 14).
    recommendations: tuple[tuple[str, str], ...] = ()

    @property
    def when(self) -> tuple[int, int] | None:
        """(year, month) of publication for ordering; month 0 when only a year is known."""
        return published_order(self.published)


def published_order(published: str | None) -> tuple[int, int] | None:
    if not published:
        return None
    match = re.fullmatch(r"(?:(?P<month>[A-Za-z]+)\s+)?(?P<year>\d{4})", published.strip())
    if not match:
        return None
    month_name = (match.group("month") or "").capitalize()
    month = MONTHS.index(month_name) + 1 if month_name in MONTHS else 0
    return int(match.group("year")), month


def same_provider(first: str, second: str) -> bool:
    def key(name: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()

    return key(first) == key(second)


def from_published(
    report: PublishedReport, framework: Framework | None = None, label: str | None = None
) -> ComparableInspection:
    """A published report as a comparable inspection.

    With the framework, a key question that counts every case of its sample (it has no
    relevance rule) gets that sample's size as its relevant cases, so it can be pooled. Which
    of the report's sample sizes is a sample type's is the framework's data: the sample
    type's ``published_as``.
    """
    relevant: dict[str, int] = {}
    if framework is not None:
        samples = report.samples.to_json()
        published_as = {d.id: d.published_as for d in framework.sample_types if d.published_as}
        for standard in framework.standards():
            if standard.sample_type is None:
                continue
            size = samples.get(published_as.get(standard.sample_type, ""))
            for key_question in standard.key_questions:
                if (
                    size
                    and key_question.relevance is None
                    and key_question.id in (report.key_questions)
                ):
                    relevant[key_question.id] = size
    provider = report.provider or "unknown provider"
    return ComparableInspection(
        provider=provider,
        label=label or f"{provider} ({report.published or 'date not printed'})",
        published=report.published,
        overall=report.overall,
        standards=dict(report.standards),
        key_questions=dict(report.key_questions),
        relevant_cases=relevant,
        source="published",
    )


def from_platform(
    provider: str,
    label: str,
    published: str | None,
    ratings: Sequence[StandardRating],
    overall: OverallRating | None,
    tallies: Mapping[str, Tally],
    framework: Framework,
) -> ComparableInspection:
    """One of the platform's own inspections: exact yes and relevant counts per key question.

    ``tallies`` may hold prompts too; only the framework's key questions are kept, and one
    without relevant cases has no percentage.
    """
    key_question_ids = {key_question.id for key_question in framework.key_questions()}
    questions = {
        question_id: (tally, tally.percent)
        for question_id, tally in tallies.items()
        if question_id in key_question_ids
    }
    counted = {k: (t, p) for k, (t, p) in questions.items() if p is not None}
    return ComparableInspection(
        provider=provider,
        label=label,
        published=published,
        overall=overall.rating if overall else None,
        standards={rating.standard_id: rating.rating for rating in ratings},
        key_questions={k: p for k, (_, p) in counted.items() if p is not None},
        relevant_cases={k: t.relevant for k, (t, _) in counted.items()},
        yes_cases={k: t.yes for k, (t, _) in counted.items()},
        source="platform",
    )
