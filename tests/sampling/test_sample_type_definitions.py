"""Sampling reads sample types from the framework: an id alone resolves to the shipped files'
declarations, a window selects a case iff its date falls inside it, and a framework's own
sample type (a youth out-of-court sample) loads, validates a case list and draws."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sampling_helpers import FIELDWORK, case_list_from_rows

from probation_inspection.framework import available_frameworks, load_framework
from probation_inspection.framework.loader import load_framework_file
from probation_inspection.framework.model import Eligibility, Offset, SampleTypeDefinition
from probation_inspection.sampling import (
    Field,
    definition_of,
    draw,
    eligible,
    shipped_sample_types,
    strata_fields,
)
from probation_inspection.sampling.eligibility import eligibility_report
from probation_inspection.sampling.validation import required_fields

YOUTH = Path(__file__).parents[1] / "fixtures" / "youth-out-of-court.yaml"


def test_an_id_alone_resolves_to_what_every_shipped_file_declaring_it_says() -> None:
    # No sample type is written in code: the shipped files that share an id declare it alike,
    # so resolving an id by the library is the same whichever file it came from.
    shipped = shipped_sample_types()
    for summary in available_frameworks():
        for definition in load_framework(summary.id).sample_types:
            assert shipped[definition.id] == definition, (summary.id, definition.id)
    for framework_id in ("hmip-crc-2018", "hmip-tr-ei5-2016"):
        declared = {d.id: d for d in load_framework(framework_id).sample_types}
        assert declared == {key: shipped[key] for key in declared}
    with pytest.raises(KeyError, match="not a sample type of any shipped framework"):
        definition_of("no-such-sample")


def test_fields_and_strata_come_from_the_definition() -> None:
    youth = load_framework_file(YOUTH).sample_type("out-of-court")
    assert required_fields(youth) == (Field.CRN, Field.GENDER, Field.DISPOSAL, Field.START_DATE)
    assert strata_fields(youth) == (Field.GENDER, Field.DISPOSAL)
    assert strata_fields(youth, spread_delivery_units=True)[0] is Field.DELIVERY_UNIT


_offsets = st.builds(Offset, st.integers(0, 24), st.integers(0, 60), st.integers(0, 90))


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    earlier=_offsets,
    later=_offsets,
    open_ended=st.booleans(),
    days_back=st.lists(st.integers(0, 1200), min_size=1, max_size=20),
)
def test_a_case_is_eligible_iff_its_date_falls_in_the_window(
    start: dt.date, earlier: Offset, later: Offset, open_ended: bool, days_back: list[int]
) -> None:
    first, second = sorted((earlier, later), key=lambda o: o.before(start))
    window = Eligibility("release_date", latest=second, earliest=None if open_ended else first)
    definition = SampleTypeDefinition("any", "Any", ("crn", "release_date"), window)
    dates = [start - dt.timedelta(days=back) for back in days_back]
    rows = [(f"X{index}", day.isoformat()) for index, day in enumerate(dates)]
    case_list = case_list_from_rows(rows, ("CRN", "Release date"), definition)
    earliest, latest = window.bounds(start)
    expected = [f"X{i}" for i, day in enumerate(dates)
                if day <= latest and (earliest is None or day >= earliest)]
    assert eligible(case_list, definition, start).frame["crn"].to_list() == expected
    report = eligibility_report(case_list, definition, start)
    assert report.included == len(expected)
    assert report.included + sum(item.cases for item in report.excluded) == len(rows)


def _youth_rows() -> list[tuple[str, ...]]:
    # Fieldwork 4 March 2019: the window runs from 4 June to 3 September 2018 (39 to 26 weeks).
    rows = []
    disposals = ("Youth caution", "YCC", "Community resolution", "Referral order")
    for index in range(80):
        day = dt.date(2018, 5, 20) + dt.timedelta(days=index * 2)
        rows.append((f"Y{index:03d}", ("Male", "Female")[index % 2],
                     disposals[index % len(disposals)], day.isoformat()))
    return rows


def test_a_youth_out_of_court_sample_is_drawn_from_its_framework() -> None:
    youth = load_framework_file(YOUTH).sample_type("out-of-court")
    header = ("CRN", "Gender", "Disposal", "Start date")
    case_list = case_list_from_rows(_youth_rows(), header, youth)
    population = eligible(case_list, youth, FIELDWORK)
    assert population.sample_type == "out-of-court" and population.definition == youth
    frame = population.frame
    assert set(frame["disposal"].to_list()) == {
        "youth-caution", "youth-conditional-caution", "community-resolution"}
    assert youth.eligibility.bounds(FIELDWORK) == (dt.date(2018, 6, 4), dt.date(2018, 9, 3))
    assert frame["start_date"].min() >= dt.date(2018, 6, 4)
    assert frame["start_date"].max() <= dt.date(2018, 9, 3)
    sample = draw(population, seed=7, size=10)
    again = draw(eligible(case_list, youth, FIELDWORK), seed=7, size=10)
    assert [c.crn for c in sample.cases] == [c.crn for c in again.cases]
    assert sample.sample_type == "out-of-court" and len(sample.cases) == 10
    assert sample.fields == (Field.GENDER, Field.DISPOSAL)
    report = eligibility_report(case_list, youth, FIELDWORK)
    reasons = [item.reason for item in report.excluded]
    assert reasons[-1] == ("Disposal other than community resolution, youth caution, youth "
                           "conditional caution")
