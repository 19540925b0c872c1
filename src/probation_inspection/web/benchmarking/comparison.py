"""Which inspections a user may compare, and the comparisons over them as page data and JSON.

Published records are public; a platform inspection before publication is its team's only.
Rated results (published reports, platform inspections whose ratings are decided) are ranked
apart from provisional ones (a platform inspection still in rating, whose partial score would
otherwise rank above finished inspections); an inspection both run on the platform and
imported as a published report is one row, its published report, linked to the platform's.

Only like is compared with like: one comparison holds the inspections of one framework (its
id), the one the user chooses among those the store and their inspections hold. A published
report is read against the framework it was imported under, and a platform inspection is
scored by its own recorded framework version.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q

from probation_inspection.access import Action, can
from probation_inspection.analytics import (
    ComparableInspection,
    InspectionChange,
    KeyQuestionDistribution,
    LeagueRow,
    change_between,
    from_published,
    key_question_distributions,
    league_table,
    rating_distribution,
    same_provider,
)
from probation_inspection.framework import UnknownFramework, available_frameworks
from probation_inspection.framework.model import Framework, RatingScheme
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.benchmarking.platform import comparable_inspection
from probation_inspection.web.benchmarking.store import imported_report
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.frameworks import published_frameworks
from probation_inspection.web.inspections.models import Inspection, Stage

#: Stages from which a platform inspection's ratings are decided: its results are rated.
RATED_STAGES = frozenset({Stage.REPORTING, Stage.PUBLISHED})
#: How long after fieldwork ends a published report may appear and still be that inspection's.
REPORT_WITHIN_MONTHS = 9


@dataclass(frozen=True)
class Entry:
    """One inspection on the page; ``key`` names it in the mark choice and the JSON."""

    key: str
    inspection: ComparableInspection
    detail: str
    #: A platform inspection whose ratings are not decided yet: ranked apart.
    provisional: bool = False
    #: The platform inspection a published report is the report of (its overview's key).
    platform_pk: int | None = None


@dataclass(frozen=True)
class Comparison:
    entries: list[Entry]
    marked: Entry | None
    league: tuple[LeagueRow, ...]
    ratings_by_standard: dict[str, dict[str, int]]
    key_questions: tuple[KeyQuestionDistribution, ...]
    changes: list[InspectionChange]
    #: Platform inspections of the user's teams left out because they cannot be seen yet.
    withheld: int
    #: Inspections still being rated, by their partial score, never ranked with rated ones.
    provisional: tuple[LeagueRow, ...] = ()
    #: The framework compared under (None when there is nothing to compare) and the ids of
    #: every framework the user could compare under instead.
    framework: Framework | None = None
    frameworks: tuple[str, ...] = ()


def rated_frameworks() -> list[Framework]:
    """Every rated framework version that published reports can be read against: the shipped
    library's and those published through the library page, by id then version."""
    from probation_inspection.framework import load_framework

    shipped = [load_framework(summary.id, summary.version) for summary in available_frameworks()
               if summary.rated]
    return [framework for framework in shipped + published_frameworks() if framework.rated]


def framework_key(framework: Framework) -> str:
    """How the import form and its job name a framework version: ``id@version``."""
    return f"{framework.id}@{framework.version}"


def rated_frameworks_by_key() -> dict[str, Framework]:
    """`rated_frameworks` by `framework_key`, in the same order."""
    return {framework_key(framework): framework for framework in rated_frameworks()}


def comparison_framework(framework_id: str) -> Framework:
    """The latest rated version of a framework, whose rating scheme a comparison uses."""
    versions = [framework for framework in rated_frameworks() if framework.id == framework_id]
    if not versions:
        raise UnknownFramework(f"no rated framework {framework_id!r}")
    return versions[-1]


def framework_counts(user: Any) -> Counter[str]:
    """How many inspections there are to compare under each framework id, for ``user``."""
    counts: Counter[str] = Counter(
        PublishedInspection.objects.values_list("framework_id", flat=True))
    # Inspections withheld until they are rated count too: the page says they are withheld.
    counts.update(framework_id for _, framework_id in
                  Inspection.objects.filter(Q(stage=Stage.PUBLISHED) | Q(team__user=user))
                  .values_list("pk", "framework_id").distinct())
    known = {framework.id for framework in rated_frameworks()}
    return Counter({framework_id: n for framework_id, n in counts.items()
                    if framework_id in known})


def _may_see(inspection: Inspection, user: Any) -> bool:
    if inspection.stage == Stage.PUBLISHED:
        return True
    role = inspection.role_of(user)
    return role is not None and can(role.value, Action.VIEW_RATINGS, inspection.stage)


