"""Background jobs in the web application (issue 15): a download starts a job and shows its
page; the page and its status JSON follow the job; the file is kept for download; only the
starter and the inspection's lead see any of it; a job that cannot be done says why.

Jobs run inside the request here (the web conftest's immediate backend), except where a test
puts the database backend back and runs the worker's own step itself.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import factories
from helpers import client_for, run_the_queue
from helpers import report_url as url
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.jobs import runner
from probation_inspection.web.jobs.models import Job, JobState

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _job(response: Any) -> Job:
    assert response.status_code == 302, response.status_code
    return Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_the_pdf_is_a_job_whose_page_offers_the_file(published_stage: factories.Staged) -> None:
    inspection = published_stage.inspection
    lead = client_for(published_stage.team["lead"].username)
    started = lead.get(url("download", inspection, fmt="pdf"))
    job = _job(started)
    assert started["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.state, job.kind, job.started_by, job.inspection) == (
        JobState.DONE, "report-pdf", published_stage.team["lead"], inspection)
    assert job.title == "PDF of the report, version 1"
    assert job.file_name == f"report-{inspection.pk}-v1.pdf" and job.size > 10_000
    page = lead.get(started["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your file is ready" in text and f"Download report-{inspection.pk}-v1.pdf" in text
    assert reverse("reports:report", args=[inspection.pk]) in text  # back to the report
    status = lead.get(reverse("jobs:status", args=[job.pk])).json()
    assert status | {"id": 0} == {
        "id": 0, "state": "done", "state_label": "Done", "finished": True, "done": 3,
        "total": 3, "percent": 100, "progress": "Done: 3 of 3", "summary": "", "error": "",
        "download_url": reverse("jobs:download", args=[job.pk]),
        "file_name": f"report-{inspection.pk}-v1.pdf"}
    download = lead.get(status["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download).startswith(b"%PDF")
    # Started and downloaded, each audited; the file is outside the web root, the owner's only.
    assert AuditEvent.objects.filter(action="job-started", target="report-pdf").count() == 1
    assert AuditEvent.objects.filter(action="report-downloaded", target="pdf").count() == 1
    path = runner.file_path(job)
    assert "static" not in path.parts and oct(path.stat().st_mode)[-3:] == "600"


def test_only_the_starter_and_the_lead_see_a_job(published_stage: factories.Staged) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    data = client_for(team["data"].username)
    job = _job(data.get(url("download", inspection, fmt="csv")))
    assert job.state == JobState.DONE
    addresses = [reverse(name, args=[job.pk]) for name in ("jobs:job", "jobs:status",
                                                           "jobs:download")]
    factories.UserFactory(username="stranger")
    for name, expected in (("data", 200), ("lead", 200), ("inspector", 404), ("qa", 404),
                           ("reader", 404), ("stranger", 404)):
        username = team[name].username if name in team else name
        client = client_for(username)
        for address in addresses:
            assert client.get(address).status_code == expected, (name, address)
    anonymous = Client().get(addresses[0])
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]
    assert client_for(team["lead"].username).get(
        reverse("jobs:job", args=[job.pk + 1000])).status_code == 404


def test_work_that_cannot_be_done_fails_with_words(
    published_stage: factories.Staged, settings: Any
) -> None:
    settings.TASKS = DATABASE_BACKEND
    inspection, lead_user = published_stage.inspection, published_stage.team["lead"]
    lead = client_for(lead_user.username)
    job = _job(lead.get(url("download", inspection, fmt="json") + "?version=1"))
    # Published versions are never deleted; a job naming one that is not there (a version
    # number from a restored backup, say) fails with words, not a traceback.
    Job.objects.filter(pk=job.pk).update(params={"fmt": "json", "version": 7})
    assert run_the_queue() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == "Report version 7 no longer exists."
    page = lead.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "This job could not be finished" in page and "no longer exists" in page
    status = lead.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["download_url"] is None and status["finished"] is True
    assert lead.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_refused_download_starts_no_job(published_stage: factories.Staged) -> None:
    inspection = published_stage.inspection
    qa = client_for(published_stage.team["qa"].username)
    assert qa.get(url("download", inspection, fmt="pdf")).status_code == 403
    assert qa.get(url("cases", inspection, fmt="csv")).status_code == 403
    assert not Job.objects.exists() and not AuditEvent.objects.filter(action="job-started")


def test_a_queued_job_shows_its_progress_until_a_worker_runs_it(
    published_stage: factories.Staged, settings: Any
) -> None:
    settings.TASKS = DATABASE_BACKEND
    inspection, data_user = published_stage.inspection, published_stage.team["data"]
    data = client_for(data_user.username)
    job = _job(data.get(url("cases", inspection, fmt="xlsx")))
    assert job.state == JobState.QUEUED and job.task_id
    status = data.get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["state"], status["finished"], status["percent"], status["progress"],
            status["download_url"]) == ("queued", False, None, "Waiting to start", None)
    page = data.get(reverse("jobs:job", args=[job.pk])).content.decode()
    # The progress display, its script, and a way on without the script.
    assert 'id="job-progress"' in page and "jobs/poll.js" in page
    assert f'href="{reverse("jobs:job", args=[job.pk])}"' in page and "Check again" in page
    assert data.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert run_the_queue() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.file_name == f"cases-{inspection.pk}.xlsx"
    assert (job.done, job.total) == (2, 2) and job.started_at and job.finished_at
    download = data.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download)[:2] == b"PK"
    # The case-level read is audited when its file is downloaded, as the export was.
    assert AuditEvent.objects.filter(action="case-level-export", target="xlsx").count() == 1
    # A finished job is never run again.
    assert runner.run(job.pk) is None
    assert run_the_queue() == 0


def test_unexpected_failure_is_logged_and_the_page_says_so_plainly(
    published_stage: factories.Staged, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture
) -> None:
    def broken(job: Job, progress: runner.Progress) -> runner.Output:
        progress(1, 4, "Half way")
        raise RuntimeError("secret detail")

    monkeypatch.setattr("probation_inspection.web.reports.jobs.report_file", broken)
    lead = client_for(published_stage.team["lead"].username)
    job = _job(lead.get(url("download", published_stage.inspection, fmt="csv")))
    assert job.state == JobState.FAILED
    assert "secret detail" not in job.error and "Something went wrong" in job.error
    assert (job.done, job.total, job.message) == (1, 4, "Half way")
    assert "secret detail" in caplog.text


def test_work_outside_the_application_is_never_run(published_stage: factories.Staged) -> None:
    lead_user = published_stage.team["lead"]
    with pytest.raises(ValueError):
        runner.start(lead_user, kind="x", title="x", work="os.system", params={})
    job = Job.objects.create(kind="x", title="x", work="os.system", params={},
                             started_by=lead_user)
    assert runner.run(job.pk) is JobState.FAILED
    job.refresh_from_db()
    assert job.error == "This job names work the application does not have."
    assert runner.run(job.pk + 1000) is None


def test_a_missing_file_is_not_found(published_stage: factories.Staged) -> None:
    lead = client_for(published_stage.team["lead"].username)
    started = lead.get(url("download", published_stage.inspection, fmt="json"))
    job = _job(started)
    runner.file_path(job).unlink()
    assert lead.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_my_jobs_reads_the_users_roles_once_whatever_the_number_of_jobs() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from probation_inspection.web.inspections.models import Role

    lead = factories.UserFactory(username="lead-of-many")
    client = client_for(lead.username)

    def queries_with(jobs: int) -> int:
        for _ in range(jobs):
            inspection = factories.InspectionFactory(team={lead: Role.LEAD_INSPECTOR})
            Job.objects.create(kind="report-pdf", title="PDF", work="x", started_by=lead,
                               inspection=inspection, state=JobState.DONE)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("jobs:mine"))
        assert page.status_code == 200
        return len(captured.captured_queries)

    assert queries_with(2) == queries_with(4)
