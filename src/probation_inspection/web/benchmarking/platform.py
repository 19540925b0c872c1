"""The platform's own inspections as comparable records, from the live results and decisions.

Reuses the casework results (core tallies) and the ratings page's counting (rule ratings,
not-rated standards and decisions).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from probation_inspection.analytics import ComparableInspection, from_platform
from probation_inspection.framework.model import Framework
from probation_inspection.scoring import (
    Tally,
    provisional_overall,
)
from probation_inspection.web.casework.results import inspection_results
from probation_inspection.web.quality.ratings import decision_log, rule_results
from probation_inspection.web.reports.builder import recommendation_list


def comparable_inspection(inspection: Any, framework: Framework) -> ComparableInspection:
    """One platform inspection: exact tallies from submitted assessments; its ratings and
    overall counted as its ratings page counts them (`rule_results` and the core's
    `provisional_overall`: each standard's decision, else its rule rating, and a standard the
    rules leave not rated counts as not rated), so the two never disagree."""
    samples = inspection_results(inspection, framework)
    tallies: dict[str, Tally] = {
        row.id: row.tally
        for sample in samples for standard in sample.standards for row in standard.rows
        if row.is_key_question}
    standing = provisional_overall(framework, decision_log(inspection),
                                   rule_results(inspection, framework, samples).counted)
    overall = standing.overall
    # Only rated standards are compared: a not-rated one has no score or place in the
    # distribution of ratings (it still counts in the overall, as on the ratings page).
    ratings = {key: rating for key, rating in standing.counted.items() if rating.rated}
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
