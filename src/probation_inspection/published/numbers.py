"""Counts as a report prints them: digits ("1,204") or words ("One hundred and thirty").

Owns reading a printed count and writing one in words, in any case, with hyphens or spaces
and with or without "and", up to the millions a report could ever state.
"""

from __future__ import annotations

import re

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
_SCALES = {"thousand": 1_000, "million": 1_000_000}
_WORDS = sorted([*_UNITS, *_TENS, "hundred", *_SCALES], key=len, reverse=True)
_WORD = "|".join(_WORDS)

#: A count as printed: digits (with thousands commas) or words ("thirty-one", "One hundred
#: and five", "a hundred"), in any case. A word count starts with a number word, never "and".
NUMBER = (
    rf"(?:\d[\d,]*|(?i:(?:(?:{_WORD})|a(?=[\s-]+(?:hundred|thousand|million)\b))"
    rf"(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)\b)"
)


def parse_number(text: str) -> int | None:
    """The value of a printed count ("130", "1,204", "Thirty-one", "a hundred"), or None.

    Words must make a well-formed English number: "one two" or "hundred and" is None.
    """
    text = text.strip().lower()
    if re.fullmatch(r"\d[\d,]*", text):
        return int(text.replace(",", ""))
    words = [w for w in re.split(r"[\s-]+", text) if w]
    if not words or words[0] == "and" or words[-1] == "and":
        return None
    if words[0] == "a" and len(words) > 1 and words[1] in ("hundred", *_SCALES):
        words[0] = "one"
    total = 0
    below_scale = _below_thousand(words, allow_and=True)
    if below_scale is not None:
        return below_scale
    # Split on scale words, largest first: "two million three hundred thousand and five".
    last_scale = None
    group: list[str] = []
    for word in [*words, ""]:
        if word in _SCALES or word == "":
            value = _below_thousand(group, allow_and=True) if group else None
            if word == "":
                if group:
                    if value is None:
                        return None
                    total += value
                break
            if value is None or value == 0:
                return None
            scale = _SCALES[word]
            if last_scale is not None and scale >= last_scale:
                return None
            total += value * scale
            last_scale = scale
            group = []
        else:
            group.append(word)
    return total if last_scale is not None else None


def _below_thousand(words: list[str], *, allow_and: bool) -> int | None:
    """The value of words for 0-999 ("one hundred and five", "and five"), or None."""
    if allow_and and words and words[0] == "and":
        words = words[1:]
    if not words:
        return None
    value = 0
    position = 0
    if len(words) >= 2 and words[1] == "hundred":
        if words[0] not in _UNITS or _UNITS[words[0]] == 0 or _UNITS[words[0]] > 9:
            return None
        value = _UNITS[words[0]] * 100
        position = 2
        if position < len(words) and words[position] == "and":
            position += 1
            if position == len(words):
                return None
    rest = words[position:]
    if not rest:
        return value if position else None
    if value and rest == ["zero"]:
        return None
    if len(rest) == 1 and rest[0] in _UNITS:
        return None if value and rest[0] == "zero" else value + _UNITS[rest[0]]
    if len(rest) == 1 and rest[0] in _TENS:
        return value + _TENS[rest[0]]
    if len(rest) == 2 and rest[0] in _TENS and rest[1] in _UNITS and 0 < _UNITS[rest[1]] < 10:
        return value + _TENS[rest[0]] + _UNITS[rest[1]]
    return None


def number_words(value: int, *, hyphen: bool = True, and_: bool = True) -> str:
    """A count in words, lower case: 131 is "one hundred and thirty-one"."""
    if value < 0 or value >= 1_000_000_000:
        raise ValueError(f"no words for {value}")
    if value == 0:
        return "zero"
    parts: list[str] = []
    for scale_word, scale in (("million", 1_000_000), ("thousand", 1_000)):
        if value >= scale:
            parts.append(f"{_hundreds(value // scale, hyphen=hyphen, and_=and_)} {scale_word}")
            value %= scale
    if value:
        below = _hundreds(value, hyphen=hyphen, and_=and_)
        if parts and value < 100 and and_:
            below = "and " + below
        parts.append(below)
    return " ".join(parts)


def _hundreds(value: int, *, hyphen: bool, and_: bool) -> str:
    names = {number: word for word, number in {**_UNITS, **_TENS}.items()}
    words: list[str] = []
    if value >= 100:
        words.append(f"{names[value // 100]} hundred")
        value %= 100
        if value and and_:
            words.append("and")
    if value:
        if value in names:
            words.append(names[value])
        else:
            tens, units = names[value - value % 10], names[value % 10]
            words.append(f"{tens}-{units}" if hyphen else f"{tens} {units}")
    return " ".join(words)
