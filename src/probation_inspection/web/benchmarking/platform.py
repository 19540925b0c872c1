"""The platform's own inspections as comparable records, from the live results and decisions.

Reuses the casework results (core tallies and rule ratings); decided ratings win where made.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from probation_inspection.analytics import ComparableInspection, from_platform
from probation_inspection.framework.model import Framework
from probation_inspection.scoring import (
    OverallRating,
    ScoringError,
    StandardRating,
    Tally,
    current_ratings,
    overall_rating,
)
from probation_inspection.web.casework.results import inspection_results
from probation_inspection.web.quality.ratings import decision_log
from probation_inspection.web.reports.builder import recommendation_list


def decided_ratings(inspection: Any, framework: Framework) -> dict[str, StandardRating]:
    """The current rating of each standard the lead inspector has decided."""
    log = decision_log(inspection)
    return {rating.standard_id: rating for rating in current_ratings(log, framework)}


def comparable_inspection(inspection: Any, framework: Framework) -> ComparableInspection:
    """One platform inspection: exact tallies from submitted assessments, rule ratings from the
    results page's core calls, replaced by the lead inspector's decisions where recorded."""
    tallies: dict[str, Tally] = {}
    ratings: dict[str, StandardRating] = {}
    for sample in inspection_results(inspection, framework):
        for standard in sample.standards:
            if standard.rating is not None:
                ratings[standard.standard.id] = standard.rating
            for row in standard.rows:
                if row.is_key_question:
                    tallies[row.id] = row.tally
    ratings.update(decided_ratings(inspection, framework))
    overall: OverallRating | None
    try:
        overall = overall_rating(framework, ratings.values())
    except ScoringError:
        # The overall needs every rated standard; until then the inspection has none.
        overall = None
    fieldwork = f"{inspection.fieldwork_end:%B %Y}"
    compared = from_platform(
        provider=inspection.provider.name,
        label=f"{inspection.provider.name} (platform inspection, fieldwork {fieldwork})",
        published=fieldwork,
        ratings=list(ratings.values()),
        overall=overall,
        tallies=tallies,
        framework=framework,
    )
    # The report's recommendations travel with the inspection into comparisons (issue 14).
    return dataclasses.replace(compared, recommendations=tuple(
        (item.addressee, item.text) for item in recommendation_list(inspection)))
