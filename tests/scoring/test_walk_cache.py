"""The question walk worked out once per framework version (`scoring.walk.per_framework`) and
the remembered relevance (`applicability`): the same answers as working them out afresh."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import available_frameworks, load_framework
from probation_inspection.framework.model import Framework
from probation_inspection.scoring.walk import (
    FRAMEWORK_CACHE_SIZE,
    Question,
    applicability,
    case_standards,
    per_framework,
    questions,
    relevance_attributes,
    walk_of,
)

SHIPPED = [(summary.id, summary.version) for summary in available_frameworks()]


def _fresh_walk(framework: Framework, sample_type: str | None) -> list[tuple[str, str]]:
    """The walk as the framework says it, worked out here without any cache."""
    walked = []
    for standard in framework.standards():
        if sample_type is not None and standard.sample_type != sample_type:
            continue
        if standard.rating_method.value == "judgement" or not standard.key_questions:
            continue
        for key_question in standard.key_questions:
            walked += [(prompt.id, "prompt") for prompt in key_question.prompts]
            walked.append((key_question.id, "key-question"))
    return walked


def _sample_types(framework: Framework) -> list[str | None]:
    return [None, *dict.fromkeys(standard.sample_type for standard in case_standards(framework))]


@pytest.mark.parametrize(("framework_id", "version"), SHIPPED)
def test_the_remembered_walk_is_the_framework_s_walk(framework_id: str, version: str) -> None:
    framework = load_framework(framework_id, version)
    for sample_type in _sample_types(framework):
        walked = [(question.id, question.kind.value)
                  for question in questions(framework, sample_type)]
        assert walked == _fresh_walk(framework, sample_type)
        # Asked again: the very same questions, not a new walk.
        assert walk_of(framework, sample_type) is walk_of(framework, sample_type)


def test_a_different_framework_object_with_the_same_id_and_version_gets_its_own_walk() -> None:
    framework = load_framework(*SHIPPED[0])
    standards = case_standards(framework)
    first = standards[0]
    # The same id and version, one standard fewer (as a test or a re-read file might make).
    other = dataclasses.replace(framework, domains=tuple(
        dataclasses.replace(domain, standards=tuple(s for s in domain.standards if s != first))
        for domain in framework.domains))
    assert len(walk_of(framework)) > len(walk_of(other))
    assert [q.id for q in walk_of(other)] == [question_id for question_id, _ in
                                              _fresh_walk(other, None)]
    assert len(walk_of(framework)) == len(_fresh_walk(framework, None))


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    calls: list[str] = []

    @per_framework
    def remembered(framework: Framework, sample_type: Any) -> str:
        calls.append(str(sample_type))
        return str(sample_type)

    framework = load_framework(*SHIPPED[0])
    for number in range(FRAMEWORK_CACHE_SIZE + 1):
        remembered(framework, f"type-{number}")
    assert len(calls) == FRAMEWORK_CACHE_SIZE + 1
    remembered(framework, f"type-{FRAMEWORK_CACHE_SIZE}")  # still held
    assert len(calls) == FRAMEWORK_CACHE_SIZE + 1
    remembered(framework, "type-0")  # the oldest, dropped: worked out again
    assert len(calls) == FRAMEWORK_CACHE_SIZE + 2


def _outcome(question: Question, attributes: dict[str, object]) -> object:
    try:
        return question.applies(attributes)
    except Exception as error:  # noqa: BLE001 - the same refusal either way
        return type(error)


def _values(attribute: Any) -> st.SearchStrategy[object]:
    choices: list[object] = [None, True, False, 0, 1, 7, 30, "", "other"]
    choices += list(getattr(attribute, "values", ()) or ())
    return st.sampled_from(choices)


@pytest.mark.parametrize(("framework_id", "version"), SHIPPED)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_remembered_relevance_is_each_question_s_own(framework_id: str, version: str,
                                                       data: st.DataObject) -> None:
    framework = load_framework(framework_id, version)
    sample_type = data.draw(st.sampled_from(_sample_types(framework)))
    attributes = {attribute.name: data.draw(_values(attribute))
                  for attribute in relevance_attributes(framework, sample_type)}
    expected = {question.id: _outcome(question, attributes)
                for question in questions(framework, sample_type)}
    for _ in range(2):  # worked out, then remembered
        try:
            got: dict[str, object] = dict(applicability(framework, sample_type, attributes))
        except Exception as error:  # noqa: BLE001
            assert type(error) in expected.values()
            continue
        assert got == expected


def test_true_and_one_are_told_apart() -> None:
    for framework_id, version in SHIPPED:
        framework = load_framework(framework_id, version)
        for sample_type in _sample_types(framework):
            for attribute in relevance_attributes(framework, sample_type):
                for first, second in ((True, 1), (False, 0)):
                    for value in (first, second):
                        attributes = {attribute.name: value}
                        expected = {q.id: _outcome(q, attributes)
                                    for q in questions(framework, sample_type)}
                        try:
                            got = applicability(framework, sample_type, attributes)
                        except Exception as error:  # noqa: BLE001
                            assert type(error) in expected.values()
                            continue
                        assert got == expected
