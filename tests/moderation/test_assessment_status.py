"""The assessment status machine: legal moves, who may make them, and the refusals."""

from __future__ import annotations

import pytest

from probation_inspection.access import Role, Stage
from probation_inspection.moderation import (
    TRANSITIONS,
    AssessmentStatus,
    IllegalTransition,
    allowed_from,
    counts,
    transition,
)

D, S, R, M = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED,
              AssessmentStatus.MODERATED)
FIELDWORK = Stage.FIELDWORK


def test_the_legal_moves() -> None:
    assert set(TRANSITIONS) == {(D, S), (R, S), (S, R), (S, M)}
    assert allowed_from(M) == []


def test_the_round_trip_of_a_returned_assessment() -> None:
    status = transition(D, S, Role.INSPECTOR, FIELDWORK, is_assessor=True)
    status = transition(status, R, Role.QUALITY_ASSURANCE, Stage.MODERATION,
                        is_assessor=False, comment="2.2.3: contingency plan missing")
    status = transition(status, S, Role.INSPECTOR, Stage.MODERATION, is_assessor=True)
    assert transition(status, M, Role.QUALITY_ASSURANCE, Stage.MODERATION,
                      is_assessor=False) is M


@pytest.mark.parametrize(("source", "target"), [
    (source, target) for source in AssessmentStatus for target in AssessmentStatus
    if (source, target) not in TRANSITIONS
])
def test_every_other_move_is_illegal_for_everyone(source: AssessmentStatus,
                                                  target: AssessmentStatus) -> None:
    for role in Role:
        for is_assessor in (False, True):
            with pytest.raises(IllegalTransition, match=f"that is {source.value} cannot become"):
                transition(source, target, role, FIELDWORK, is_assessor=is_assessor,
                           comment="x")


def test_the_message_lists_the_allowed_moves() -> None:
    with pytest.raises(IllegalTransition, match=r"from draft: submitted\)"):
        transition("draft", "moderated", Role.QUALITY_ASSURANCE, FIELDWORK, is_assessor=False)


def test_only_the_assessor_submits() -> None:
    with pytest.raises(IllegalTransition, match="for its own assessor; refused to inspector"):
        transition(D, S, Role.INSPECTOR, FIELDWORK, is_assessor=False)
    with pytest.raises(IllegalTransition, match="refused to data-team"):
        transition(D, S, Role.DATA_TEAM, FIELDWORK, is_assessor=True)


def test_only_a_qa_inspector_who_did_not_assess_moderates_or_returns() -> None:
    for target in (R, M):
        with pytest.raises(IllegalTransition, match="quality-assurance inspector who did not"):
            transition(S, target, Role.LEAD_INSPECTOR, FIELDWORK, is_assessor=False,
                       comment="x")
        with pytest.raises(IllegalTransition, match=r"\(its assessor\)"):
            transition(S, target, Role.QUALITY_ASSURANCE, FIELDWORK, is_assessor=True,
                       comment="x")


def test_not_outside_casework_stages() -> None:
    with pytest.raises(IllegalTransition, match="at rating"):
        transition(S, M, Role.QUALITY_ASSURANCE, Stage.RATING, is_assessor=False)


def test_a_return_needs_a_comment() -> None:
    with pytest.raises(IllegalTransition, match="needs a comment"):
        transition(S, R, Role.QUALITY_ASSURANCE, FIELDWORK, is_assessor=False, comment="  ")


@pytest.mark.parametrize(("status", "in_sample", "expected"), [
    (S, True, True),
    (M, True, True),
    # Returned: QA said it needs revising; it counts again once resubmitted.
    (R, True, False),
    (D, True, False),
    # Substituted out after submission or moderation: the case left the sample.
    (S, False, False),
    (M, False, False),
    ("submitted", True, True),
])
def test_which_assessments_count(status: AssessmentStatus | str, in_sample: bool,
                                 expected: bool) -> None:
    assert counts(status, in_sample=in_sample) is expected


def test_an_unknown_status_is_refused_not_counted_as_nothing() -> None:
    with pytest.raises(ValueError, match="withdrawn"):
        counts("withdrawn", in_sample=True)
