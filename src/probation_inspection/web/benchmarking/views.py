"""Pages of the benchmark store: import report files, compare inspections, export as JSON.

Thin: the form checks an upload, a background job reads and saves it (jobs, store), the
comparison module decides visibility, the core compares; who may import is the gate's (a
programme-level action).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from probation_inspection.access import ProgrammeAction
from probation_inspection.framework import UnknownFramework
from probation_inspection.web.accounts import access
from probation_inspection.web.benchmarking.comparison import (
    compare,
    framework_key,
    to_json,
)
from probation_inspection.web.benchmarking.forms import MAX_FILES, ImportForm
from probation_inspection.web.benchmarking.jobs import import_params
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.benchmarking.store import max_report_bytes
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.inspections.gate import programme_view
from probation_inspection.web.jobs import runner
from probation_inspection.web.jobs.models import Job

FIELD = "reports"


def _start_import(files: list[UploadedFile[bytes]], by: Any, framework_key: str) -> Job:
    """Stage each checked file under the jobs' private folder (random names, the service
    user's only) and start the job that reads them one at a time (issue 15)."""
    staged = [(upload.name or "report", runner.stage(upload.chunks())) for upload in files]
    count = len(staged)
    return runner.start(
        by, kind="report-import",
        title=f"Import {count} published report{'s' if count != 1 else ''}",
        work="probation_inspection.web.benchmarking.jobs.import_reports",
        params=import_params(staged, framework_key),
        back_url=reverse("benchmarking:import"), back_text="Back to importing reports")


@programme_view(ProgrammeAction.IMPORT_PUBLISHED_REPORTS, "import published reports")
def import_reports(request: HttpRequest) -> HttpResponse:
    errors: list[PageError] = []
    status = 200
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST":
        if form.is_valid():
            job = _start_import(form.cleaned_data[FIELD], request.user,
                                framework_key(form.cleaned_data["framework"]))
            return redirect("jobs:job", job_id=job.pk)
        errors = error_list(form)
        status = 400
    stored = PublishedInspection.objects.select_related("imported_by").order_by(
        "-imported_at", "-id")
    return render(request, "benchmarking/import.html", {
        "error_list": errors, "stored": stored, "field": FIELD, "form": form,
        "max_mb": max_report_bytes() // (1024 * 1024), "max_files": MAX_FILES,
    }, status=status)


@login_required
def comparisons(request: HttpRequest) -> HttpResponse:
    mark = request.GET.get("mark") or None
    chosen = request.GET.get("framework") or None
    try:
        comparison = compare(request.user, mark, chosen)
    except UnknownFramework:
        messages.error(request, "There is no rated framework of that name to compare under")
        return redirect("benchmarking:comparisons")
    if mark and comparison.marked is None:
        messages.error(request, "The inspection to mark is not one you can compare")
        return redirect("benchmarking:comparisons")
    framework = comparison.framework
    return render(request, "benchmarking/comparisons.html", {
        "comparison": comparison,
        "labels": () if framework is None or framework.rating is None
        else framework.rating.labels,
        "framework": framework,
        "mark": mark or "",
        "may_import": access.may(request.user, ProgrammeAction.IMPORT_PUBLISHED_REPORTS),
    })


@login_required
def comparisons_json(request: HttpRequest) -> JsonResponse:
    try:
        comparison = compare(request.user, request.GET.get("mark") or None,
                             request.GET.get("framework") or None)
    except UnknownFramework:
        return JsonResponse({"error": "no rated framework of that name"}, status=404)
    response = JsonResponse(to_json(comparison), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="comparisons.json"'
    return response
