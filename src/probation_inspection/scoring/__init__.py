"""Tallies over relevant cases, intervals, rating rules, discretion and the overall score.

Pure functions over the framework model; bands and scores always come from the framework.
"""

from probation_inspection.scoring.agreement import (
    Agreement,
    JudgementPair,
    KappaGap,
    agreement,
    agreement_by_inspector,
    agreement_by_key_question,
)
from probation_inspection.scoring.answers import Answer, Assessment
from probation_inspection.scoring.check import (
    CheckResult,
    Finding,
    FindingKind,
    RecordedDiscretion,
    check_ratings,
)
from probation_inspection.scoring.decisions import (
    DecisionKind,
    DecisionLog,
    Outstanding,
    RatingDecision,
    Readiness,
    accept_rule,
    apply_professional_discretion,
    current_overall,
    current_ratings,
    ready_for_reporting,
    record_judgement,
    rule_ratings,
)
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.interviews import (
    InterviewResponse,
    QuestionResult,
    tally_interviews,
    tally_interviews_by_group,
)
from probation_inspection.scoring.ratings import (
    Discretion,
    Judgement,
    OverallRating,
    StandardRating,
    apply_discretion,
    overall_rating,
    rate_by_judgement,
    rate_by_lowest_key_question,
    rate_standards,
)
from probation_inspection.scoring.tally import (
    CaseAssessment,
    Interval,
    Tally,
    counts_sentence,
    key_question_percents,
    percent_half_up,
    tally_answers,
    tally_framework,
)

__all__ = [
    "Agreement",
    "Answer",
    "Assessment",
    "CaseAssessment",
    "CheckResult",
    "DecisionKind",
    "DecisionLog",
    "Discretion",
    "Finding",
    "FindingKind",
    "Interval",
    "InterviewResponse",
    "Judgement",
    "JudgementPair",
    "KappaGap",
    "Outstanding",
    "OverallRating",
    "QuestionResult",
    "RatingDecision",
    "Readiness",
    "RecordedDiscretion",
    "ScoringError",
    "StandardRating",
    "Tally",
    "accept_rule",
    "agreement",
    "agreement_by_inspector",
    "agreement_by_key_question",
    "apply_discretion",
    "apply_professional_discretion",
    "check_ratings",
    "counts_sentence",
    "current_overall",
    "current_ratings",
    "key_question_percents",
    "overall_rating",
    "percent_half_up",
    "rate_by_judgement",
    "rate_by_lowest_key_question",
    "rate_standards",
    "ready_for_reporting",
    "record_judgement",
    "rule_ratings",
    "tally_answers",
    "tally_framework",
    "tally_interviews",
    "tally_interviews_by_group",
]
