"""Words for the values pages show: enum values ("community-order", "not-relevant"), field
names ("start_date"), audit events and figures (never "-0.0"), from this one place.

Registered as template builtins (settings), so every template may write ``{{ value|words }}``,
``{{ event|event_words }}`` and ``{{ number|figure:1 }}`` without loading anything; the
TextChoices' default labels (`web.choices`) are made by `phrase` too.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from django import template

from probation_inspection.sampling.fields import FIELD_LABELS, Field

register = template.Library()

#: Whole values whose words are not the value's phrase.
WORDS: dict[str, str] = {
    "upw-staff": "Unpaid work staff",
    "not-relevant": "Not relevant",
    "not-applicable": "Not applicable",
    "n/a": "Not applicable",
    "rosh": "RoSH",
    "rosh_issues": "Risk of serious harm issues apply",
    "start_date": "Start date",
    "end_date": "End date",
    "case_reference": "Case reference",
    "delivery_unit": "Delivery unit",
}

#: Words inspectors say as abbreviations, and how a phrase spells them.
ABBREVIATIONS: dict[str, str] = {
    "upw": "unpaid work", "ttg": "through the gate", "rosh": "RoSH", "crn": "CRN",
    "po": "PO", "pso": "PSO", "crc": "CRC", "nps": "NPS", "qa": "QA", "id": "ID",
}
_SEPARATORS = re.compile(r"[-_]+")
#: A value that looks like an identifier: lower case words joined by "-" or "_".
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$|^[a-z]+$")


def phrase(value: str) -> str:
    """A stored value in words: "community-order" -> "Community order", "upw-staff" ->
    "Unpaid work staff", "start_date" -> "Start date"; other text is left as it is."""
    if value in WORDS:
        return WORDS[value]
    if not _SLUG.match(value):
        return value
    words = [ABBREVIATIONS.get(word, word) for word in _SEPARATORS.split(value) if word]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@register.filter
def words(value: Any) -> str:
    """``{{ value|words }}``: an enum member, a stored value or a yes/no in words."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    label = getattr(value, "label", None)
    if isinstance(label, str):  # a TextChoices member carries its own label
        return label
    if isinstance(value, Enum):
        value = value.value
    return phrase(str(value))


@register.filter
def field_label(value: Any) -> str:
    """``{{ field|field_label }}``: a case-list field's human label ("start_date" becomes
    "Sentence or licence start date"), from the sampling fields' one list of labels."""
    try:
        label = FIELD_LABELS[Field(str(value))]
    except (ValueError, KeyError):
        label = phrase(str(value))
    return label[:1].upper() + label[1:]


@register.filter
def figure(value: Any, places: Any = 0) -> str:
    """``{{ number|figure:1 }}``: the number to ``places`` decimals, rounded half up, with
    no minus sign on a zero ("-0.0" reads as "0.0")."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
        digits = int(places)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    step = Decimal(1).scaleb(-digits)
    rounded = number.quantize(step, rounding="ROUND_HALF_UP")
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:f}"


@register.filter
def event_words(event: Any) -> str:
    """``{{ event|event_words }}``: an audit event's action and what it was about, in words;
    an event about an assessment names its case, never the assessment's row number."""
    action = phrase(str(event.action))
    target = str(event.target or "")
    case = getattr(event, "sampled_case", None)
    if case is not None and (not target or target.isdigit()):
        target = f"case {case.case_reference}"
    elif target:
        target = phrase(target) if _SLUG.match(target) else target
    return f"{action}: {target}" if target else action


_TOKEN = re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")


@register.filter
def in_words(value: Any) -> str:
    """``{{ text|in_words }}``: a label built of stored values ("female, community-order,
    low") with each value in words ("Female, community order, low")."""
    text = words(value)
    text = _TOKEN.sub(lambda match: phrase(match.group(0)).lower()
                      if match.group(0) not in WORDS else WORDS[match.group(0)].lower(), text)
    return text[:1].upper() + text[1:]


#: A rating's tag colour by its words: each band its own colour, the words always shown.
RATING_COLOURS = {
    "outstanding": "govuk-tag--green",
    "good": "govuk-tag--turquoise",
    "requires improvement": "govuk-tag--yellow",
    "inadequate": "govuk-tag--red",
}


@register.filter
def rating_tag(rating: Any) -> str:
    """``<strong class="govuk-tag {{ rating|rating_tag }}">``: the colour of a rating's tag
    (grey for words no band has, such as a framework's own band names)."""
    return RATING_COLOURS.get(str(rating or "").strip().lower(), "govuk-tag--grey")
