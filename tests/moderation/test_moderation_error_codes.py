"""Every moderation refusal carries its stable code and the input at fault (MO codes)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.moderation import (
    ErrorCode,
    IllegalTransition,
    InspectorAssessment,
    ModerationError,
    ModerationQueue,
    SelectionPolicy,
    Submission,
    record_moderation,
    select,
    transition,
)
from probation_inspection.scoring import Answer

Y, N, NR = Answer.YES, Answer.NO, Answer.NOT_RELEVANT
CASE = InspectorAssessment("a1", "ann", {"2.2.1": Y, "2.2.2": N, "2.2.3": NR}, {}, {})


def _moderate(**kwargs: Any) -> None:
    judgements = kwargs.pop("judgements", {"2.2.1": Y, "2.2.2": N})
    record_moderation(CASE, kwargs.pop("moderator", "quinn"), judgements, **kwargs)


@pytest.mark.parametrize(("kwargs", "code", "field", "key_question"), [
    ({"moderator": "ann"}, ErrorCode.MODERATOR_IS_ASSESSOR, "moderator", ""),
    ({"judgements": {"2.2.1": Y}}, ErrorCode.JUDGEMENT_MISSING, "judgement", "2.2.2"),
    ({"judgements": {"2.2.1": Y, "2.2.2": N, "2.2.3": N}}, ErrorCode.NOT_MODERATED_HERE,
     "judgement", "2.2.3"),
    ({"judgements": {"2.2.1": NR, "2.2.2": N}}, ErrorCode.INVALID_JUDGEMENT, "judgement",
     "2.2.1"),
    ({"return_to_inspector": True, "comment": "Why?"}, ErrorCode.RETURN_WITHOUT_DISAGREEMENT,
     "return", ""),
    ({"judgements": {"2.2.1": N, "2.2.2": N}, "return_to_inspector": True, "comment": " "},
     ErrorCode.RETURN_WITHOUT_COMMENT, "comment", ""),
])
def test_a_refused_moderation_names_its_code_and_field(
    kwargs: dict[str, Any], code: ErrorCode, field: str, key_question: str
) -> None:
    with pytest.raises(ModerationError) as error:
        _moderate(**kwargs)
    assert (error.value.code, error.value.field, error.value.key_question) == (
        code, field, key_question)


def test_a_bad_policy_names_its_code_and_field() -> None:
    with pytest.raises(ModerationError) as share:
        SelectionPolicy(Fraction(0))
    assert (share.value.code, share.value.field) == (ErrorCode.INVALID_SHARE, "share")
    with pytest.raises(ModerationError) as minimum:
        SelectionPolicy(minimum=-1)
    assert (minimum.value.code, minimum.value.field) == (ErrorCode.INVALID_MINIMUM, "minimum")


def test_a_queue_kept_wrongly_names_its_code_and_field() -> None:
    ann = [Submission("a1", "ann"), Submission("a2", "ann")]
    queue = select(ann, seed=7)
    with pytest.raises(ModerationError) as seed:
        select(ann, seed=8, queue=queue)
    assert (seed.value.code, seed.value.field) == (ErrorCode.SEED_CHANGED, "seed")
    with pytest.raises(ModerationError) as policy:
        select(ann, seed=7, policy=SelectionPolicy(minimum=5), queue=queue)
    assert (policy.value.code, policy.value.field) == (ErrorCode.POLICY_CHANGED, "policy")
    with pytest.raises(ModerationError) as twice:
        select([*ann, Submission("a1", "ann")], seed=7)
    assert (twice.value.code, twice.value.field) == (ErrorCode.SUBMITTED_TWICE, "submissions")
    with pytest.raises(ModerationError) as moved:
        select([Submission("a1", "bob"), Submission("a2", "ann")], seed=7, queue=queue)
    assert (moved.value.code, moved.value.field) == (ErrorCode.INSPECTOR_CHANGED,
                                                     "submissions")
    assert isinstance(queue, ModerationQueue)


@pytest.mark.parametrize(("move", "code", "field"), [
    (("draft", "moderated", "quality-assurance", "fieldwork", False),
     ErrorCode.NO_SUCH_TRANSITION, "status"),
    (("submitted", "moderated", "inspector", "fieldwork", False),
     ErrorCode.TRANSITION_REFUSED, "role"),
    (("submitted", "returned", "quality-assurance", "fieldwork", False),
     ErrorCode.TRANSITION_NEEDS_COMMENT, "comment"),
])
def test_a_refused_status_change_names_its_code_and_field(
    move: tuple[str, str, str, str, bool], code: ErrorCode, field: str
) -> None:
    current, target, role, stage, is_assessor = move
    with pytest.raises(IllegalTransition) as error:
        transition(current, target, role, stage, is_assessor=is_assessor)
    assert (error.value.code, error.value.field) == (code, field)


def test_codes_are_numbered_once_and_documented() -> None:
    numbers = [code.number for code in ErrorCode]
    assert len(set(numbers)) == len(numbers)
    guide = Path(__file__).parents[2] / "docs" / "framework-authoring.md"
    text = guide.read_text(encoding="utf-8")
    for code in ErrorCode:
        assert f"| `{code.value}` |" in text, code
