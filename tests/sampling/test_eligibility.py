"""Eligibility windows: the shipped defaults from the reports, their edges, and configuration
(a window is framework data, `Eligibility`; one generic reading serves every sample type)."""

from __future__ import annotations

import datetime as dt

import pytest
from sampling_helpers import FIELDWORK, case_list_from_rows

from probation_inspection.framework.model import Eligibility, FieldFilter, Offset
from probation_inspection.sampling import (
    Disposal,
    eligible,
)
from probation_inspection.sampling.defaults import definition_of
from probation_inspection.sampling.eligibility import (
    Exclusion,
    eligibility_report,
    months_before,
    prison_key,
)
from sample_ids import SampleType

#: The shipped CRC sample types, as the library's files declare them.
CASE_SUPERVISION = definition_of(SampleType.CASE_SUPERVISION)
UNPAID_WORK = definition_of(SampleType.UNPAID_WORK)
THROUGH_THE_GATE = definition_of(SampleType.THROUGH_THE_GATE)


def _prisons(*names: str) -> Eligibility:
    """The Through the Gate window limited to releases from the named prisons."""
    return THROUGH_THE_GATE.eligibility.with_filter(FieldFilter("releasing_prison", names))


def _upw_at_most(months: int) -> Eligibility:
    window = UNPAID_WORK.eligibility
    return Eligibility(window.date_field, window.latest, Offset(months=months), window.filters)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2019, 3, 4), 6, dt.date(2018, 9, 4)),
        (dt.date(2019, 3, 4), 7, dt.date(2018, 8, 4)),
        (dt.date(2019, 8, 31), 6, dt.date(2019, 2, 28)),
        (dt.date(2020, 8, 31), 6, dt.date(2020, 2, 29)),
        (dt.date(2019, 1, 15), 13, dt.date(2017, 12, 15)),
    ],
)
def test_months_before_clamps_to_the_end_of_a_shorter_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert months_before(day, months) == expected


def test_default_bounds_for_a_fieldwork_start() -> None:
    assert CASE_SUPERVISION.eligibility.bounds(FIELDWORK) == (
        dt.date(2018, 8, 4), dt.date(2018, 9, 4))
    assert UNPAID_WORK.eligibility.bounds(FIELDWORK) == (None, dt.date(2018, 12, 4))
    assert _upw_at_most(12).bounds(FIELDWORK) == (dt.date(2018, 3, 4), dt.date(2018, 12, 4))
    # Two weeks (14 days inclusive) ending six weeks before fieldwork.
    assert THROUGH_THE_GATE.eligibility.bounds(FIELDWORK) == (
        dt.date(2019, 1, 8), dt.date(2019, 1, 21))


def test_case_supervision_window_edges_are_inclusive_and_pss_is_left_out() -> None:
    rows = [
        ("E1", "Male", "CO", "Low", "2018-08-03", "A"),  # a day too early
        ("E2", "Male", "CO", "Low", "2018-08-04", "A"),  # first day
        ("E3", "Male", "SSO", "Low", "04/09/2018", "A"),  # last day
        ("E4", "Male", "Licence", "Low", "2018-09-05", "A"),  # a day too late
        ("E5", "Male", "PSS", "Low", "2018-08-20", "A"),  # post-sentence supervision
        ("E6", "Male", "Licence", "Low", "2018-08-20", "A"),
    ]
    population = eligible(case_list_from_rows(rows), SampleType.CASE_SUPERVISION, FIELDWORK)
    assert population.frame["crn"].to_list() == ["E2", "E3", "E6"]
    assert (population.listed, len(population)) == (6, 3)
    wider = CASE_SUPERVISION.eligibility.with_filter(
        FieldFilter("disposal", tuple(Disposal), blank_eligible=True))
    assert len(eligible(population.case_list, SampleType.CASE_SUPERVISION, FIELDWORK, wider)) == 4


def test_unpaid_work_began_at_least_three_months_before() -> None:
    header = ("CRN", "Gender", "RoSH", "UPW start date")
    rows = [("U1", "Male", "Low", "2018-12-04"), ("U2", "Male", "Low", "2018-12-05"),
            ("U3", "Female", "High", "2016-01-01")]
    case_list = case_list_from_rows(rows, header, SampleType.UNPAID_WORK)
    population = eligible(case_list, SampleType.UNPAID_WORK, FIELDWORK)
    assert population.frame["crn"].to_list() == ["U1", "U3"]
    capped = eligible(case_list, SampleType.UNPAID_WORK, FIELDWORK,
                      _upw_at_most(12))
    assert capped.frame["crn"].to_list() == ["U1"]


