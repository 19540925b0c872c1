"""Starting a job (a row, then a task on the queue) and running one (in a worker, or in the
request under the immediate backend of the tests): the work function, its progress, its file.

A work function is ``work(job, progress) -> Output``: it reads what it needs from
``job.params``, reports progress with ``progress(done, total, message)``, raises JobFailed
with words for the user when the work cannot be done, and returns the file it made (or a
summary alone). Apps above this one write their work functions; this app only runs them.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from probation_inspection.jobs import JobMoveRefused, move
from probation_inspection.web.audit.actions import READS, AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.jobs.models import Job, JobState
from probation_inspection.web.security import PRIVATE_FILE_MODE, private_folder

logger = logging.getLogger(__name__)

#: Work functions live in this package's apps; a stored path outside it is never imported.
WORK_PACKAGE = "probation_inspection.web."
#: The names `_write` and `stage` give files: a uuid4's 32 hex digits.
STORED_NAME = re.compile(r"[0-9a-f]{32}")


class JobFailed(Exception):
    """The work cannot be done; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Output:
    """What a work function made: a file to download, and/or a summary in words."""

    content: bytes | None = None
    file_name: str = ""
    content_type: str = "application/octet-stream"
    summary: str = ""
    #: What happened to each item (the job's ``outcomes``; see the model).
    outcomes: tuple[dict[str, Any], ...] = ()


Progress = Callable[[int, int, str], None]
Work = Callable[[Job, Progress], Output]


def jobs_dir() -> Path:
    """Where made files live: under var/, never under the static or web root."""
    return Path(getattr(settings, "JOBS_DIR", Path(settings.VAR_DIR) / "jobs"))


def file_path(job: Job) -> Path:
    return jobs_dir() / job.stored_name


#: The worker's words when a running job lost it (killed, or its machine restarted).
WORKER_STOPPED = ("The worker doing this job stopped before it finished (the job reported no "
                  "progress for {minutes} minutes). Nothing was kept from it; start it again.")


def stale_after() -> timedelta:
    """How long a running job may go without progress before its worker counts as lost."""
    return timedelta(seconds=int(getattr(settings, "JOBS_STALE_AFTER", 30 * 60)))


