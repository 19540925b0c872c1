"""The untrusted-file core: limits, cheap checks and parsing in a child process under caps."""

from __future__ import annotations

import ctypes
import io
import time
import zipfile

import pytest

from hostile_files import xlsx_bomb
from probation_inspection.untrusted import (
    CASE_LIST,
    PUBLISHED_REPORT,
    LimitExceeded,
    Limits,
    UntrustedFileError,
    check_size,
    check_zip,
    limits_from_environment,
    megabytes,
    run_isolated,
)

FAST = Limits(seconds=3, memory_mib=256)


def _allocate(mib: int) -> int:
    block = bytearray(mib * 1024 * 1024)
    for index in range(0, len(block), 4096):  # touch every page, so it is really resident
        block[index] = 1
    return len(block)


def _spin() -> None:
    while True:
        pass


def _refuse() -> None:
    raise ValueError("row 3, column CRN: blank")


def _crash() -> None:
    ctypes.string_at(0)  # reads address 0: a segmentation fault, as a broken C reader would


def _deep() -> None:
    def nest(depth: int) -> int:
        return nest(depth + 1)

    nest(0)


def _polars_frame() -> object:
    import polars as pl

    return pl.read_csv(b"crn,name\nX1,a\nX2,b\n", infer_schema=False)


def test_a_result_comes_back_to_the_caller() -> None:
    assert run_isolated(_allocate, 8, doing="reading the file", limits=FAST) == 8 * 1024 * 1024


def test_polars_works_under_the_memory_cap() -> None:
    frame = run_isolated(_polars_frame, doing="reading the case list", limits=FAST)
    assert frame.height == 2  # type: ignore[attr-defined]


def test_over_the_memory_limit_names_the_limit() -> None:
    with pytest.raises(LimitExceeded) as error:
        run_isolated(_allocate, 600, doing="reading the report", limits=FAST)
    assert str(error.value) == "reading the report needed more than the 256 MiB memory limit"


def test_over_the_time_limit_stops_the_child_and_names_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as error:
        run_isolated(_spin, doing="reading the report", limits=Limits(seconds=1))
    assert str(error.value) == "reading the report took more than the 1-second limit"
    assert time.monotonic() - started < 8


def test_the_tasks_own_error_is_raised_to_the_caller() -> None:
    with pytest.raises(ValueError, match="row 3, column CRN: blank"):
        run_isolated(_refuse, doing="reading the case list", limits=FAST)


def test_a_crash_is_a_clear_error_not_a_traceback() -> None:
    with pytest.raises(UntrustedFileError) as error:
        run_isolated(_crash, doing="reading the report", limits=FAST)
    assert "reading the report stopped: the reader crashed (SIGSEGV)" in str(error.value)


def test_deep_recursion_is_a_clear_error() -> None:
    with pytest.raises(UntrustedFileError, match="nested too deeply"):
        run_isolated(_deep, doing="reading the framework file", limits=FAST)


def test_size_limit_names_the_kind_of_file() -> None:
    limits = Limits(case_list_bytes=50 * 1024 * 1024)
    check_size(50 * 1024 * 1024, CASE_LIST, limits)
    with pytest.raises(LimitExceeded) as error:
        check_size(50 * 1024 * 1024 + 1, CASE_LIST, limits)
    assert str(error.value) == "the file is larger than the 50 MB limit for a case list"
    with pytest.raises(LimitExceeded, match="20 MB limit for a published report"):
        check_size(21 * 1024 * 1024, PUBLISHED_REPORT)


def test_zip_bomb_is_refused_from_its_directory_alone() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as error:
        check_zip(xlsx_bomb(), CASE_LIST)
    message = str(error.value)
    assert "xl/worksheets/sheet1.xml unpacks" in message
    assert "200-times limit for a compressed part" in message
    assert time.monotonic() - started < 10


def test_zip_declaring_too_much_in_all_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"x" * (2 * 1024 * 1024))
    with pytest.raises(LimitExceeded, match="unpacks to 2 MB, more than the 1 MB limit"):
        check_zip(buffer.getvalue(), CASE_LIST, Limits(zip_uncompressed_bytes=1024 * 1024))
    check_zip(buffer.getvalue(), CASE_LIST)


def test_a_file_that_is_not_a_zip_is_a_clear_error() -> None:
    with pytest.raises(UntrustedFileError, match="could not open the workbook: File is not a zip"):
        check_zip(b"crn,name\n", CASE_LIST)


def test_limits_from_the_environment() -> None:
    limits = limits_from_environment({"PROBATION_INSPECTION_LIMIT_MEMORY_MIB": "512",
                                      "PROBATION_INSPECTION_LIMIT_SECONDS": "2.5"})
    assert (limits.memory_mib, limits.seconds) == (512, 2.5)
    assert limits.case_list_rows == Limits().case_list_rows
    with pytest.raises(UntrustedFileError, match="is not a number"):
        limits_from_environment({"PROBATION_INSPECTION_LIMIT_CASE_LIST_ROWS": "lots"})
    with pytest.raises(UntrustedFileError, match="must be more than 0"):
        limits_from_environment({"PROBATION_INSPECTION_LIMIT_CASE_LIST_ROWS": "0"})


def test_sizes_in_words() -> None:
    assert [megabytes(n) for n in (50 * 1024 * 1024, 1536 * 1024, 2048, 10)] == [
        "50 MB", "1.5 MB", "2 KB", "10 bytes"]
