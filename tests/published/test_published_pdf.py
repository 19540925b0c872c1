"""A PDF made in the test from a seed's text (reportlab) is read to the same record."""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

import pytest
from published_helpers import expected_results, rated_seed_names, seed_text
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from probation_inspection.published import PublishedReportError, read_report, sources, text_of
from probation_inspection.published.normalise import strip_markup


@cache
def _pdf(name: str) -> bytes:
    """The seed laid out as a PDF: wrapped paragraphs, page breaks, tabs as spacing.

    Markup is stripped first because reportlab's built-in fonts have no glyphs for most
    superscript digits; the markers are still printed, as ``[^N]``.
    """
    style = getSampleStyleSheet()["BodyText"]
    story = [
        Paragraph(escape(strip_markup(line)).replace("\t", "&nbsp;&nbsp;"), style)
        for line in seed_text(name).splitlines()
        if line.strip()
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _with_discretion() -> str:
    (entry,) = [e for e in expected_results() if e["discretion"]]
    name: str = entry["seed"]
    return name


@pytest.mark.slow
def test_pdfplumber_reads_a_pdf_to_the_same_record() -> None:
    name = _with_discretion()
    assert read_report(text_of(_pdf(name), "report.pdf")) == read_report(seed_text(name))


@pytest.mark.parametrize("name", rated_seed_names())
def test_pypdf_fallback_reads_each_pdf_to_the_same_record(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: bytes) -> str:
        raise RuntimeError("pdfplumber unavailable")

    monkeypatch.setattr(sources, "_pdfplumber_text", broken)
    assert read_report(text_of(_pdf(name), "report.pdf")) == read_report(seed_text(name))


def test_a_pdf_neither_library_can_read_is_a_clear_error() -> None:
    with pytest.raises(PublishedReportError, match=r"broken\.pdf: cannot read the PDF's text"):
        text_of(b"%PDF-1.4\nthis is not really a pdf", "broken.pdf")


def test_binary_data_that_is_not_a_pdf_is_refused() -> None:
    with pytest.raises(PublishedReportError, match=r"image\.png: not a text or PDF file"):
        text_of(b"\x89PNG\r\n\x1a\n\x00\x00", "image.png")


def test_windows_1252_text_is_decoded() -> None:
    assert text_of("Overall, X is rated as: Good – fine".encode("cp1252"), "r.txt").endswith(
        "Good – fine"
    )
