"""Pages of the benchmark store: import report files, compare inspections, export as JSON.

Thin: the form checks an upload, the store module saves, the comparison module decides
visibility, the core compares; who may import is the gate's (a programme-level action).
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from probation_inspection.access import ProgrammeAction
from probation_inspection.framework import UnknownFramework
from probation_inspection.framework.model import Framework
from probation_inspection.web.accounts import access
from probation_inspection.web.benchmarking.comparison import (
    compare,
    to_json,
)
from probation_inspection.web.benchmarking.forms import MAX_FILES, ImportForm
from probation_inspection.web.benchmarking.models import Outcome, PublishedInspection
from probation_inspection.web.benchmarking.store import (
    StoreResult,
    max_report_bytes,
    store_report,
)
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.inspections.gate import programme_view
from probation_inspection.web.limits import untrusted_limits

FIELD = "reports"


def _store(files: list[UploadedFile[bytes]], by: Any, framework: Framework
           ) -> list[StoreResult]:
    """Read and store each checked file, within the upload's time budget, checked against the
    framework the reports were inspected under."""
    # One request reads files for at most the parse time limit (plus the last file's own):
    # twenty slow PDFs would otherwise hold the request for twenty times the limit.
    budget = untrusted_limits().seconds
    deadline = monotonic() + budget
    results = []
    for upload in files:
        name = upload.name or "report"
        if monotonic() > deadline:
            results.append(StoreResult(name, Outcome.FAILED, message=(
                f"{name}: not read, as reading this upload's files took more than the "
                f"{budget:g}-second limit; upload it again on its own")))
            continue
        results.append(store_report(upload.read(), name, framework, by=by))
    return results


@programme_view(ProgrammeAction.IMPORT_PUBLISHED_REPORTS, "import published reports")
def import_reports(request: HttpRequest) -> HttpResponse:
    results: list[StoreResult] = []
    errors: list[PageError] = []
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            results = _store(form.cleaned_data[FIELD], request.user,
                             form.cleaned_data["framework"])
        errors = error_list(form)
        refused = [r for r in results if r.outcome in (Outcome.NOT_RATED, Outcome.FAILED)]
        errors += [PageError(r.message or f"{r.file_name} could not be read", FIELD)
                   for r in refused]
        if errors:
            status = 400
        else:
            read = sum(r.outcome == Outcome.READ for r in results)
            messages.success(request, f"{read} of {len(results)} report"
                             f"{'s' if len(results) != 1 else ''} imported")
    stored = PublishedInspection.objects.select_related("imported_by").order_by(
        "-imported_at", "-id")
    return render(request, "benchmarking/import.html", {
        "results": results, "error_list": errors, "stored": stored, "field": FIELD,
        "form": form if request.method == "POST" else ImportForm(),
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
