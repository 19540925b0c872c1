"""How text and numbers a person typed are read, wherever they are typed (a web form, a case
attribute on the assessment page): plain ASCII digits for numbers, no NUL character in text,
and messages that name the field.

Owns that grammar; the limits themselves (how long, how large) belong to the caller.
"""

from __future__ import annotations

import re

_WHOLE = re.compile(r"-?[0-9]{1,12}")
_DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?")



def refused_text(text: str, limit: int, label: str) -> str | None:
    """The message for text that cannot be stored, naming the field; None if it can.

    Over ``limit`` characters, or holding a NUL character, which PostgreSQL refuses in any
    text or JSON column (Django's form fields refuse it too; this is for hand-read fields).
    """
    if "\x00" in text:
        return f"{label} contains a NUL character, which is not text"
    if len(text) <= limit:
        return None
    return f"{label} must be {limit:,} characters or fewer (it has {len(text):,})"


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
