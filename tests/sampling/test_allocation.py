"""Largest-remainder allocation: sums to n, within one case of each exact share."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.sampling import Field, Stratum, allocate, strata_fields
from sample_ids import SampleType


def stratum(*values: str) -> Stratum:
    return Stratum(tuple(zip((Field.GENDER, Field.DISPOSAL, Field.ROSH), values, strict=False)))


def test_hamilton_gives_left_over_cases_to_the_largest_remainders() -> None:
    # Exact shares of 4 from 5/3/2 of 10 are 2.0, 1.2 and 0.8: whole parts 2, 1, 0 and the
    # one case left over goes to the largest remainder (0.8), not to the largest stratum.
    a, b, c = stratum("male"), stratum("female"), stratum("not recorded")
    assert allocate({a: 5, b: 3, c: 2}, 4) == {a: 2, b: 1, c: 1}
    assert allocate({a: 5, b: 3, c: 2}, 10) == {a: 5, b: 3, c: 2}
    assert allocate({a: 5, b: 3, c: 2}, 0) == {a: 0, b: 0, c: 0}


def test_ties_go_to_the_larger_stratum_then_stratum_order() -> None:
    low, high = stratum("male", "licence", "low"), stratum("male", "licence", "high")
    assert allocate({high: 1, low: 1}, 1) == {low: 1, high: 0}
    big, small = stratum("male"), stratum("female")
    assert allocate({small: 2, big: 6}, 1) == {big: 1, small: 0}


def test_refuses_more_cases_than_the_population() -> None:
    with pytest.raises(ValueError, match="cannot allocate 5"):
        allocate({stratum("male"): 4}, 5)


def test_strata_per_sample_type() -> None:
    assert strata_fields(SampleType.CASE_SUPERVISION) == (Field.GENDER, Field.DISPOSAL, Field.ROSH)
    assert strata_fields(SampleType.UNPAID_WORK) == (Field.GENDER, Field.ROSH)
    assert strata_fields(SampleType.THROUGH_THE_GATE) == ()
    assert strata_fields(SampleType.UNPAID_WORK, spread_delivery_units=True) == (
        Field.DELIVERY_UNIT, Field.GENDER, Field.ROSH,
    )


populations = st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=40)


@settings(deadline=None)
@given(populations, st.data())
def test_sums_to_n_and_each_stratum_is_within_one_case(
    counts: list[int], data: st.DataObject
) -> None:
    strata = {Stratum(((Field.DELIVERY_UNIT, f"unit {i:02d}"),)): c for i, c in enumerate(counts)}
    total = sum(counts)
    size = data.draw(st.integers(min_value=0, max_value=total))
    allocation = allocate(strata, size)
    assert sum(allocation.values()) == size
    for key, count in strata.items():
        exact = size * count / total if total else 0
        assert abs(allocation[key] - exact) < 1
        assert 0 <= allocation[key] <= count
