"""The report import page under the untrusted-file limits: a PDF bomb is refused, nothing stored."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import signed_in
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
    response = signed_in(data_team).post(reverse("benchmarking:import"), {**CRC, "reports": [bomb]})
    assert time.monotonic() - started < 40
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
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
    response = signed_in(data_team).post(reverse("benchmarking:import"),
                                         {**CRC, "reports": [upload]})
    assert response.status_code == 400
    assert "two.pdf: the PDF has 2 pages, more than the 1-page limit" in response.content.decode()
    assert not PublishedInspection.objects.exists()


def test_one_upload_stops_reading_files_once_the_time_limit_is_spent(
    data_team: Any, settings: Any, seed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "seconds": 5}
    times = [0.0, 1.0, 7.0]  # the deadline is set at 0; the second file would start at 7 s
    monkeypatch.setattr("probation_inspection.web.benchmarking.views.monotonic",
                        lambda: times.pop(0) if len(times) > 1 else times[0])
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (seed("000"), seed("002"))]
    response = signed_in(data_team).post(reverse("benchmarking:import"), {**CRC, "reports": files})
    assert response.status_code == 400
    body = response.content.decode()
    assert (f"{seed('002').name}: not read, as reading this upload&#x27;s files took more than "
            "the 5-second limit; upload it again on its own") in body
    assert PublishedInspection.objects.count() == 1
