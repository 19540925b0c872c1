"""The framework library pages: every framework new inspections may use (shipped and
published), and uploading a framework file to check it and publish it as a version.

Anyone signed in reads the library (frameworks are the inspectorate's public method);
publishing is the programme-level `manage-frameworks` action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probation_inspection.access import ProgrammeAction
from probation_inspection.framework import load_framework
from probation_inspection.framework.library import listing
from probation_inspection.untrusted import megabytes
from probation_inspection.web.accounts.access import may
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import published_frameworks, shipped_frameworks
from probation_inspection.web.inspections.framework_library import (
    CheckedUpload,
    UploadRefused,
    check_upload,
    publish,
)
from probation_inspection.web.inspections.gate import programme_view
from probation_inspection.web.inspections.library_forms import FrameworkUploadForm
from probation_inspection.web.inspections.models import FrameworkVersion
from probation_inspection.web.limits import untrusted_limits

#: How the library names each rating method.
METHOD_WORDS = {
    "lowest-key-question": "Case data: its lowest key question",
    "judgement": "Judgement",
    "unrated": "Not rated",
}


def _entry(listed: dict[str, object], source: str) -> dict[str, object]:
    standards = listed["standards"]
    assert isinstance(standards, list)
    return {**listed, "source": source,
            "anchor": f"{listed['id']}-{listed['version']}".replace(".", "-"),
            "standards": [{**standard, "method": METHOD_WORDS.get(
                str(standard["rating_method"]), str(standard["rating_method"]))}
                for standard in standards]}


@login_required
def framework_library(request: HttpRequest) -> HttpResponse:
    shipped = [_entry(listing(load_framework(item.id, item.version)), "Shipped")
               for item in shipped_frameworks()]
    rows = {(row.framework_id, row.version): row for row in FrameworkVersion.objects.all()}
    published = []
    for framework in published_frameworks():
        row = rows.get((framework.id, framework.version))
        when = f"{row.published_at:%-d %B %Y}" if row is not None else ""
        published.append(_entry(listing(framework), f"Published {when}".strip()))
    return render(request, "inspections/framework_library.html", {
        "frameworks": shipped + published,
        "may_manage": may(request.user, ProgrammeAction.MANAGE_FRAMEWORKS)})


@programme_view(ProgrammeAction.MANAGE_FRAMEWORKS, "upload and publish frameworks")
def upload_framework(request: HttpRequest) -> HttpResponse:
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    checked: CheckedUpload | None = None
    errors: list[PageError] = []
    if request.method == "POST" and form.is_valid():
        try:
            checked = check_upload(form.cleaned_data["framework_file"])
            if not checked.problems:
                row, new = publish(request.user, checked)
                messages.success(request, f"{row.title} ({row.framework_id}, version "
                                          f"{row.version}) is published" if new else
                                          f"{row.framework_id} version {row.version} was "
                                          "already published with this text: nothing changed")
                return redirect("inspections:frameworks")
            count = len(checked.problems)
            errors = [PageError(f"{checked.file_name} has {count} problem"
                                f"{'s' if count != 1 else ''}: nothing was published",
                                "problems")]
        except UploadRefused as refused:
            form.add_error("framework_file", str(refused))
    if form.is_bound and not errors:
        errors = error_list(form)
    return render(request, "inspections/framework_upload.html", {
        "form": form, "checked": checked, "error_list": errors,
        "limit": megabytes(untrusted_limits().framework_bytes)})
