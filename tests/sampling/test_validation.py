"""Validation: one fixture per kind of problem, every problem at once, headers and mapping."""

from __future__ import annotations

import datetime as dt

import pytest
from sampling_helpers import CASELISTS, CSV_HEADER, IN_WINDOW, case_list_from_rows, csv_bytes

from probation_inspection.sampling import (
    CaseListError,
    Disposal,
    Field,
    Gender,
    OfficerGrade,
    RoSH,
    load_case_list,
    parse_overrides,
)
from probation_inspection.sampling.columns import resolve_columns
from probation_inspection.sampling.reading import parse_csv
from probation_inspection.sampling.validation import validate
from sample_ids import SampleType


def problems(name: str, sample_type: SampleType = SampleType.CASE_SUPERVISION) -> list[str]:
    with pytest.raises(CaseListError) as caught:
        load_case_list(CASELISTS / name, sample_type)
    return [str(problem) for problem in caught.value.problems]


def test_missing_required_value() -> None:
    assert problems("missing-value.csv") == [
        "row 3, column Gender: gender is blank but required",
        "row 4, column Sentence start date: sentence or licence start date is blank but required",
    ]


def test_unknown_category_names_the_allowed_values() -> None:
    assert problems("unknown-category.csv") == [
        'row 3, column Disposal: unknown disposal type "Deferred sentence"; allowed values are '
        "community order, suspended sentence order, licence, post sentence supervision, referral "
        "order, youth rehabilitation order, detention and training order, youth caution, youth "
        "conditional caution, community resolution",
        'row 4, column RoSH: unknown RoSH level "Extreme"; allowed values are low, medium, high, '
        "very high",
        'row 4, column RO grade: unknown responsible officer grade "SPO"; allowed values are PO, '
        "PSO",
    ]


def test_unparseable_date_says_which_formats_are_accepted() -> None:
    assert problems("unparseable-date.csv") == [
        'row 3, column Sentence start date: sentence or licence start date "20th August 2018" is '
        "not a date; write dates as YYYY-MM-DD or DD/MM/YYYY",
        # A US-style date reads as day 08 of month 20, which does not exist.
        'row 4, column Sentence start date: sentence or licence start date "08/20/2018" is not a '
        "real date: there is no such day",
    ]


def test_impossible_dates_in_both_formats() -> None:
    assert problems("impossible-date.csv") == [
        'row 2, column Sentence start date: sentence or licence start date "2019-02-30" is not a '
        "real date: there is no such day",
        'row 3, column Sentence start date: sentence or licence start date "31/04/2018" is not a '
        "real date: there is no such day",
    ]


def test_duplicate_case_reference_names_both_rows_ignoring_case() -> None:
    assert problems("duplicate-crn.csv") == [
        'row 5, column CRN: case reference "x100001" is also on row 2'
    ]


def test_missing_required_column_names_the_headers_looked_for() -> None:
    assert problems("missing-column.csv") == [
        'row 1: no column for the gender, which is required; columns found: "CRN", "Disposal", '
        '"RoSH", "Sentence start date"'
    ]


def test_unpaid_work_hours_must_be_whole_and_in_range() -> None:
    assert problems("bad-hours.csv", SampleType.UNPAID_WORK) == [
        'row 3, column UPW hours: unpaid work hours "twelve" is not a whole number of hours from '
        "40 to 300",
        'row 4, column UPW hours: unpaid work hours "500" is not a whole number of hours from 40 '
        "to 300",
    ]


def test_every_problem_is_reported_at_once_in_row_then_column_order() -> None:
    assert problems("many-problems.csv") == [
        "row 3, column Gender: gender is blank but required",
        'row 3, column RoSH: unknown RoSH level "Moderate"; allowed values are low, medium, '
        "high, very high",
        'row 3, column Sentence start date: sentence or licence start date "2018-02-30" is not a '
        "real date: there is no such day",
        'row 4, column CRN: case reference "X100001" is also on row 2',
        'row 4, column Sentence start date: sentence or licence start date "yesterday" is not a '
        "date; write dates as YYYY-MM-DD or DD/MM/YYYY",
    ]


def test_problems_carry_row_column_and_value() -> None:
    with pytest.raises(CaseListError) as caught:
        load_case_list(CASELISTS / "unknown-category.csv", SampleType.CASE_SUPERVISION)
    first = caught.value.problems[0]
    assert (first.row, first.column, first.value) == (3, "Disposal", "Deferred sentence")
    assert caught.value.source == "unknown-category.csv"
    assert str(caught.value).startswith("unknown-category.csv: 3 problems\nrow 3, column Disposal")


def test_required_fields_depend_on_the_sample_type() -> None:
    # No disposal or sentence date: fine for unpaid work, not for case supervision.
    header = ("CRN", "Gender", "RoSH", "UPW start date")
    rows = [("U1", "Male", "Low", "2018-10-01")]
    assert len(case_list_from_rows(rows, header, SampleType.UNPAID_WORK)) == 1
    with pytest.raises(CaseListError, match="no column for the disposal type"):
        case_list_from_rows(rows, header, SampleType.CASE_SUPERVISION)
    with pytest.raises(CaseListError, match="no column for the release date"):
        case_list_from_rows(rows, header, SampleType.THROUGH_THE_GATE)


