"""The Wales report's PDF is PDF/UA-1 and WeasyPrint prints no warning while making it."""

from __future__ import annotations

import io
import logging
import re

import pytest
from pypdf import PdfReader

from probation_inspection.reporting import Report, render_pdf
from weasyprint_log import render_logged

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(wales_report: Report) -> tuple[bytes, list[logging.LogRecord]]:
    return render_logged(lambda: render_pdf(wales_report))


def test_weasyprint_prints_no_warning(rendered: tuple[bytes, list[logging.LogRecord]]) -> None:
    _, records = rendered
    assert [record.getMessage() for record in records] == []


def test_the_pdf_declares_pdf_ua_1_with_language_title_and_tags(
    rendered: tuple[bytes, list[logging.LogRecord]],
) -> None:
    pdf, _ = rendered
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("en")
    metadata = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="|>)1', metadata), metadata
    assert reader.metadata is not None and reader.metadata.title
