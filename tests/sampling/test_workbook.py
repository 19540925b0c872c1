"""The calamine XLSX path gives the table and the problems the openpyxl path gives."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from probation_inspection.sampling import CaseListError, load_case_list, reading
from probation_inspection.sampling.reading import RawTable, read_xlsx, read_xlsx_with_openpyxl
from probation_inspection.sampling.workbook import read_with_calamine
from sample_ids import SampleType

HEADER = ["CRN", "Gender", "Disposal", "RoSH", "Sentence start date", "LDU", "Notes"]


def _save(rows: list[list[object]], path: Path, extra: dict[str, object] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for reference, value in (extra or {}).items():
        sheet[reference] = value
    workbook.save(path)
    return path


def _outcome(path: Path, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    """The case list's cases, or its problems, read by one path or the other."""
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(reading, "read_with_calamine", lambda path: None)
        try:
            case_list = load_case_list(path, SampleType.CASE_SUPERVISION)
        except CaseListError as error:
            return [str(problem) for problem in error.problems]
        return [(case.row, case.crn, case.gender, case.disposal, case.rosh, case.start_date,
                 dict(case.attributes)) for case in case_list.cases()]


BAD_WORKBOOKS: dict[str, tuple[list[list[object]], dict[str, object]]] = {
    "bad values on named rows": ([
        HEADER,
        ["X1", "Male", "Licence", "High", dt.datetime(2018, 8, 20), "Cardiff", "=1+1"],
        ["X2", "Femal", "CO", "Low", "31/02/2018", "Swansea", "+44 20"],
        [None] * 7,
        ["X1", "M", "SSO", "Medium", "2018-08-22", "Cardiff", True],
        [None, "F", "Licence", "Lowish", dt.date(2018, 8, 23), "Cardiff", "-5"],
        ["X5", "=IF(A1,\"Male\",\"Female\")", "Licence", "Low", 43000, "Cardiff", None],
    ], {}),
    "values beyond the header": ([HEADER, ["X1", "Male", "CO", "Low", "2018-08-22"]],
                                 {"J2": "stray", "K4": 3}),
    "a missing column": ([HEADER[:3], ["X1", "Male", "CO"]], {}),
    "an error value and a boolean in a date column": (
        [HEADER, ["X1", "Male", "CO", "Low", False, "Cardiff"],
         ["X2", "Male", "CO", "Low", "#N/A", "Cardiff"]], {"E3": "=NA()"}),
    "header only": ([HEADER], {}),
    "blank rows before the header": ([[None], [None], HEADER, ["X1", "Male", "CO", "Low",
                                                                 "2018-08-22"]], {}),
    "a header starting in column B": ([[None, *HEADER], [None, "X1", "Male", "CO", "Low",
                                                         "2018-08-22"]], {}),
}


@pytest.mark.parametrize("name", sorted(BAD_WORKBOOKS))
def test_bad_workbooks_give_the_same_problems_on_the_same_rows_and_columns(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows, extra = BAD_WORKBOOKS[name]
    path = _save(rows, tmp_path / "list.xlsx", extra)
    assert _outcome(path, fast=True, monkeypatch=monkeypatch) == _outcome(
        path, fast=False, monkeypatch=monkeypatch)


def test_an_ordinary_workbook_takes_the_calamine_path(tmp_path: Path) -> None:
    rows, extra = BAD_WORKBOOKS["bad values on named rows"]
    assert read_with_calamine(_save(rows, tmp_path / "list.xlsx", extra)) is not None


def test_a_shared_formula_is_read_as_its_own_text_in_each_cell(tmp_path: Path) -> None:
    path = _save([["CRN", "Total"], ["X1", 1], ["X2", 2]], tmp_path / "list.xlsx")
    # openpyxl never writes shared formulas: write the XML Excel writes for a filled-down one.
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<c r="B2" t="n"><v>1</v></c>',
                          '<c r="B2"><f t="shared" ref="B2:B3" si="0">A2&amp;"!"</f><v>1</v></c>')
    sheet = sheet.replace('<c r="B3" t="n"><v>2</v></c>',
                          '<c r="B3"><f t="shared" si="0"/><v>2</v></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    fast, slow = read_xlsx(path), read_xlsx_with_openpyxl(path)
    assert read_with_calamine(path) is not None
    assert fast.frame["column_1"].to_list() == ['=A2&"!"', '=A3&"!"']
    assert fast.frame.equals(slow.frame)


def test_text_that_reads_like_a_date_time_is_left_to_openpyxl(tmp_path: Path) -> None:
    path = _save([["CRN", "When"], ["X1", "2019-03-04 00:00:00"]], tmp_path / "list.xlsx")
    assert read_with_calamine(path) is None
    assert read_xlsx(path).frame["column_1"].to_list() == ["2019-03-04 00:00:00"]


# --- any sheet: the same table ----------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_CELL = st.one_of(
    st.none(),
    _TEXT,
    st.sampled_from(["", "  ", "Male", "x", "=1+1", "=SUM(A1:A2)", "-", "0", "007", "TRUE"]),
    st.integers(-10**12, 10**12),
    st.floats(-1e9, 1e9, allow_nan=False).map(lambda value: round(value, 3)),
    st.booleans(),
    st.dates(dt.date(1950, 1, 1), dt.date(2040, 12, 31)),
    st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2040, 12, 31)).map(
        lambda value: value.replace(microsecond=0)),
)


def _same(fast: RawTable | str, slow: RawTable | str) -> None:
    if isinstance(fast, str) or isinstance(slow, str):
        assert fast == slow
        return
    assert fast.headers == slow.headers
    assert fast.frame.columns == slow.frame.columns
    assert fast.frame.to_dicts() == slow.frame.to_dicts()


def _read(path: Path, fast: bool) -> RawTable | str:
    try:
        if fast:
            found = read_with_calamine(path)
            if found is None:  # text that reads like a typed cell: openpyxl reads the sheet
                event("left to openpyxl")
                return read_xlsx(path)
            return reading._table_from_frame(path.name, *found, 1000)
        return read_xlsx_with_openpyxl(path)
    except CaseListError as error:
        return "; ".join(str(problem) for problem in error.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1,
                            max_size=6), min_size=1, max_size=5),
    rows=st.lists(st.lists(_CELL, max_size=6), max_size=8),
)
def test_any_sheet_reads_to_the_same_table_by_either_path(
    header: list[str], rows: list[list[object]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.xlsx"
        # openpyxl refuses control characters in text, as Excel does; such a sheet cannot exist.
        _save([header, *rows], path)
        _same(_read(path, fast=True), _read(path, fast=False))
