"""Sample size: the issue's known points, and properties over every population."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.sampling import sample_size, z_score


def test_z_for_80_per_cent_is_the_two_sided_quantile() -> None:
    assert z_score(0.8) == pytest.approx(1.2816, abs=1e-4)


@pytest.mark.parametrize(
    ("population", "expected"),
    [(1000, 142), (None, 165), (10**9, 165), (620, 131), (100, 63), (1, 1), (0, 0), (50, 39)],
)
def test_known_points_at_80_per_cent_and_5_points(population: int | None, expected: int) -> None:
    assert sample_size(population) == expected


def test_other_confidence_and_margin() -> None:
    # 95 per cent, 5 points: the textbook 385 for an unlimited population.
    assert sample_size(None, confidence=0.95, margin=5) == 385
    assert sample_size(1000, confidence=0.95, margin=5) == 278


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"population": -1}, "negative"),
        ({"population": 10, "confidence": 80}, "between 0 and 1"),
        ({"population": 10, "margin": 0}, "margin"),
        ({"population": 10, "proportion": 1.0}, "proportion"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sample_size(**kwargs)  # type: ignore[arg-type]


confidences = st.floats(min_value=0.5, max_value=0.99)
margins = st.floats(min_value=1, max_value=20)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**6), confidences, margins)
def test_never_above_the_population(population: int, confidence: float, margin: float) -> None:
    assert 0 <= sample_size(population, confidence, margin) <= population


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**4),
       confidences, margins)
def test_monotone_in_population(
    population: int, extra: int, confidence: float, margin: float
) -> None:
    smaller = sample_size(population, confidence, margin)
    assert smaller <= sample_size(population + extra, confidence, margin)
    assert sample_size(population + extra, confidence, margin) <= sample_size(
        None, confidence, margin
    )


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**6))
def test_at_least_the_exact_value_and_under_one_case_more(population: int) -> None:
    z = z_score(0.8)
    n0 = z * z * 0.25 / 0.0025
    exact = min(population, n0 / (1 + (n0 - 1) / population))
    assert exact - 1e-6 <= sample_size(population) < exact + 1


def test_the_normal_quantile_is_scipys() -> None:
    # The standard library's quantile in place of scipy's (decision 11): the same to 1e-15,
    # and no sample size differs.
    from scipy.special import ndtri

    for step in range(1, 1000):
        confidence = step / 1000
        assert z_score(confidence) == pytest.approx(
            float(ndtri(1 - (1 - confidence) / 2)), rel=1e-14, abs=1e-14)
    for confidence in (0.8, 0.9, 0.95, 0.99):
        z = float(ndtri(1 - (1 - confidence) / 2))
        for margin in (3.0, 5.0, 7.5, 10.0):
            n0 = z * z * 0.25 / (margin / 100) ** 2
            for population in range(0, 20_001, 7):
                expected = 0 if population == 0 else min(
                    population, math.ceil(n0 / (1 + (n0 - 1) / population) - 1e-9))
                assert sample_size(population, confidence, margin) == expected
