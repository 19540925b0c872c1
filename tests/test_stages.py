"""The stage rules: the order, who moves an inspection on, what must be true first, and which
assessments are open for change at each stage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.access import PermissionRefused, Role, Stage
from probation_inspection.stages import (
    NEXT,
    NotReady,
    Progress,
    advance,
    assessment_open,
    next_move,
)

LEAD = Role.LEAD_INSPECTOR
DONE = Progress(drawn_samples=1, sampled_cases=4, queue_drawn=True)


def test_the_stages_follow_each_other_in_order() -> None:
    stages = list(Stage)
    assert [NEXT.get(stage) for stage in stages] == [*stages[1:], None]


def test_fieldwork_needs_a_drawn_sample() -> None:
    assert next_move(Stage.PLANNING, Progress()).needs == ("Draw at least one sample",)
    with pytest.raises(NotReady, match="before fieldwork: Draw at least one sample"):
        advance(LEAD, Stage.PLANNING, Progress())
    assert advance(LEAD, Stage.PLANNING, Progress(drawn_samples=1)) is Stage.FIELDWORK


def test_moderation_needs_every_sampled_case_submitted() -> None:
    assert next_move(Stage.FIELDWORK, Progress(drawn_samples=1)).needs == (
        "Draw a sample with cases to assess",)
    waiting = Progress(drawn_samples=1, sampled_cases=4, not_submitted=1)
    with pytest.raises(NotReady, match="1 sampled case not yet submitted"):
        advance(LEAD, Stage.FIELDWORK, waiting)
    assert advance(LEAD, Stage.FIELDWORK, DONE) is Stage.MODERATION


def test_rating_needs_the_queue_moderated_and_no_return_outstanding() -> None:
    move = next_move(Stage.MODERATION, Progress(awaiting_moderation=2, returned=1))
    assert move.needs == ("Draw the moderation queue", "2 queued assessments not yet moderated",
                          "1 returned assessment not yet resubmitted")
    assert not move.ready
    assert advance(LEAD, Stage.MODERATION, DONE) is Stage.RATING


def test_reporting_needs_every_standard_decided() -> None:
    undecided = Progress(undecided=("2.1 (not decided)",))
    assert next_move(Stage.RATING, undecided).needs == ("Decide standard 2.1 (not decided)",)
    assert advance(LEAD, Stage.RATING, Progress()) is Stage.REPORTING


def test_publication_belongs_to_the_report_and_published_is_the_end() -> None:
    move = next_move(Stage.REPORTING, DONE)
    assert move.target is Stage.PUBLISHED and move.by_report and not move.ready
    with pytest.raises(NotReady, match="published when its report is published"):
        advance(LEAD, Stage.REPORTING, DONE)
    assert next_move(Stage.PUBLISHED, DONE).target is None
    with pytest.raises(PermissionRefused):  # nobody may move a published inspection
        advance(LEAD, Stage.PUBLISHED, DONE)


@pytest.mark.parametrize("role", [role for role in Role if role is not LEAD])
@pytest.mark.parametrize("stage", list(Stage))
def test_only_the_lead_inspector_moves_the_inspection(role: Role, stage: Stage) -> None:
    with pytest.raises(PermissionRefused, match="advance-stage"):
        advance(role, stage, DONE)


def test_assessments_open_for_change() -> None:
    assert assessment_open("fieldwork", "draft")
    assert assessment_open("fieldwork", "returned")
    assert not assessment_open("fieldwork", "submitted")
    assert assessment_open("moderation", "returned")
    assert not assessment_open("moderation", "draft")
    for stage in ("planning", "rating", "reporting", "published"):
        assert not any(assessment_open(stage, s) for s in ("draft", "returned", "submitted"))


progress = st.builds(
    Progress, drawn_samples=st.integers(0, 3), sampled_cases=st.integers(0, 5),
    not_submitted=st.integers(0, 5), returned=st.integers(0, 3), queue_drawn=st.booleans(),
    awaiting_moderation=st.integers(0, 3),
    undecided=st.lists(st.sampled_from(["1.1", "2.1"]), max_size=2).map(tuple),
)


@given(stage=st.sampled_from(list(Stage)), facts=progress)
def test_advance_moves_exactly_when_the_move_is_ready(stage: Stage, facts: Progress) -> None:
    move = next_move(stage, facts)
    if stage is Stage.PUBLISHED:
        return
    if move.ready:
        assert advance(LEAD, stage, facts) is move.target
    else:
        with pytest.raises(NotReady):
            advance(LEAD, stage, facts)
