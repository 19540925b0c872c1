"""A PDF made in the test from a seed's text (reportlab) is read to the same record, by pypdf;
pdfplumber runs only when pypdf's text lacks the rating tables."""

from __future__ import annotations

import io
import re
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
    text = sources._pdfplumber_text(_pdf(name), "report.pdf", 100, 10_000_000)
    assert read_report(text) == read_report(seed_text(name))


@pytest.mark.parametrize("name", rated_seed_names())
def test_each_pdf_is_read_to_the_same_record(name: str) -> None:
    assert read_report(text_of(_pdf(name), "report.pdf")) == read_report(seed_text(name))


@pytest.mark.parametrize("name", rated_seed_names())
def test_pypdf_gives_the_tables_so_pdfplumber_is_not_run(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(sources, "_pdfplumber_text", lambda *args: ran.append("pdfplumber"))
    text = sources._pdf_text(_pdf(name), "report.pdf", 100, 10_000_000)
    assert ran == []
    assert read_report(text) == read_report(seed_text(name))


def _untabled(text: str) -> str:
    """What a layout-blind extraction might give: the words, without the rating tables."""
    return "\n".join(line for line in text.splitlines() if not re.match(r"\s*\d\.\d", line))


def test_pdfplumber_is_run_when_pypdf_text_lacks_the_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = _with_discretion()
    monkeypatch.setattr(sources, "_pypdf_text", lambda *args: _untabled(seed_text(name)))
    monkeypatch.setattr(sources, "_pdfplumber_text", lambda *args: seed_text(name))
    assert sources._pdf_text(b"%PDF", "report.pdf", 100, 10_000_000) == seed_text(name)


def test_pypdf_text_is_kept_when_pdfplumber_shows_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pypdf_text = _untabled(seed_text(_with_discretion()))
    monkeypatch.setattr(sources, "_pypdf_text", lambda *args: pypdf_text)
    monkeypatch.setattr(sources, "_pdfplumber_text", lambda *args: "Overall rating Good")
    assert sources._pdf_text(b"%PDF", "report.pdf", 100, 10_000_000) == pypdf_text


def test_pdfplumber_is_run_when_pypdf_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("pypdf cannot parse this")

    monkeypatch.setattr(sources, "_pypdf_text", broken)
    monkeypatch.setattr(sources, "_pdfplumber_text", lambda *args: seed_text(_with_discretion()))
    assert sources._pdf_text(b"%PDF", "r.pdf", 100, 10_000_000) == seed_text(_with_discretion())


def test_the_layout_score_counts_the_tables_the_reader_finds() -> None:
    text = "2.1 Assessment Good\n2.1.1. Does it work? 55%\n2.2 Planning requires improvement"
    assert sources.layout_score(text) == (2, 1)
    assert sources.has_rating_tables(text)
    assert not sources.has_rating_tables("2.1 Assessment Good, without questions")
    assert sources.layout_score(_untabled(seed_text(_with_discretion()))) == (0, 0)


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
