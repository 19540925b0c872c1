"""Formulas with no cached value past calamine's last cell: the calamine path reads them where
openpyxl does (found by the property test of tests/sampling/test_workbook.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from probation_inspection.sampling import CaseListError, reading
from probation_inspection.sampling.reading import read_xlsx_with_openpyxl
from probation_inspection.sampling.workbook import read_with_calamine


def _table(read: object) -> object:
    if isinstance(read, str):
        return read
    assert isinstance(read, reading.RawTable)
    return read.headers, read.frame.columns, read.frame.to_dicts()


def _outcome(path: Path, *, fast: bool) -> object:
    try:
        if fast:
            found = read_with_calamine(path)
            assert found is not None
            return _table(reading._table_from_frame(path.name, *found, 1000))
        return _table(read_xlsx_with_openpyxl(path))
    except CaseListError as error:
        return "; ".join(str(problem) for problem in error.problems)


@pytest.mark.parametrize("rows", [
    # In a row past the last one calamine sees...
    [["0"], ["=0"]],
    # ...and in a column past the last, with an empty column between.
    [["a"], ["x", None, "=1"]],
])
def test_a_formula_past_calamines_last_cell_reads_as_openpyxl_reads_it(
    rows: list[list[object]], tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()  # openpyxl writes a formula with no cached value
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    assert _outcome(path, fast=True) == _outcome(path, fast=False)
