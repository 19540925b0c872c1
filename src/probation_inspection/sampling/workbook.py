"""Reading an XLSX case list through calamine (fastexcel), to the same table openpyxl gives.

Owns the fast path of ``reading.read_xlsx``: calamine reads every cell as text in native code,
and one streaming pass over the worksheet's XML finds the few cells calamine renders otherwise
than the openpyxl path (formulas, which are read as their own text and never run; error
values; TRUE/FALSE). A workbook this pass cannot vouch for is left to openpyxl (``None``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

import polars as pl

_CHUNK = 4 * 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKSHEET_TYPE = "/worksheet"
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]+)")
#: Text calamine would also produce from a typed cell (a date or time, minus zero, a number it
#: writes with more digits than Python): such a text cell could not be told from the typed one.
_LOOKS_TYPED = re.compile(
    rb"<t(?:\s[^>]*)?>([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}[^<]*|-0"
    rb"|-?[0-9]+\.[0-9]+(?:e[-+]?[0-9]+)?|-?[0-9]+e[-+]?[0-9]+)</t>"
)
_DECIMAL = r"^-?[0-9]+(?:\.[0-9]+(?:e[-+]?[0-9]+)?|e[-+]?[0-9]+)$"
#: Cell kinds the pass does not rewrite and cannot vouch for: ISO-date cells, and formulas
#: openpyxl turns into objects of its own (array and data-table formulas).
_UNSUPPORTED = (b't="d"', b'<f t="array"', b'<f t="dataTable"', b"<f t='")
#: Python's own whitespace (str.strip()), which is not quite Rust's.
_WHITESPACE = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())


@dataclass
class _Scan:
    """What the pass over the worksheet XML found: texts to put in place of calamine's."""

    first_cell: str | None = None
    replacements: dict[int, dict[int, str]] = field(default_factory=dict)
    shared: dict[str, tuple[str, str]] = field(default_factory=dict)
    refused: str | None = None


def read_with_calamine(path: Path) -> tuple[list[str], pl.DataFrame] | None:
    """The first worksheet as (header texts, frame of ``row`` and text columns), or ``None``.

    ``None`` when the workbook has something only openpyxl reads the way the platform always
    has (the sheet does not start at A1, a prefixed XML namespace, array formulas, text that
    reads like a date-time): the caller then reads it with openpyxl. The frame's columns are
    ``column_0``... with the sheet's row numbers in ``row``; blank rows are kept.
    """
    import fastexcel

    with zipfile.ZipFile(path) as archive:
        part = _first_worksheet(archive)
        if part is None:
            return None
        scan = _scan_sheet(archive, part)
        if scan.refused or scan.first_cell != "A1" or _ambiguous_shared_strings(archive):
            return None
    reader = fastexcel.read_excel(path)
    if not reader.sheet_names:
        return None
    sheet = reader.load_sheet(0, header_row=None, dtypes="string", schema_sample_rows=1)
    frame = sheet.to_polars()
    frame = frame.rename({old: f"column_{i}" for i, old in enumerate(frame.columns)})
    frame = _normalise(frame)
    frame = _replace(frame, scan.replacements)
    frame = frame.with_row_index("row", offset=1)
    if frame.height == 0:
        return [], frame
    header_cells = frame.row(0)[1:]
    width = max((i + 1 for i, cell in enumerate(header_cells) if cell is not None), default=0)
    headers = [cell or "" for cell in header_cells[:width]]
    return headers, frame.slice(1)


def _normalise(frame: pl.DataFrame) -> pl.DataFrame:
    """Calamine's text for typed cells, as the openpyxl path writes them (``cell_text``)."""
    text = pl.col(pl.String)
    blank = text.str.strip_chars(_WHITESPACE) == ""
    midnight = text.str.replace(r"^([0-9]{4}-[0-9]{2}-[0-9]{2}) 00:00:00$", "${1}")
    # A time of day alone is a date-time on Excel's day zero to calamine.
    time_only = midnight.str.replace(r"^1899-12-31 ([0-9]{2}:[0-9]{2}:[0-9]{2})", "${1}")
    fixed = pl.when(text == "-0").then(pl.lit("0")).otherwise(time_only)
    frame = frame.with_columns(pl.when(blank).then(pl.lit(None, pl.String)).otherwise(fixed)
                               .name.keep())
    # Calamine writes a fraction with up to 17 digits (0.1 can come out 0.10000000000000001):
    # write each as the shortest text that reads back as the same number, as Python does.
    columns = []
    for series in frame.get_columns():
        decimal = series.str.contains(_DECIMAL).fill_null(False)
        if decimal.any():
            numbers = [_python_number(value) for value in series.filter(decimal)]
            series = series.scatter(decimal.arg_true(), numbers)
        columns.append(series)
    return pl.DataFrame(columns) if columns else frame


def _replace(frame: pl.DataFrame, replacements: dict[int, dict[int, str]]) -> pl.DataFrame:
    # A formula with no cached value is nothing to calamine, so it can stand beyond the frame's
    # last column or row: the frame grows to hold it, as openpyxl reads it.
    height = max([frame.height, *(row + 1 for cells in replacements.values() for row in cells)])
    columns = []
    for index, name in enumerate(frame.columns):
        cells = replacements.get(index)
        series = frame.get_column(name)
        if series.len() < height:
            series = series.extend_constant(None, height - series.len())
        if cells:
            series = series.scatter(list(cells), list(cells.values()))
        columns.append(series)
    width = max(replacements, default=-1) + 1
    for index in range(frame.width, width):
        values: list[str | None] = [None] * height
        for row, text in replacements.get(index, {}).items():
            values[row] = text
        columns.append(pl.Series(f"column_{index}", values, dtype=pl.String))
    return pl.DataFrame(columns)


