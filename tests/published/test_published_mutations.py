"""Mutation tests: each seed report, reworded and laid out in the ordinary ways other reports
differ, is read to the same record.

A seed is first taken apart into blocks (headings, paragraphs, list items, table rows) with
its footnote markers as numbers; each test changes the case of rating words and headings,
the wording of the counts, the footnote marker style and the layout (Markdown, HTML, plain
text, lines wrapped at another width), puts the blocks back together and reads the result.
"""

from __future__ import annotations

import html
import random
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from published_helpers import rated_seed_names, seed_text

from probation_inspection.published import PublishedReport, read_report
from probation_inspection.published.numbers import number_words, parse_number

SEEDS = rated_seed_names()
LAYOUTS = ("markdown", "html", "plain")
MARKER_STYLES = {
    "markdown": ("markdown", "superscript", "sup", "caret", "bracket"),
    "html": ("sup", "superscript", "bracket", "symbol"),
    "plain": ("superscript", "bracket", "symbol"),
}
CASES = ("lower", "upper", "title", "sentence")

# ---------------------------------------------------------------------------------------------
# A seed as blocks, its footnote markers as numbers between NUL characters


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "item" or "row"
    text: str = ""
    cells: tuple[str, ...] = ()


_TOKEN = re.compile(r"\x00(\d+)\x00")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_INLINE_TAGS = re.compile(r"</?(?:b|i|em|strong|span)\b[^>]*>", re.IGNORECASE)


def _tokens(numbers: str) -> str:
    return "".join(f"\x00{n}\x00" for n in re.findall(r"\d+", numbers))


def _neutral(line: str) -> str:
    line = re.sub(r"<(https?://[^<>\s]+)>", r"\1", line)
    line = re.sub(r"\s*<sup>([\d\s,]+)</sup>", lambda m: _tokens(m.group(1)), line)
    line = re.sub(r"\s*\^\{([\d\s]+)\}", lambda m: _tokens(m.group(1)), line)
    line = re.sub(r"\s*\[\^(\d+)\]", lambda m: _tokens(m.group(1)), line)
    line = re.sub(
        r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: _tokens(m.group(1).translate(_SUPERSCRIPTS)), line
    )
    line = _INLINE_TAGS.sub("", line)
    line = re.sub(r"<[^>]+>", " ", line)
    line = html.unescape(line).replace("\u00a0", " ")
    line = re.sub(r"\*{1,3}", "", line)
    line = re.sub(r"\.{3,}", " ", line)  # contents-page leaders
    return re.sub(r"[ \t]+", " ", line).strip()


def _is_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 8
        and text[0].isupper()
        and not re.search(r"[.,;:?]$", text)
        and not text.startswith("\x00")
        and not re.fullmatch(r"[\d,.%]+", text)
    )


@cache
def blocks_of(name: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for raw in seed_text(name).splitlines():
        if "\t" in raw and raw.strip():
            cells = tuple(c for c in (_neutral(cell) for cell in raw.split("\t")))
            while cells and not cells[-1]:
                cells = cells[:-1]
            if cells and not all(re.fullmatch(r"-*", c) for c in cells):
                blocks.append(Block("row", cells=cells))
            continue
        heading = raw.lstrip().startswith("#")
        item = re.match(r"\s*[-•]\s+", raw) is not None
        text = _neutral(re.sub(r"^\s*(?:#+|[-•])\s+", "", raw))
        if not text or re.fullmatch(r"-+", text):
            continue
        if heading or (not item and _is_heading(text)):
            blocks.append(Block("heading", text))
        else:
            blocks.append(Block("item" if item else "paragraph", text))
    return tuple(blocks)


# ---------------------------------------------------------------------------------------------
# Mutations of the wording

_RATING_WORDS = re.compile(r"(?i)\b(?:requires improvement|inadequate|good|outstanding)\b")
_ANCHOR_HEADINGS = re.compile(
    r"(?i)^(?:Contents|Foreword|Overall findings|Summary of ratings|Recommendations|Background|"
    r"Contextual facts|Overall rating|Annex \d+:.*|Service:|Fieldwork started:)"
)
_TITLE_PHRASE = re.compile(r"(?i)\bAn inspection of (?:adult )?probation services in\b")


def recase(text: str, case: str) -> str:
    if case == "lower":
        return text.lower()
    if case == "upper":
        return text.upper()
    if case == "title":
        return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), text)
    return text[:1].upper() + text[1:].lower()


