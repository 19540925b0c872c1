"""Moderation of case assessments: the seeded queue, blind QA judgements and review status.

Plain functions over plain data; the web application stores the results and shows them.
"""

from probation_inspection.moderation.errors import ErrorCode, IllegalTransition, ModerationError
from probation_inspection.moderation.records import (
    InspectorAssessment,
    KeyQuestionJudgement,
    Moderation,
    ModeratorView,
    Outcome,
    agreement_pairs,
    moderator_view,
    record_moderation,
)
from probation_inspection.moderation.selection import (
    ModerationQueue,
    QueueEntry,
    Reason,
    SelectionPolicy,
    Submission,
    draw_key,
    select,
)
from probation_inspection.moderation.status import (
    COUNTED,
    TRANSITIONS,
    AssessmentStatus,
    allowed_from,
    counts,
    transition,
)

__all__ = [
    "COUNTED",
    "TRANSITIONS",
    "AssessmentStatus",
    "ErrorCode",
    "IllegalTransition",
    "InspectorAssessment",
    "KeyQuestionJudgement",
    "Moderation",
    "ModerationError",
    "ModerationQueue",
    "ModeratorView",
    "Outcome",
    "QueueEntry",
    "Reason",
    "SelectionPolicy",
    "Submission",
    "agreement_pairs",
    "allowed_from",
    "counts",
    "draw_key",
    "moderator_view",
    "record_moderation",
    "select",
    "transition",
]
