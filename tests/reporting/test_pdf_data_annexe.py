"""The data annexe is the report PDF's last annex: its three tables with the workbook's
figures, listed in the contents, headers repeated on every page a table runs onto, and the
PDF still PDF/UA-1 with no WeasyPrint warning."""

from __future__ import annotations

import io
import logging
import re

import pytest
from pypdf import PdfReader

from probation_inspection.reporting import Inspection, build_report, render_pdf, score
from probation_inspection.reporting.annexe import (
    PRINT_FIGURES_HEADER,
    data_annexe,
    figure_rows,
    sub_sample_rows,
)
from weasyprint_log import render_logged

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(wales_inspection: Inspection) -> tuple[bytes, list[logging.LogRecord]]:
    scored = score(wales_inspection)
    return render_logged(lambda: render_pdf(build_report(wales_inspection, scored),
                                            annexe=data_annexe(wales_inspection, scored)))


@pytest.fixture(scope="module")
def pages(rendered: tuple[bytes, list[logging.LogRecord]]) -> list[str]:
    return [" ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(rendered[0])).pages]


def _annexe_pages(pages: list[str]) -> list[str]:
    first = next(n for n, text in enumerate(pages)
                 if n > 1 and "Annex 5: Data annexe" in text and "Sample profile" in text)
    return pages[first:]


def test_the_annexe_is_the_last_annex_and_in_the_contents(pages: list[str]) -> None:
    match = re.search(r"Annex 5: Data annexe (\d+)", pages[1])
    assert match, pages[1]
    start = pages[int(match.group(1)) - 1]
    assert "Annex 5: Data annexe" in start and "Sample profile" in start
    glossary = next(n for n, text in enumerate(pages) if n > 1 and "Annex 4: Glossary" in text)
    assert int(match.group(1)) - 1 > glossary


def test_every_prompt_figure_is_printed_as_the_workbook_gives_it(
    wales_inspection: Inspection, pages: list[str],
) -> None:
    text = " ".join(_annexe_pages(pages))
    rows = figure_rows(wales_inspection, score(wales_inspection))
    assert rows
    for (_sample, _standard, kq, prompt, _wording, yes, no, not_applicable, relevant, percent,
         lower, upper) in rows:
        question = prompt or kq
        # No is not printed: it is the relevant cases less yes.
        assert no == relevant - yes
        figures = f"{yes} {not_applicable} {relevant}"
        if percent is not None:
            figures += f" {percent}% ({lower:.1f}\u2013{upper:.1f})"
        assert re.search(re.escape(question) + r" .{0,400}?" + re.escape(figures), text), (
            question, figures)


def test_the_sub_samples_are_printed_with_their_intervals(
    wales_inspection: Inspection, pages: list[str],
) -> None:
    text = " ".join(_annexe_pages(pages))
    for label in ("Gender", "Local delivery unit"):
        assert label in text
    printed = [row for row in sub_sample_rows(wales_inspection) if row[6]]
    assert printed
    for row in printed[:40]:
        _label, _group, _sample, _cases, _kq, _yes, relevant, percent, lower, upper = row
        assert f"{percent}% of {relevant} ({lower:.1f}\u2013{upper:.1f})" in text, row


def test_the_table_headers_repeat_on_each_page_a_table_runs_onto(pages: list[str]) -> None:
    header = " ".join(PRINT_FIGURES_HEADER[:2])
    figures_pages = [text for text in _annexe_pages(pages) if "2." in text and header in text]
    assert len(figures_pages) >= 3


def test_the_pdf_with_its_annexe_is_pdf_ua_1_and_weasyprint_prints_no_warning(
    rendered: tuple[bytes, list[logging.LogRecord]],
) -> None:
    pdf, records = rendered
    assert [record.getMessage() for record in records] == []
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    metadata = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="|>)1', metadata)


def test_without_an_annexe_the_report_has_no_annex_5(wales_inspection: Inspection) -> None:
    from probation_inspection.reporting import render_html

    html = render_html(build_report(wales_inspection), charts=False)
    assert "Data annexe" not in html and 'id="annex-data"' not in html