def test_optional_fields_are_still_checked_when_given() -> None:
    header = (*CSV_HEADER, "Release date")
    rows = [("A1", "Male", "Licence", "Low", IN_WINDOW, "Cardiff", "2019-13-01")]
    with pytest.raises(CaseListError) as caught:
        case_list_from_rows(rows, header)
    assert str(caught.value.problems[0]).startswith(
        'row 2, column Release date: release date "2019-13-01" is not a real date'
    )


def test_values_are_typed_and_spellings_folded() -> None:
    header = ("Case reference", "Sex", "Sentence type", "RoSH level", "Sentence start date",
              "Delivery unit", "Responsible officer grade", "UPW hours", "Remarks")
    rows = [
        (" x1 ", "M", "suspended_sentence order", "VH", "01/02/2019", "Cardiff", "PO", "120", "a"),
        ("X2", "female", "PSS", "very-high", "2019-2-1 00:00", "Swansea", "pso", "", ""),
        ("X3", "Female", "License", "Med", "2019-02-01T09:30:00", "Swansea", "Probation officer",
         "40", "=1"),
    ]
    cases = list(case_list_from_rows(rows, header).cases())
    assert [c.crn for c in cases] == ["X1", "X2", "X3"]
    assert [c.gender for c in cases] == [Gender.MALE, Gender.FEMALE, Gender.FEMALE]
    assert [c.disposal for c in cases] == [
        Disposal.SUSPENDED_SENTENCE_ORDER, Disposal.POST_SENTENCE_SUPERVISION, Disposal.LICENCE
    ]
    assert [c.rosh for c in cases] == [RoSH.VERY_HIGH, RoSH.VERY_HIGH, RoSH.MEDIUM]
    assert {c.start_date for c in cases} == {dt.date(2019, 2, 1)}
    assert [c.officer_grade for c in cases] == [OfficerGrade.PO, OfficerGrade.PSO, OfficerGrade.PO]
    assert [c.upw_hours for c in cases] == [120, None, 40]
    assert [dict(c.attributes) for c in cases] == [{"Remarks": "a"}, {"Remarks": None},
                                                  {"Remarks": "=1"}]


def test_map_overrides_the_default_headers() -> None:
    header = ("Ref", "Gender", "Disposal", "RoSH", "Start", "Date of sentence", "LDU")
    data = csv_bytes(header, [("R1", "Male", "CO", "Low", "2018-08-20", "nonsense", "Cardiff")])
    overrides = parse_overrides(["crn=Ref", "start_date=start"])
    case_list = validate(parse_csv(data, source="m.csv"), SampleType.CASE_SUPERVISION,
                         overrides=overrides)
    assert case_list.columns[Field.CRN] == "Ref"
    assert case_list.columns[Field.START_DATE] == "Start"
    assert case_list.attributes == ("Date of sentence",)


def test_map_to_a_header_that_is_not_there() -> None:
    data = csv_bytes(CSV_HEADER, [("A1", "Male", "CO", "Low", IN_WINDOW, "Cardiff")])
    with pytest.raises(CaseListError) as caught:
        validate(parse_csv(data, source="m.csv"), SampleType.CASE_SUPERVISION,
                 overrides={Field.GENDER: "Sex at birth"})
    assert [str(p) for p in caught.value.problems] == [
        'row 1, column Sex at birth: no column headed "Sex at birth" for gender; the headers are '
        "CRN, Gender, Disposal, RoSH, Sentence start date, LDU"
    ]


def test_parse_overrides_refuses_unknown_fields_and_bad_pairs() -> None:
    assert parse_overrides(["delivery-unit=Cluster", "RoSH=Risk"]) == {
        Field.DELIVERY_UNIT: "Cluster", Field.ROSH: "Risk"
    }
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        parse_overrides(["colour=Red"])
    with pytest.raises(ValueError, match="should be FIELD=HEADER"):
        parse_overrides(["crn"])


def test_duplicate_headers_are_a_problem() -> None:
    matched, found = resolve_columns(["CRN", "Gender", "GENDER"])
    assert matched == {Field.CRN: 0, Field.GENDER: 1}
    assert [str(p) for p in found] == [
        'row 1, column GENDER: the header "GENDER" appears twice (columns 2 and 3)'
    ]


def test_first_spelling_in_priority_order_wins_and_the_rest_stay_attributes() -> None:
    matched, found = resolve_columns(["Sentence type", "Disposal", "Office"])
    assert matched == {Field.DISPOSAL: 1, Field.OFFICE: 2}
    assert found == []


def test_nothing_is_returned_when_any_row_is_bad() -> None:
    rows = [("A1", "Male", "CO", "Low", IN_WINDOW, "Cardiff")] * 1 + [
        ("A2", "Male", "CO", "Low", "2018-02-29", "Cardiff")
    ]
    with pytest.raises(CaseListError):
        case_list_from_rows(rows)
