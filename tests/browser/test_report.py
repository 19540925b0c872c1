"""The report in a real browser: the published Wales demo and its PDF (turned into PNG pages
with pdftoppm), narrative editing, the factual-accuracy check; axe-core on every page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from probation_inspection.web.inspections.models import Inspection

from .conftest import REPOSITORY, Pages, screenshot, sign_in

REPORT_PAGES = REPOSITORY / "docs" / "report-pages"
#: The PDF pages kept in docs/ for a visual check, found by the heading they carry.
KEPT_PAGES = {"Summary of ratings": "summary-of-ratings",
              "Annex 2: Inspection results": "annex-2-inspection-results"}


def _first_page_with(reader: PdfReader, heading: str) -> int:
    """1-based number of the first page after the contents whose text starts a section."""
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if number > 3 and heading in text.splitlines()[:4]:
            return number
    raise AssertionError(f"no page starts with {heading!r}")


@pytest.mark.slow
def test_the_demo_report_page_and_its_pdf(pages: Pages, wales: Inspection,
                                          tmp_path: Path) -> None:
    reader = sign_in(pages, "provider")
    reader.click(f"a:has-text('{wales.provider.name}')")
    reader.click("text=Inspection report")
    reader.wait_for_selector("#summary-of-ratings")
    pages.axe(reader)
    assert "Version 1, published" in reader.inner_text("#report-status")
    assert reader.inner_text("[data-standard='overall']") == "Requires improvement"
    assert reader.inner_text("[data-standard='2.2']") == "Requires improvement"
    cell = reader.locator("[data-key-question='2.2.3']")
    assert cell.inner_text() == "48%"
    assert cell.get_attribute("title") == "50 of 105 relevant cases"
    finding = reader.locator(".report-finding[data-question='2.2.3']")
    finding.hover()
    assert finding.get_attribute("title").startswith("50 of 105 relevant cases")
    top = reader.locator("#summary-of-ratings").evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY")
    screenshot(reader, "report-page.png", height=1500)
    screenshot(reader, "report-summary-of-ratings.png", top=max(0, top - 100), height=1300)

    # The PDF is a background job (issue 15); WeasyPrint takes seconds (longer on a loaded
    # machine), and the job runs in the request here: wait for its page, then its file.
    reader.click("#download-pdf", no_wait_after=True)
    reader.wait_for_selector("#job-download", timeout=180_000)
    with reader.expect_download(timeout=60_000) as download_info:
        reader.click("#job-download")
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing: run `make browser-setup` (Debian's poppler-utils)")
    subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    rendered = sorted(tmp_path.glob("page-*.png"))
    document = PdfReader(pdf)
    assert len(rendered) == len(document.pages) > 20
    assert all(path.stat().st_size > 1000 for path in rendered)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        for heading, name in KEPT_PAGES.items():
            number = _first_page_with(document, heading)
            subprocess.run([pdftoppm, "-r", "70", "-png", "-singlefile", "-f", str(number),
                            "-l", str(number), str(pdf), str(REPORT_PAGES / name)],
                           check=True, timeout=60)


def test_narrative_edit_new_version_and_factual_accuracy_comment(
    pages: Pages, wales: Inspection
) -> None:
    lead = sign_in(pages, "lead")
    lead.goto(f"/inspections/{wales.pk}/report/")
    lead.wait_for_selector("#report")
    pages.axe(lead)
    lead.click("text=Edit the narrative")
    lead.wait_for_selector("h1:has-text(\"The report's narrative\")")
    pages.axe(lead)
    lead.click("a:has-text('Change'):has(span:text-is(' foreword'))")
    lead.wait_for_selector("#id_text")
    pages.axe(lead)
    lead.fill("#id_text", lead.input_value("#id_text") + "\n\nWe thank the <b>staff</b>.")
    screenshot(lead, "report-narrative-section.png", height=1200)
    lead.click("button:has-text('Save the section')")
    lead.wait_for_selector("text=Foreword saved")
    pages.axe(lead)
    lead.goto(f"/inspections/{wales.pk}/report/")
    assert "Version 2" in lead.inner_text("#report-status")
    assert "We thank the <b>staff</b>." in lead.inner_text("#foreword")
    lead.click("#move")
    lead.wait_for_selector("text=factual-accuracy check")
    pages.axe(lead)

    provider = sign_in(pages, "provider")
    provider.goto(f"/inspections/{wales.pk}/report/")
    provider.wait_for_selector("#comment-form")
    pages.axe(provider)
    assert "The draft" in provider.inner_text("#report-status")
    provider.select_option("#id_section", "domain-2")
    provider.fill("#id_text", "Our caseload figure was updated in March.")
    provider.click("button:has-text('Send comment')")
    provider.wait_for_selector("text=Comment sent to the inspection team")
    pages.axe(provider)

    lead.goto(f"/inspections/{wales.pk}/report/")
    assert "Our caseload figure was updated in March." in lead.inner_text("#comments")
    pages.axe(lead)
    # Version 1 stays as published, whatever happens to version 2.
    lead.goto(f"/inspections/{wales.pk}/report/?version=1")
    assert "We thank" not in lead.inner_text("#foreword")
    pages.axe(lead)
