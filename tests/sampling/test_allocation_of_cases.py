"""Sharing sampled cases among inspectors: balanced, by delivery unit, never across a
declared conflict, the same for the same seed."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.sampling.allocation import CaseToAssign, allocate_cases
from probation_inspection.sampling.draw import redraw_refusal


def cases(**units: int) -> list[CaseToAssign]:
    return [CaseToAssign(f"{unit}-{index:03}", unit) for unit, count in units.items()
            for index in range(count)]


def test_134_cases_among_four_inspectors_differ_by_at_most_one() -> None:
    result = allocate_cases(cases(north=50, south=44, east=40), ["ann", "bob", "cat", "dan"],
                            seed=7)
    assert sorted(Counter(result.assignments.values()).values()) == [33, 33, 34, 34]
    assert result.unallocated == ()


def test_a_units_cases_stay_with_as_few_inspectors_as_balance_allows() -> None:
    result = allocate_cases(cases(north=6, south=6), ["ann", "bob"], seed=1)
    holders = {unit: {result.assignments[c.reference] for c in cases(north=6, south=6)
                      if c.delivery_unit == unit} for unit in ("north", "south")}
    assert all(len(people) == 1 for people in holders.values())
    spread = allocate_cases(cases(north=6, south=6), ["ann", "bob"], seed=1,
                            keep_units_together=False)
    assert Counter(spread.assignments.values()) == {"ann": 6, "bob": 6}


def test_a_conflict_is_never_crossed_even_over_quota() -> None:
    result = allocate_cases(cases(north=8, south=2), ["ann", "bob"], seed=3,
                            conflicts={"ann": frozenset({"north"})})
    assert all(result.assignments[c.reference] == "bob"
               for c in cases(north=8) if c.delivery_unit == "north")
    assert Counter(result.assignments.values()) == {"bob": 8, "ann": 2}


def test_a_unit_every_inspector_conflicts_with_is_left_unallocated() -> None:
    result = allocate_cases(cases(north=2, south=1), ["ann"], seed=3,
                            conflicts={"ann": frozenset({"north"})})
    assert result.unallocated == ("north-000", "north-001")
    assert result.assignments == {"south-000": "ann"}


def test_cases_already_assigned_count_towards_the_balance() -> None:
    result = allocate_cases(cases(north=4), ["ann", "bob"], seed=0, existing={"ann": 3})
    assert result.loads == {"ann": 4, "bob": 3}


def test_no_inspectors_leaves_every_case_unallocated() -> None:
    assert allocate_cases(cases(north=2), [], seed=0).unallocated == ("north-000", "north-001")


def test_redraw_is_refused_once_fieldwork_starts_or_work_began() -> None:
    assert redraw_refusal(fieldwork_started=False, assessments=0) is None
    assert "fieldwork has started" in str(redraw_refusal(fieldwork_started=True, assessments=0))
    assert "1 case has" in str(redraw_refusal(fieldwork_started=False, assessments=1))


UNITS = st.sampled_from(["north", "south", "east", "west", ""])
CASES = st.lists(st.builds(CaseToAssign, st.text("abcdef0123", min_size=1, max_size=6), UNITS),
                 max_size=60, unique_by=lambda case: case.reference)
PEOPLE = st.lists(st.sampled_from(["ann", "bob", "cat", "dan", "eve"]), min_size=1,
                  max_size=5, unique=True)


@settings(max_examples=200, deadline=None)
@given(CASES, PEOPLE, st.integers(0, 2**31), st.booleans())
def test_without_conflicts_every_case_goes_and_totals_differ_by_at_most_one(
        to_assign: list[CaseToAssign], people: list[str], seed: int, together: bool) -> None:
    result = allocate_cases(to_assign, people, seed=seed, keep_units_together=together)
    assert set(result.assignments) == {case.reference for case in to_assign}
    totals = Counter({person: 0 for person in people}) + Counter(result.assignments.values())
    counts = [totals[person] for person in people]
    assert max(counts) - min(counts) <= 1


@settings(max_examples=200, deadline=None)
@given(CASES, PEOPLE, st.dictionaries(st.sampled_from(["ann", "bob", "cat", "dan", "eve"]),
                                      st.frozensets(UNITS, max_size=3)),
       st.integers(0, 2**31), st.booleans())
def test_conflicts_are_never_crossed_and_nothing_is_lost(
        to_assign: list[CaseToAssign], people: list[str],
        conflicts: dict[str, frozenset[str]], seed: int, together: bool) -> None:
    result = allocate_cases(to_assign, people, seed=seed, conflicts=conflicts,
                            keep_units_together=together)
    unit = {case.reference: case.delivery_unit for case in to_assign}
    for reference, person in result.assignments.items():
        assert person in people
        assert unit[reference] not in conflicts.get(person, frozenset())
    assert set(result.assignments) | set(result.unallocated) == set(unit)
    assert not set(result.assignments) & set(result.unallocated)
    for reference in result.unallocated:
        assert all(unit[reference] in conflicts.get(person, frozenset()) for person in people)


@settings(max_examples=100, deadline=None)
@given(CASES, PEOPLE, st.integers(0, 2**31), st.randoms(use_true_random=False))
def test_the_same_seed_gives_the_same_allocation_in_any_input_order(
        to_assign: list[CaseToAssign], people: list[str], seed: int, shuffler: object) -> None:
    first = allocate_cases(to_assign, people, seed=seed)
    shuffled_cases, shuffled_people = list(to_assign), list(people)
    shuffler.shuffle(shuffled_cases)  # type: ignore[attr-defined]
    shuffler.shuffle(shuffled_people)  # type: ignore[attr-defined]
    assert allocate_cases(shuffled_cases, shuffled_people, seed=seed) == first
