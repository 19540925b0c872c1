"""The overall rating while decisions are still being made: each standard counts its current
decision, else its rule rating, and the result is provisional until every standard is decided.

Owns that rule; the final overall (every standard decided) is `decisions.current_overall`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import Framework
from probation_inspection.scoring.decisions import DecisionLog
from probation_inspection.scoring.ratings import OverallRating, StandardRating, overall_rating


@dataclass(frozen=True)
class ProvisionalOverall:
    """What the ratings page shows as the overall before (and after) every decision."""

    #: Per standard id, the rating counted in the overall: its current decision's result, else
    #: its rule rating; a standard with neither is absent.
    counted: Mapping[str, StandardRating]
    #: The overall from the counted ratings; None while some standard has no rating to count,
    #: or when the framework has no rating scheme.
    overall: OverallRating | None
    #: True while some standard has no decision (it counts its rule rating, or nothing).
    provisional: bool


def provisional_overall(framework: Framework, log: DecisionLog,
                        rules: Mapping[str, StandardRating]) -> ProvisionalOverall:
    """The overall counting each standard's decision, else its rule rating (``rules``, from
    `rule_ratings`), over every standard of ``framework``. A rule that is not rated
    (`decisions.not_rated_rule`) counts as not rated and needs no decision; the overall then
    follows the framework's ``when_not_rated`` (`overall_rating`, as ``rate`` does)."""
    counted: dict[str, StandardRating] = {}
    decided = True
    standards = list(framework.standards())
    for standard in standards:
        current = log.current(standard.id)
        rule = rules.get(standard.id)
        if rule is not None and not rule.rated:
            counted[standard.id] = rule
            continue
        decided = decided and current is not None
        result = current.result if current is not None else rule
        if result is not None:
            counted[standard.id] = result
    overall = None
    if framework.rating is not None and len(counted) == len(standards):
        overall = overall_rating(framework, counted.values())
    return ProvisionalOverall(counted, overall, not decided)
