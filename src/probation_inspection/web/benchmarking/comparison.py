"""Which inspections a user may compare, and the comparisons over them as page data and JSON.

Published records are public; a platform inspection before publication is its team's only.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from probation_inspection.framework import load_framework
from probation_inspection.framework.model import Framework, RatingScheme
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.benchmarking.platform import comparable_inspection
from probation_inspection.web.benchmarking.store import imported_report
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Stage

#: The framework published reports are read and compared against.
COMPARISON_FRAMEWORK = "hmip-crc-2018"


@dataclass(frozen=True)
class Entry:
    """One inspection on the page; ``key`` names it in the mark choice and the JSON."""

    key: str
    inspection: ComparableInspection
    detail: str


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


def comparison_framework() -> Framework:
    return load_framework(COMPARISON_FRAMEWORK)


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
        own = comparable_inspection(
            inspection, framework_for(inspection.framework_id, inspection.framework_version)
        )
        if own.standards or own.key_questions:
            entries.append(
                Entry(f"platform-{inspection.pk}", own,
                      f"platform inspection, {Stage(inspection.stage).label.lower()} stage")
            )
    return entries, withheld


def compare(user: Any, mark: str | None = None) -> Comparison:
    framework = comparison_framework()
    assert framework.rating is not None
    scheme: RatingScheme = framework.rating
    entries, withheld = visible_entries(user, framework)
    marked = next((entry for entry in entries if entry.key == mark), None)
    inspections = [entry.inspection for entry in entries]
    changes = [
        change_between(first, second, scheme)
        for n, first in enumerate(inspections)
        for second in inspections[n + 1 :]
        if same_provider(first.provider, second.provider)
    ]
    return Comparison(
        entries=entries,
        marked=marked,
        league=league_table(inspections, scheme),
        ratings_by_standard=rating_distribution(inspections, scheme),
        key_questions=key_question_distributions(
            inspections, marked.inspection if marked else None
        ),
        changes=changes,
        withheld=withheld,
    )


def to_json(comparison: Comparison) -> dict[str, object]:
    """The comparison as one JSON document (the shape of ``compare --json``, plus sources)."""
    keys = {id(entry.inspection): entry.key for entry in comparison.entries}
    return {
        "framework": COMPARISON_FRAMEWORK,
        "marked": comparison.marked.key if comparison.marked else None,
        "inspections": [
            {
                "key": entry.key,
                "label": entry.inspection.label,
                "provider": entry.inspection.provider,
                "source": entry.inspection.source,
                "detail": entry.detail,
                "published": entry.inspection.published,
                "overall": entry.inspection.overall,
                "standards": dict(entry.inspection.standards),
                "key_questions": dict(entry.inspection.key_questions),
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
