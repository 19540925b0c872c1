"""Reading a case attribute's value as typed by a person, by the type the framework declares.

Owns the grammar of each `AttributeType` as text: a boolean is ``true`` or ``false`` (the
values the assessment page's radios post), a choice one of the attribute's declared values, an
integer plain ASCII digits with an optional minus sign inside a range, a decimal the same with
an optional point and up to six decimals inside the attribute's declared range (read as
`Decimal`, never float), and text anything
without a NUL character up to a length. The limits themselves (how long, how large) belong to
the caller (the web app keeps them in one place); the messages name the attribute by its label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from probation_inspection.framework.model import AttributeType, CaseAttribute
from probation_inspection.typed import NumberError, refused_text, whole_number

_DECIMAL = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,6})?")


def decimal_value(attribute: CaseAttribute, raw: str) -> Decimal:
    """A decimal attribute's value written in plain digits inside its range, or
    `AttributeValueError` naming the attribute and the range."""
    text = raw.strip()
    lowest, highest = attribute.minimum, attribute.maximum
    span = f"from {lowest} to {highest}" if lowest is not None and highest is not None else ""
    if not _DECIMAL.fullmatch(text):
        raise AttributeValueError(f"{attribute.label}: write a number such as 6.9 {span}".strip())
    value = Decimal(text)
    if (lowest is not None and value < lowest) or (highest is not None and value > highest):
        raise AttributeValueError(f"{attribute.label} must be a number {span}")
    return value


class AttributeValueError(ValueError):
    """A typed value the attribute cannot take; the message names the attribute and why."""


@dataclass(frozen=True)
class AttributeLimits:
    """How long a text attribute and how large an integer attribute may be."""

    text_length: int
    integer_range: tuple[int, int]


def parse_attribute(attribute: CaseAttribute, raw: str, limits: AttributeLimits) -> object:
    """The value of ``attribute`` written as ``raw`` (not blank), or `AttributeValueError`.

    Integers and text follow `probation_inspection.typed`, as every typed field does.
    """
    label = attribute.label
    if attribute.type is AttributeType.BOOLEAN:
        if raw not in ("true", "false"):
            raise AttributeValueError(f"{label}: choose yes or no")
        return raw == "true"
    if attribute.type is AttributeType.CHOICE:
        if raw not in attribute.values:
            raise AttributeValueError(f"{label}: {raw!r} is not allowed")
        return raw
    if attribute.type is AttributeType.INTEGER:
        try:
            return whole_number(raw, label, limits.integer_range)
        except NumberError as error:
            raise AttributeValueError(str(error)) from None
    if attribute.type is AttributeType.DECIMAL:
        return decimal_value(attribute, raw)
    if (message := refused_text(raw, limits.text_length, label)) is not None:
        raise AttributeValueError(message)
    return raw


def parse_attributes(
    attributes: Iterable[CaseAttribute],
    raw: Mapping[str, str],
    limits: AttributeLimits,
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """The values of ``attributes`` found (not blank) in ``raw`` by attribute name, and
    (attribute name, message) for each that cannot be read, in the attributes' order."""
    values: dict[str, object] = {}
    errors: list[tuple[str, str]] = []
    for attribute in attributes:
        text = raw.get(attribute.name, "")
        if text == "":
            continue
        try:
            values[attribute.name] = parse_attribute(attribute, text, limits)
        except AttributeValueError as error:
            errors.append((attribute.name, str(error)))
    return values, errors