def fail_stale(job_id: int | None = None) -> int:
    """Mark failed every running job (or job ``job_id``) silent for longer than the limit: its
    worker died mid-job and nothing will finish it. How many were marked."""
    limit = stale_after()
    cutoff = timezone.now() - limit
    running = Job.objects.filter(state=JobState.RUNNING).filter(
        Q(progressed_at__lt=cutoff)
        | Q(progressed_at__isnull=True, started_at__lt=cutoff)
        | Q(progressed_at__isnull=True, started_at__isnull=True, created_at__lt=cutoff))
    if job_id is not None:
        running = running.filter(pk=job_id)
    words = WORKER_STOPPED.format(minutes=max(1, int(limit.total_seconds() // 60)))
    marked = 0
    for job in running:
        if _moved(job, JobState.FAILED, error=words, finished_at=timezone.now()):
            marked += 1
            _remove_staged(job)
    return marked


def stage(upload: Iterable[bytes]) -> str:
    """Keep an uploaded file (its chunks) for a job's work to read: a random name under the
    jobs' private folder, the service user's only. The name goes in the job's params."""
    folder = private_folder(jobs_dir())
    stored_name = uuid.uuid4().hex
    descriptor = os.open(folder / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in upload:
            handle.write(chunk)
    return stored_name


def staged_path(stored_name: str) -> Path:
    """A staged file's path; only a name `stage` could have made (32 hex digits)."""
    if not STORED_NAME.fullmatch(stored_name):
        raise JobFailed("This job names an input file the application did not keep.")
    return jobs_dir() / stored_name


def staged_names(job: Job) -> list[str]:
    """The staged inputs a job's params name (``params["files"][i]["staged"]``)."""
    files = job.params.get("files") if isinstance(job.params, dict) else None
    names = [str(item.get("staged", "")) for item in files or [] if isinstance(item, dict)]
    return [name for name in names if STORED_NAME.fullmatch(name)]


def _remove_staged(job: Job) -> None:
    for name in staged_names(job):
        (jobs_dir() / name).unlink(missing_ok=True)


def prune(days: int, *, now: datetime | None = None) -> tuple[int, int]:
    """Remove the files (made and staged) of finished jobs created more than ``days`` ago, and
    any file in the jobs' folder no job names that is as old; the jobs stay, marked as
    pruned. (jobs pruned, stray files removed)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Job.objects.filter(created_at__lt=cutoff, file_removed_at__isnull=True,
                             state__in=[JobState.DONE, JobState.FAILED])
    pruned = 0
    for job in old:
        if job.stored_name:
            file_path(job).unlink(missing_ok=True)
        _remove_staged(job)
        Job.objects.filter(pk=job.pk).update(file_removed_at=timezone.now())
        pruned += 1
    folder = jobs_dir()
    strays = 0
    if folder.is_dir():
        named = set(Job.objects.exclude(stored_name="").values_list("stored_name", flat=True))
        for job in Job.objects.exclude(state__in=[JobState.DONE, JobState.FAILED]):
            named.update(staged_names(job))
        for path in folder.iterdir():
            if (path.is_file() and path.name not in named
                    and datetime.fromtimestamp(path.stat().st_mtime, tz=UTC) < cutoff):
                path.unlink(missing_ok=True)
                strays += 1
    return pruned, strays


def start(user: Any, *, kind: str, title: str, work: str, params: dict[str, Any],
          inspection: Any = None, back_url: str = "", back_text: str = "",
          download_action: AuditAction | None = None, download_target: str = "",
          download_after: Any = None) -> Job:
    """Record the job and put it on the queue; the caller redirects to its page.

    The row and the queued task commit together (the database backend's task is a row in
    the same database), so a worker never sees a task without its job.
    """
    if not work.startswith(WORK_PACKAGE):
        raise ValueError(f"work {work!r} is not a function of the web application")
    if download_action is not None and download_action not in READS:
        raise ValueError(f"a download records a read, not {download_action.value!r}")
    from probation_inspection.web.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, title=title, work=work, params=params, started_by=user,
            inspection=inspection, back_url=back_url, back_text=back_text,
            download_action=download_action.value if download_action else "",
            download_target=download_target, download_after=download_after)
        record(user, inspection, AuditAction.JOB_STARTED, target=kind,
               after={"job": job.pk, "params": params})
    # Outside the transaction: the immediate backend (tests) runs the work here and now, and
    # the work opens transactions of its own.
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _moved(job: Job, state: JobState, **fields: Any) -> bool:
    """Move ``job`` to ``state`` if the rules allow it from the state it is stored in."""
    current = Job.objects.filter(pk=job.pk).values_list("state", flat=True).first()
    if current is None:
        return False  # deleted (its inspection was) while queued
    try:
        move(current, state)
    except JobMoveRefused:
        logger.warning("job %s: not moved from %s to %s", job.pk, current, state)
        return False
    Job.objects.filter(pk=job.pk, state=current).update(state=state, **fields)
    return True


def _write(content: bytes) -> str:
    folder = private_folder(jobs_dir())
    stored_name = uuid.uuid4().hex
    descriptor = os.open(folder / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    return stored_name


def run(job_id: int) -> JobState | None:
    """Run job ``job_id`` to its end; the state it ended in (None: no such job to run)."""
    # A worker starting work first fails the jobs whose workers died (none will end them).
    fail_stale()
    job = Job.objects.filter(pk=job_id).first()
    now = timezone.now()
    if job is None or not _moved(job, JobState.RUNNING, started_at=now, progressed_at=now,
                                 done=0, total=0, message=""):
        return None

    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(done=max(0, done), total=max(0, total),
                                             message=message[:200],
                                             progressed_at=timezone.now())

    try:
        if not job.work.startswith(WORK_PACKAGE):
            raise JobFailed("This job names work the application does not have.")
        work: Work = import_string(job.work)
        output = work(job, progress)
    except JobFailed as failed:
        _moved(job, JobState.FAILED, error=str(failed), finished_at=timezone.now())
        return JobState.FAILED
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _moved(job, JobState.FAILED, finished_at=timezone.now(),
               error="Something went wrong while doing this work. It has been logged; "
                     "try again, and tell the service team if it happens again.")
        return JobState.FAILED
    finally:
        _remove_staged(job)  # the inputs were the work's alone; read or not, they go
    fields: dict[str, Any] = {"summary": output.summary, "finished_at": timezone.now(),
                              "outcomes": list(output.outcomes)}
    if output.content is not None:
        fields.update(stored_name=_write(output.content), file_name=output.file_name[:200],
                      content_type=output.content_type[:120], size=len(output.content))
    if not _moved(job, JobState.DONE, **fields):
        if "stored_name" in fields:
            (jobs_dir() / fields["stored_name"]).unlink(missing_ok=True)
        return None
    return JobState.DONE
