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
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
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


class JobFailed(Exception):
    """The work cannot be done; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Output:
    """What a work function made: a file to download, and/or a summary in words."""

    content: bytes | None = None
    file_name: str = ""
    content_type: str = "application/octet-stream"
    summary: str = ""


Progress = Callable[[int, int, str], None]
Work = Callable[[Job, Progress], Output]


def jobs_dir() -> Path:
    """Where made files live: under var/, never under the static or web root."""
    return Path(getattr(settings, "JOBS_DIR", Path(settings.VAR_DIR) / "jobs"))


def file_path(job: Job) -> Path:
    return jobs_dir() / job.stored_name


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
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not _moved(job, JobState.RUNNING, started_at=timezone.now(), done=0,
                                 total=0, message=""):
        return None

    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(done=max(0, done), total=max(0, total),
                                             message=message[:200])

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
    fields: dict[str, Any] = {"summary": output.summary, "finished_at": timezone.now()}
    if output.content is not None:
        fields.update(stored_name=_write(output.content), file_name=output.file_name[:200],
                      content_type=output.content_type[:120], size=len(output.content))
    if not _moved(job, JobState.DONE, **fields):
        if "stored_name" in fields:
            (jobs_dir() / fields["stored_name"]).unlink(missing_ok=True)
        return None
    return JobState.DONE
