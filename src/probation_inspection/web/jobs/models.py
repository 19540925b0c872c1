"""A job a user started: what it does, whose it is, how far it has got and what it made.

The file it makes lives under JOBS_DIR (var/jobs), outside the web root, under a random name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from probation_inspection.jobs import JobState as CoreJobState
from probation_inspection.web.choices import mirrors


@mirrors(CoreJobState)
class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """One piece of background work; its state moves only as `probation_inspection.jobs`
    allows (`runner.move`)."""

    #: What kind of work, for the audit log and the tests (e.g. ``report-pdf``).
    kind = models.CharField(max_length=40)
    #: The page's heading: what the user asked for, in words.
    title = models.CharField(max_length=200)
    #: The dotted path of the function that does the work (set by our code, never a user).
    work = models.CharField(max_length=200)
    #: The work's arguments (JSON); never case data, only ids and choices.
    params = models.JSONField(default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="jobs", null=True,
        blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    #: Where the page links back to when the job is done (a path in this app).
    back_url = models.CharField(max_length=200, blank=True)
    back_text = models.CharField(max_length=100, blank=True)
    #: The made file: random name on disk, the name it downloads as, and its type.
    stored_name = models.CharField(max_length=64, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    #: What the work says it did, in words (e.g. "3 of 3 reports imported").
    summary = models.TextField(blank=True)
    #: What happened to each item the work went through (e.g. each imported report): a list
    #: of {"item", "outcome", "outcome_label", "ok", "detail", "provider"}; the page's table.
    outcomes = models.JSONField(default=list, blank=True)
    #: Why it failed, in words a user can act on (never a traceback).
    error = models.TextField(blank=True)
    #: The audit event the file's download records (default: job-file-downloaded).
    download_action = models.CharField(max_length=60, blank=True)
    download_target = models.CharField(max_length=200, blank=True)
    download_after = models.JSONField(null=True, blank=True)
    #: The task queue's own id for the run (django-tasks' result id).
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    #: When the work last reported progress (or started): a running job silent for longer
    #: than JOBS_STALE_AFTER seconds has lost its worker (`runner.fail_stale`).
    progressed_at = models.DateTimeField(null=True, blank=True)
    #: When `manage.py prune_jobs` removed the job's file (and any staged inputs).
    file_removed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"job {self.pk}: {self.title} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def has_file(self) -> bool:
        return self.state == JobState.DONE and bool(self.stored_name)
