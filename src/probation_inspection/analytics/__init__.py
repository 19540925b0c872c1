"""Comparisons across inspections: league tables, distributions and change over time.

Works on ComparableInspection records, whether imported from reports or the platform's own.
"""

from probation_inspection.analytics.comparable import (
    AnalyticsError,
    ComparableInspection,
    from_platform,
    from_published,
    same_provider,
)
from probation_inspection.analytics.compare import (
    InspectionChange,
    KeyQuestionDistribution,
    KeyQuestionValue,
    LeagueRow,
    PercentChange,
    RatingChange,
    change_between,
    key_question_distribution,
    key_question_distributions,
    league_table,
    rating_distribution,
)

__all__ = [
    "AnalyticsError",
    "ComparableInspection",
    "InspectionChange",
    "KeyQuestionDistribution",
    "KeyQuestionValue",
    "LeagueRow",
    "PercentChange",
    "RatingChange",
    "change_between",
    "from_platform",
    "from_published",
    "key_question_distribution",
    "key_question_distributions",
    "league_table",
    "rating_distribution",
    "same_provider",
]
