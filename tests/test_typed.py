"""The grammar of typed text and numbers (`probation_inspection.typed`), which web forms and
framework case attributes share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.typed import NumberError, decimal_number, refused_text, whole_number


@pytest.mark.parametrize("raw", ["1_000", "1e3", "nan", "inf", "٣", " 7 7", "", "-", "0x10",
                                 "9" * 13])
def test_a_whole_number_is_plain_digits(raw: str) -> None:
    with pytest.raises(NumberError, match="Seed must be a whole number from 0 to 100"):
        whole_number(raw, "Seed", (0, 100))


def test_a_whole_number_outside_its_range_is_refused_naming_the_range() -> None:
    with pytest.raises(NumberError, match="from -5 to 1,000"):
        whole_number("1001", "Count", (-5, 1000))
    assert whole_number(" -5 ", "Count", (-5, 1000)) == -5


@given(st.integers(-10**9, 10**9))
def test_every_whole_number_written_plainly_reads_back(value: int) -> None:
    assert whole_number(str(value), "Count", (-10**9, 10**9)) == value


@pytest.mark.parametrize("raw", ["1e1", "nan", "80.", ".5", "1,5", "101"])
def test_a_decimal_is_plain_digits_in_range(raw: str) -> None:
    with pytest.raises(NumberError, match="Confidence must be a number from 50 to 100"):
        decimal_number(raw, "Confidence", (50.0, 100.0))
    assert decimal_number("80.5", "Confidence", (50.0, 100.0)) == 80.5


def test_text_is_refused_for_a_nul_or_its_length_naming_the_field() -> None:
    assert refused_text("abc", 3, "The note") is None
    assert refused_text("abcd", 3, "The note") == (
        "The note must be 3 characters or fewer (it has 4)")
    assert refused_text("a\x00", 3, "The note") == (
        "The note contains a NUL character, which is not text")


@given(st.text(max_size=50), st.integers(0, 60))
def test_text_is_refused_exactly_when_it_holds_a_nul_or_is_too_long(text: str,
                                                                     limit: int) -> None:
    refused = refused_text(text, limit, "The note") is not None
    assert refused == ("\x00" in text or len(text) > limit)
