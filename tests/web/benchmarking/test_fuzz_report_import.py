"""Fuzz the report import page: hostile report files give a page with a message or are read,
never a server error (issue 10)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutations import hostile
from probation_inspection.web.jobs.models import Job, JobState

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
SEED = next(REPORTS.glob("000_*.txt")).read_bytes()


@pytest.fixture
def importer(data_team: Any) -> Client:
    client = Client()
    client.force_login(data_team)
    return client


@settings(max_examples=20, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(content=hostile(SEED) | hostile(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"),
       name=st.sampled_from(["report.txt", "report.pdf", "report.html", "report.md"]))
def test_report_import(importer: Client, content: bytes, name: str) -> None:
    response = importer.post(reverse("benchmarking:import"),
                             {"framework": "hmip-crc-2018@2018.1",
                              "reports": [SimpleUploadedFile(name, content)]})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert "There is a problem" in html.unescape(response.content.decode())
    else:  # the job read the file: it finished, and says what became of it
        page = importer.get(response["Location"])
        assert page.status_code == 200
        job = Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
        assert job.state == JobState.DONE, job.error
        assert len(job.outcomes) == 1
    # The store is append-only and keyed by content: records from earlier examples stay.
