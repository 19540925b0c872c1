"""The one walk over a framework's case questions, shared by the assessment form and the tallies.

Owns which questions a case is assessed on (the key questions and prompts of the case-data
standards of its sample type), their order (framework order; within a key question its prompts
first, then the key question's judgement, as an inspector answers them) and whether each
applies to a case. Relevance itself is the framework's (``KeyQuestion.applies``,
``Prompt.applies``): a prompt applies only where its key question does.

A framework version never changes once loaded, so the walk of a sample type is worked out once
and remembered (`per_framework`: a small bounded cache keyed by framework id, version and
sample type, and used only for the very framework object it was worked out from); every save
of the assessment page walks it several times.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import TypeVar

from probation_inspection.framework.model import (
    CaseAttribute,
    CaseAttributes,
    Framework,
    KeyQuestion,
    Prompt,
    RatingMethod,
    Standard,
)
from probation_inspection.framework.relevance import MissingCaseAttribute

T = TypeVar("T")

#: How many (framework version, sample type) walks each cache keeps: a server holds a
#: handful of framework versions at a time.
FRAMEWORK_CACHE_SIZE = 32


def per_framework(
    function: Callable[[Framework, str | None], T],
) -> Callable[[Framework, str | None], T]:
    """Remember ``function(framework, sample_type)`` per framework id, version and sample type
    (at most `FRAMEWORK_CACHE_SIZE` of them, least recently used dropped first).

    A hit counts only for the same framework object (a framework is immutable, but two
    different objects could carry the same id and version, e.g. a test's), so the cached
    value is always the one ``function`` would return. The value is shared: it must be
    immutable (tuples, frozen dataclasses, mapping proxies).
    """
    cache: OrderedDict[tuple[str, str, str | None], tuple[Framework, T]] = OrderedDict()
    lock = threading.Lock()

    @wraps(function)
    def cached(framework: Framework, sample_type: str | None = None) -> T:
        key = (framework.id, framework.version, None if sample_type is None else str(sample_type))
        with lock:
            hit = cache.get(key)
            if hit is not None and hit[0] is framework:
                cache.move_to_end(key)
                return hit[1]
        value = function(framework, sample_type)
        with lock:
            cache[key] = (framework, value)
            cache.move_to_end(key)
            while len(cache) > FRAMEWORK_CACHE_SIZE:
                cache.popitem(last=False)
        return value

    return cached


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
                   sample_type: str | None = None) -> list[Standard]:
    """The case-data standards assessed on cases of this sample type (of every sample type
    for None), in framework order: those with key questions, not rated by judgement."""
    return list(_case_standards(framework, sample_type))


@per_framework
def _case_standards(framework: Framework,
                    sample_type: str | None) -> tuple[Standard, ...]:
    wanted = None if sample_type is None else str(sample_type)
    return tuple(
        standard
        for standard in framework.standards()
        if (wanted is None or standard.sample_type == wanted)
        and standard.rating_method is not RatingMethod.JUDGEMENT
        and standard.key_questions
    )


def questions(framework: Framework,
              sample_type: str | None = None) -> Iterator[Question]:
    """Every question of the sample type in framework order: each key question's prompts,
    then the key question itself."""
    return iter(walk_of(framework, sample_type))


@per_framework
def walk_of(framework: Framework, sample_type: str | None = None
         ) -> tuple[Question, ...]:
    """`questions` as a tuple, worked out once per framework version and sample type."""
    walked: list[Question] = []
    for standard in _case_standards(framework, sample_type):
        for key_question in standard.key_questions:
            for prompt in key_question.prompts:
                walked.append(Question(prompt.id, prompt.text, QuestionKind.PROMPT, standard,
                                       key_question, prompt))
            walked.append(Question(key_question.id, key_question.text,
                                   QuestionKind.KEY_QUESTION, standard, key_question, None))
    return tuple(walked)


def relevance_attributes(framework: Framework,
                         sample_type: str | None = None) -> list[CaseAttribute]:
    """The case attributes the relevance rules of this sample type read, in framework order."""
    return list(_relevance_attributes(framework, sample_type))


@per_framework
def _relevance_names(framework: Framework,
                     sample_type: str | None) -> tuple[str, ...]:
    """The names of the attributes the sample type's relevance rules read (sorted)."""
    names: set[str] = set()
    for question in walk_of(framework, sample_type):
        prompt_rule = question.prompt.relevance if question.prompt else None
        for rule in (question.key_question.relevance, prompt_rule):
            if rule is not None:
                names |= rule.condition.attributes()
    return tuple(sorted(names))


@per_framework
def _relevance_attributes(framework: Framework,
                          sample_type: str | None) -> tuple[CaseAttribute, ...]:
    names = set(_relevance_names(framework, sample_type))
    return tuple(attribute for attribute in framework.attributes if attribute.name in names)


#: How many attribute combinations `applicability` remembers per framework and sample type.
APPLICABILITY_CACHE_SIZE = 64


@per_framework
def _applicability_cache(framework: Framework, sample_type: str | None
                         ) -> OrderedDict[tuple[object, ...], Mapping[str, bool | None]]:
    # The one mutable value kept per framework: `applicability`'s own bounded memory.
    return OrderedDict()


def applicability(framework: Framework, sample_type: str | None,
                  attributes: CaseAttributes) -> dict[str, bool | None]:
    """`Question.applies` for every question of the sample type, by question id.

    The relevance rules read only the attributes `relevance_attributes` names, so the answer
    for the same values of those (type included: True is not 1 to a rule) is remembered for
    a few combinations per framework version; a rule that raises is not remembered.
    """
    names = _relevance_names(framework, sample_type)
    try:
        key = tuple((type(value), value) for value in (attributes.get(name) for name in names))
        hash(key)
    except TypeError:  # an unhashable value: worked out afresh
        return {question.id: question.applies(attributes)
                for question in walk_of(framework, sample_type)}
    cache = _applicability_cache(framework, sample_type)
    found = cache.get(key)
    if found is None:
        found = {question.id: question.applies(attributes)
                 for question in walk_of(framework, sample_type)}
        cache[key] = found
        while len(cache) > APPLICABILITY_CACHE_SIZE:
            try:
                cache.popitem(last=False)
            except KeyError:  # pragma: no cover - another thread emptied it first
                break
    return dict(found)
