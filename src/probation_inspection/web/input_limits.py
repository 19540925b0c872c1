"""Limits on what users type into the web app's forms: the longest text each field takes and
the range of each number, in one place so forms, models and hand-read views agree.

Owns those numbers and the strict parsing of numbers a view reads from request.POST or GET;
imports no Django, so models, forms and migrations all take the same figures from here.
"""

from __future__ import annotations

import re

# --- Numbers -------------------------------------------------------------------------------

#: A draw's seed: the range a 32-bit generator seed takes, and what every spreadsheet and the
#: command line can write back exactly (1e30 is not a seed anyone could type again).
SEED_RANGE = (0, 2**32 - 1)
#: Confidence level in per cent: below 50 is no estimate at all, 100 would need every case.
CONFIDENCE_RANGE = (50.0, 99.9)
#: Margin of error in percentage points.
MARGIN_RANGE = (0.5, 50.0)
#: A version counter posted back by an edit form: PostgreSQL's integer column.
VERSION_RANGE = (0, 2**31 - 1)
#: A whole-number case attribute an inspector types (e.g. a count of appointments).
INTEGER_ATTRIBUTE_RANGE = (-1_000_000_000, 1_000_000_000)

_WHOLE = re.compile(r"-?[0-9]{1,12}")
_DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?")


class NumberError(ValueError):
    """A number a user typed is not one, or is out of range; the message says which."""


def whole_number(raw: str, label: str, limits: tuple[int, int]) -> int:
    """A whole number written in plain digits inside ``limits``, or NumberError.

    Plain ASCII digits only: Python's int() also takes "1_000", " 7 " and other scripts'
    digits, and float() takes "1e30", "nan" and "inf", none of which a person means here.
    """
    lowest, highest = limits
    text = raw.strip()
    if not _WHOLE.fullmatch(text) or not lowest <= int(text) <= highest:
        raise NumberError(f"{label} must be a whole number from {lowest:,} to {highest:,}")
    return int(text)


def decimal_number(raw: str, label: str, limits: tuple[float, float]) -> float:
    """A number written in plain digits with an optional decimal point, inside ``limits``."""
    lowest, highest = limits
    text = raw.strip()
    if not _DECIMAL.fullmatch(text) or not lowest <= float(text) <= highest:
        raise NumberError(f"{label} must be a number from {lowest:g} to {highest:g}")
    return float(text)