def recase_ratings(text: str, rng: random.Random) -> str:
    return _RATING_WORDS.sub(lambda m: recase(m.group(0), rng.choice(CASES)), text)


def recase_headings(block: Block, rng: random.Random) -> Block:
    if block.kind == "heading":
        anchor = _ANCHOR_HEADINGS.match(block.text)
        if anchor:
            changed = recase(anchor.group(0), rng.choice(CASES))
            return Block("heading", changed + block.text[anchor.end() :])
    text = _TITLE_PHRASE.sub(lambda m: recase(m.group(0), rng.choice(CASES)), block.text)
    return Block(block.kind, text, block.cells)


def _words(count: str, rng: random.Random, *, capital: bool) -> str:
    value = parse_number(count)
    assert value is not None, count
    words = number_words(value, hyphen=rng.random() < 0.7, and_=rng.random() < 0.8)
    return words[:1].upper() + words[1:] if capital else words


def _examined(match: re.Match[str], rng: random.Random, initial: bool) -> str:
    if not initial:
        return f"We examined {_words(match.group('n'), rng, capital=False)} {match.group('what')}"
    return f"{_words(match.group('n'), rng, capital=True)} {match.group('what')} were examined"


def _interviewed(match: re.Match[str], rng: random.Random, initial: bool) -> str:
    if not initial:
        return f"{match.group('lead')}{_words(match.group('n'), rng, capital=False)} "
    return f"{_words(match.group('n'), rng, capital=True)} "


def reword_counts(text: str, rng: random.Random, *, initial: bool) -> str:
    """Counts in words, and (``initial``) at a sentence's start: "Fifty-three cases were
    examined", "Thirty-one were conducted in total", "We have made six recommendations"."""
    text = re.sub(
        r"\bWe examined (?P<n>\d+) (?P<what>(?:[a-z]+ )?cases)",
        lambda m: _examined(m, rng, initial),
        text,
    )
    if initial:
        text = re.sub(
            r"During the main fieldwork phase, we interviewed (?P<n>\d+) (?P<who>[^,]+), asking",
            lambda m: (
                f"{_words(m.group('n'), rng, capital=True)} {m.group('who')} were "
                "interviewed during the main fieldwork phase, asking"
            ),
            text,
        )
        text = re.sub(
            r"In total, we conducted (?P<n>\d+)(?P<what> meetings)?",
            lambda m: (
                f"{_words(m.group('n'), rng, capital=True)}{m.group('what') or ''} "
                "were conducted in total"
            ),
            text,
        )
        text = re.sub(
            r"As a result of our inspection findings,? we have made",
            "We have made",
            text,
        )
    else:
        text = re.sub(
            r"(?P<lead>we interviewed )(?P<n>\d+) ",
            lambda m: _interviewed(m, rng, initial),
            text,
        )
        text = re.sub(
            r"(?P<lead>In total, we conducted )(?P<n>\d+)",
            lambda m: m.group("lead") + _words(m.group("n"), rng, capital=False),
            text,
        )
    return (
        re.sub(
            r"\bwe have made (?P<n>[a-z]+) recommendations",
            lambda m: f"we have made {parse_number(m.group('n'))} recommendations",
            text,
        )
        if rng.random() < 0.5
        else text
    )


# ---------------------------------------------------------------------------------------------
# Layouts and footnote marker styles

_SYMBOLS = "*†‡§‖¶"


