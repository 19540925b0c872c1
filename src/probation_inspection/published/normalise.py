"""Turns a published report's text, whatever its remnants, into one plain stream of words.

Owns the clean-up before extraction: markup, entities, footnote markers, odd spacing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

#: Footnote markers are kept, in this one form, so that a footnote can be traced to the
#: table row that cites it.
MARKER = "[^{}]"

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPT_DIGITS}]+")
_SUP_TAG = re.compile(r"<sup\b[^>]*>(.*?)</sup\s*>", re.IGNORECASE | re.DOTALL)
_CARET_BRACES = re.compile(r"\^\{([\d\s,]+)\}")
_CARET_DIGITS = re.compile(r"(?<!\[)\^(\d{1,3})\^?")
_EXISTING_MARKER = re.compile(r"\[\^(\d{1,3})\]")
# "[12]" after a word (or after a word and a space), or opening a footnote line: a citation
# as a word processor prints it. Not "[2019]", nor a Markdown link's "[1](...)" or "[1]: url".
_BRACKET_MARKER = re.compile(
    r"(?:(?<=[^\s\[])|(?<=[^\s\[] )|^[ \t]*)\[(\d{1,3})\](?![(:]|\d)", re.MULTILINE
)
# A Markdown footnote definition, "[^13]: In arriving ...": the colon is not text.
_FOOTNOTE_DEFINITION = re.compile(r"^([ \t]*\[\^\d{1,3}\]):", re.MULTILINE)
# The symbol series (*, †, ‡, §, ‖, ¶, then doubled): the n-th symbol is footnote n.
_SYMBOLS = "*†‡§‖¶"
# A lone "*" opening a line is a Markdown bullet, not footnote 1.
_SYMBOL_RUN = re.compile(
    r"(?:(?<=[^\s*])|^[ \t]*(?!\*[ \t]))((?:\*+|†+|‡+|§+|‖+|¶+)+)(?=[\s.,;:)<]|$)", re.MULTILINE
)
_EMPHASIS_PAIR = re.compile(
    r"(?<![*\w])(\*{1,3})(?=[^\s*])([^*\n]*?[^\s*])\1(?![*\w])|"
    r"(?<![_\w])(_{1,3})(?=[^\s_])([^_\n]*?[^\s_])\3(?![_\w])"
)
# Not text a reader sees: a page's head, scripts and styles (dropped by ``_drop_hidden``).
_HIDDEN_OPEN = re.compile(r"<(head|script|style|template)\b[^<>]{0,500}>", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!DOCTYPE[^<>]{0,500}>", re.IGNORECASE)
# Inline tags vanish without a trace; any other tag separates words.
_INLINE_TAG = re.compile(
    r"</?(?:b|i|em|strong|span|u|a|font|small|big|sub|mark|abbr)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<!--.*?-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:https?://|www\.)[^<>\s]*>")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]*)\)")
# Headings and rules are matched between any whitespace, not only at a line start, so that
# re-flowed text (a PDF, a collapsed file) loses them just the same.
_MARKDOWN_HEADING = re.compile(r"(?:^|(?<=\s))#{1,6}(?=\s)")
_RULE_LINE = re.compile(r"(?:^|(?<=\s))(?:-{2,}|[*_=]{3,})(?=\s|$)")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_BULLET = re.compile(r"[•●▪◦■□➢]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "|": " "})
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z]+")
# The right fragment is a look-ahead so that every adjacent pair is considered.
_WORD_PAIR = re.compile(r"(?<![A-Za-z'])([A-Za-z]+) (?=([A-Za-z]+)(?![A-Za-z']))")


def _markers(numbers: str) -> str:
    return " " + " ".join(MARKER.format(n) for n in re.findall(r"\d+", numbers)) + " "


def _superscripts(match: re.Match[str]) -> str:
    digits = match.group(0).translate(str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789"))
    return _markers(digits)


def _sup_tag(match: re.Match[str]) -> str:
    inner = _ANY_TAG.sub("", match.group(1))
    return _markers(inner) if re.fullmatch(r"[\d\s,]+", inner) else " " + inner + " "


def _symbols(match: re.Match[str]) -> str:
    numbers = [
        str(_SYMBOLS.index(run[0]) + 1 + len(_SYMBOLS) * (len(run) - 1))
        for run in re.findall(r"\*+|†+|‡+|§+|‖+|¶+", match.group(1))
    ]
    return _markers(" ".join(numbers))


def _drop_hidden(text: str) -> str:
    """Text without its head, scripts and styles, in one pass: an element never closed is
    left as it is (its tags go later), and is not looked for again, so that thousands of
    unclosed ``<head>`` tags cost no more than one."""
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()
    while (opening := _HIDDEN_OPEN.search(text, position)) is not None:
        name = opening.group(1).lower()
        closing = None
        if name not in unclosed:
            closing = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, opening.end())
        if closing is None:
            unclosed.add(name)
            parts.append(text[position : opening.end()])
            position = opening.end()
            continue
        parts.append(text[position : opening.start()] + " ")
        position = closing.end()
    parts.append(text[position:])
    return _DOCTYPE.sub(" ", "".join(parts))


def strip_markup(text: str) -> str:
    """Remove HTML and Markdown remnants and put every footnote marker in one form."""
    text = _INVISIBLE.sub("", text)
    text = _drop_hidden(text)
    text = _EMPHASIS_PAIR.sub(lambda m: m.group(2) or m.group(4) or "", text)
    text = _SYMBOL_RUN.sub(_symbols, text)
    text = _BRACKET_MARKER.sub(lambda m: _markers(m.group(1)), text)
    text = _SUPERSCRIPT_RUN.sub(_superscripts, text)
    text = _SUP_TAG.sub(_sup_tag, text)
    text = _CARET_BRACES.sub(lambda m: _markers(m.group(1)), text)
    text = _FOOTNOTE_DEFINITION.sub(r"\1", text)
    text = _EXISTING_MARKER.sub(lambda m: _markers(m.group(1)), text)
    text = _CARET_DIGITS.sub(lambda m: _markers(m.group(1)), text)
    text = _AUTOLINK.sub(" ", text)
    text = _INLINE_TAG.sub("", text)
    text = _ANY_TAG.sub(" ", text)
    # Entities are decoded after the tags go, so that an escaped "&lt;b&gt;" stays text.
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_HEADING.sub("", text)
    text = _RULE_LINE.sub(" ", text)
    text = _BULLET.sub(" ", text)
    # Markers are bracketed, so emphasis stripping must not touch their caret.
    text = _EMPHASIS.sub("", text)
    return text


def repair_broken_words(text: str) -> str:
    """Join words a layout tool broke in two ("Forewo rd"), using the document's own words.

    Two fragments are joined only when the joined word appears elsewhere in the document
    and at least one fragment never stands alone there, so real word pairs survive.
    """
    counts = Counter(word.lower() for word in _WORD.findall(text))

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if counts[(left + right).lower()] == 0:
            return match.group(0)
        if counts[left.lower()] > 1 and counts[right.lower()] > 1:
            return match.group(0)
        return left

    return _WORD_PAIR.sub(join, text)


def normalise(raw: str) -> str:
    """A report's text as one line of single-spaced words, markers as ``[^N]``."""
    text = _WHITESPACE.sub(" ", strip_markup(raw)).strip()
    return repair_broken_words(text)
