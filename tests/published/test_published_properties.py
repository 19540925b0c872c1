"""Property tests: the reader never crashes, and layout changes do not change the record."""

from __future__ import annotations

import random
import re
import textwrap
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from published_helpers import rated_seed_names, seed_text

from probation_inspection.published import NotARatedInspection, PublishedReport, read_report

SEEDS = rated_seed_names()
SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces of the inspectorate's wording, so arbitrary text also reaches the deep paths.
FRAGMENTS = [
    "is rated as: Good",
    "Overall rating Inadequate",
    "2.1 Assessment Requires improvement",
    "4.2. Through the Gate Outstanding",
    "2.1.1. Does assessment focus on it? 55%",
    "3.1.2. Is it done? 101%",
    "professional discretion",
    "In arriving at the rating for assessment, we exercised professional discretion",
    "from Inadequate to Good.",
    "We examined 12 cases",
    "We examined thirty-one custodial cases",
    "we interviewed 8 responsible officers",
    "In total, we conducted",
    "Contextual facts 12% The proportion of things. The figure for England and Wales was",
    "we have made six recommendations",
    "1. do this 2. do that",
    "An inspection of probation services in",
    "HM Inspectorate of Probation JULY 2019",
    "This inspection was led by HM Inspector",
    "[^3]",
    "^{4 5}",
    "<sup>6</sup>",
    "¹²",
    "<b>",
    "&amp;",
    "Service:",
    "Fieldwork started",
    ".",
    "?",
    "%",
    " ",
    "\n",
    "\t",
]

arbitrary_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
)


@cache
def _record(name: str) -> PublishedReport:
    return read_report(seed_text(name))


@settings(max_examples=200, deadline=None)
@given(arbitrary_text)
def test_arbitrary_text_gives_a_record_or_the_documented_error(text: str) -> None:
    try:
        report = read_report(text)
    except NotARatedInspection:
        return
    assert report.overall is not None or report.standards
    assert all(0 <= percent <= 100 for percent in report.key_questions.values())


def _rewrap(text: str, width: int) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs
    )


@pytest.mark.parametrize("name", SEEDS)
@SETTINGS
@given(width=st.integers(min_value=15, max_value=300))
def test_rewrapping_lines_does_not_change_the_record(name: str, width: int) -> None:
    assert read_report(_rewrap(seed_text(name), width)) == _record(name)


@pytest.mark.parametrize("name", SEEDS)
@SETTINGS
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_changing_whitespace_does_not_change_the_record(name: str, seed: int) -> None:
    # A seeded generator picks each run's replacement: drawing thousands of choices one
    # by one from hypothesis would make the smallest example huge.
    rng = random.Random(seed)
    runs = [" ", "  ", "\t", "\n", " \n\t", "\n\n", "\u00a0"]
    changed = re.sub(r"\s+", lambda _: rng.choice(runs), seed_text(name))
    assert read_report(changed) == _record(name)


def _tables(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of consecutive lines holding tab-separated cells."""
    runs: list[tuple[int, int]] = []
    start = None
    for number, line in enumerate([*lines, ""]):
        if "\t" in line and start is None:
            start = number
        elif "\t" not in line and start is not None:
            runs.append((start, number))
            start = None
    return runs


@pytest.mark.parametrize("name", SEEDS)
@SETTINGS
@given(data=st.data())
def test_html_tags_around_a_table_do_not_change_the_record(name: str, data: st.DataObject) -> None:
    lines = seed_text(name).splitlines()
    tables = _tables(lines)
    wrapped = data.draw(st.sets(st.sampled_from(tables), min_size=1))
    cell = data.draw(st.sampled_from(["td", "th"]))
    table_tag = data.draw(st.sampled_from(["<table>", '<table class="results">']))
    body = data.draw(st.booleans())
    for start, end in sorted(wrapped, reverse=True):
        rows = [
            "<tr>" + "".join(f"<{cell}>{c}</{cell}>" for c in line.split("\t")) + "</tr>"
            for line in lines[start:end]
        ]
        if body:
            rows = ["<tbody>", *rows, "</tbody>"]
        lines[start:end] = [table_tag, *rows, "</table>"]
    assert read_report("\n".join(lines)) == _record(name)


@pytest.mark.parametrize("name", SEEDS)
def test_a_whole_report_as_html_paragraphs_gives_the_same_record(name: str) -> None:
    html = "".join(f"<p>{line}</p>\n" for line in seed_text(name).splitlines())
    assert read_report(f"<html><body>{html}</body></html>") == _record(name)
