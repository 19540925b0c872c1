"""Unit tests for the wording other reports use: footnote marker styles, page heads, rating
words and headings in any case, counts in words or at a sentence's start."""

from __future__ import annotations

import re
import time

import pytest

from probation_inspection.published import read_report
from probation_inspection.published.normalise import normalise
from probation_inspection.published.vocabulary import RATING_LABELS, label_pattern


@pytest.mark.parametrize(
    "printed",
    ["safe?[12] [13] 48%", "safe? [12][13] 48%", "safe?†††*** 48%", "safe?¶¶*** 48%"],
)
def test_bracketed_and_symbol_markers_become_the_one_form(printed: str) -> None:
    if "†" in printed:
        assert normalise(printed) == "safe? [^14] [^13] 48%"
    else:
        assert normalise(printed) == "safe? [^12] [^13] 48%"


def test_a_footnote_line_keeps_its_marker_in_every_style() -> None:
    for line in ["[13] In arriving", "[^13]: In arriving", "*** In arriving", "¹³ In arriving"]:
        assert normalise(line) == "[^13] In arriving", line


def test_brackets_that_are_not_markers_stay() -> None:
    assert normalise("in [2019] and [1](http://example.org) and [ 3 ]") == (
        "in [2019] and 1 and [ 3 ]"
    )


def test_a_markdown_bullet_and_emphasis_are_not_markers() -> None:
    assert normalise("* Lean staffing\n* the *relevant* sub-sample and **Good**") == (
        "Lean staffing the relevant sub-sample and Good"
    )


def test_an_asterisk_after_a_word_is_footnote_one() -> None:
    assert normalise("England and Wales* 8,899") == "England and Wales [^1] 8,899"


def test_a_page_head_script_and_style_are_not_text() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>T</title><style>td { x: 1 }</style></head>"
        "<body><script>var a = 1;</script><h2>Overall rating</h2><p>Good</p></body></html>"
    )
    assert normalise(page) == "Overall rating Good"


@pytest.mark.parametrize(
    "printed", ["Requires improvement", "requires improvement", "REQUIRES IMPROVEMENT",
                "Requires Improvement", "requires\nimprovement"],
)  # fmt: skip
def test_a_rating_label_in_any_case(printed: str) -> None:
    assert re.fullmatch(label_pattern(RATING_LABELS), printed)
    as_printed = label_pattern(RATING_LABELS, any_case=False)
    assert bool(re.fullmatch(as_printed, printed)) == (
        printed in ("Requires improvement", "REQUIRES IMPROVEMENT")
    )


def test_ratings_headings_and_overall_in_lower_case() -> None:
    report = read_report(
        "overall rating requires improvement. 2.1 Assessment good 2.2 Planning inadequate "
        "2.1.1. Does assessment focus on it? 67%"
    )
    assert report.overall == "Requires improvement"
    assert dict(report.standards) == {"2.1": "Good", "2.2": "Inadequate"}
    assert dict(report.key_questions) == {"2.1.1": 67}


def test_a_prose_sentence_with_a_lower_case_rating_word_is_not_joined_to_a_footnote() -> None:
    text = (
        "Overall rating Good. 2.2 Planning Good. ¹³ In arriving at the rating for planning, "
        "we have exercised professional discretion. Staff had a good grasp of the cases."
    )
    (discretion,) = read_report(text).discretion
    assert discretion.text.endswith("professional discretion.")
    assert (discretion.from_rating, discretion.to_rating) == (None, None)


def test_counts_in_words_and_in_capitals() -> None:
    report = read_report(
        "Overall rating Good. WE EXAMINED ONE HUNDRED AND THIRTY cases from five units. "
        "In total, we held twenty-one meetings. We interviewed Fifty-Eight responsible officers. "
        "We have made Six recommendations. 1. do this 2. do that 3. a 4. b 5. c 6. d."
    )
    assert report.samples.case_supervision == 130
    assert (report.meetings, report.interviews) == (21, 58)
    assert len(report.recommendations) == 6
    assert "recommendations" not in report.missing


def test_a_count_of_the_cases_in_prose_is_not_a_sample() -> None:
    report = read_report(
        "Overall rating Good. Twelve of the 30 cases were inspected twice. "
        "Thirty cases were examined from across two units."
    )
    assert report.samples.case_supervision == 30


def test_unclosed_heads_cost_one_look_each() -> None:
    # Each unclosed "<head>" once searched the rest of the text for its end: quadratic.
    started = time.process_time()
    assert normalise("<head>" * 200_000 + "Overall rating Good") == "Overall rating Good"
    assert time.process_time() - started < 10
