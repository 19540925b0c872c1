"""Case lists from outside: line ends, empty lists, row limits, bounded text, bombs, isolation.

Each test is a regression test for a finding of the security review (issue 10).
"""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest
from sampling_helpers import CASELISTS, CSV_HEADER, IN_WINDOW, csv_bytes

from hostile_files import xlsx_bomb
from probation_inspection.sampling import CaseListError, validate
from probation_inspection.sampling.loading import load_untrusted_case_list
from probation_inspection.sampling.reading import parse_csv, read_case_list
from probation_inspection.untrusted import Limits
from sample_ids import SampleType

ROW = ("X1", "Male", "Community order", "Low", IN_WINDOW, "North")


def _rows(count: int) -> list[tuple[str, ...]]:
    return [(f"X{n}", *ROW[1:]) for n in range(1, count + 1)]


def test_carriage_return_line_ends_are_read_as_line_ends(tmp_path: Path) -> None:
    data = csv_bytes(CSV_HEADER, _rows(3)).replace(b"\n", b"\r")
    for table in (parse_csv(data, source="mac.csv"),
                  read_case_list(_write(tmp_path / "mac.csv", data))):
        assert table.headers == CSV_HEADER
        assert table.frame["row"].to_list() == [2, 3, 4]
        assert len(validate(table, SampleType.CASE_SUPERVISION)) == 3


def test_a_header_with_no_cases_is_a_clear_error(tmp_path: Path) -> None:
    for data in (csv_bytes(CSV_HEADER, []), ",".join(CSV_HEADER).encode(),
                 csv_bytes(CSV_HEADER, [("",) * 6])):
        with pytest.raises(CaseListError) as error:
            parse_csv(data, source="empty.csv")
        assert [p.message for p in error.value.problems] == [
            "the case list has a header but no cases"]


def test_a_nul_character_is_a_problem_where_it_stands() -> None:
    # No database column holds a NUL (PostgreSQL refuses it in text and JSON): found by the
    # upload fuzz test on PostgreSQL, where a NUL in a header reached a JSON column.
    header = (CSV_HEADER[0].replace("CRN", "C\x00RN"), *CSV_HEADER[1:])
    rows = _rows(3)
    rows[1] = ("X2", "Ma\x00le", *ROW[2:])
    with pytest.raises(CaseListError) as refused:
        parse_csv(csv_bytes(header, rows), source="nul.csv")
    problems = [(p.row, p.column, p.message[:30]) for p in refused.value.problems]
    assert problems == [(1, "C\\0RN", "the header contains a NUL char"),
                        (3, "Gender", "contains a NUL character (byte")]


def test_a_workbook_with_a_header_and_no_cases_is_a_clear_error(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(list(CSV_HEADER))  # type: ignore[union-attr]
    path = tmp_path / "empty.xlsx"
    workbook.save(path)
    with pytest.raises(CaseListError, match="the case list has a header but no cases"):
        read_case_list(path)


def test_rows_over_the_limit_are_refused_without_reading_the_rest(tmp_path: Path) -> None:
    data = csv_bytes(CSV_HEADER, _rows(11))
    assert len(parse_csv(data, source="ok.csv", limits=Limits(case_list_rows=11))) == 11
    with pytest.raises(CaseListError) as error:
        parse_csv(data, source="many.csv", limits=Limits(case_list_rows=10))
    assert str(error.value) == (
        "many.csv: 1 problem\nthe case list has more than the 10-row limit for a case list")


def test_workbook_rows_over_the_limit_are_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(CSV_HEADER))  # type: ignore[union-attr]
    for row in _rows(6):
        sheet.append(list(row))  # type: ignore[union-attr]
    path = tmp_path / "many.xlsx"
    workbook.save(path)
    with pytest.raises(CaseListError, match="more than the 5-row limit for a case list"):
        read_case_list(path, limits=Limits(case_list_rows=5))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.csv", csv_bytes(CSV_HEADER, _rows(100)))
    with pytest.raises(CaseListError) as error:
        read_case_list(path, limits=Limits(case_list_bytes=1024))
    assert error.value.problems[0].message == (
        "the file is larger than the 1 KB limit for a case list")


def test_a_delivery_unit_longer_than_its_column_is_a_cell_problem() -> None:
    long_unit = "U" * 201
    rows = [ROW, ("X2", *ROW[1:5], long_unit), ("X" * 51, *ROW[1:])]
    with pytest.raises(CaseListError) as error:
        validate(parse_csv(csv_bytes(CSV_HEADER, rows), source="long.csv"),
                 SampleType.CASE_SUPERVISION)
    assert [(p.row, p.column, p.message) for p in error.value.problems] == [
        (3, "LDU", "delivery unit is 201 characters long; at most 200 are allowed"),
        (4, "CRN", "case reference is 51 characters long; at most 50 are allowed"),
    ]
    exactly = [("X2", *ROW[1:5], "U" * 200)]
    assert len(validate(parse_csv(csv_bytes(CSV_HEADER, exactly), source="ok.csv"),
                        SampleType.CASE_SUPERVISION)) == 1


def test_xlsx_bomb_is_refused_before_openpyxl_opens_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "bomb.xlsx", xlsx_bomb())
    started = time.monotonic()
    with pytest.raises(CaseListError) as error:
        read_case_list(path)
    assert "xl/worksheets/sheet1.xml unpacks" in str(error.value)
    assert "200-times limit for a compressed part" in str(error.value)
    assert time.monotonic() - started < 5


def test_the_isolated_loader_returns_the_validated_list() -> None:
    case_list = load_untrusted_case_list(CASELISTS / "case-supervision.csv",
                                         SampleType.CASE_SUPERVISION)
    assert len(case_list) == 600


def test_the_isolated_loader_names_every_problem_and_the_uploaded_name() -> None:
    with pytest.raises(CaseListError) as error:
        load_untrusted_case_list(CASELISTS / "duplicate-crn.csv", SampleType.CASE_SUPERVISION,
                                 source="upload.csv")
    assert error.value.source == "upload.csv"
    assert [p.row for p in error.value.problems] == [5]


@pytest.mark.slow
def test_the_isolated_loader_holds_the_parse_to_the_memory_limit(tmp_path: Path) -> None:
    limits = Limits(memory_mib=200, seconds=30)
    small = load_untrusted_case_list(CASELISTS / "case-supervision.csv",
                                     SampleType.CASE_SUPERVISION, limits=limits)
    assert len(small) == 600
    # A million rows cannot be read and validated in 200 MiB (the reader keeps few-valued
    # columns as categoricals, so 300,000 now fit; the in-process peak for a million is about
    # 420 MiB: docs/sampling.md#performance).
    path = _write(tmp_path / "large.csv", csv_bytes(CSV_HEADER, _rows(1_000_000)))
    with pytest.raises(CaseListError) as error:
        load_untrusted_case_list(path, SampleType.CASE_SUPERVISION, limits=limits)
    assert error.value.problems[0].message == (
        "reading the case list needed more than the 200 MiB memory limit")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
