"""A drawn sample as a JSON document and as CSV rows (sample and reserves, with their strata).

Owns the export shapes the command line and web app share; holds no sampling rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from probation_inspection.sampling.draw import Sample
from probation_inspection.sampling.fields import Field
from probation_inspection.sampling.representativeness import methodology, representativeness
from probation_inspection.tabular import record_rows, write_csv

CASE_COLUMNS = tuple(field.value for field in Field)


def sample_document(sample: Sample, *, unit: str = "local delivery unit") -> dict[str, Any]:
    """The JSON document ``probation-inspection sample --json`` prints (issue 3)."""
    return {
        "eligible": sample.eligible,
        "sample_size": sample.size,
        "seed": sample.seed,
        "strata": [
            {"stratum": s.stratum.as_dict(), "population": s.population, "allocated": s.allocated}
            for s in sample.strata
        ],
        "sample": [case.crn for case in sample.cases],
        "reserves": [case.crn for case in sample.reserves],
        "representativeness": [table.as_dict() for table in representativeness(sample)],
        "methodology": methodology(sample, unit=unit),
    }


def sample_rows(sample: Sample) -> Iterator[dict[str, str]]:
    """One row per sampled case then per reserve, stratum by stratum, reserves in order."""
    attributes = list(dict.fromkeys(
        name for case in (*sample.cases, *sample.reserves) for name in case.attributes
    ))
    for stratum in sample.strata:
        for status, cases in (("sample", stratum.cases), ("reserve", stratum.reserves)):
            for order, case in enumerate(cases, start=1):
                row = {"status": status, "order": str(order), "stratum": stratum.stratum.label,
                       "file_row": str(case.row)}
                row |= {column: _text(case.value(Field(column))) for column in CASE_COLUMNS}
                row |= {name: _text(case.attributes.get(name)) for name in attributes}
                yield row


def write_sample_csv(sample: Sample, path: Path) -> int:
    """Write the sample and reserves as UTF-8 CSV; returns the number of rows written.

    Text that a spreadsheet would run as a formula is written with a leading apostrophe, so
    opening the file never evaluates anything from the case list.
    """
    rows = list(sample_rows(sample))
    header = ["status", "order", "stratum", "file_row", *CASE_COLUMNS]
    if rows:
        header += [name for name in rows[0] if name not in header]
    with path.open("w", newline="", encoding="utf-8") as handle:
        return write_csv(handle, header, record_rows(header, rows))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
