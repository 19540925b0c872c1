"""The stage rules: the order, who moves an inspection on, what must be true first, and which
assessments are open for change at each stage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.access import PermissionRefused, Role, Stage
from probation_inspection.framework.library import load_framework
from probation_inspection.framework.model import Framework
from probation_inspection.stages import (
    NEXT,
    Check,
    NotReady,
    Progress,
    advance,
    assessment_open,
    checklist,
    next_move,
    reopen,
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


# The readiness checklist (issue 13): what rating and the report will need, from the framework.

def _framework() -> Framework:
    return load_framework("hmip-crc-2018", "2018.1")


def _open(checks: tuple[Check, ...]) -> list[str]:
    return [check.text for check in checks if not check.done]


def test_planning_checklist_foresees_every_sample_type_and_the_evidence() -> None:
    checks = checklist(Stage.PLANNING, _framework(),
                       Progress(drawn_samples=1, drawn_sample_types=frozenset({"case-supervision"}),
                                unassigned={"case-supervision": 3}))
    assert [c.text for c in checks if c.blocks] == []
    assert _open(checks) == [
        "Every case supervision case assigned before fieldwork: 3 cases not yet assigned",
        "A drawn unpaid work sample: standard 4.1 is rated from its cases",
        "A drawn Through the Gate sample: standard 4.2 is rated from its cases",
        "Domain-one evidence to cite: standards 1.1, 1.2, 1.3, 1.4 are rated by judgement "
        "citing it",
    ]
    fixes = {check.text: check.fix for check in checks}
    assert fixes["A drawn unpaid work sample: standard 4.1 is rated from its cases"] == (
        "draw", "unpaid-work")
    done = next(c for c in checks if c.text.startswith("A drawn case supervision sample"))
    assert done.done and done.fix == ("draw", "case-supervision")


def test_a_checklist_with_nothing_missing_has_nothing_open() -> None:
    every = frozenset({"case-supervision", "unpaid-work", "through-the-gate"})
    framework = _framework()
    relevant = {question.id: 2 for question in framework.key_questions()}
    checks = checklist(Stage.MODERATION, framework,
                       Progress(drawn_samples=3, queue_drawn=True, drawn_sample_types=every,
                                evidence_items=1, relevant_cases=relevant))
    assert checks and _open(checks) == []


def test_a_key_question_with_no_relevant_case_is_named_before_rating() -> None:
    framework = _framework()
    relevant = {question.id: 2 for question in framework.key_questions()} | {"4.1.3": 0}
    checks = checklist(Stage.MODERATION, framework, Progress(queue_drawn=True,
                                                             relevant_cases=relevant))
    missing = [c for c in checks if c.text.startswith("A relevant case") and not c.done]
    assert [(c.text, c.fix) for c in missing] == [
        ("A relevant case for key question 4.1.3 (standard 4.1): 0 so far",
         ("results", "unpaid-work"))]


def test_blocking_needs_lead_the_checklist_and_reporting_looks_no_further() -> None:
    checks = checklist(Stage.FIELDWORK, _framework(),
                       Progress(drawn_samples=1, sampled_cases=4, not_submitted=2))
    assert checks[0] == Check("2 sampled cases not yet submitted", False, True,
                              ("assessments", ""))
    assert checklist(Stage.REPORTING, _framework(), Progress()) == ()
    assert checklist(Stage.RATING, _framework(), Progress(undecided=("2.1 (not decided)",)))[
        0].text == "Decide standard 2.1 (not decided)"


def test_a_lead_reopens_the_stage_before_with_a_reason() -> None:
    assert reopen(LEAD, Stage.FIELDWORK, "Unpaid work sample still to draw") is Stage.PLANNING
    assert reopen(LEAD, Stage.RATING, "Moderation missed a case") is Stage.MODERATION
    assert reopen(LEAD, Stage.REPORTING, "Standard 2.1 needs deciding again") is Stage.RATING
    with pytest.raises(NotReady, match="say why the inspection goes back to planning"):
        reopen(LEAD, Stage.FIELDWORK, "   ")
    with pytest.raises(NotReady, match="there is no earlier stage"):
        reopen(LEAD, Stage.PLANNING, "why not")
    with pytest.raises(NotReady, match="publish a new version of its report"):
        reopen(LEAD, Stage.PUBLISHED, "a typo")
    with pytest.raises(PermissionRefused):
        reopen(Role.INSPECTOR, Stage.FIELDWORK, "I want more time")
