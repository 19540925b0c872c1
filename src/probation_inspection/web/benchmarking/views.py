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
from probation_inspection.web.accounts import access
from probation_inspection.web.benchmarking.comparison import (
    COMPARISON_FRAMEWORK,
    compare,
    comparison_framework,
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


def _store(files: list[UploadedFile[bytes]], by: Any) -> list[StoreResult]:
    """Read and store each checked file, within the upload's time budget."""
    framework = comparison_framework()
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
            results = _store(form.cleaned_data[FIELD], request.user)
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
        "max_mb": max_report_bytes() // (1024 * 1024), "max_files": MAX_FILES,
    }, status=status)


@login_required
def comparisons(request: HttpRequest) -> HttpResponse:
    mark = request.GET.get("mark") or None
    comparison = compare(request.user, mark)
    if mark and comparison.marked is None:
        messages.error(request, "The inspection to mark is not one you can compare")
        return redirect("benchmarking:comparisons")
    return render(request, "benchmarking/comparisons.html", {
        "comparison": comparison,
        "labels": comparison_framework().rating.labels,  # type: ignore[union-attr]
        "framework_id": COMPARISON_FRAMEWORK,
        "mark": mark or "",
        "may_import": access.may(request.user, ProgrammeAction.IMPORT_PUBLISHED_REPORTS),
    })


@login_required
def comparisons_json(request: HttpRequest) -> JsonResponse:
    comparison = compare(request.user, request.GET.get("mark") or None)
    response = JsonResponse(to_json(comparison), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="comparisons.json"'
    return response
