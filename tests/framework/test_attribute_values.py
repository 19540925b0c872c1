"""Unit and property tests for reading typed case attribute values (`framework.attributes`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.framework import (
    AttributeLimits,
    AttributeType,
    AttributeValueError,
    CaseAttribute,
    parse_attribute,
    parse_attributes,
)

LIMITS = AttributeLimits(text_length=20, integer_range=(-1_000, 1_000))
FLAG = CaseAttribute("rosh_issues", AttributeType.BOOLEAN, "RoSH issues apply")
LEVEL = CaseAttribute("rosh_level", AttributeType.CHOICE, "RoSH level", ("low", "medium", "high"))
COUNT = CaseAttribute("contacts", AttributeType.INTEGER, "Contacts")
TEAM = CaseAttribute("team_name", AttributeType.TEXT, "Team name")


@pytest.mark.parametrize(("attribute", "raw", "value"), [
    (FLAG, "true", True), (FLAG, "false", False), (LEVEL, "medium", "medium"),
    (COUNT, "12", 12), (COUNT, "-1000", -1000), (COUNT, " 7 ", 7), (TEAM, "North", "North"),
])
def test_values_of_each_type(attribute: CaseAttribute, raw: str, value: object) -> None:
    assert parse_attribute(attribute, raw, LIMITS) == value


@pytest.mark.parametrize(("attribute", "raw", "message"), [
    (FLAG, "yes", "RoSH issues apply: choose yes or no"),
    (LEVEL, "very high", "RoSH level: 'very high' is not allowed"),
    (COUNT, "1e3", "Contacts must be a whole number from -1,000 to 1,000"),
    (COUNT, "1_000", "Contacts must be a whole number from -1,000 to 1,000"),
    (COUNT, "1001", "Contacts must be a whole number from -1,000 to 1,000"),
    (COUNT, "\u0661", "Contacts must be a whole number from -1,000 to 1,000"),
    (TEAM, "t" * 21, "Team name must be 20 characters or fewer (it has 21)"),
    (TEAM, "a\x00b", "Team name contains a NUL character, which is not text"),
])
def test_values_refused_name_the_attribute(attribute: CaseAttribute, raw: str,
                                           message: str) -> None:
    with pytest.raises(AttributeValueError) as refused:
        parse_attribute(attribute, raw, LIMITS)
    assert str(refused.value) == message


def test_parse_attributes_skips_blanks_and_lists_errors_in_order() -> None:
    values, errors = parse_attributes(
        (FLAG, LEVEL, COUNT, TEAM),
        {"rosh_issues": "true", "rosh_level": "", "contacts": "x", "team_name": "t" * 21},
        LIMITS)
    assert values == {"rosh_issues": True}
    assert [name for name, _ in errors] == ["contacts", "team_name"]


@given(st.integers(-1_000, 1_000))
def test_every_integer_in_range_reads_back(number: int) -> None:
    assert parse_attribute(COUNT, str(number), LIMITS) == number


@given(st.integers().filter(lambda n: not -1_000 <= n <= 1_000))
def test_integers_out_of_range_are_refused(number: int) -> None:
    with pytest.raises(AttributeValueError):
        parse_attribute(COUNT, str(number), LIMITS)


@given(attribute=st.sampled_from([FLAG, LEVEL, COUNT, TEAM]), raw=st.text(min_size=1))
def test_any_text_is_a_value_of_the_declared_type_or_a_named_refusal(
    attribute: CaseAttribute, raw: str
) -> None:
    try:
        value = parse_attribute(attribute, raw, LIMITS)
    except AttributeValueError as refused:
        assert str(refused).startswith(attribute.label)
        return
    expected = {AttributeType.BOOLEAN: bool, AttributeType.CHOICE: str,
                AttributeType.INTEGER: int, AttributeType.TEXT: str}[attribute.type]
    assert type(value) is expected
    if attribute.type is AttributeType.CHOICE:
        assert value in attribute.values
    if attribute.type is AttributeType.TEXT:
        assert value == raw and len(raw) <= LIMITS.text_length and "\x00" not in raw
    if attribute.type is AttributeType.INTEGER:
        assert value == int(raw.strip()) and raw.strip().lstrip("-").isascii()
