"""Published reports are read within limits: a PDF bomb, too many pages or characters, too big.

The bomb is built by the test (a few hundred KB inflating to hundreds of MB), never committed.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest
from published_helpers import REPORTS, rated_seed_names

from hostile_files import pdf_bomb
from probation_inspection.framework import load_framework
from probation_inspection.published import ImportLedger, PublishedReportError, text_of
from probation_inspection.untrusted import Limits

#: Limits the tests read under, so that refusing a bomb takes seconds.
TIGHT = Limits(seconds=10, memory_mib=512)


@cache
def _bomb() -> bytes:
    bomb: bytes = pdf_bomb()  # hostile_files is outside the typed package
    return bomb


def test_the_bomb_is_small_on_disk() -> None:
    assert len(_bomb()) < 1024 * 1024


@pytest.mark.slow
def test_pdf_bomb_is_refused_by_the_memory_limit_in_bounded_time() -> None:
    started = time.monotonic()
    with pytest.raises(PublishedReportError) as error:
        text_of(_bomb(), "bomb.pdf", TIGHT)
    assert str(error.value) == (
        "bomb.pdf: reading the report needed more than the 512 MiB memory limit")
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_pdf_bomb_is_refused_by_the_time_limit_when_memory_allows() -> None:
    started = time.monotonic()
    with pytest.raises(PublishedReportError) as error:
        text_of(_bomb(), "bomb.pdf", Limits(seconds=2, memory_mib=4096))
    assert str(error.value) == "bomb.pdf: reading the report took more than the 2-second limit"
    assert time.monotonic() - started < 15


def test_oversized_report_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(PublishedReportError) as error:
        ImportLedger(limits=Limits(report_bytes=1024)).import_file(
            path, load_framework("hmip-crc-2018"))
    assert str(error.value) == (
        f"{path}: the file is larger than the 1 KB limit for a published report")


def test_text_over_the_character_limit_is_refused() -> None:
    seed = (REPORTS / rated_seed_names()[0]).read_bytes()
    with pytest.raises(PublishedReportError, match="longer than the 1,000-character limit"):
        text_of(seed, "seed.txt", Limits(report_characters=1000))


def test_pdf_over_the_page_limit_is_refused() -> None:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(PublishedReportError) as error:
        text_of(buffer.getvalue(), "long.pdf", Limits(report_pages=2))
    assert str(error.value) == (
        "long.pdf: the PDF has 3 pages, more than the 2-page limit for a published report")


def test_a_damaged_pdf_is_a_clear_error() -> None:
    with pytest.raises(PublishedReportError, match="damaged.pdf: cannot read the PDF's text"):
        text_of(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "damaged.pdf", TIGHT)
