"""Unit tests for the report's written records (`reporting.records`, `reporting.candidates`,
the practice-example rules in `reporting.practice`) and how the report prints them."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.demo import wales
from probation_inspection.framework.model import (
    KeyQuestion,
    Prompt,
    RatingMethod,
    Standard,
)
from probation_inspection.reporting import build_report, render_html, report_from_json, score
from probation_inspection.reporting.candidates import STRENGTH_FROM, candidate_sentences
from probation_inspection.reporting.inputs import PracticeExample, PracticeKind
from probation_inspection.reporting.practice import (
    PRINTED_NAMES,
    PracticeError,
    PracticeState,
    anonymised,
    check_practice_text,
    parse_name_changes,
    printable,
    state_after_edit,
    suggested_name,
)
from probation_inspection.reporting.pseudonym import pseudonym
from probation_inspection.reporting.records import (
    NumberedRecommendation,
    Recommendation,
    RecommendationGroup,
    RecordError,
    StandardPoints,
    check_addressee,
    check_point,
    group_recommendations,
    recommendations_opening,
)
from probation_inspection.scoring import Tally
from sample_ids import SampleType

KEY = b"k" * 32


# --- Recommendations --------------------------------------------------------------------


def test_recommendations_group_by_addressee_and_number_on_across_groups() -> None:
    items = [Recommendation("The Wales division of KSS CRC", f"item {n}") for n in range(1, 6)]
    items.append(Recommendation("KSS CRC", "make sure that all buildings support staff."))
    groups = group_recommendations(items)
    assert [group.addressee for group in groups] == ["The Wales division of KSS CRC", "KSS CRC"]
    assert [item.number for item in groups[0].items] == [1, 2, 3, 4, 5]
    assert groups[1].items == (NumberedRecommendation(6, "make sure that all buildings support "
                                                         "staff."),)
    assert group_recommendations([]) == ()


def test_an_addressee_returning_later_starts_a_new_group_in_order() -> None:
    items = [Recommendation("A", "one"), Recommendation("B", "two"), Recommendation("A", "three")]
    assert [g.addressee for g in group_recommendations(items)] == ["A", "B", "A"]


@pytest.mark.parametrize("count,words", [(1, "made one recommendation that"),
                                         (6, "made six recommendations that"),
                                         (21, "made 21 recommendations that")])
def test_the_opening_sentence_is_grammatical_at_every_count(count: int, words: str) -> None:
    assert words in recommendations_opening(count, "KSS CRC")
    assert recommendations_opening(0, "KSS CRC") == ""


def test_records_are_checked_with_stable_codes() -> None:
    assert check_point("  Staff   are\ncommitted. ") == "Staff are committed."
    assert check_addressee(" KSS CRC: ") == "KSS CRC"
    for call, code in ((lambda: check_point("  "), "RC1"), (lambda: check_point("x" * 1001), "RC2"),
                       (lambda: check_addressee(""), "RC3"),
                       (lambda: check_addressee("x" * 201), "RC4"),
                       (lambda: check_addressee("KSS CRC should"), "RC5")):
        with pytest.raises(RecordError) as refused:
            call()
        assert refused.value.code == code


# --- Candidates -------------------------------------------------------------------------


def _standard() -> Standard:
    prompts = tuple(Prompt(f"2.1.1.{n}", f"Does planning consider thing {n}?") for n in "abcde")
    return Standard("2.1", "Planning", "Statement", RatingMethod.LOWEST_KEY_QUESTION,
                    SampleType.CASE_SUPERVISION,
                    (KeyQuestion("2.1.1", "Does planning work?", prompts=prompts),
                     KeyQuestion("2.1.2", "Is there a clear record?")))


def test_candidates_are_the_highest_and_lowest_shares_worded_as_findings() -> None:
    tallies = {
        "2.1.1.a": Tally("2.1.1.a", yes=9, no=1),     # 90: strength
        "2.1.1.b": Tally("2.1.1.b", yes=3, no=7),     # 30: area, said negatively
        "2.1.1.c": Tally("2.1.1.c", yes=7, no=3),     # 70: strength
        "2.1.1.d": Tally("2.1.1.d", yes=0, no=0, not_relevant=10),  # no relevant case: left out
        "2.1.1.e": Tally("2.1.1.e", yes=5, no=5),     # 50: area
        "2.1.2": Tally("2.1.2", yes=10, no=0),        # no prompts: the key question itself
    }
    found = candidate_sentences(_standard(), tallies)
    assert [c.question_id for c in found.strengths] == ["2.1.2", "2.1.1.a", "2.1.1.c"]
    assert [c.question_id for c in found.areas_for_improvement] == ["2.1.1.b", "2.1.1.e"]
    worst = found.areas_for_improvement[0]
    # Most cases fell short: the sentence says what was not done (wording.NEGATIVE_BELOW).
    assert worst.text == ("In just over two-thirds of the cases we inspected, planning did not "
                          "consider thing b.")
    assert worst.figure == "3 of 10 cases (30.0 per cent)"
    assert all(c.share >= STRENGTH_FROM for c in found.strengths)
    assert "[" not in "".join(c.text for c in (*found.strengths, *found.areas_for_improvement))
    assert len(candidate_sentences(_standard(), tallies, count=1).strengths) == 1


def test_a_standard_with_no_tallies_proposes_nothing() -> None:
    found = candidate_sentences(_standard(), {})
    assert found.strengths == () and found.areas_for_improvement == ()


def test_the_wales_standards_propose_what_their_tallies_say() -> None:
    inspection = wales.inspection()
    tallies = score(inspection).tallies
    standards = {s.id: s for s in inspection.framework.standards()}
    assessment = candidate_sentences(standards["2.1"], tallies)
    assert len(assessment.strengths) == len(assessment.areas_for_improvement) == 3
    assert all(c.share < Fraction(65) for c in assessment.areas_for_improvement)
    # Planning, Inadequate by the rule on 2.2.3, still has prompts the Wales report praises:
    # readiness and motivation in three-quarters of cases [000 L506].
    planning = candidate_sentences(standards["2.2"], tallies).strengths
    assert all(c.share >= Fraction(65) for c in planning)
    assert "2.2.1.p1" in {c.question_id for c in planning}


# --- Practice examples ------------------------------------------------------------------


def test_only_approved_examples_print_and_an_edit_returns_to_draft() -> None:
    assert printable("approved") and not printable(PracticeState.DRAFT)
    assert state_after_edit(PracticeState.APPROVED, changed=True) is PracticeState.DRAFT
    assert state_after_edit("approved", changed=False) is PracticeState.APPROVED


def test_names_are_replaced_whole_words_longest_first_and_the_crn_by_its_pseudonym() -> None:
    text = "Kevin Smith (X123456) met Kevin's mother; Kevinson was absent. KEVIN agreed."
    changes = parse_name_changes("Kevin Smith = Kieran\n\nKevin = Kieran\n")
    result = anonymised(text, "X123456", KEY, changes)
    assert result == (f"Kieran ({pseudonym('X123456', KEY)}) met Kieran's mother; Kevinson was "
                      "absent. Kieran agreed.")
    assert "X123456" not in result


def test_a_suggested_name_is_stable_and_from_the_list() -> None:
    assert suggested_name("X1", KEY) == suggested_name("X1", KEY) in PRINTED_NAMES


@pytest.mark.parametrize("text,code", [("Kevin", "PR1"), ("Kevin = ", "PR2"),
                                       ("= Kieran", "PR2"), ("x" * 101 + " = y", "PR3"),
                                       ("Kevin = A\nkevin = B", "PR4")])
def test_bad_name_changes_are_refused_naming_the_line(text: str, code: str) -> None:
    with pytest.raises(PracticeError) as refused:
        parse_name_changes(text)
    assert refused.value.code == code and refused.value.field == "names"
    assert "Line" in str(refused.value)


def test_practice_text_is_checked() -> None:
    assert check_practice_text(" A\r\nB ") == "A\nB"
    for text, code in (("  ", "PR5"), ("x" * 5001, "PR6")):
        with pytest.raises(PracticeError) as refused:
            check_practice_text(text)
        assert refused.value.code == code


_NAME = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)


@given(st.dictionaries(_NAME, _NAME, max_size=5))
def test_name_changes_read_back_what_was_written(changes: dict[str, str]) -> None:
    lowered = {real.lower() for real in changes}
    text = "\n".join(f"{real} = {printed}" for real, printed in changes.items())
    if len(lowered) < len(changes):
        with pytest.raises(PracticeError):
            parse_name_changes(text)
    else:
        assert parse_name_changes(text) == changes


@given(st.text(max_size=200))
def test_the_name_parser_only_ever_refuses_with_a_code(text: str) -> None:
    try:
        parse_name_changes(text)
    except PracticeError as refused:
        assert refused.code in {"PR1", "PR2", "PR3", "PR4"}


# --- In the report ----------------------------------------------------------------------


def test_the_report_prints_the_records_and_keeps_them_in_its_snapshot() -> None:
    source = wales.inspection()
    source = dataclasses.replace(
        source,
        recommendation_list=(Recommendation("The Wales division of KSS CRC", "better manage "
                                            "the workloads of staff"),
                             Recommendation("KSS CRC", "make sure that all buildings and ICT "
                                                       "support staff.")),
        narrative=dataclasses.replace(source.narrative, points={
            "2.2": StandardPoints(("Planning engaged the individual.",),
                                  ("Plans did not address risk of harm.",))}),
        practice_examples=(PracticeExample("2.2", PracticeKind.GOOD, "Kieran was seen at home."),),
    )
    report = build_report(source)
    assert report.recommendation_groups == (
        RecommendationGroup("The Wales division of KSS CRC", (NumberedRecommendation(
            1, "better manage the workloads of staff"),)),
        RecommendationGroup("KSS CRC", (NumberedRecommendation(
            2, "make sure that all buildings and ICT support staff."),)))
    planning = next(s for d in report.domains for s in d.standards if s.standard_id == "2.2")
    assert planning.strengths == ("Planning engaged the individual.",)
    assert planning.areas_for_improvement == ("Plans did not address risk of harm.",)
    html = render_html(report, charts=False)
    assert "we have made two recommendations" in html
    assert "KSS CRC should:</h3>" in html and 'start="2"' in html
    assert "<strong>Strengths:</strong>" in html
    assert "<strong>Areas for improvement:</strong>" in html
    assert "<strong>Good practice example:</strong>" in html
    assert report_from_json(report.to_json()) == report


def test_without_records_the_recommendations_markdown_prints_as_before() -> None:
    report = build_report(wales.inspection())
    assert report.recommendation_groups == () and report.recommendations_opening == ""
    assert report.recommendations in report.to_json()["recommendations"]  # type: ignore[operator]


def test_the_pdf_prints_the_records() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from probation_inspection.reporting import render_pdf

    source = wales.inspection()
    source = dataclasses.replace(
        source,
        recommendation_list=(Recommendation("KSS CRC", "make sure that all buildings and ICT "
                                                       "support staff."),),
        narrative=dataclasses.replace(source.narrative, points={
            "2.2": StandardPoints(("Planning engaged the individual.",), ())}),
        practice_examples=(PracticeExample("2.2", PracticeKind.GOOD, "Kieran was seen at home."),),
    )
    text = " ".join((page.extract_text() or "") for page in
                    PdfReader(BytesIO(render_pdf(build_report(source)))).pages)
    text = " ".join(text.split())
    assert "KSS CRC should:" in text and "make sure that all buildings" in text
    assert "Strengths: " in text and "Planning engaged the individual." in text
    assert "Good practice example: Kieran was seen at home." in text
