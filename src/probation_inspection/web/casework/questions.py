"""Which framework questions a case is assessed on, and which of them apply to it.

Relevance itself is the framework's (``KeyQuestion.applies``, ``Prompt.applies``); this module
only walks the framework and reports an undecidable rule (a missing attribute) as ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from probation_inspection.framework import MissingCaseAttribute
from probation_inspection.framework.model import (
    CaseAttribute,
    Framework,
    KeyQuestion,
    Prompt,
    RatingMethod,
    SampleType,
    Standard,
)


@dataclass(frozen=True)
class Question:
    """A prompt or key question as the assessment form lists it."""

    id: str
    text: str
    kind: str  # "prompt" or "key-question", as Answer.kind stores it
    standard: Standard
    key_question: KeyQuestion
    prompt: Prompt | None

    def applies(self, attributes: Mapping[str, object]) -> bool | None:
        """True or False from the relevance rules; None while an attribute they read is unset."""
        try:
            return self.key_question.applies(attributes) and (
                self.prompt is None or self.prompt.applies(attributes)
            )
        except MissingCaseAttribute:
            return None


def assessed_standards(framework: Framework, sample_type: str) -> list[Standard]:
    """The case-data standards assessed on cases of this sample type."""
    return [
        standard
        for standard in framework.standards()
        if standard.sample_type == SampleType(sample_type)
        and standard.rating_method is not RatingMethod.JUDGEMENT
        and standard.key_questions
    ]


def questions(framework: Framework, sample_type: str) -> Iterator[Question]:
    """Every question of the sample type in form order: each key question's prompts first."""
    for standard in assessed_standards(framework, sample_type):
        for key_question in standard.key_questions:
            for prompt in key_question.prompts:
                yield Question(prompt.id, prompt.text, "prompt", standard, key_question, prompt)
            yield Question(
                key_question.id, key_question.text, "key-question", standard, key_question, None
            )


def relevance_attributes(framework: Framework, sample_type: str) -> list[CaseAttribute]:
    """The case attributes the relevance rules of this sample type read, in framework order."""
    names: set[str] = set()
    for question in questions(framework, sample_type):
        prompt_rule = question.prompt.relevance if question.prompt else None
        for rule in (question.key_question.relevance, prompt_rule):
            if rule is not None:
                names |= rule.condition.attributes()
    return [attribute for attribute in framework.attributes if attribute.name in names]
