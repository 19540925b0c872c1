"""The one walk over a framework's case questions, shared by the assessment form and the tallies.

Owns which questions a case is assessed on (the key questions and prompts of the case-data
standards of its sample type), their order (framework order; within a key question its prompts
first, then the key question's judgement, as an inspector answers them) and whether each
applies to a case. Relevance itself is the framework's (``KeyQuestion.applies``,
``Prompt.applies``): a prompt applies only where its key question does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.framework.model import (
    CaseAttribute,
    CaseAttributes,
    Framework,
    KeyQuestion,
    Prompt,
    RatingMethod,
    SampleType,
    Standard,
)
from probation_inspection.framework.relevance import MissingCaseAttribute


class QuestionKind(StrEnum):
    """Whether a question is a prompt or a key question's judgement."""

    PROMPT = "prompt"
    KEY_QUESTION = "key-question"


@dataclass(frozen=True)
class Question:
    """A prompt or a key question, with the standard and key question it belongs to."""

    id: str
    text: str
    kind: QuestionKind
    standard: Standard
    key_question: KeyQuestion
    prompt: Prompt | None

    @property
    def is_key_question(self) -> bool:
        return self.prompt is None

    def relevant(self, attributes: CaseAttributes) -> bool:
        """Whether the question applies to a case with these attributes, by the relevance
        rules; raises the framework's `RelevanceError` when a rule cannot be evaluated."""
        return self.key_question.applies(attributes) and (
            self.prompt is None or self.prompt.applies(attributes)
        )

    def applies(self, attributes: CaseAttributes) -> bool | None:
        """True or False from the relevance rules; None while an attribute they read is unset."""
        try:
            return self.relevant(attributes)
        except MissingCaseAttribute:
            return None


def case_standards(framework: Framework,
                   sample_type: SampleType | str | None = None) -> list[Standard]:
    """The case-data standards assessed on cases of this sample type (of every sample type
    for None), in framework order: those with key questions, not rated by judgement."""
    wanted = None if sample_type is None else str(sample_type)
    return [
        standard
        for standard in framework.standards()
        if (wanted is None or standard.sample_type == wanted)
        and standard.rating_method is not RatingMethod.JUDGEMENT
        and standard.key_questions
    ]


def questions(framework: Framework,
              sample_type: SampleType | str | None = None) -> Iterator[Question]:
    """Every question of the sample type in framework order: each key question's prompts,
    then the key question itself."""
    for standard in case_standards(framework, sample_type):
        for key_question in standard.key_questions:
            for prompt in key_question.prompts:
                yield Question(prompt.id, prompt.text, QuestionKind.PROMPT, standard,
                               key_question, prompt)
            yield Question(key_question.id, key_question.text, QuestionKind.KEY_QUESTION,
                           standard, key_question, None)


def relevance_attributes(framework: Framework,
                         sample_type: SampleType | str | None = None) -> list[CaseAttribute]:
    """The case attributes the relevance rules of this sample type read, in framework order."""
    names: set[str] = set()
    for question in questions(framework, sample_type):
        prompt_rule = question.prompt.relevance if question.prompt else None
        for rule in (question.key_question.relevance, prompt_rule):
            if rule is not None:
                names |= rule.condition.attributes()
    return [attribute for attribute in framework.attributes if attribute.name in names]
