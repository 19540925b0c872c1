"""The reader of what seed 000 states per question: checked against the text, nothing skipped."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.demo import stated
from probation_inspection.demo.stated import NOT_CASE_TALLIES, TABLE, StatedError, read
from probation_inspection.framework import load_framework
from probation_inspection.reporting.wording import (
    COMPARATIVE_PHRASES,
    PROPORTION_PHRASES,
    ProportionPhrase,
    phrase_meaning,
)

SEED = Path(__file__).parent.parent / "fixtures" / "reports" / "000_aa2a86d3a0086947.txt"
FRAMEWORK = load_framework("hmip-crc-2018")
STATED = stated.stated()


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_the_hand_table_is_what_the_text_says_and_every_other_proportion_is_listed() -> None:
    reading = read(seed_text())
    assert reading.stated == STATED
    # Every proportion in chapters 2 to 4 that is not mapped is listed, each with its reason.
    assert reading.unmapped == NOT_CASE_TALLIES
    assert all(item.reason != "not mapped to a question" for item in reading.unmapped)


def test_each_question_is_stated_once_and_is_the_frameworks() -> None:
    ids = [item.question_id for item in STATED]
    assert len(ids) == len(set(ids))
    known = {kq.id for s in FRAMEWORK.standards() for kq in s.key_questions} | {
        prompt.id for s in FRAMEWORK.standards() for kq in s.key_questions
        for prompt in kq.prompts}
    assert set(ids) <= known


def test_the_issues_four_contradictions_are_read_as_the_report_words_them() -> None:
    by_id = {item.question_id: item for item in STATED}
    # Not sought "in almost two-thirds of relevant cases" [000 L499].
    assert by_id["2.1.3.p6"].negative and by_id["2.1.3.p6"].phrase == "almost two-thirds"
    assert by_id["2.1.3.p6"].holds(8, 23) and not by_id["2.1.3.p6"].holds(12, 24)
    # Home visits not undertaken in almost two-thirds [000 L575].
    assert by_id["2.3.3.p5"].negative and not by_id["2.3.3.p5"].holds(41, 60)
    # Reviews informed by other agencies "in less than half" [000 L588].
    assert by_id["2.4.2.p3"].holds(34, 80) and not by_id["2.4.2.p3"].holds(58, 80)
    # "Less than a quarter of plans took account of factors related to the risk of harm".
    assert by_id["4.2.1.p6"].holds(7, 33) and not by_id["4.2.1.p6"].holds(13, 33)


def test_stated_counts_and_relevant_cases_are_kept() -> None:
    by_id = {item.question_id: item for item in STATED}
    assert (by_id["2.2.3"].yes, by_id["2.2.3"].relevant) == (50, 105)
    assert (by_id["2.4.3"].yes, by_id["2.4.3"].relevant) == (36, 67)
    assert (by_id["2.2.3.p5"].yes, by_id["2.2.3.p5"].relevant) == (None, 53)
    assert by_id["2.2.3.p5"].yes_for(53) == 23  # 43 per cent of the 53 relevant cases
    assert by_id["2.4.3.p1"].relevant == 68  # "In the 68 relevant cases, just over half"
    assert not by_id["2.4.3.p1"].holds(37, 69)


def test_a_similar_proportion_reads_as_the_sentence_before() -> None:
    by_id = {item.question_id: item for item in STATED}
    assert by_id["2.2.3.p2"].meaning == by_id["2.2.3.p1"].meaning  # just over half [000 L520]
    assert by_id["2.3.2.p1"].meaning == by_id["2.3.2"].meaning  # two-thirds [000 L552]


def test_a_row_whose_words_are_not_on_its_line_is_refused() -> None:
    text = seed_text().replace("in almost two-thirds of relevant cases. In such",
                               "in most relevant cases. In such")
    with pytest.raises(StatedError, match="L499"):
        read(text)


def test_a_proportion_the_table_does_not_map_is_listed_not_skipped() -> None:
    text = seed_text().replace(
        "HMP Swansea has a release board",
        "In 12 per cent of cases there was a release board. HMP Swansea has a release board")
    unmapped = read(text).unmapped
    assert [(u.line, u.phrase, u.reason) for u in unmapped if u not in NOT_CASE_TALLIES] == [
        (670, "12 per cent", "not mapped to a question")]


def test_the_readers_words_come_from_the_wording_tables() -> None:
    rows = {*PROPORTION_PHRASES, *COMPARATIVE_PHRASES}
    for item in STATED:
        if "per cent" not in item.phrase and item.phrase != "a similar proportion":
            assert item.meaning in rows, item.phrase
    assert phrase_meaning("one-third").words == "around a third"
    assert phrase_meaning("over six out of ten").words == "over six in ten"
    assert phrase_meaning("over eight of ten").words == "over eight in ten"
    with pytest.raises(ValueError, match="not a proportion phrase"):
        phrase_meaning("a goodly number")


@pytest.mark.parametrize("row", COMPARATIVE_PHRASES, ids=lambda row: row.words)
def test_a_comparative_says_no_more_than_its_words(row: ProportionPhrase) -> None:
    fractions: dict[str, Fraction | int] = {
        "a quarter": 25, "a third": Fraction(100, 3), "half": 50, "two-thirds": Fraction(200, 3),
        "three-quarters": 75, "seven in ten": 70, "eight in ten": 80}
    words = row.words
    for name, value in fractions.items():
        if words.endswith(name):
            if words.startswith(("less than", "under", "just under", "almost")):
                assert row.high <= value
            if words.startswith("over"):
                assert row.low >= value
    assert 0 <= row.low < row.high <= 100
    assert row.seeds


@given(relevant=st.integers(1, 150), data=st.data())
@settings(max_examples=80, deadline=None)
def test_the_generators_range_is_the_statements(relevant: int, data: st.DataObject) -> None:
    item = data.draw(st.sampled_from([s for s in STATED if s.yes is None]))
    target = item.share_target()
    for yes in range(relevant + 1):
        assert target.holds(yes, relevant) == item.holds(yes, relevant) or (
            item.relevant is not None and item.relevant != relevant)
    chosen = item.yes_for(relevant)
    if chosen is not None:
        assert item.holds(chosen, relevant)


def test_the_table_rows_each_name_a_line_in_chapters_two_to_four() -> None:
    lines = dict(stated.chapters(seed_text()))
    assert all(row.line in lines for row in TABLE)
    assert min(lines) == 457 and max(lines) == 671


READABLE = [row for row in (*PROPORTION_PHRASES, *COMPARATIVE_PHRASES)
            if row.words not in ("none", "all", "most")]


@given(row=st.sampled_from(READABLE), relevant=st.none() | st.integers(1, 999),
       capital=st.booleans())
@settings(max_examples=150, deadline=None)
def test_every_phrase_the_tables_know_is_found_in_a_sentence_and_read_back(
    row: ProportionPhrase, relevant: int | None, capital: bool
) -> None:
    words = row.words.capitalize() if capital else row.words
    tail = f" of the {relevant} relevant cases" if relevant else " of the cases"
    match = stated.PROPORTION.search(f"We found, in {words}{tail}, that it was done.")
    assert match is not None
    meaning, yes, found_relevant = stated._meaning(match)
    assert meaning == row and yes is None and found_relevant == relevant


@given(percent=st.integers(0, 100), yes=st.integers(0, 200), relevant=st.integers(1, 200))
@settings(max_examples=150, deadline=None)
def test_a_per_cent_means_the_shares_that_round_half_up_to_it(
    percent: int, yes: int, relevant: int
) -> None:
    match = stated.PROPORTION.search(f"In {percent} per cent of cases, it was done.")
    assert match is not None
    meaning, _, _ = stated._meaning(match)
    if yes <= relevant:
        share = Fraction(100 * yes, relevant)
        assert meaning.covers(share) == ((100 * yes * 2 + relevant) // (2 * relevant) == percent)


@given(line=st.integers(457, 671), junk=st.text(max_size=200))
@settings(max_examples=60, deadline=None)
def test_a_changed_line_is_either_read_or_refused_by_name(line: int, junk: str) -> None:
    lines = seed_text().splitlines()
    lines[line - 1] = junk
    try:
        reading = read("\n".join(lines))
    except StatedError as error:
        assert "000 L" in str(error) or "chapters 2 to 4" in str(error)
        return
    assert reading.stated == STATED
