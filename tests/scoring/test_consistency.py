"""The submit-time warning: a key-question judgement that contradicts most of its prompts."""

from __future__ import annotations

from probation_inspection.scoring import Answer
from probation_inspection.scoring.consistency import contradicts_prompts

Y, N, NA, NR = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE, Answer.NOT_RELEVANT


def test_yes_against_mostly_no_prompts_is_a_contradiction() -> None:
    assert contradicts_prompts(Y, [N, N, Y])
    assert contradicts_prompts(N, [Y, Y, N])


def test_a_tie_or_a_majority_agreeing_is_not() -> None:
    assert not contradicts_prompts(Y, [N, Y])
    assert not contradicts_prompts(Y, [Y, Y, N])


def test_prompts_outside_the_relevant_cases_do_not_count() -> None:
    assert not contradicts_prompts(Y, [N, NA, NA, NR, Y])
    assert not contradicts_prompts(Y, [NA, NR])


def test_no_judgement_yet_never_warns() -> None:
    assert not contradicts_prompts(NA, [N, N, N])
