"""The one writer of CSV and XLSX exports: no cell from a case list or a form is ever run as a
formula by the spreadsheet that opens the file (OWASP "CSV injection").

Owns the neutralising rule and the CSV and XLSX writers every export goes through; holds no
export layouts (those stay with the exports) and never imports Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # openpyxl is imported when a workbook is made: CSV-only callers skip it
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
#: (tab and carriage return because some spreadsheets strip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Control characters an XLSX file cannot hold (openpyxl refuses them with an error).
_NOT_IN_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

#: The most characters Excel takes in one cell, and what ends a text cut to fit.
XLSX_CELL_CHARACTERS = 32_767
CUT = " [cut to fit the cell]"

Number = int | float | Decimal


def formula_led(text: str) -> bool:
    """Whether a spreadsheet would run this text (or part of it) as a formula."""
    return text.startswith(FORMULA_STARTS)


def _is_number(value: object) -> bool:
    # bool is an int to Python but "True" is text to a spreadsheet: it is written as text.
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def csv_cell(value: object) -> str | Number:
    """The cell as written to CSV: numbers as numbers, formula-led text with a leading single
    quote (the OWASP form: spreadsheets show the text and never evaluate it)."""
    if _is_number(value):
        return value  # type: ignore[return-value]
    text = _as_text(value)
    return "'" + text if formula_led(text) else text


def write_csv(handle: TextIO, header: Sequence[str],
              rows: Iterable[Sequence[object]]) -> int:
    """Write the header and rows as CSV to an open text file; returns the number of rows.

    Lines end in CRLF (RFC 4180, as Excel writes them): the csv module quotes a cell holding
    any character of the line ending, so a bare carriage return in a cell stays inside its
    quoted cell instead of splitting the row where a reader meets it.
    """
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in header])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        count += 1
    return count


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The header and rows as CSV text."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def reader_input_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV that one of the platform's own readers parses straight back (a synthetic case list,
    the contextual facts typed into a form); never served as a download.

    Written exactly, not neutralised: a quote added here would become part of the value the
    reader stores. The test of this module keeps it to the callers that feed a reader.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_as_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def record_rows(header: Sequence[str],
                records: Iterable[Mapping[str, object]]) -> Iterable[list[object]]:
    """Records (dicts) as rows in the header's order; a missing key is an empty cell."""
    for record in records:
        yield [record.get(name) for name in header]


def xlsx_value(value: object) -> object:
    """The value openpyxl is given: numbers, dates and booleans as they are, anything else as
    text with the control characters an XLSX cannot hold replaced, cut to the longest text a
    cell holds (Excel refuses to open a workbook with a longer cell, losing every sheet)."""
    if value is None or _is_number(value) or isinstance(value, bool | dt.date | dt.datetime):
        return value
    text = _NOT_IN_XLSX.sub("\N{REPLACEMENT CHARACTER}", str(value))
    if len(text) > XLSX_CELL_CHARACTERS:
        text = text[:XLSX_CELL_CHARACTERS - len(CUT)] + CUT
    return text


def new_workbook() -> Workbook:
    """An empty workbook (no default sheet): sheets are added with `add_sheet`."""
    from openpyxl import Workbook

    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    return workbook


def append_row(sheet: Worksheet, row: Sequence[object], *, bold: bool = False) -> None:
    """Append one row. Text is always a string cell: openpyxl otherwise stores text starting
    with "=" as a live formula, so the data type is forced to text and the cell is marked with
    Excel's quote prefix, which also keeps it text when someone edits it."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font

    cells = []
    for value in row:
        cell = Cell(sheet, value=xlsx_value(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if formula_led(cell.value):
                cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def add_sheet(workbook: Workbook, title: str, header: Sequence[str],
              rows: Iterable[Sequence[object]], *, notes: Sequence[str] = (),
              widths: Sequence[int] = ()) -> Worksheet:
    """A sheet with a bold, frozen header row and the rows below it.

    ``notes``: a comment on each header cell (a blank one adds none), for a workbook people
    fill in; ``widths``: each column's width in characters. With widths, long or multi-line
    text wraps in its cell."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    append_row(sheet, header, bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, note in enumerate(notes, start=1):
        if note:
            sheet.cell(row=1, column=index).comment = Comment(note, "probation-inspection")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if widths:
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > 80):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return sheet


def add_titled_sheet(workbook: Workbook, title: str, heading: str, note: str,
                     header: Sequence[str], rows: Iterable[Sequence[object]], *,
                     widths: Sequence[int], header_fill: str) -> Worksheet:
    """A sheet for readers of a published annexe: a large heading, a note, then a header row
    in white on ``header_fill`` (an RGB hex colour) frozen above the rows."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    append_row(sheet, [heading])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [note])
    append_row(sheet, header, bold=True)
    for cell in sheet[3]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=header_fill)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_row(sheet, row)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A4"
    return sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """A workbook of (title, header, rows) sheets as .xlsx bytes."""
    workbook = new_workbook()
    for title, header, rows in sheets:
        add_sheet(workbook, title, header, rows)
    return workbook_bytes(workbook)
