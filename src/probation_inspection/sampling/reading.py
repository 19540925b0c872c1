"""Reading a case list file (CSV or XLSX) into a table of text cells with row numbers.

Owns file formats, encodings, separators and line ends, and the case-list limits (size, rows,
an XLSX's unpacked size) checked before and while reading; knows nothing of fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from probation_inspection.sampling.problems import CaseListError, Problem
from probation_inspection.sampling.workbook import read_with_calamine
from probation_inspection.untrusted import (
    CASE_LIST,
    DEFAULT_LIMITS,
    Limits,
    UntrustedFileError,
    check_size,
    check_zip,
)

#: Called with (units done, units in total or None) while a file is read.
Progress = Callable[[int, int | None], None]

#: Given a CSV's headers, the positions of the columns expected to hold few distinct values
#: (categories, dates, hours): those are read as polars categoricals, one string per distinct
#: value, which the validation then checks once per distinct value.
FewValues = Callable[[Sequence[str]], Collection[int]]

ROW = "row"
_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 64 * 1024
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})


@dataclass(frozen=True)
class RawTable:
    """A case list as read: header texts and one text column per header, plus file row numbers.

    Columns are named ``column_0``, ``column_1``... in header order so that duplicate or empty
    headers cannot clash; ``row`` is the row a person sees in the file (the header is row 1).
    """

    source: str
    headers: tuple[str, ...]
    frame: pl.DataFrame
    encoding: str = "utf-8"
    separator: str = ","

    @staticmethod
    def column(index: int) -> str:
        return f"column_{index}"

    def __len__(self) -> int:
        return self.frame.height


NO_CASES = "the case list has a header but no cases"
NUL = "\x00"
NUL_WORDS = "NUL character (byte 0), which is not text: is the file really a CSV in UTF-8?"


def read_case_list(
    path: Path,
    *,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    few_values: FewValues | None = None,
) -> RawTable:
    """Read a CSV or XLSX case list, choosing the reader by the file's suffix.

    The file's size is checked against ``limits`` before a byte is read. ``few_values`` names
    the columns a CSV reader may keep as categoricals (their cells read the same as text).
    """
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES | CSV_SUFFIXES:
        try:
            check_size(path.stat().st_size, CASE_LIST, limits)
        except UntrustedFileError as error:
            raise CaseListError.single(path.name, str(error)) from None
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, progress=progress, limits=limits)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, progress=progress, limits=limits, few_values=few_values)
    allowed = ", ".join(sorted(CSV_SUFFIXES | XLSX_SUFFIXES))
    raise CaseListError.single(path.name, f"cannot read a {suffix or 'suffix-less'} file; "
                               f"expected one of {allowed}")


def read_csv(
    path: Path,
    *,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    few_values: FewValues | None = None,
) -> RawTable:
    """Read a CSV: UTF-8 with or without BOM, else Windows-1252; separator sniffed.

    Polars reads the file itself (no copy through Python) unless it has to be transcoded or
    its lines end in a bare carriage return (old Mac style), which are read as line ends.
    """
    total = path.stat().st_size
    if progress:
        progress(0, total)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES + 1)
    table = _parse(path, head, path.name, limits.case_list_rows, few_values)
    if progress:
        progress(total, total)
    return table


def parse_csv(
    data: bytes,
    *,
    source: str,
    limits: Limits = DEFAULT_LIMITS,
    few_values: FewValues | None = None,
) -> RawTable:
    """Parse CSV bytes; see ``read_csv``."""
    try:
        check_size(len(data), CASE_LIST, limits)
    except UntrustedFileError as error:
        raise CaseListError.single(source, str(error)) from None
    return _parse(data, data[: _SNIFF_BYTES + 1], source, limits.case_list_rows, few_values)


def _carriage_returns_only(head: bytes) -> bool:
    """Whether the lines end in a bare CR: polars knows only LF (and CRLF) as line ends."""
    return b"\r" in head and b"\n" not in head


def _parse(
    content: bytes | Path,
    head_bytes: bytes,
    source: str,
    max_rows: int,
    few_values: FewValues | None = None,
) -> RawTable:
    head_bytes = head_bytes.removeprefix(_BOM)
    if not head_bytes.strip():
        raise CaseListError.single(source, "the file is empty")
    if _carriage_returns_only(head_bytes):
        content = _bytes(content).replace(b"\r", b"\n")
        head_bytes = head_bytes.replace(b"\r", b"\n")
    encoding, frame = "utf-8", None
    try:
        head = _decode_head(head_bytes, encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
    if encoding == "utf-8":
        separator = _sniff_separator(head)
        try:
            frame = _polars_csv(content, separator, max_rows, _header(head, separator),
                                few_values)
        except pl.exceptions.ComputeError as error:
            if "utf-8" not in str(error).lower():
                raise _unreadable(_bytes(content), encoding, separator, source, error) from error
            encoding = "cp1252"
    if frame is None:
        data = _transcode_cp1252(_bytes(content).removeprefix(_BOM), source)
        head = _decode_head(data[: _SNIFF_BYTES + 1], "utf-8")
        separator = _sniff_separator(head)
        try:
            frame = _polars_csv(data, separator, max_rows, _header(head, separator), few_values)
        except pl.exceptions.ComputeError as error:
            raise _unreadable(data, "utf-8", separator, source, error) from error
    headers = _header(head, separator)
    if len(headers) != frame.width:
        raise CaseListError.single(source, "could not find the header row")
    _check_rows(frame.height, source, max_rows)
    frame = frame.rename({old: RawTable.column(i) for i, old in enumerate(frame.columns)})
    frame = _drop_blank_rows(frame.with_row_index(ROW, offset=2))
    if frame.height == 0:
        raise CaseListError.single(source, NO_CASES)
    nul = _nul_problems(headers, frame) if _has_nul(content) else ()
    if nul:
        raise CaseListError(source, nul)
    return RawTable(source, tuple(h.strip() for h in headers), frame, encoding, separator)


def _nul_problems(headers: list[str], frame: pl.DataFrame) -> tuple[Problem, ...]:
    """A NUL character is not text: no database column can hold it (PostgreSQL refuses it in
    text and JSON alike), so a header or cell holding one is a problem where it stands."""
    shown = [header.replace(NUL, "\\0").strip() for header in headers]
    problems = [
        Problem(1, shown[index], None, f"the header contains a {NUL_WORDS}")
        for index, header in enumerate(headers) if NUL in header
    ]
    for index, column in enumerate(RawTable.column(i) for i in range(len(headers))):
        hits = frame.filter(pl.col(column).cast(pl.String).str.contains(NUL, literal=True))
        if hits.height:
            problems.append(Problem(
                int(hits[ROW][0]), shown[index], None,
                f"contains a {NUL_WORDS}"
                + (f" (and on {hits.height - 1:,} more rows)" if hits.height > 1 else ""),
            ))
    return tuple(problems)


_NUL_CHUNK = 1 << 20


def _has_nul(content: bytes | Path) -> bool:
    """Whether the file has a NUL byte anywhere: one memchr a megabyte at a time, where looking
    for it column by column in the parsed frame took most of a second (and mapping the whole
    file added its size to the process's peak memory)."""
    if isinstance(content, bytes):
        return b"\x00" in content
    with content.open("rb") as handle:
        while chunk := handle.read(_NUL_CHUNK):
            if b"\x00" in chunk:
                return True
    return False


def _bytes(content: bytes | Path) -> bytes:
    return content if isinstance(content, bytes) else content.read_bytes()


def _decode_head(data: bytes, encoding: str) -> str:
    """The first lines of the file as text (``data`` is at most ``_SNIFF_BYTES + 1`` long)."""
    head = data[:_SNIFF_BYTES]
    if len(data) > _SNIFF_BYTES:
        # End on a whole line, so no character or record is cut at the boundary.
        head = head[: head.rfind(b"\n") + 1] or head
    return head.decode(encoding)


def _transcode_cp1252(data: bytes, source: str) -> bytes:
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as error:
        raise CaseListError.single(
            source, f"the file is neither UTF-8 nor Windows-1252 (byte {error.start + 1})"
        ) from error


def _sniff_separator(head: str) -> str:
    """The separator of the header line: the csv module's sniffer, else the commonest of , ; tab."""
    sample = "\n".join(head.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first_line = head.splitlines()[0] if head else ""
        return max(",;\t", key=first_line.count)


def _check_rows(rows: int, source: str, max_rows: int) -> None:
    if rows > max_rows:
        raise CaseListError.single(
            source, f"the case list has more than the {max_rows:,}-row limit for a {CASE_LIST}"
        )


def _header(head: str, separator: str) -> list[str]:
    return next(csv.reader(io.StringIO(head), delimiter=separator), [])


def _polars_csv(
    data: bytes | Path,
    separator: str,
    max_rows: int,
    headers: Sequence[str] = (),
    few_values: FewValues | None = None,
) -> pl.DataFrame:
    # Every cell stays text: formula-like values and codes with leading zeros keep their spelling.
    # One row past the limit is enough to know it is over, without reading the rest.
    dtypes = _dtypes(headers, few_values)
    try:
        return pl.read_csv(
            data, separator=separator, has_header=True, infer_schema=False, quote_char='"',
            encoding="utf8", raise_if_empty=False, n_rows=max_rows + 1, schema_overrides=dtypes,
        )
    except pl.exceptions.SchemaError:
        if dtypes is None:
            raise
        # The header as the csv module reads it and as polars does disagree: read it all as
        # text and let the header check say what is wrong.
        return _polars_csv(data, separator, max_rows)


def _dtypes(
    headers: Sequence[str], few_values: FewValues | None
) -> list[pl.DataType] | None:
    """One dtype per column: text, or a categorical for the columns with few values. Each
    column gets categories of its own, which go when the frame goes (never the process-wide
    ones, which would keep every string a file ever held)."""
    categories = getattr(pl, "Categories", None)  # polars 1.32 and later
    chosen = set(few_values(headers)) if few_values and headers else set()
    if not chosen or categories is None:
        return None
    return [pl.Categorical(categories.random()) if index in chosen else pl.String()
            for index in range(len(headers))]


def _unreadable(
    data: bytes, encoding: str, separator: str, source: str, error: Exception
) -> CaseListError:
    """Explain a CSV polars refused, naming the rows with more cells than the header."""
    reader = csv.reader(io.StringIO(data.decode(encoding, errors="replace")), delimiter=separator)
    header = next(reader, [])
    problems = [
        Problem(index, None, None, f"has {len(cells)} cells but the header has {len(header)}")
        for index, cells in enumerate(reader, start=2)
        if len(cells) > len(header)
    ]
    if problems:
        return CaseListError(source, tuple(problems))
    return CaseListError.single(source, f"could not read the CSV: {error}")


def _drop_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    # Empty CSV fields read as null, so a blank line or a row of bare separators is all null.
    cells = [column for column in frame.columns if column != ROW]
    if not cells:
        return frame
    blank = frame.select(pl.all_horizontal(pl.col(cells).is_null())).to_series()
    # Filtering copies every column, so only do it when there is a blank row to drop.
    return frame.filter(~blank) if blank.any() else frame


def read_xlsx(
    path: Path, *, progress: Progress | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawTable:
    """Read the first worksheet of an XLSX file; formulas are read as their text, never run.

    The zip's declared sizes are checked before anything is inflated, so a workbook that would
    inflate to gigabytes is refused unread. Calamine reads it (``workbook.read_with_calamine``)
    unless it holds something only openpyxl reads as the platform always has; both give the
    same table and the same problems.
    """
    try:
        check_zip(path, CASE_LIST, limits)
    except UntrustedFileError as error:
        raise CaseListError.single(path.name, str(error)) from None
    if progress:
        progress(0, None)
    try:
        fast = read_with_calamine(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        fast = None  # openpyxl says what is wrong with a damaged file, in its words
    except Exception:  # noqa: BLE001 - fastexcel's own errors: openpyxl reads or explains
        fast = None
    if fast is not None:
        table = _table_from_frame(path.name, *fast, limits.case_list_rows)
        if progress:
            progress(len(table), len(table))
        return table
    return read_xlsx_with_openpyxl(path, progress=progress, limits=limits)


def read_xlsx_with_openpyxl(
    path: Path, *, progress: Progress | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawTable:
    """The XLSX reader for what calamine's path refuses (and the reference it is tested on);
    the caller has checked the zip's sizes."""
    import openpyxl  # imported here: only XLSX users pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise CaseListError.single(path.name, f"could not open the workbook: {error}") from error
    try:
        sheet = workbook.worksheets[0]
        # Some writers record wrong dimensions, or none (then asking for them reads the whole
        # sheet an extra time): read to the real end instead, with no known total.
        sheet.reset_dimensions()
        return _table_from_rows(path.name, sheet.iter_rows(min_row=1, values_only=True),
                                None, progress, limits.case_list_rows)
    finally:
        workbook.close()


def _table_from_rows(
    source: str,
    rows: Iterator[tuple[object, ...]],
    total: int | None,
    progress: Progress | None,
    max_rows: int = DEFAULT_LIMITS.case_list_rows,
) -> RawTable:
    headers: list[str] | None = None
    columns: list[list[str | None]] = []
    numbers: list[int] = []
    beyond: list[Problem] = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(value) for value in values]
        if progress and number % 10_000 == 0:
            progress(number, total)
        if all(cell is None for cell in cells):
            continue
        if headers is None:
            headers = [cell or "" for cell in cells]
            columns = [[] for _ in headers]
            continue
        if len(cells) > len(headers):
            if any(cell is not None for cell in cells[len(headers):]):
                beyond.append(Problem(number, None, None, "has a value beyond the last "
                                      f"header column ({len(headers)} headers)"))
            cells = cells[: len(headers)]
        cells += [None] * (len(headers) - len(cells))
        numbers.append(number)
        _check_rows(len(numbers), source, max_rows)
        for column, cell in zip(columns, cells, strict=True):
            column.append(cell)
    if headers is None:
        raise CaseListError.single(source, "the worksheet is empty")
    if not numbers:
        raise CaseListError.single(source, NO_CASES)
    if beyond:
        raise CaseListError(source, beyond)
    data: dict[str, pl.Series] = {ROW: pl.Series(ROW, numbers, dtype=pl.UInt32)}
    for index, column in enumerate(columns):
        name = RawTable.column(index)
        data[name] = pl.Series(name, column, dtype=pl.String)
    return RawTable(source, tuple(h.strip() for h in headers), pl.DataFrame(data), "xlsx", "")


def _table_from_frame(
    source: str, headers: list[str], frame: pl.DataFrame, max_rows: int
) -> RawTable:
    """As ``_table_from_rows``, from calamine's frame (header row taken off, blank rows in)."""
    if not headers and frame.height == 0:
        raise CaseListError.single(source, "the worksheet is empty")
    cells = [name for name in frame.columns if name != ROW]
    frame = _drop_blank_rows(frame)
    _check_rows(frame.height, source, max_rows)
    if frame.height == 0:
        raise CaseListError.single(source, NO_CASES)
    extra = cells[len(headers):]
    if extra:
        beyond = frame.filter(~pl.all_horizontal(pl.col(extra).is_null()))[ROW]
        if beyond.len():
            raise CaseListError(source, tuple(
                Problem(int(number), None, None, "has a value beyond the last header column "
                        f"({len(headers)} headers)") for number in beyond))
        frame = frame.drop(extra)
    for index in range(len(cells), len(headers)):
        frame = frame.with_columns(pl.lit(None, pl.String).alias(RawTable.column(index)))
    frame = frame.with_columns(pl.col(ROW).cast(pl.UInt32))
    return RawTable(source, tuple(h.strip() for h in headers), frame, "xlsx", "")


def cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text a person sees; a formula is its own text, not its result."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = getattr(value, "text", None)  # array and data-table formulas keep their text here
    if isinstance(text, str):
        return text
    return str(value)
