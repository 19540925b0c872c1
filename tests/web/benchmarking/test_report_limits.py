"""The report import page under the untrusted-file limits: a PDF bomb is refused, nothing stored."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import job_page, signed_in
from hostile_files import pdf_bomb
from probation_inspection.web.benchmarking.models import Outcome, PublishedInspection, StoreEvent

#: The framework the seed reports were inspected under, as the import form names it.
CRC = {"framework": "hmip-crc-2018@2018.1"}


@pytest.mark.slow
def test_pdf_bomb_is_refused_with_the_limit_named_and_nothing_stored(
    data_team: Any, settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "memory_mib": 512,
                                      "seconds": 20}
    bomb = SimpleUploadedFile("bomb.pdf", pdf_bomb(), content_type="application/pdf")
    started = time.monotonic()
    client = signed_in(data_team)
    job, page = job_page(client, client.post(reverse("benchmarking:import"),
                                             {**CRC, "reports": [bomb]}))
    assert time.monotonic() - started < 40
    assert [o["outcome"] for o in job.outcomes] == ["failed"]
    body = page.content.decode()
    assert "bomb.pdf: reading the report needed more than the 512 MiB memory limit" in body
    assert not PublishedInspection.objects.exists()
    assert list(StoreEvent.objects.values_list("outcome", flat=True)) == [Outcome.FAILED]


def test_report_over_the_page_limit_is_refused(data_team: Any, settings: Any) -> None:
    import io

    from pypdf import PdfWriter

    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "report_pages": 1}
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = SimpleUploadedFile("two.pdf", buffer.getvalue(), content_type="application/pdf")
    client = signed_in(data_team)
    job, page = job_page(client, client.post(reverse("benchmarking:import"),
                                             {**CRC, "reports": [upload]}))
    assert [o["outcome"] for o in job.outcomes] == ["failed"]
    assert "two.pdf: the PDF has 2 pages, more than the 1-page limit" in page.content.decode()
    assert not PublishedInspection.objects.exists()


def test_each_file_of_an_upload_gets_the_limits_on_its_own(
    data_team: Any, settings: Any, seed: Any
) -> None:
    # In the background one upload no longer shares one request's time budget: each file is
    # read within the limits on its own, and one refused does not stop the next being read.
    import io

    from pypdf import PdfWriter

    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "report_pages": 1}
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    files = [SimpleUploadedFile("two.pdf", buffer.getvalue(), content_type="application/pdf"),
             SimpleUploadedFile(seed("000").name, seed("000").read_bytes())]
    client = signed_in(data_team)
    job, page = job_page(client, client.post(reverse("benchmarking:import"),
                                             {**CRC, "reports": files}))
    assert [o["outcome"] for o in job.outcomes] == ["failed", "read"]
    assert (job.done, job.total) == (2, 2)
    assert "1 of 2 reports imported; 1 could not be imported" in page.content.decode()
    assert PublishedInspection.objects.count() == 1
