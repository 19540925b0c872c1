"""The moderation queue: share and minimum per inspector, flags, seeded and stable draws."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.moderation import (
    ModerationError,
    ModerationQueue,
    Reason,
    SelectionPolicy,
    Submission,
    select,
)


def submissions(inspector: str, count: int, start: int = 0,
                flagged: frozenset[int] = frozenset()) -> list[Submission]:
    return [Submission(f"{inspector}-{n}", inspector, n in flagged)
            for n in range(start, start + count)]


@pytest.mark.parametrize(("submitted", "drawn"), [
    (0, 0), (1, 1), (2, 2), (3, 2), (10, 2), (11, 3), (15, 3), (16, 4), (100, 20),
])
def test_default_policy_draws_one_in_five_and_at_least_two(submitted: int, drawn: int) -> None:
    assert SelectionPolicy().target(submitted) == drawn
    queue = select(submissions("ann", submitted), seed=7)
    assert len(queue.entries) == drawn
    assert {entry.reason for entry in queue.entries} <= {Reason.DRAWN}


def test_share_and_minimum_are_configurable_and_a_float_share_stays_exact() -> None:
    assert SelectionPolicy(share=0.2).share == Fraction(1, 5)
    assert SelectionPolicy(share=0.2).target(10) == 2
    assert SelectionPolicy(Fraction(1, 2), minimum=0).target(5) == 3
    assert SelectionPolicy(Fraction(1, 10), minimum=4).target(30) == 4


@pytest.mark.parametrize(("share", "minimum", "message"), [
    (Fraction(0), 2, "share must be above 0"),
    (Fraction(3, 2), 2, "at most 1"),
    (Fraction(1, 5), -1, "minimum per inspector"),
])
def test_bad_policies_are_refused(share: Fraction, minimum: int, message: str) -> None:
    with pytest.raises(ModerationError, match=message):
        SelectionPolicy(share, minimum)


def test_each_inspector_gets_their_own_share_and_flags_come_on_top() -> None:
    work = submissions("ann", 12, flagged=frozenset({3})) + submissions("bob", 3)
    queue = select(work, seed=1)
    ann = queue.for_inspector("ann")
    assert [e.reason for e in ann].count(Reason.FLAGGED) == 1
    assert [e.reason for e in ann].count(Reason.DRAWN) == 3  # ceil(12 / 5)
    assert "ann-3" in queue.ids()
    assert len(queue.for_inspector("bob")) == 2


def test_same_seed_same_queue_other_seed_other_queue() -> None:
    work = submissions("ann", 40)
    assert select(work, seed=5) == select(list(reversed(work)), seed=5)
    assert select(work, seed=5).ids() != select(work, seed=6).ids()


def test_later_submissions_keep_earlier_selections() -> None:
    first = select(submissions("ann", 10), seed=3)
    later = select(submissions("ann", 30), seed=3, queue=first)
    assert later.ids()[: len(first.entries)] == first.ids()
    assert len(later.entries) == 6
    flagged_later = select(submissions("ann", 31, flagged=frozenset({30})), seed=3, queue=later)
    # 31 submitted: the flag comes on top, and the share grows to ceil(31 / 5) = 7.
    assert flagged_later.ids()[: len(later.entries)] == later.ids()
    added = flagged_later.entries[len(later.entries):]
    assert [(e.assessment_id, e.reason) for e in added if e.reason is Reason.FLAGGED] == [
        ("ann-30", Reason.FLAGGED)]
    assert len(added) == 2


def test_the_stored_seed_and_policy_must_be_kept() -> None:
    queue = select(submissions("ann", 5), seed=3)
    with pytest.raises(ModerationError, match="seed 3, not 4"):
        select(submissions("ann", 6), seed=4, queue=queue)
    with pytest.raises(ModerationError, match="another policy"):
        select(submissions("ann", 6), seed=3, policy=SelectionPolicy(minimum=3), queue=queue)


def test_bad_submissions_are_refused() -> None:
    with pytest.raises(ModerationError, match="assessment ann-0 is submitted twice"):
        select(submissions("ann", 2) + submissions("ann", 1), seed=1)
    queue = select(submissions("ann", 2), seed=1)
    with pytest.raises(ModerationError, match="queued for ann, now submitted by bob"):
        select([Submission("ann-0", "bob")], seed=1, queue=queue)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31), batches=st.lists(st.integers(0, 12), min_size=1, max_size=4),
       flags=st.sets(st.integers(0, 40)))
def test_growing_submissions_only_ever_add(seed: int, batches: list[int],
                                           flags: set[int]) -> None:
    queue = ModerationQueue(seed)
    total = 0
    for batch in batches:
        total += batch
        work = submissions("ann", total, flagged=frozenset(flags))
        grown = select(work, seed, queue=queue)
        assert grown.entries[: len(queue.entries)] == queue.entries
        drawn = [e for e in grown.entries if e.reason is Reason.DRAWN]
        unflagged = sum(1 for s in work if not s.flagged)
        assert len(drawn) >= min(unflagged, SelectionPolicy().target(total))
        assert {s.assessment_id for s in work if s.flagged} <= set(grown.ids())
        assert len(set(grown.ids())) == len(grown.entries)
        queue = grown
