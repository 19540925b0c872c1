"""Builders for sampling tests: case lists from rows, and eligible populations from counts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

from probation_inspection.sampling import (
    CaseList,
    Population,
    SampleTypeRef,
    eligible,
    validate,
)
from probation_inspection.sampling.reading import parse_csv
from sample_ids import SampleType

FIELDWORK = dt.date(2019, 3, 4)
#: A sentence start date inside the default case supervision window for FIELDWORK.
IN_WINDOW = "2018-08-20"

CASELISTS = Path(__file__).parents[1] / "fixtures" / "caselists"

CSV_HEADER = ("CRN", "Gender", "Disposal", "RoSH", "Sentence start date", "LDU")


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    lines = [",".join(header), *(",".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def case_list_from_rows(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = CSV_HEADER,
    sample_type: SampleTypeRef = SampleType.CASE_SUPERVISION,
) -> CaseList:
    return validate(parse_csv(csv_bytes(header, rows), source="test.csv"), sample_type)


def population_from_counts(
    counts: Mapping[tuple[str, str, str], int], units: Sequence[str] = ("Cardiff",)
) -> Population:
    """An eligible case supervision population with ``counts`` cases per (gender, disposal,
    RoSH), spread round-robin over ``units``."""
    numbers = itertools.count(1)
    unit_cycle = itertools.cycle(units)
    rows = [
        (f"C{next(numbers):06d}", gender, disposal, rosh, IN_WINDOW, next(unit_cycle))
        for (gender, disposal, rosh), count in counts.items()
        for _ in range(count)
    ]
    return eligible(case_list_from_rows(rows), SampleType.CASE_SUPERVISION, FIELDWORK)
