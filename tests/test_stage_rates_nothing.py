"""Issue 12: a framework that rates nothing (a thematic inspection's) passes through the rating
stage: nothing to decide, nothing to wait for, and the checklist says why."""

from __future__ import annotations

import pytest

from probation_inspection.access import Role, Stage
from probation_inspection.framework.library import available_frameworks, load_framework
from probation_inspection.framework.model import Framework
from probation_inspection.stages import RATES_NOTHING, Progress, advance, checklist

DONE = Progress(drawn_samples=1, sampled_cases=4, queue_drawn=True)


@pytest.fixture(scope="module")
def unrated() -> Framework:
    item = next(item for item in available_frameworks() if not item.rated)
    return load_framework(item.id, item.version)


@pytest.mark.parametrize("stage", [Stage.PLANNING, Stage.FIELDWORK, Stage.MODERATION,
                                   Stage.RATING])
def test_the_checklist_says_the_framework_rates_nothing(unrated: Framework,
                                                        stage: Stage) -> None:
    checks = checklist(stage, unrated, DONE)
    # Only the stage's own needs (none here) and the one line saying why nothing is rated:
    # no sample, evidence or relevant-case warning looks ahead to a rating.
    assert [(c.text, c.done, c.blocks) for c in checks] == [(RATES_NOTHING, True, False)]
    assert RATES_NOTHING.startswith("This framework rates nothing: ")


def test_the_rating_stage_moves_on_with_nothing_decided(unrated: Framework) -> None:
    assert advance(Role.LEAD_INSPECTOR, Stage.RATING, DONE) is Stage.REPORTING
    assert not [c for c in checklist(Stage.RATING, unrated, DONE) if c.blocks]


def test_a_rated_framework_never_says_so() -> None:
    rated = next(item for item in available_frameworks() if item.rated)
    framework = load_framework(rated.id, rated.version)
    for stage in (Stage.PLANNING, Stage.RATING):
        assert RATES_NOTHING not in [c.text for c in checklist(stage, framework, DONE)]
