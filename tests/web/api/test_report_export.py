"""The report's aggregate exports through the API as background jobs: started with a POST (202
and the job's address), polled, and the file downloaded with the report page's own gate,
version choice and audit event. Jobs run in the request under the tests' immediate backend,
so each is done by the time the 202 comes back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

import factories
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.jobs.models import Job, JobState

from .conftest import API

pytestmark = pytest.mark.django_db


def _export(client: Client, url: str) -> Any:
    """Start an export, follow its Location to the job and download the file."""
    started = client.post(url)
    assert started.status_code == 202, started.content
    job = started.json()
    # Absolute addresses, so a client with a base URL follows them as they are.
    assert started["Location"] == job["status_url"] == f"http://testserver{API}/jobs/{job['id']}"
    polled = client.get(started["Location"])
    assert polled.status_code == 200
    assert polled.json()["state"] == JobState.DONE, polled.json()
    assert polled.json()["download_url"] == f"{started['Location']}/file"
    return client.get(polled.json()["download_url"])


@pytest.mark.slow
def test_exports_follow_the_matrix(published_stage: factories.Staged,
                                   api_client: Callable[..., Client]) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    url = f"{API}/inspections/{inspection.pk}/report"
    lead = api_client(team["lead"])
    exported = _export(lead, f"{url}/json")
    assert exported.status_code == 200
    assert exported["Content-Type"] == "application/json"
    assert b"".join(exported.streaming_content)  # the report model as JSON
    assert _export(lead, f"{url}/csv")["Content-Type"].startswith("text/csv")
    assert lead.post(f"{url}/docx").status_code == 404
    # The export is no longer built inside a GET: the old address refuses the method.
    assert lead.get(f"{url}/json").status_code == 405
    # Aggregate exports are the lead's, the data team's and (once published) the provider's.
    assert api_client(team["inspector"]).post(f"{url}/json").status_code == 403
    assert _export(api_client(team["reader"], "read"), f"{url}/json").status_code == 200
    # Each file's download is audited as the page's is; starting a job is audited too.
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_DOWNLOADED).count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.JOB_STARTED).count() == 3


@pytest.mark.slow
def test_the_case_level_export_is_the_data_teams_job(published_stage: factories.Staged,
                                                    api_client: Callable[..., Client]) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    url = f"{API}/inspections/{inspection.pk}/cases"
    exported = _export(api_client(team["data"], "read"), f"{url}/csv")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    rows = b"".join(exported.streaming_content).decode("utf-8").splitlines()
    # A row per sampled case, under keyed pseudonyms: no case reference crosses.
    assert len(rows) == 1 + published_stage.sampled_cases.count()
    references = published_stage.sampled_cases.values_list("case_reference", flat=True)
    assert not [ref for ref in references if any(ref in row for row in rows)]
    assert AuditEvent.objects.filter(action=AuditAction.CASE_LEVEL_EXPORT).count() == 1
    # The page's matrix: case-level data is the data team's alone.
    for role in ("lead", "inspector", "reader"):
        assert api_client(team[role]).post(f"{url}/csv").status_code == 403, role
    assert api_client(team["data"]).post(f"{url}/pdf").status_code == 404


def test_a_job_is_seen_only_by_whom_its_page_shows_it(
        published_stage: factories.Staged, api_client: Callable[..., Client]) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    lead = api_client(team["lead"])
    job = lead.post(f"{API}/inspections/{inspection.pk}/report/csv").json()
    # Another team member who may not export sees no such job; so does an outsider.
    assert api_client(team["inspector"]).get(f"{API}/jobs/{job['id']}").status_code == 404
    assert api_client(team["inspector"]).get(
        f"{API}/jobs/{job['id']}/file").status_code == 404
    assert lead.get(f"{API}/jobs/{job['id'] + 1000}").status_code == 404
    assert Client().get(f"{API}/jobs/{job['id']}").status_code == 401


def test_a_job_not_done_has_no_file_yet(published_stage: factories.Staged,
                                        api_client: Callable[..., Client]) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    lead = api_client(team["lead"])
    job = lead.post(f"{API}/inspections/{inspection.pk}/report/csv").json()
    Job.objects.filter(pk=job["id"]).update(state=JobState.RUNNING, stored_name="")
    waiting = lead.get(f"{API}/jobs/{job['id']}/file")
    assert waiting.status_code == 409
    assert "poll" in waiting.json()["detail"]
    assert lead.get(f"{API}/jobs/{job['id']}").json()["download_url"] is None
    Job.objects.filter(pk=job["id"]).update(state=JobState.FAILED, error="No answers yet.")
    failed = lead.get(f"{API}/jobs/{job['id']}/file")
    assert failed.status_code == 409
    assert "No answers yet." in failed.json()["detail"]
