"""The inspectorate's fixed wording the reader anchors on: ratings, months, numbers in words.

Owns the vocabulary shared by the extraction patterns; no provider or layout knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The rating labels of the inspectorate's four-point scale, lowest first. The reader
#: takes the framework's labels when it has them; these are the default.
RATING_LABELS: tuple[str, ...] = ("Inadequate", "Requires improvement", "Good", "Outstanding")

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "and"], key=len, reverse=True))

#: A count as printed: digits (with thousands commas) or words ("thirty-one").
NUMBER = rf"(?:\d[\d,]*|(?i:(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*)\b)"

#: A footnote marker as the normaliser writes it.
MARK = r"\[\^\d{1,3}\]\s*"
MARKS = rf"(?:{MARK})*"

MONTH = "(?i:" + "|".join(MONTHS) + ")"


def parse_number(text: str) -> int | None:
    """The value of a printed count ("130", "1,204", "thirty-one"), or None."""
    text = text.strip().lower()
    if re.fullmatch(r"\d[\d,]*", text):
        return int(text.replace(",", ""))
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "and":
            continue
        else:
            return None
        seen = True
    total += current
    return total if seen else None


def label_pattern(labels: Sequence[str]) -> str:
    """A regex alternation of rating labels as printed (title case or capitals)."""
    variants = {variant for label in labels for variant in (label, label.upper())}
    return "(?:" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)) + ")"


def canonical_label(printed: str, labels: Sequence[str]) -> str:
    """The scheme's spelling of a printed label (which may be in capitals)."""
    for label in labels:
        if label.lower() == printed.lower():
            return label
    raise ValueError(f"not a rating label: {printed!r}")