def marker(number: int, style: str) -> str:
    if style == "superscript":
        return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if style == "sup":
        return f"<sup>{number}</sup>"
    if style == "markdown":
        return f"[^{number}]"
    if style == "caret":
        return f"^{number}^"
    if style == "bracket":
        return f"[{number}]"
    return _SYMBOLS[(number - 1) % len(_SYMBOLS)] * ((number - 1) // len(_SYMBOLS) + 1)


def with_markers(text: str, style: str, escape: bool) -> str:
    """The text with its markers in ``style``, attached to the word before them; a marker
    that starts the text (a footnote's own) is followed by a colon in Markdown style."""
    if escape:
        text = html.escape(text, quote=False)
    separator = "" if style in ("sup", "symbol") else " "

    def run(match: re.Match[str]) -> str:
        numbers = [int(n) for n in _TOKEN.findall(match.group(0))]
        printed = separator.join(marker(n, style) for n in numbers)
        if match.start() == 0:
            return printed + (":" if style == "markdown" else "")
        return printed

    return re.sub(r"(?:\x00\d+\x00)+", run, text)


def wrap(text: str, width: int | None) -> str:
    if width is None:
        return text
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def render(blocks: list[Block], layout: str, style: str, width: int | None) -> str:
    html_out = layout == "html"
    out: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if not table:
            return
        if html_out:
            rows = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in table)
            out.append(f"<table>\n{rows}\n</table>")
        elif layout == "markdown":
            columns = max(len(r) for r in table)
            lines = ["| " + " | ".join([*r, *[""] * (columns - len(r))]) + " |" for r in table]
            lines.insert(1, "|" + " --- |" * columns)
            out.append("\n".join(lines))
        else:
            out.append("\n".join("   ".join(r) for r in table))
        table.clear()

    first_heading = True
    for block in blocks:
        if block.kind == "row":
            table.append(tuple(with_markers(c, style, html_out) for c in block.cells))
            continue
        flush()
        text = with_markers(block.text, style, html_out)
        # The first heading is the title: h1, "#"; the others are h2, "##".
        level = 1 if block.kind == "heading" and first_heading else 2
        first_heading = first_heading and block.kind != "heading"
        if html_out:
            tag = {"heading": f"h{level}", "paragraph": "p", "item": "li"}[block.kind]
            out.append(wrap(f"<{tag}>{text}</{tag}>", width))
        elif layout == "markdown":
            prefix = {"heading": "#" * level + " ", "paragraph": "", "item": "- "}[block.kind]
            out.append(wrap(prefix + text, width))
        else:
            prefix = {"heading": "", "paragraph": "", "item": "• "}[block.kind]
            out.append(wrap(prefix + text, width))
    flush()
    if html_out:
        head = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<title>Inspection report</title>\n<style>\ntd { padding: 2px; } "
            "h2 { color: #1d70b8; }\n</style>\n</head>\n<body>\n"
        )
        return head + "\n".join(out) + "\n</body>\n</html>\n"
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# What must not change


@dataclass(frozen=True)
class Mutation:
    layout: str = "plain"
    style: str = "superscript"
    width: int | None = None
    ratings: bool = False
    headings: bool = False
    counts: str | None = None  # None, "words" or "initial"
    seed: int = 0


def mutate(name: str, mutation: Mutation) -> str:
    rng = random.Random(mutation.seed)
    blocks: list[Block] = []
    for block in blocks_of(name):
        if mutation.headings:
            block = recase_headings(block, rng)
        text, cells = block.text, block.cells
        change: list[Callable[[str], str]] = []
        if mutation.ratings:
            change.append(lambda t: recase_ratings(t, rng))
        if mutation.counts:
            change.append(lambda t: reword_counts(t, rng, initial=mutation.counts == "initial"))
        for step in change:
            text = step(text)
            cells = tuple(step(c) for c in cells)
        blocks.append(Block(block.kind, text, cells))
    return render(blocks, mutation.layout, mutation.style, mutation.width)


def essentials(report: PublishedReport) -> dict[str, object]:
    """The fields that matter to the comparisons and the rule check."""
    return {
        "provider": report.provider,
        "published": report.published,
        "lead_inspector": report.lead_inspector,
        "overall": report.overall,
        "standards": dict(report.standards),
        "key_questions": dict(report.key_questions),
        "discretion": [(d.standard, d.from_rating, d.to_rating) for d in report.discretion],
        "samples": report.samples.to_json(),
        "interviews": report.interviews,
        "meetings": report.meetings,
        "recommendations": len(report.recommendations),
        "contextual_facts": [
            (f.figure, f.national_figure, f.target) for f in report.contextual_facts
        ],
        "missing": report.missing,
    }


@cache
def original(name: str) -> dict[str, object]:
    return essentials(read_report(seed_text(name)))


def assert_same_record(name: str, mutation: Mutation) -> None:
    text = mutate(name, mutation)
    assert essentials(read_report(text)) == original(name), mutation


# ---------------------------------------------------------------------------------------------
# Explicit examples: one change at a time, so that a failure names its cause


