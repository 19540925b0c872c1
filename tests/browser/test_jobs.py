"""A background job in a real browser (issue 15): the report's PDF asked for, its job page
waiting with a progress display (axe-checked), a worker taking the job, the page noticing by
itself and offering the file, which downloads as a PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import run_the_queue
from probation_inspection.web.inspections.models import Inspection

from .conftest import Pages, screenshot, sign_in


@pytest.mark.slow
def test_the_pdf_job_page_shows_progress_then_the_file(
    pages: Pages, wales: Inspection, settings: Any, tmp_path: Path
) -> None:
    # The database's queue, as in service: the job waits until a worker runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reader = sign_in(pages, "provider")
    reader.goto(f"/inspections/{wales.pk}/report/")
    reader.click("#download-pdf")
    reader.wait_for_url("**/jobs/*/")
    assert reader.inner_text("h1") == "PDF of the report, version 1"
    assert reader.inner_text("#job-state") == "Waiting to start"
    assert reader.inner_text("#job-progress-words") == "Waiting to start"
    assert reader.locator("label[for='job-progress']").inner_text() == "Progress"
    assert reader.locator("#job-refresh").is_visible()  # the way on without script
    pages.axe(reader)
    screenshot(reader, "job-waiting.png", height=700)

    assert run_the_queue() == 1
    # The page's script polls the status and reloads once the job has finished.
    reader.wait_for_selector("#job-download", timeout=60_000)
    assert "Your file is ready" in reader.inner_text(".govuk-panel")
    pages.axe(reader)
    screenshot(reader, "job-done.png", height=700)
    with reader.expect_download() as download_info:
        reader.click("#job-download")
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    assert download_info.value.suggested_filename == f"report-{wales.pk}-v1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
