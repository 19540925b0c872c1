"""The factual-accuracy answers' rules (issue 13): what an answer needs, and that sign-off
waits for an answer to every comment. No database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.access import Action, Role, Stage, can_on_report
from probation_inspection.reporting.workflow import (
    Answer,
    ErrorCode,
    State,
    WorkflowError,
    check_answer,
    check_move,
)


@pytest.mark.parametrize("answer", [Answer.ACCEPTED, Answer.CHANGED])
def test_accepted_or_changed_needs_no_reason(answer: Answer) -> None:
    assert check_answer(answer.value, "  ") == (answer, "")


def test_not_accepted_needs_a_reason() -> None:
    with pytest.raises(WorkflowError) as refused:
        check_answer("not-accepted", " \n ")
    assert refused.value.code is ErrorCode.REASON_MISSING and refused.value.field == "reason"
    assert check_answer("not-accepted", " The figure is the provider's own. ") == (
        Answer.NOT_ACCEPTED, "The figure is the provider's own.")


def test_an_unknown_answer_is_refused_with_its_field() -> None:
    with pytest.raises(WorkflowError) as refused:
        check_answer("maybe", "")
    assert refused.value.code is ErrorCode.ANSWER_UNKNOWN and refused.value.field == "answer"


@given(st.integers(min_value=1, max_value=10_000))
def test_sign_off_waits_for_every_answer(unanswered: int) -> None:
    with pytest.raises(WorkflowError) as refused:
        check_move(State.FACTUAL_ACCURACY_CHECK, unanswered)
    assert refused.value.code is ErrorCode.COMMENTS_UNANSWERED
    assert str(unanswered) in str(refused.value)


@given(st.integers(min_value=0, max_value=10_000))
def test_other_moves_do_not_wait_for_answers(unanswered: int) -> None:
    assert check_move(State.DRAFT, unanswered) is State.FACTUAL_ACCURACY_CHECK
    assert check_move(State.SIGNED_OFF, unanswered) is State.PUBLISHED
    assert check_move(State.PUBLISHED, unanswered) is None


def test_answered_check_signs_off() -> None:
    assert check_move(State.FACTUAL_ACCURACY_CHECK, 0) is State.SIGNED_OFF


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(State))
def test_only_the_lead_answers_and_only_during_the_check(role: Role, state: State) -> None:
    allowed = can_on_report(role, Action.ANSWER_REPORT_COMMENT, Stage.REPORTING, state)
    assert allowed == (role is Role.LEAD_INSPECTOR and state is State.FACTUAL_ACCURACY_CHECK)
