"""A job's page (its progress, then its file), the same as JSON for the page's script, and
the file's download. Only whom `access.can_see_job` allows: others get 404, as if no job.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from probation_inspection.access import can_see_job
from probation_inspection.jobs import Progress
from probation_inspection.web.audit.actions import READS, AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.inspections.models import TeamMember
from probation_inspection.web.jobs import runner
from probation_inspection.web.jobs.models import Job, JobState

#: The read a job's download records: one the starting page named, else job-file-downloaded;
#: only reads of the catalogue (`runner.start` refuses any other).
DOWNLOAD_READS = {action.value: action for action in READS}


def visible_job(user: Any, job_id: int) -> Job:
    """The job if ``user`` may see it; 404 otherwise (a job of someone else's is no job)."""
    job = get_object_or_404(Job.objects.select_related("inspection"), pk=job_id)
    if not _may_see(user, job):
        raise Http404("no such job")
    if job.state == JobState.RUNNING and runner.fail_stale(job.pk):
        job.refresh_from_db()  # its worker stopped: the page says so rather than wait forever
    return job


def _may_see(user: Any, job: Job, roles: Mapping[int, str] | None = None) -> bool:
    """`access.can_see_job` for this job; ``roles`` (the user's role by inspection id, when
    already read) saves asking the database for the user's place on its team."""
    inspection = job.inspection
    if inspection is None:
        return can_see_job(None, None, started_it=job.started_by_id == user.pk)
    role = inspection.role_of(user) if roles is None else roles.get(inspection.pk)
    return can_see_job(role, str(inspection.stage), started_it=job.started_by_id == user.pk)


#: How many jobs "My jobs" lists, newest first.
MY_JOBS = 25


def my_jobs_of(user: Any) -> list[Job]:
    """The user's recent jobs: those they started, and their teams' jobs where their role may
    see them (`access.can_see_job`), newest first."""
    # The user's roles read once, not once a job.
    roles = dict(TeamMember.objects.filter(user=user).values_list("inspection_id", "role"))
    candidates = (Job.objects.select_related("inspection", "inspection__provider", "started_by")
                  .filter(Q(started_by=user) | Q(inspection_id__in=list(roles)))
                  .order_by("-created_at", "-id"))
    jobs: list[Job] = []
    for job in candidates[: MY_JOBS * 4]:
        if _may_see(user, job, roles):
            jobs.append(job)
            if len(jobs) == MY_JOBS:
                break
    return jobs


def status(job: Job) -> dict[str, Any]:
    """What the page shows, as the page's script reads it."""
    progress = Progress(job.done, job.total, job.message)
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": JobState(job.state).label,
        "finished": job.finished,
        "done": job.done,
        "total": job.total,
        "percent": progress.percent,
        "progress": progress.words(),
        "summary": job.summary,
        "error": job.error,
        "download_url": reverse("jobs:download", args=[job.pk]) if job.has_file else None,
        "file_name": job.file_name if job.has_file else None,
    }


@login_required
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = visible_job(request.user, job_id)
    return render(request, "jobs/job.html", {"job": job, "status": status(job)})


@login_required
def my_jobs(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/mine.html", {"jobs": my_jobs_of(request.user),
                                              "limit": MY_JOBS})


@login_required
def job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    return JsonResponse(status(visible_job(request.user, job_id)))


@login_required
def download(request: HttpRequest, job_id: int) -> FileResponse:
    return file_response(request, visible_job(request.user, job_id))


def file_response(request: HttpRequest, job: Job) -> FileResponse:
    """The file of a job ``request.user`` may see (`visible_job`), its download audited with
    the read the starting page named; 404 when it has none (not done, failed or pruned).
    The page's download and the API's (`api.operations.job_file`) both answer with it."""
    path = runner.file_path(job)
    if not job.has_file or not path.is_file():
        raise Http404("this job has no file")
    read = job.download_action or AuditAction.JOB_FILE_DOWNLOADED.value
    record(request.user, job.inspection, DOWNLOAD_READS[read],
           target=job.download_target or job.kind,
           after={**(job.download_after or {}), "job": job.pk})
    response = FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name,
                            content_type=job.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