def _first_worksheet(archive: zipfile.ZipFile) -> str | None:
    """The part name of the workbook's first worksheet (openpyxl's ``worksheets[0]``)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    targets = {
        item.get("Id"): (item.get("Target") or "", item.get("Type") or "")
        for item in relations.iter(f"{_PACKAGE}Relationship")
    }
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target, kind = targets.get(sheet.get(f"{_RELATIONSHIPS}id"), ("", ""))
        if not kind.endswith(_WORKSHEET_TYPE):
            return None  # a chart sheet first: the two readers may disagree on which is first
        name = target.lstrip("/") if target.startswith("/") else str(
            PurePosixPath("xl") / target)
        return name if name in archive.namelist() else None
    return None


def _ambiguous_shared_strings(archive: zipfile.ZipFile) -> bool:
    try:
        strings = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return False
    with strings:
        return any(_ambiguous(chunk) for chunk in _chunks(strings, b"</si>"))


def _ambiguous(data: bytes) -> bool:
    """Whether a text in this XML reads like calamine's text for a typed cell, but is not
    the text the openpyxl path would give that cell."""
    for match in _LOOKS_TYPED.finditer(data):
        text = match[1].decode()
        if not re.fullmatch(_DECIMAL, text) or _python_number(text) != text:
            return True
    return False


def _python_number(text: str) -> str:
    """A number as ``cell_text`` writes it: a whole number in full, else Python's repr."""
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


def _chunks(stream: IO[bytes], boundary: bytes) -> Iterator[bytes]:
    """An XML stream ``_CHUNK`` bytes or so at a time, each cut just after a ``boundary``
    (the end of a row, a shared string) so no element a scan looks for is cut in two."""
    carry = b""
    while True:
        data = stream.read(_CHUNK)
        if not data:
            if carry:
                yield carry
            return
        data = carry + data
        end = data.rfind(boundary)
        end = end + len(boundary) if end != -1 else 0
        carry, data = data[end:], data[:end]
        if data:
            yield data


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> _Scan:
    """One pass over the worksheet XML: where it starts, and the cells to write otherwise."""
    scan = _Scan()
    with archive.open(part) as stream:
        for number, data in enumerate(_chunks(stream, b"</row>")):
            if number == 0 and b"<sheetData" not in data and b"<c " in data:
                scan.refused = "a prefixed namespace"
                return scan
            if not _scan_rows(data, scan):
                return scan
    return scan


def _scan_rows(data: bytes, scan: _Scan) -> bool:
    """Scan whole rows of XML; False when the workbook is refused."""
    if not data:
        return True
    if scan.first_cell is None:
        scan.first_cell = _first_cell(data)
    if any(marker in data for marker in _UNSUPPORTED) or _ambiguous(data):
        scan.refused = "cells only openpyxl reads as before"
        return False
    for marker in _MARKERS:
        start = data.find(marker)
        while start != -1:
            _take_cell(data, start, scan)
            if scan.refused:
                return False
            start = data.find(marker, start + 1)
    return True


_MARKERS = (b"<f>", b"<f ", b't="e"', b't="b"')


_FIRST_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?(/?)>')


def _first_cell(data: bytes) -> str | None:
    """The first cell holding something (``<v>`` or inline text), by its reference."""
    for match in _FIRST_CELL.finditer(data):
        if match[2]:
            continue  # <c r="A1" s="1"/>: a formatted empty cell, which neither reader sees
        close = data.find(b"</c>", match.end())
        body = data[match.end():close]
        if b"<v>" in body or b"<is>" in body or b"<v " in body:
            return match[1].decode()
    return None


def _take_cell(data: bytes, position: int, scan: _Scan) -> None:
    start = data.rfind(b"<c ", 0, position + 1)
    end = data.find(b"</c>", position)
    if start == -1 or end == -1:
        scan.refused = "a cell the pass could not find"
        return
    try:
        cell = ElementTree.fromstring(data[start:end + 4])
    except ElementTree.ParseError:
        scan.refused = "a cell the pass could not parse"
        return
    reference = _REFERENCE.fullmatch(cell.get("r") or "")
    if reference is None:
        scan.refused = "a cell without a reference"
        return
    row, column = int(reference[2]) - 1, _column_index(reference[1])
    text = _cell_text(cell, reference[0], scan)
    if text is not None:
        scan.replacements.setdefault(column, {})[row] = text


def _cell_text(cell: ElementTree.Element, reference: str, scan: _Scan) -> str | None:
    """The text openpyxl's path gives a formula, error or boolean cell (``cell_text``)."""
    formula = cell.find("f")
    value = cell.findtext("v")
    if formula is not None:
        text = "=" + (formula.text or "")
        if formula.get("t") == "shared":
            index = formula.get("si") or ""
            if index in scan.shared:
                from openpyxl.formula.translate import Translator

                master, origin = scan.shared[index]
                return str(Translator(master, origin).translate_formula(reference))
            if text != "=":
                scan.shared[index] = (text, reference)
        return text
    if cell.get("t") == "e":
        return value if value and value.strip() else None
    if cell.get("t") == "b" and value is not None and value.strip():
        return "FALSE" if value.strip() == "0" else "TRUE"
    return None


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
