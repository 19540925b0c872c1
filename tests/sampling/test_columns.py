"""Header matching: punctuation, case, word order and synonyms; ambiguity; every problem at once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sampling_helpers import csv_bytes

from probation_inspection.sampling import CaseListError, Field
from probation_inspection.sampling.columns import resolve_columns
from probation_inspection.sampling.fields import DEFAULT_HEADERS, header_key
from probation_inspection.sampling.reading import parse_csv
from probation_inspection.sampling.validation import validate
from sample_ids import SampleType

KNOWN = [(field, spelling) for field, spellings in DEFAULT_HEADERS.items()
         for spelling in spellings]
PUNCTUATION = [" ", "  ", "_", "-", ".", "/", " (", ") ", ": ", " - "]


@st.composite
def variant(draw: st.DrawFn, spelling: str) -> str:
    """The spelling as an export might write it: shuffled words, any case, any separators."""
    words = draw(st.permutations(spelling.split()))
    cased = [draw(st.sampled_from([w.lower(), w.upper(), w.title(), w])) for w in words]
    text = cased[0]
    for word in cased[1:]:
        text += draw(st.sampled_from(PUNCTUATION)) + word
    before = draw(st.sampled_from(["", " ", "(", "_"]))
    after = draw(st.sampled_from(["", " ", ")", ".", ":"]))
    return before + text + after


@st.composite
def known_variant(draw: st.DrawFn) -> tuple[Field, str]:
    field, spelling = draw(st.sampled_from(KNOWN))
    return field, draw(variant(spelling))


@given(known_variant())
def test_any_punctuation_case_or_order_variant_of_a_known_header_maps_to_its_field(
    case: tuple[Field, str],
) -> None:
    field, header = case
    matched, problems = resolve_columns(["Notes", header], required=[field])
    assert matched.get(field) == 1, header
    assert problems == []


@given(st.data())
def test_two_columns_matching_one_field_are_a_problem_naming_both(data: st.DataObject) -> None:
    field, spelling = data.draw(st.sampled_from(KNOWN))
    first = data.draw(variant(spelling))
    second = data.draw(variant(spelling).filter(
        lambda text: text.strip(" _-./():").lower() != first.strip(" _-./():").lower()))
    matched, problems = resolve_columns([first, "Notes", second], required=[field])
    assert len(problems) == 1  # never silent: the file is refused naming both columns
    message = str(problems[0])
    if "appears twice" in message:  # the same text once case and spacing are folded
        assert "(columns 1 and 3)" in message
    else:
        assert field not in matched
        assert f'"{first}" (column 1)' in message and f'"{second}" (column 3)' in message
        assert problems[0].missing_field == field.value


def test_no_header_spelling_belongs_to_two_fields() -> None:
    owners: dict[frozenset[str], Field] = {}
    for field, spelling in KNOWN:
        assert owners.setdefault(header_key(spelling), field) is field, spelling


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Sentence Start Date", Field.START_DATE),
        ("sentence_start_date", Field.START_DATE),
        ("Start date (sentence)", Field.START_DATE),
        ("Date of sentence", Field.START_DATE),
        ("Order start date", Field.START_DATE),
        ("Case Reference Number", Field.CRN),
        ("CRN No.", Field.CRN),
        ("crn", Field.CRN),
        ("Case ref", Field.CRN),
        ("Sex", Field.GENDER),
        ("RoSH level", Field.ROSH),
        ("Risk of serious harm", Field.ROSH),
        ("PDU", Field.DELIVERY_UNIT),
        ("LDU", Field.DELIVERY_UNIT),
        ("Local delivery unit", Field.DELIVERY_UNIT),
        ("Date of release", Field.RELEASE_DATE),
    ],
)
def test_realistic_export_headers(header: str, field: Field) -> None:
    matched, problems = resolve_columns(["Notes", header])
    assert matched == {field: 1}
    assert problems == []


def test_a_missing_column_says_what_is_missing_in_words_and_lists_the_columns() -> None:
    _, problems = resolve_columns(["CRN", "Commencement"], required=[Field.START_DATE])
    assert [str(problem) for problem in problems] == [
        'row 1: no column for the sentence or licence start date, which is required; columns '
        'found: "CRN", "Commencement"'
    ]
    assert problems[0].missing_field == "start_date"
    assert "--map" not in str(problems[0])


def test_a_missing_column_does_not_hide_the_problems_in_every_other_column() -> None:
    table = parse_csv(csv_bytes(
        ("CRN", "Sex", "Disposal", "RoSH", "Commencement", "Release date"),
        [("X1", "Male", "CO", "Low", "2018-08-20", "2019-02-30"),
         ("X2", "Other", "CO", "Low", "2018-08-20", ""),
         ("X1", "Female", "CO", "", "2018-08-20", "")],
    ), source="export.csv")
    with pytest.raises(CaseListError) as caught:
        validate(table, SampleType.CASE_SUPERVISION)
    assert [str(problem) for problem in caught.value.problems] == [
        'row 1: no column for the sentence or licence start date, which is required; columns '
        'found: "CRN", "Sex", "Disposal", "RoSH", "Commencement", "Release date"',
        'row 2, column Release date: release date "2019-02-30" is not a real date: there is no '
        "such day",
        'row 3, column Sex: unknown gender "Other"; allowed values are male, female',
        'row 4, column CRN: case reference "X1" is also on row 2',
        "row 4, column RoSH: RoSH level is blank but required",
    ]
    assert caught.value.missing_fields == ("start_date",)


def test_a_chosen_column_is_read_as_the_field_and_its_dates_checked() -> None:
    table = parse_csv(csv_bytes(
        ("CRN", "Sex", "Disposal", "RoSH", "Commencement"),
        [("X1", "Male", "CO", "Low", "2019-02-30")],
    ), source="export.csv")
    with pytest.raises(CaseListError) as caught:
        validate(table, SampleType.CASE_SUPERVISION, overrides={Field.START_DATE: "Commencement"})
    assert [str(problem) for problem in caught.value.problems] == [
        'row 2, column Commencement: sentence or licence start date "2019-02-30" is not a real '
        "date: there is no such day",
    ]


def test_a_missing_column_comes_with_every_column_and_a_few_of_its_values() -> None:
    long = "x" * 60
    table = parse_csv(csv_bytes(
        ("CRN", "Sex", "Disposal", "RoSH", "Commencement"),
        [("X1", "Male", "CO", "Low", "2018-08-20"), ("X2", "Male", "CO", "Low", ""),
         ("X3", "Female", "CO", "Low", long), ("X4", "Male", "CO", "Low", "2018-08-21")],
    ), source="export.csv")
    with pytest.raises(CaseListError) as caught:
        validate(table, SampleType.CASE_SUPERVISION)
    columns = {column.header: column.values for column in caught.value.problems[0].columns}
    assert columns["CRN"] == ("X1", "X2", "X3")
    assert columns["Sex"] == ("Male", "Female")
    assert columns["Commencement"] == ("2018-08-20", "x" * 40 + "…", "2018-08-21")
