"""A job's life past its run (issue 15): a running job whose worker was killed is marked
failed, "My jobs" lists what each user may see, and old jobs' files are pruned.
"""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from helpers import signed_in
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.jobs import runner
from probation_inspection.web.jobs.models import Job, JobState

pytestmark = pytest.mark.django_db


def _job(user: Any, *, inspection: Inspection | None = None, title: str = "A job",
         state: str = JobState.DONE, **fields: Any) -> Job:
    fields.setdefault("work", "probation_inspection.web.x")
    return Job.objects.create(kind="test", title=title, started_by=user,
                              inspection=inspection, state=state, **fields)


def _running(user: Any, silent_for: dt.timedelta) -> Job:
    moment = timezone.now() - silent_for
    return _job(user, state=JobState.RUNNING, started_at=moment, progressed_at=moment,
                done=2, total=12, message="Reading reports")


# A worker killed mid-job --------------------------------------------------------------------

def test_a_silent_running_job_is_marked_failed_when_its_page_is_read(
    users: dict[str, Any], settings: Any
) -> None:
    settings.JOBS_STALE_AFTER = 600
    stale = _running(users["lead"], dt.timedelta(minutes=11))
    busy = _running(users["lead"], dt.timedelta(minutes=9))
    client = signed_in(users["lead"])
    page = client.get(reverse("jobs:job", args=[stale.pk]))
    assert "This job could not be finished" in page.content.decode()
    assert "The worker doing this job stopped before it finished" in page.content.decode()
    stale.refresh_from_db()
    assert stale.state == JobState.FAILED and stale.finished_at is not None
    assert "no progress for 10 minutes" in stale.error
    status = client.get(reverse("jobs:status", args=[busy.pk])).json()
    assert status["state"] == "running" and status["progress"] == "Reading reports: 2 of 12"


def test_a_worker_starting_work_fails_the_jobs_whose_workers_died(
    users: dict[str, Any], settings: Any
) -> None:
    settings.JOBS_STALE_AFTER = 60
    stale = _running(users["lead"], dt.timedelta(minutes=5))
    fresh = _running(users["lead"], dt.timedelta(seconds=10))
    queued = _job(users["lead"], state=JobState.QUEUED,
                  work="probation_inspection.web.no.such.work")
    runner.run(queued.pk)  # what the worker does with the next task
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.state == JobState.FAILED and "worker" in stale.error
    assert fresh.state == JobState.RUNNING
    # A job whose progress was reported lately is not stale, however long it has run.
    assert runner.fail_stale() == 0


def test_progress_keeps_a_long_job_alive(users: dict[str, Any], settings: Any) -> None:
    settings.JOBS_STALE_AFTER = 60
    job = _job(users["lead"], state=JobState.QUEUED,
               work="probation_inspection.web.benchmarking.jobs.import_reports",
               params={"framework": "hmip-crc-2018@2018.1", "files": []})
    assert runner.run(job.pk) == JobState.DONE
    job.refresh_from_db()
    assert job.progressed_at is not None and job.progressed_at >= job.started_at
    assert job.summary == "0 of 0 reports imported"


# My jobs ------------------------------------------------------------------------------------

def test_my_jobs_lists_what_each_user_may_see_newest_first(
    users: dict[str, Any], inspection: Inspection
) -> None:
    mine = _job(users["inspector"], inspection=inspection, title="PDF of the report")
    import_ = _job(users["inspector"], title="Import 3 published reports")
    theirs = _job(users["other"], inspection=inspection, title="Agreement statistics")
    elsewhere = _job(users["outsider"], title="Import 1 published report")

    def listed(name: str) -> list[int]:
        page = signed_in(users[name]).get(reverse("jobs:mine"))
        assert page.status_code == 200
        return [job.pk for job in page.context["jobs"]]

    assert listed("inspector") == [import_.pk, mine.pk]
    # The lead sees the team's jobs, not anyone's programme-level ones.
    assert listed("lead") == [theirs.pk, mine.pk]
    assert listed("reader") == []
    assert listed("outsider") == [elsewhere.pk]
    page = signed_in(users["lead"]).get(reverse("jobs:mine")).content.decode()
    assert reverse("jobs:job", args=[theirs.pk]) in page and "by Other" in page
    assert "Import 3 published reports" not in page
    # A user no longer on the team no longer sees its jobs, even their own.
    inspection.team.filter(user=users["inspector"]).delete()
    assert listed("inspector") == [import_.pk]
    empty = signed_in(users["reader"]).get(reverse("jobs:mine")).content.decode()
    assert "You have no jobs yet" in empty


def test_my_jobs_is_linked_from_the_job_page_and_the_overview(
    users: dict[str, Any], inspection: Inspection
) -> None:
    job = _job(users["lead"], inspection=inspection)
    client = signed_in(users["lead"])
    for url in (reverse("jobs:job", args=[job.pk]),
                reverse("inspections:detail", args=[inspection.pk])):
        assert reverse("jobs:mine") in client.get(url).content.decode()


# Pruning ------------------------------------------------------------------------------------

def test_prune_jobs_removes_old_jobs_files_and_strays(
    users: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.JOBS_DIR = tmp_path / "jobs"
    folder = runner.jobs_dir()
    old_file, new_file = runner.stage([b"old"]), runner.stage([b"new"])
    staged = runner.stage([b"an upload"])
    stray = runner.stage([b"nobody's"])
    long_ago = timezone.now() - dt.timedelta(days=40)
    old = _job(users["lead"], stored_name=old_file, file_name="old.pdf", size=3)
    failed = _job(users["lead"], state=JobState.FAILED,
                  params={"files": [{"name": "r.pdf", "staged": staged}]})
    new = _job(users["lead"], stored_name=new_file, file_name="new.pdf", size=3)
    Job.objects.filter(pk__in=[old.pk, failed.pk]).update(created_at=long_ago)
    os.utime(folder / stray, (long_ago.timestamp(), long_ago.timestamp()))

    out = StringIO()
    call_command("prune_jobs", "--days", "30", stdout=out)
    assert out.getvalue().strip() == (
        "Removed the files of 2 jobs older than 30 days, and 1 stray file.")
    assert sorted(p.name for p in folder.iterdir()) == [new_file]
    old.refresh_from_db()
    assert old.file_removed_at is not None
    page = signed_in(users["lead"]).get(reverse("jobs:job", args=[old.pk])).content.decode()
    assert "The file was removed on" in page
    assert signed_in(users["lead"]).get(reverse("jobs:download", args=[old.pk])).status_code == 404
    assert new.has_file and signed_in(users["lead"]).get(
        reverse("jobs:download", args=[new.pk])).status_code == 200
    # Pruned once: a second run finds nothing more.
    out = StringIO()
    call_command("prune_jobs", "--days", "30", stdout=out)
    assert "files of 0 jobs" in out.getvalue()


def test_an_import_leaves_no_staged_file_behind(
    users: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.JOBS_DIR = tmp_path / "jobs"
    staged = runner.stage([b"not a report"])
    assert oct((runner.jobs_dir() / staged).stat().st_mode)[-3:] == "600"
    job = _job(users["lead"], state=JobState.QUEUED,
               work="probation_inspection.web.benchmarking.jobs.import_reports",
               params={"framework": "hmip-crc-2018@2018.1",
                       "files": [{"name": "r.txt", "staged": staged}]})
    assert runner.run(job.pk) == JobState.DONE
    job.refresh_from_db()
    assert [o["outcome"] for o in job.outcomes] == ["not rated"]
    assert list(runner.jobs_dir().iterdir()) == []
