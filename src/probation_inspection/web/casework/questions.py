"""The scoring core's question walk, under the names the casework app has always imported.

Which questions a case is assessed on, in which order and whether each applies is the core's
(`scoring.walk`): the assessment form and the tallies walk the framework the same way.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.framework.model import Framework
from probation_inspection.framework.relevance_export import rule_data
from probation_inspection.scoring.walk import (
    Question,
    QuestionKind,
    questions,
    relevance_attributes,
)
from probation_inspection.scoring.walk import case_standards as assessed_standards

__all__ = ["Question", "QuestionKind", "assessed_standards", "page_rules", "questions",
           "relevance_attributes"]


def page_rules(framework: Framework, sample_type: str) -> dict[str, Any]:
    """The relevance rules of the sample type's questions as data for the assessment page's
    live relevance (`framework.relevance_export`): each question's standard, key-question
    and prompt rule (None where it has none) and the type of each attribute they read."""
    rules: dict[str, Any] = {}
    for question in questions(framework, sample_type):
        prompt = question.prompt.relevance if question.prompt else None
        kq = question.key_question.relevance
        rules[question.id] = {
            "standard": question.standard.id,
            "key_question": rule_data(kq.condition) if kq else None,
            "prompt": rule_data(prompt.condition) if prompt else None,
        }
    return {
        "attributes": {attribute.name: attribute.type.value
                       for attribute in relevance_attributes(framework, sample_type)},
        "questions": rules,
    }