def visible_entries(user: Any, framework: Framework) -> tuple[list[Entry], int]:
    """Every stored published record, and the platform inspections ``user`` may see rated."""
    entries = [
        Entry(
            f"published-{stored.pk}",
            from_published(imported_report(stored).report, framework),
            f"published report, imported from {stored.file_name}",
        )
        for stored in PublishedInspection.objects.filter(framework_id=framework.id)
    ]
    withheld = 0
    candidates = (
        Inspection.objects.filter(framework_id=framework.id)
        .filter(Q(stage=Stage.PUBLISHED) | Q(team__user=user))
        .select_related("provider")
        .distinct()
        .order_by("provider__name", "fieldwork_start", "id")
    )
    for inspection in candidates:
        if not _may_see(inspection, user):
            withheld += 1
            continue
        report = _its_published_report(entries, inspection)
        if report is not None:
            # One row per inspection: the published report stands for it, linked to it.
            entries[entries.index(report)] = replace(
                report, platform_pk=inspection.pk,
                detail=f"{report.detail}; also run on the platform")
            continue
        own = comparable_inspection(
            inspection, framework_for(inspection.framework_id, inspection.framework_version)
        )
        if own.standards or own.key_questions:
            provisional = inspection.stage not in RATED_STAGES
            entries.append(
                Entry(f"platform-{inspection.pk}", own,
                      f"platform inspection, {Stage(inspection.stage).label.lower()} stage"
                      + (", ratings provisional until decided" if provisional else ""),
                      provisional=provisional, platform_pk=inspection.pk)
            )
    return entries, withheld


def _months(year_month: tuple[int, int]) -> int:
    return year_month[0] * 12 + year_month[1]


def _its_published_report(entries: list[Entry], inspection: Inspection) -> Entry | None:
    """The imported published report of this platform inspection, if the store holds it: the
    same provider, published in the months after its fieldwork ended."""
    if inspection.stage != Stage.PUBLISHED:
        return None
    ended = _months((inspection.fieldwork_end.year, inspection.fieldwork_end.month))
    for entry in entries:
        when = entry.inspection.when
        if (entry.platform_pk is None and entry.inspection.source == "published"
                and same_provider(entry.inspection.provider, inspection.provider.name)
                and when is not None and when[1] != 0
                and 0 <= _months(when) - ended <= REPORT_WITHIN_MONTHS):
            return entry
    return None


def compare(user: Any, mark: str | None = None, framework_id: str | None = None
            ) -> Comparison:
    """The comparison of one framework's inspections: ``framework_id``'s, or (without one) the
    framework with the most inspections for ``user`` to compare."""
    counts = framework_counts(user)
    choices = tuple(sorted(counts))
    if framework_id is None:
        if not counts:
            return Comparison([], None, (), {}, (), [], 0)
        # The most inspections first; among equals, the first by id.
        framework_id = min(counts, key=lambda key: (-counts[key], key))
    framework = comparison_framework(framework_id)
    assert framework.rating is not None
    scheme: RatingScheme = framework.rating
    entries, withheld = visible_entries(user, framework)
    marked = next((entry for entry in entries if entry.key == mark), None)
    rated = [entry.inspection for entry in entries if not entry.provisional]
    provisional = [entry.inspection for entry in entries if entry.provisional]
    compared = rated + ([marked.inspection] if marked and marked.provisional else [])
    changes = [
        change_between(first, second, scheme)
        for n, first in enumerate(rated)
        for second in rated[n + 1 :]
        if same_provider(first.provider, second.provider)
    ]
    return Comparison(
        entries=entries,
        marked=marked,
        league=league_table(rated, scheme),
        ratings_by_standard=rating_distribution(rated, scheme),
        key_questions=key_question_distributions(
            compared, marked.inspection if marked else None
        ),
        changes=changes,
        withheld=withheld,
        provisional=league_table(provisional, scheme),
        framework=framework,
        frameworks=tuple(sorted(set(choices) | {framework.id})),
    )


def to_json(comparison: Comparison) -> dict[str, object]:
    """The comparison as one JSON document (the shape of ``compare --json``, plus sources)."""
    keys = {id(entry.inspection): entry.key for entry in comparison.entries}
    return {
        "framework": None if comparison.framework is None else {
            "id": comparison.framework.id, "version": comparison.framework.version},
        "frameworks": list(comparison.frameworks),
        "marked": comparison.marked.key if comparison.marked else None,
        "inspections": [
            {
                "key": entry.key,
                "label": entry.inspection.label,
                "provider": entry.inspection.provider,
                "source": entry.inspection.source,
                "detail": entry.detail,
                "provisional": entry.provisional,
                "published": entry.inspection.published,
                "overall": entry.inspection.overall,
                "standards": dict(entry.inspection.standards),
                "key_questions": dict(entry.inspection.key_questions),
                "recommendations": [{"addressee": addressee, "text": text}
                                    for addressee, text in entry.inspection.recommendations],
            }
            for entry in comparison.entries
        ],
        "league_table": [
            {
                "rank": row.rank,
                "inspection": keys[id(row.inspection)],
                "label": row.inspection.label,
                "overall": row.inspection.overall,
                "score": row.score,
                "standards_rated": row.standards_rated,
            }
            for row in comparison.league
        ],
        "provisional_table": [
            {
                "inspection": keys[id(row.inspection)],
                "label": row.inspection.label,
                "score": row.score,
                "standards_rated": row.standards_rated,
            }
            for row in comparison.provisional
        ],
        "ratings_by_standard": comparison.ratings_by_standard,
        "key_questions": [
            d.to_json(lambda inspection: keys[id(inspection)])
            for d in comparison.key_questions
        ],
        "changes": [
            {
                "provider": change.later.provider,
                "earlier": keys[id(change.earlier)],
                "later": keys[id(change.later)],
                "overall": [change.overall.before, change.overall.after, change.overall.steps],
                "standards": {c.subject: [c.before, c.after, c.steps] for c in change.standards},
                "key_questions": {
                    c.key_question: [c.before, c.after, c.points] for c in change.key_questions
                },
            }
            for change in comparison.changes
        ],
    }