@pytest.mark.parametrize("name", SEEDS)
def test_the_blocks_put_back_together_unchanged_read_the_same(name: str) -> None:
    assert_same_record(name, Mutation())


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_reads_the_same(name: str, layout: str) -> None:
    assert_same_record(name, Mutation(layout=layout, style=MARKER_STYLES[layout][0]))


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize(
    ("layout", "style"),
    [(layout, style) for layout, styles in MARKER_STYLES.items() for style in styles],
)
def test_each_footnote_marker_style_reads_the_same(name: str, layout: str, style: str) -> None:
    assert_same_record(name, Mutation(layout=layout, style=style))


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("case", CASES)
def test_rating_words_in_any_case_read_the_same(name: str, case: str) -> None:
    text = mutate(name, Mutation(layout="markdown", style="markdown"))
    changed = _RATING_WORDS.sub(lambda m: recase(m.group(0), case), text)
    assert essentials(read_report(changed)) == original(name)


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("case", CASES)
def test_headings_in_any_case_read_the_same(name: str, case: str) -> None:
    blocks = [
        Block(
            b.kind,
            _ANCHOR_HEADINGS.sub(lambda m: recase(m.group(0), case), b.text)
            if b.kind == "heading"
            else _TITLE_PHRASE.sub(lambda m: recase(m.group(0), case), b.text),
            b.cells,
        )
        for b in blocks_of(name)
    ]
    assert essentials(read_report(render(blocks, "plain", "superscript", None))) == original(name)


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("counts", ["words", "initial"])
def test_counts_in_words_and_at_a_sentence_start_read_the_same(name: str, counts: str) -> None:
    assert_same_record(name, Mutation(counts=counts, seed=1))


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("width", [24, 60, 100])
def test_rewrapped_lines_read_the_same(name: str, width: int) -> None:
    for layout in LAYOUTS:
        assert_same_record(name, Mutation(layout=layout, style="bracket", width=width))


def test_the_sentence_initial_count_is_the_one_read() -> None:
    text = (
        "Overall, X is rated as: Good. Twelve of the 30 cases we examined were good. "
        "One hundred and thirty cases were examined from across five delivery units. "
        "Fifty-Three cases with unpaid work requirements were examined. "
        "Thirty-one were conducted in total. "
        "Eighty-three individual responsible officers were interviewed in the fieldwork."
    )
    report = read_report(text)
    assert report.samples.to_json() == {
        "case_supervision": 130,
        "unpaid_work": 53,
        "through_the_gate": None,
    }
    assert (report.interviews, report.meetings) == (83, 31)


_FOOTNOTE_13 = "In arriving at the rating for planning, we have exercised professional discretion"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    "wording",
    [
        " We raised the rating from {inadequate} to {requires improvement}.",
        " The rating was changed to {requires improvement} rather than {inadequate}.",
    ],
)
def test_a_discretion_footnote_with_rating_words_in_any_case(case: str, wording: str) -> None:
    (name,) = [n for n in SEEDS if _FOOTNOTE_13 in seed_text(n)]
    sentence = re.sub(r"\{([a-z ]+)\}", lambda m: recase(m.group(1), case), wording)
    text = re.sub(
        rf"({re.escape(_FOOTNOTE_13)}[^.]*\.)", lambda m: m.group(1) + sentence, seed_text(name)
    )
    assert text != seed_text(name)
    (discretion,) = read_report(text).discretion
    assert (discretion.standard, discretion.from_rating, discretion.to_rating) == (
        "2.2",
        "Inadequate",
        "Requires improvement",
    )


# ---------------------------------------------------------------------------------------------
# Every change at once, drawn by hypothesis


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    layout = draw(st.sampled_from(LAYOUTS))
    return Mutation(
        layout=layout,
        style=draw(st.sampled_from(MARKER_STYLES[layout])),
        width=draw(st.one_of(st.none(), st.integers(min_value=20, max_value=200))),
        ratings=draw(st.booleans()),
        headings=draw(st.booleans()),
        counts=draw(st.sampled_from([None, "words", "initial"])),
        seed=draw(st.integers(min_value=0, max_value=2**32)),
    )


@pytest.mark.parametrize("name", SEEDS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations())
def test_any_mix_of_mutations_reads_the_same(name: str, mutation: Mutation) -> None:
    assert_same_record(name, mutation)
