"""The scoring core's question walk, under the names the casework app has always imported.

Which questions a case is assessed on, in which order and whether each applies is the core's
(`scoring.walk`): the assessment form and the tallies walk the framework the same way.
"""

from __future__ import annotations

from probation_inspection.scoring.walk import (
    Question,
    QuestionKind,
    questions,
    relevance_attributes,
)
from probation_inspection.scoring.walk import case_standards as assessed_standards

__all__ = ["Question", "QuestionKind", "assessed_standards", "questions", "relevance_attributes"]
