"""Counts as printed: digits or words, in any case; unit tests and a round-trip property."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.published.numbers import NUMBER, number_words, parse_number


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("130", 130),
        ("8,899", 8899),
        ("Twelve", 12),
        ("TWELVE", 12),
        ("thirty-one", 31),
        ("Thirty One", 31),
        ("One hundred and thirty", 130),
        ("one hundred thirty", 130),
        ("a hundred", 100),
        ("two thousand and five", 2005),
        ("one million two hundred thousand", 1_200_000),
        ("zero", 0),
    ],
)
def test_a_printed_count_is_read(printed: str, value: int) -> None:
    assert parse_number(printed) == value


@pytest.mark.parametrize(
    "printed",
    ["", "many", "and", "and five", "one two", "twenty twenty", "hundred and", "thirty-ten",
     "one hundred zero", "thousand million", "one million million", "a", "ten hundred"],
)  # fmt: skip
def test_words_that_are_not_a_number_are_none(printed: str) -> None:
    assert parse_number(printed) is None


@pytest.mark.parametrize(
    ("value", "words"),
    [(0, "zero"), (7, "seven"), (31, "thirty-one"), (130, "one hundred and thirty"),
     (1005, "one thousand and five"), (21_400, "twenty-one thousand four hundred")],
)  # fmt: skip
def test_number_words(value: int, words: str) -> None:
    assert number_words(value) == words


def test_the_pattern_finds_a_count_in_words_at_a_sentence_start() -> None:
    sentence = "Fifty-three cases were examined. And five more."
    assert [m.group(0) for m in re.finditer(NUMBER, sentence)] == ["Fifty-three", "five"]


@given(
    value=st.integers(min_value=0, max_value=999_999_999),
    hyphen=st.booleans(),
    and_=st.booleans(),
    case=st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
)
def test_any_count_in_words_reads_back(value: int, hyphen: bool, and_: bool, case: object) -> None:
    assert callable(case)
    words: str = case(number_words(value, hyphen=hyphen, and_=and_))
    assert parse_number(words) == value
    # The pattern the reader anchors on takes the whole of it, not a prefix.
    assert re.fullmatch(NUMBER, words)
    assert re.match(NUMBER, words + " cases") is not None
    assert re.match(NUMBER, words + " cases").group(0) == words  # type: ignore[union-attr]


@given(st.integers(min_value=0, max_value=10**12))
def test_any_count_in_digits_reads_back(value: int) -> None:
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value


PIECES = ["-", ",", " ", "one", "and", "a", "hundred", "thousand", "twenty", "ty", "x", "9"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_arbitrary_words_give_a_number_or_none(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0
