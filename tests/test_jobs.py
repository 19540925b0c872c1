"""The life of a background job: which state may follow which, and what progress reads as."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.access import Role, Stage, can_see_job
from probation_inspection.jobs import FINISHED, MOVES, JobMoveRefused, JobState, Progress, move


def test_a_job_goes_queued_running_then_done_or_failed() -> None:
    assert move("queued", "running") is JobState.RUNNING
    assert move(JobState.RUNNING, JobState.DONE) is JobState.DONE
    assert move(JobState.RUNNING, JobState.FAILED) is JobState.FAILED
    # A job that cannot start (its work is gone) fails from the queue.
    assert move(JobState.QUEUED, JobState.FAILED) is JobState.FAILED
    # A retried run starts again.
    assert move(JobState.RUNNING, JobState.RUNNING) is JobState.RUNNING


@pytest.mark.parametrize("current,wanted", [
    ("queued", "done"), ("queued", "queued"), ("running", "queued"),
    # Sorted: FINISHED is a set, and xdist's workers must collect the same tests in one order.
    *((finished.value, state.value) for finished in sorted(FINISHED) for state in JobState),
])
def test_every_other_move_is_refused_with_its_code(current: str, wanted: str) -> None:
    with pytest.raises(JobMoveRefused) as refused:
        move(current, wanted)
    assert refused.value.code == "JB1" and refused.value.field == "state"
    assert f"a {current} job cannot become {wanted}" in str(refused.value)


def test_finished_states_are_final() -> None:
    assert all(not MOVES[state] for state in FINISHED)


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_progress_percent_is_whole_and_never_over_100(done: int, total: int) -> None:
    percent = Progress(done, total).percent
    if total == 0:
        assert percent is None
    else:
        assert percent is not None and 0 <= percent <= 100
        assert percent == min(100, 100 * done // total)


def test_progress_in_words() -> None:
    assert Progress().words() == "Waiting to start"
    assert Progress(2, 3, "Laying out the PDF").words() == "Laying out the PDF: 2 of 3"
    assert Progress(0, 0, "Reading").words() == "Reading"
    with pytest.raises(ValueError):
        Progress(-1, 3)


def test_who_sees_a_job() -> None:
    published = Stage.PUBLISHED
    # The starter, while on the team; the lead always; nobody else on the team.
    assert can_see_job(Role.INSPECTOR, published, started_it=True)
    assert can_see_job(Role.LEAD_INSPECTOR, published, started_it=False)
    assert can_see_job(Role.LEAD_INSPECTOR, Stage.PLANNING, started_it=False)
    for role in (Role.INSPECTOR, Role.QUALITY_ASSURANCE, Role.DATA_TEAM, Role.PROVIDER_READER):
        assert not can_see_job(role, published, started_it=False)
    # Off the team (no role), not even one's own.
    assert not can_see_job(None, published, started_it=True)
    # A job on no inspection is its starter's alone.
    assert can_see_job(None, None, started_it=True)
    assert not can_see_job(None, None, started_it=False)
