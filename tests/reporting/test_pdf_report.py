"""The PDF report: produced by WeasyPrint, A4, contents with page numbers, running header, tags."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from probation_inspection.reporting import Report, render_pdf

pytestmark = pytest.mark.slow

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def pdf(wales_report: Report) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(wales_report)))


@pytest.fixture(scope="module")
def pages(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def test_pages_are_a4(pdf: PdfReader) -> None:
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS


def test_the_cover_has_the_title_and_credit(pages: list[str]) -> None:
    cover = " ".join(pages[0].split())
    assert "An inspection of probation services in the Wales division of Kent" in cover
    assert "This inspection was led by HM Inspector Joseph Simpson" in cover


def test_the_contents_give_the_page_each_section_starts_on(pages: list[str]) -> None:
    contents = pages[1]
    for title in ("Foreword", "Summary of ratings", "Annex 2: Inspection results",
                  "Annex 4: Glossary"):
        match = re.search(re.escape(title) + r"\s*\.*\s*(\d+)", contents)
        assert match, title
        page = int(match.group(1))
        assert title in pages[page - 1], f"{title} is not on page {page}"


def test_every_page_after_the_cover_has_the_running_header_and_number(
    pages: list[str],
) -> None:
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert "Wales division of KSS CRC" in text
        assert f"Page {number} of {total}" in text
    assert "Page 1 of" not in pages[0]


def test_results_and_ratings_are_in_the_text(pages: list[str]) -> None:
    text = " ".join(" ".join(pages).split())
    assert "2.2.3. Does planning focus sufficiently on keeping other people safe?" in text
    assert "Through the Gate Inadequate" in text
    assert ("In arriving at the rating for planning, we have exercised professional discretion"
            in text)


def test_the_pdf_is_tagged(pdf: PdfReader) -> None:
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
