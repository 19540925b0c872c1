"""The demo generator: tallies of generated cases equal the targets, through the real rules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probation_inspection.demo import (
    BooleanAttribute,
    ChoiceAttribute,
    GeneratorError,
    QuestionTarget,
    SampleTargets,
    counts_for_percent,
    generate,
)
from probation_inspection.framework import load_framework
from probation_inspection.scoring import Answer, percent_half_up, tally_framework
from sample_ids import SampleType

FRAMEWORK = load_framework("hmip-crc-2018")
TTG_QUESTIONS = ("4.2.1", "4.2.2", "4.2.3")
SUPERVISION_QUESTIONS = tuple(
    kq.id for s in FRAMEWORK.standards() if s.sample_type == SampleType.CASE_SUPERVISION
    for kq in s.key_questions
)


def ttg(cases: int, targets: dict[str, QuestionTarget], **extra: object) -> SampleTargets:
    return SampleTargets(SampleType.THROUGH_THE_GATE, cases, targets, **extra)


@pytest.mark.parametrize(("percent", "cases", "expected"), [
    (67, 130, QuestionTarget(87, 130)),
    (48, 105, QuestionTarget(50, 105)),
    # 50 per cent cannot come from 33 cases (16 is 48, 17 is 52): one is not applicable.
    (50, 33, QuestionTarget(16, 32)),
    (0, 10, QuestionTarget(0, 10)),
    (100, 7, QuestionTarget(7, 7)),
])
def test_counts_for_percent_gives_the_largest_denominator_that_shows_the_percent(
    percent: int, cases: int, expected: QuestionTarget
) -> None:
    assert counts_for_percent(percent, cases) == expected
    assert percent_half_up(expected.yes, expected.relevant) == percent


@given(percent=st.integers(0, 100), cases=st.integers(1, 300))
@settings(max_examples=60, deadline=None)
def test_counts_for_percent_shows_the_percent_or_says_it_cannot(percent: int, cases: int) -> None:
    try:
        target = counts_for_percent(percent, cases)
    except GeneratorError:
        # From 100 cases on, yes = percent of 100 relevant always fits.
        assert cases < 100
        assert all(percent_half_up(yes, relevant) != percent
                   for relevant in range(1, cases + 1) for yes in range(relevant + 1))
        return
    assert target.relevant <= cases
    assert percent_half_up(target.yes, target.relevant) == percent


@st.composite
def supervision_targets(draw: st.DrawFn) -> SampleTargets:
    """Feasible case-supervision targets: relevant counts within the cases that apply."""
    cases = draw(st.integers(1, 40))
    rosh = draw(st.integers(0, cases))
    key_questions = {}
    for question_id in SUPERVISION_QUESTIONS:
        applicable = rosh if FRAMEWORK.key_question(question_id).relevance else cases
        relevant = draw(st.integers(0, applicable))
        key_questions[question_id] = QuestionTarget(draw(st.integers(0, relevant)), relevant)
    prompts = {}
    if draw(st.booleans()):
        # 2.3.1.p6 applies where appointments were missed (every case here).
        relevant = draw(st.integers(0, cases))
        prompts["2.3.1.p6"] = QuestionTarget(draw(st.integers(0, relevant)), relevant)
    return SampleTargets(
        SampleType.CASE_SUPERVISION, cases, key_questions, prompts,
        booleans=(BooleanAttribute("rosh_issues", rosh),
                  BooleanAttribute("missed_appointments", cases)),
    )


@given(targets=supervision_targets(), seed=st.integers(0, 2**32))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_for_feasible_targets_the_real_tallies_equal_the_targets(
    targets: SampleTargets, seed: int
) -> None:
    cases = generate(FRAMEWORK, targets, seed)
    tallies = tally_framework(FRAMEWORK, cases, targets.sample_type)
    for question_id, target in {**targets.key_questions, **targets.prompts}.items():
        assert (tallies[question_id].yes, tallies[question_id].relevant) == (
            target.yes, target.relevant)
    rosh = sum(1 for case in cases if case.attributes and case.attributes["rosh_issues"])
    assert rosh == targets.booleans[0].count


@given(seed=st.integers(0, 2**32))
@settings(max_examples=10, deadline=None)
def test_the_same_seed_gives_the_same_cases(seed: int) -> None:
    targets = ttg(20, {q: QuestionTarget(9, 18) for q in TTG_QUESTIONS})
    assert generate(FRAMEWORK, targets, seed) == generate(FRAMEWORK, targets, seed)


def test_another_seed_gives_other_cases_with_the_same_tallies() -> None:
    targets = ttg(20, {q: QuestionTarget(9, 18) for q in TTG_QUESTIONS})
    first, second = generate(FRAMEWORK, targets, 1), generate(FRAMEWORK, targets, 2)
    assert first != second
    sample = SampleType.THROUGH_THE_GATE
    one = tally_framework(FRAMEWORK, first, sample)
    other = tally_framework(FRAMEWORK, second, sample)
    assert [one[q] for q in TTG_QUESTIONS] == [other[q] for q in TTG_QUESTIONS]


def test_prompts_without_a_target_mostly_agree_with_their_key_question() -> None:
    targets = ttg(200, {q: QuestionTarget(100, 200) for q in TTG_QUESTIONS})
    cases = generate(FRAMEWORK, targets, 7)
    agree = total = 0
    for case in cases:
        for kq in FRAMEWORK.standard("4.2").key_questions:
            for prompt in kq.prompts:
                total += 1
                agree += case.answers[prompt.id] == case.answers[kq.id]
    assert 0.75 < agree / total < 0.95


def test_prompt_targets_prefer_cases_where_the_key_question_agrees() -> None:
    prompt = QuestionTarget(5, 10)
    targets = ttg(10, {q: QuestionTarget(5, 10) for q in TTG_QUESTIONS},
                  prompts={"4.2.1.p1": prompt})
    for case in generate(FRAMEWORK, targets, 3):
        assert case.answers["4.2.1.p1"] == case.answers["4.2.1"]


def test_key_questions_not_applicable_make_their_prompts_not_applicable() -> None:
    targets = ttg(10, {"4.2.1": QuestionTarget(2, 4), "4.2.2": QuestionTarget(1, 10),
                       "4.2.3": QuestionTarget(1, 10)})
    for case in generate(FRAMEWORK, targets, 3):
        if case.answers["4.2.1"] is Answer.NOT_APPLICABLE:
            assert case.answers["4.2.1.p1"] is Answer.NOT_APPLICABLE


def test_within_places_an_attribute_only_among_another_attributes_cases() -> None:
    targets = SampleTargets(
        SampleType.CASE_SUPERVISION, 30,
        {q: QuestionTarget(0, 0) for q in SUPERVISION_QUESTIONS},
        booleans=(BooleanAttribute("domestic_abuse", 5, within="rosh_issues"),
                  BooleanAttribute("rosh_issues", 8)),
        choices=(ChoiceAttribute("gender", {"male": 25, "female": 5}),),
    )
    cases = generate(FRAMEWORK, targets, 11)
    for case in cases:
        assert case.attributes is not None
        if case.attributes["domestic_abuse"]:
            assert case.attributes["rosh_issues"]
    assert sum(1 for c in cases if c.attributes and c.attributes["gender"] == "female") == 5


@pytest.mark.parametrize(("targets", "message"), [
    (ttg(5, {q: QuestionTarget(1, 6) for q in TTG_QUESTIONS}), "applies to only 5"),
    (ttg(5, {"4.2.1": QuestionTarget(1, 2)}), "no target for key question 4.2.2"),
    (ttg(5, {**{q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
             "2.1.1": QuestionTarget(1, 2)}), "2.1.1: not a key question"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         prompts={"2.1.1.p1": QuestionTarget(1, 2)}), "2.1.1.p1: not a prompt"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         booleans=(BooleanAttribute("nonsense", 1),)), "'nonsense' is not declared"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         booleans=(BooleanAttribute("victims", 9),)), "do not fit"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         booleans=(BooleanAttribute("victims", 1, within="rosh_issues"),)), "has no count"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         booleans=(BooleanAttribute("victims", 1, within="rosh_issues"),
                   BooleanAttribute("rosh_issues", 1, within="victims"))), "loop"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         choices=(ChoiceAttribute("gender", {"male": 2}),)), "add up to 5"),
    (ttg(5, {q: QuestionTarget(1, 2) for q in TTG_QUESTIONS},
         booleans=(BooleanAttribute("gender", 1),)), "not boolean"),
])
def test_infeasible_targets_are_refused_naming_the_target(
    targets: SampleTargets, message: str
) -> None:
    with pytest.raises(GeneratorError, match=message):
        generate(FRAMEWORK, targets, 1)


def test_a_yes_count_above_the_relevant_cases_is_refused() -> None:
    with pytest.raises(GeneratorError, match="within 0..3"):
        QuestionTarget(4, 3)