def test_through_the_gate_two_weeks_six_weeks_before_from_the_named_prisons() -> None:
    header = ("CRN", "Disposal", "Release date", "Releasing prison")
    rows = [
        ("T1", "Licence", "2019-01-07", "HMP Cardiff"),  # a day too early
        ("T2", "Licence", "2019-01-08", "HMP Cardiff"),
        ("T3", "PSS", "21/01/2019", "hmp/yoi parc"),
        ("T4", "Licence", "2019-01-22", "HMP Cardiff"),  # a day too late
        ("T5", "Licence", "2019-01-10", "HMP Berwyn"),
        ("T6", "Community order", "2019-01-10", "HMP Cardiff"),  # not a release
        ("T7", "Licence", "2019-01-10", ""),
    ]
    case_list = case_list_from_rows(rows, header, SampleType.THROUGH_THE_GATE)
    population = eligible(case_list, SampleType.THROUGH_THE_GATE, FIELDWORK)
    assert population.frame["crn"].to_list() == ["T2", "T3", "T5", "T7"]
    named = _prisons("Cardiff", "HMP & YOI Parc")
    population = eligible(case_list, SampleType.THROUGH_THE_GATE, FIELDWORK, named)
    assert population.frame["crn"].to_list() == ["T2", "T3"]


def test_through_the_gate_without_a_disposal_column_keeps_every_release() -> None:
    rows = [("T1", "2019-01-10"), ("T2", "2019-02-10")]
    case_list = case_list_from_rows(rows, ("CRN", "Release date"), SampleType.THROUGH_THE_GATE)
    population = eligible(case_list, SampleType.THROUGH_THE_GATE, FIELDWORK)
    assert population.frame["crn"].to_list() == ["T1"]


def test_prison_names_compare_without_prefix_case_or_punctuation() -> None:
    assert {prison_key(name) for name in ("HMP Cardiff", "cardiff", "HMP/YOI  Cardiff")} == {
        "cardiff"
    }
    assert prison_key("HMP Swansea") != prison_key("HMP Cardiff")


def test_eligibility_report_gives_the_window_as_dates_and_each_exclusion_once() -> None:
    rows = [
        ("E1", "Male", "CO", "Low", "2018-08-03", "A"),  # a day too early
        ("E2", "Male", "CO", "Low", "2018-08-04", "A"),
        ("E3", "Male", "SSO", "Low", "04/09/2018", "A"),
        ("E4", "Male", "Licence", "Low", "2018-09-05", "A"),  # a day too late
        ("E5", "Male", "PSS", "Low", "2018-08-20", "A"),  # post-sentence supervision
        ("E6", "Male", "PSS", "Low", "2018-09-30", "A"),  # late and PSS: counted once, late
    ]
    report = eligibility_report(case_list_from_rows(rows), SampleType.CASE_SUPERVISION,
                                FIELDWORK)
    assert (report.earliest, report.latest) == (dt.date(2018, 8, 4), dt.date(2018, 9, 4))
    assert (report.listed, report.included, report.empty) == (6, 2, False)
    assert report.excluded == (
        Exclusion("Start date before 4 August 2018", 1),
        Exclusion("Start date after 4 September 2018", 2),
        Exclusion("Disposal other than community order, licence, suspended sentence order", 1),
    )
    assert sum(item.cases for item in report.excluded) + report.included == report.listed


def test_eligibility_report_of_a_window_that_leaves_no_case() -> None:
    header = ("CRN", "Disposal", "Release date", "Releasing prison")
    rows = [("T1", "Licence", "2019-01-10", "HMP Berwyn"), ("T2", "Licence", "2019-01-11", "")]
    named = _prisons("Cardiff")
    report = eligibility_report(case_list_from_rows(rows, header, SampleType.THROUGH_THE_GATE),
                                SampleType.THROUGH_THE_GATE, FIELDWORK, named)
    assert report.empty and report.included == 0
    assert report.excluded == (Exclusion("Released from a prison not named for the sample", 2),)
    upw = eligibility_report(
        case_list_from_rows([("U1", "Male", "Low", "2019-02-01")],
                            ("CRN", "Gender", "RoSH", "UPW start date"), SampleType.UNPAID_WORK),
        SampleType.UNPAID_WORK, FIELDWORK)
    assert upw.earliest is None and upw.excluded == (
        Exclusion("Unpaid work start date after 4 December 2018", 1),)
