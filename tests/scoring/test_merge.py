"""Unit and property tests for the three-way merge of an assessment's fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.scoring.merge import FieldConflict, merge


def test_my_change_to_a_field_they_left_alone_is_taken() -> None:
    result = merge({"q1": "", "q2": ""}, {"q1": "", "q2": "yes"}, {"q1": "no", "q2": ""})
    assert result.values == {"q1": "no", "q2": "yes"}
    assert result.clean


def test_both_changing_a_field_differently_is_a_conflict_and_theirs_stands() -> None:
    result = merge({"q1": ""}, {"q1": "yes"}, {"q1": "no"})
    assert result.values == {"q1": "yes"}
    assert result.conflicts == (FieldConflict("q1", "", "yes", "no"),)
    assert not result.clean


def test_both_making_the_same_change_is_no_conflict() -> None:
    assert merge({"q1": ""}, {"q1": "yes"}, {"q1": "yes"}).clean


def test_a_field_missing_from_a_side_is_never_set_there() -> None:
    result = merge({}, {"note": "theirs"}, {"note": "mine"})
    assert result.conflicts == (FieldConflict("note", None, "theirs", "mine"),)
    assert merge({}, {}, {"note": "mine"}).values == {"note": "mine"}


def test_conflicts_follow_the_order_of_the_stored_fields() -> None:
    result = merge({"a": 0, "b": 0}, {"b": 1, "a": 1}, {"a": 2, "b": 2})
    assert [conflict.key for conflict in result.conflicts] == ["b", "a"]


VALUES = st.sampled_from(["", "yes", "no", "not-applicable"])
KEYS = st.sampled_from(["q1", "q2", "q3", "q4", "q5"])
FIELDS = st.dictionaries(KEYS, VALUES)


@given(FIELDS, FIELDS)
def test_when_i_changed_nothing_the_stored_values_stand(base: dict[str, str],
                                                       stored: dict[str, str]) -> None:
    result = merge(base, stored, base)
    assert result.clean
    assert {k: v for k, v in result.values.items() if v is not None} == stored


@given(FIELDS, FIELDS)
def test_when_they_changed_nothing_my_values_are_taken(base: dict[str, str],
                                                      mine: dict[str, str]) -> None:
    result = merge(base, base, mine)
    assert result.clean
    assert {k: v for k, v in result.values.items() if v is not None} == mine


@given(FIELDS, FIELDS, FIELDS)
def test_every_field_is_theirs_mine_or_a_conflict(base: dict[str, str], stored: dict[str, str],
                                                  mine: dict[str, str]) -> None:
    result = merge(base, stored, mine)
    conflicted = {conflict.key for conflict in result.conflicts}
    for key in {*base, *stored, *mine}:
        was, theirs, ours = base.get(key), stored.get(key), mine.get(key)
        if key in conflicted:
            # Only where both sides moved, to different values; theirs stands meanwhile.
            assert was != theirs and was != ours and theirs != ours
            assert result.values[key] == theirs
        else:
            # Nobody's change is lost: a side that moved from the base wins the field.
            assert result.values[key] == (ours if ours != was else theirs)


@given(FIELDS, FIELDS, FIELDS)
def test_the_merge_is_symmetric_up_to_who_is_stored(base: dict[str, str],
                                                    stored: dict[str, str],
                                                    mine: dict[str, str]) -> None:
    ours, theirs = merge(base, stored, mine), merge(base, mine, stored)
    assert ({c.key for c in ours.conflicts} == {c.key for c in theirs.conflicts})
    clean = set(ours.values) - {c.key for c in ours.conflicts}
    assert all(ours.values[key] == theirs.values[key] for key in clean)


@given(FIELDS, FIELDS, FIELDS)
def test_merging_the_result_again_changes_nothing(base: dict[str, str], stored: dict[str, str],
                                                  mine: dict[str, str]) -> None:
    result = merge(base, stored, mine)
    again = merge(stored, result.values, mine)
    # Saving the same form again from the merged state: only the open conflicts remain open.
    assert {c.key for c in again.conflicts} <= {c.key for c in result.conflicts}
