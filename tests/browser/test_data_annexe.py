"""The data annexe in a real browser: linked from the published Wales report, opened as a
page with its three tables, its workbook fetched through the job page; axe-core on each."""

from __future__ import annotations

import pytest

from probation_inspection.web.inspections.models import Inspection

from .conftest import Pages, sign_in


@pytest.mark.slow
def test_the_reader_opens_the_annexe_from_the_report(pages: Pages, wales: Inspection) -> None:
    reader = sign_in(pages, "provider")
    reader.click(f"a:has-text('{wales.provider.name}')")
    reader.click("text=Inspection report")
    reader.wait_for_selector("#summary-of-ratings")
    reader.click("#annexe-html")
    reader.wait_for_selector("table")
    pages.axe(reader)
    text = reader.inner_text("body")
    for title in ("Sample profile", "Prompt-level figures", "Sub-samples"):
        assert title in text
    assert "Relevant cases" in text
    reader.go_back()
    reader.click("#annexe-xlsx", no_wait_after=True)
    reader.wait_for_selector("#job-download", timeout=120_000)
    pages.axe(reader)
    with reader.expect_download(timeout=60_000) as download_info:
        reader.click("#job-download")
    assert download_info.value.suggested_filename.startswith("data-annexe-")
