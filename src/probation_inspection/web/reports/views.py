"""Report pages: the report, its narrative sections, the workflow, comments and downloads.

Team members only (404 otherwise); every permission comes from `workflow` and `access`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from markupsafe import Markup

from probation_inspection.access import Action, can
from probation_inspection.reporting import (
    Report,
    ReportingError,
    build_report,
    cases_csv,
    render_html,
    render_pdf,
    render_xlsx,
    results_csv,
    workflow,
)
from probation_inspection.reporting.html import render_markdown
from probation_inspection.scoring import ScoringError
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import VERSION_RANGE, NumberError, whole_number
from probation_inspection.web.inspections.access import inspection_for
from probation_inspection.web.inspections.models import Inspection, Role
from probation_inspection.web.reports import sections, services
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.forms import CommentForm, SectionForm
from probation_inspection.web.reports.keys import pseudonym_key
from probation_inspection.web.reports.models import (
    NarrativeSection,
    ReportComment,
    ReportState,
    ReportVersion,
)

_MAIN = re.compile(r"<main[^>]*>(.*)</main>", re.S)
FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


def _refuse(role: Role, what: str) -> PermissionDenied:
    return PermissionDenied(f"Your role on this inspection ({role.label.lower()}) cannot "
                            f"{what} at this stage.")


def _visible(user: Any, pk: int) -> tuple[Inspection, Role]:
    """The inspection and the user's role, or 404 when the inspection does not exist for them.

    A 403 would confirm to a provider reader that an unpublished inspection exists, so they
    get 404 unless a version awaits their factual-accuracy check; refusals of actions on a
    report one can see stay 403.
    """
    inspection, role = inspection_for(user, pk)
    if can(role, Action.VIEW_INSPECTION, inspection.stage):
        return inspection, role
    current = services.current_version(inspection)
    if current is not None and workflow.may_read_draft(role, inspection.stage, current.state):
        return inspection, role
    raise Http404("no such inspection")


@dataclass(frozen=True)
class Shown:
    """The report a page or download is about: a published snapshot or the live draft."""

    version: ReportVersion | None
    #: True for a published version's frozen snapshot; False for the draft built now.
    frozen: bool


def _shown(request: HttpRequest, inspection: Inspection, role: Role) -> Shown:
    """Which report this user may see: ``?version=N`` or the one they are meant to see."""
    current = services.current_version(inspection)
    requested = request.GET.get("version", "").strip()
    if requested:
        try:
            # isdigit() also takes "²", which int() refuses: a 500 for a hand-typed address.
            number = whole_number(requested, "The report version", VERSION_RANGE)
        except NumberError:
            raise Http404("no such report version") from None
        version = get_object_or_404(ReportVersion, inspection=inspection, number=number)
        if version.state == ReportState.PUBLISHED:
            if not workflow.may_read_published(role, inspection.stage):
                raise _refuse(role, "read this report")
            return Shown(version, True)
        if current is None or version.pk != current.pk:
            raise Http404("an earlier draft is not kept: only published versions are")
    state = current.state if current else ReportState.DRAFT
    if current is not None and state == ReportState.PUBLISHED:
        if not workflow.may_read_published(role, inspection.stage):
            raise _refuse(role, "read the report")
        return Shown(current, True)
    if workflow.may_read_draft(role, inspection.stage, state):
        return Shown(current, False)
    published = services.latest_published(inspection)
    if published is not None and workflow.may_read_published(role, inspection.stage):
        return Shown(published, True)
    raise _refuse(role, "read the report")


def _report(inspection: Inspection, shown: Shown) -> Report:
    if shown.frozen and shown.version is not None:
        return services.snapshot_report(shown.version)
    return services.live_report(inspection)


def _body(report: Report) -> Markup:
    """The core's report inside the service's layout: its main content, title as a heading 2."""
    html = render_html(report)
    match = _MAIN.search(html)
    inner = match.group(1) if match else ""
    inner = inner.replace("<h1 ", "<h2 ").replace("</h1>", "</h2>")
    return Markup(inner)  # noqa: S704 - the core escapes every value and disables raw HTML


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = _visible(request.user, pk)
    shown = _shown(request, inspection, role)
    current = services.current_version(inspection)
    state = current.state if current else None
    problem, body = "", Markup("")
    try:
        body = _body(_report(inspection, shown))
    except (ReportingError, ScoringError) as error:
        problem = str(error)
    stage = inspection.stage
    comments = []
    if current is not None and workflow.may_see_comments(role, stage):
        comments = list(ReportComment.objects.filter(version__inspection=inspection)
                        .select_related("author", "version"))
    context = {
        "inspection": inspection,
        "role": role,
        "shown": shown,
        "current": current,
        "published": ReportVersion.objects.filter(inspection=inspection,
                                                  state=ReportState.PUBLISHED),
        "next_state": (ReportState(workflow.next_state(state)).label
                       if state and workflow.may_move(role, stage, state) else ""),
        "may_start": current is None and workflow.may_move(role, stage, ReportState.DRAFT),
        "may_edit": workflow.may_edit_narrative(role, stage, state),
        "may_comment": (not shown.frozen and current is not None
                        and workflow.may_comment(role, stage, current.state)),
        "may_export": workflow.may_export(role, stage),
        "may_export_cases": workflow.may_export_cases(role, stage) and not shown.frozen,
        "comments": comments,
        "comment_form": CommentForm(contents=_contents(inspection)),
        "problem": problem,
        "body": body,
    }
    return render(request, "reports/report.html", context)


def _contents(inspection: Inspection) -> list[tuple[str, str]]:
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    entries = [("", "The whole report")]
    entries += [(f"domain-{d.id}", f"{d.id}. {d.title}") for d in framework.domains]
    return entries


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = _visible(request.user, pk)
    current = services.current_version(inspection)
    state = current.state if current else ReportState.DRAFT
    if not workflow.may_move(role, inspection.stage, state):
        raise _refuse(role, "move the report on")
    if current is None or current.state == ReportState.PUBLISHED:
        current = services.open_version(inspection, request.user)
    expected = request.POST.get("from", "")
    if expected not in set(ReportState.values):
        raise Http404("no such report state")
    try:
        result = services.move_on(inspection, current, request.user, expected=expected)
    except services.WorkflowRefused as refused:
        messages.error(request, f"Nothing was changed: {refused}.")
        return redirect("reports:report", pk=inspection.pk)
    except (ReportingError, ScoringError) as error:
        messages.error(request, f"The report cannot be published yet: {error}")
        return redirect("reports:report", pk=inspection.pk)
    messages.success(request, f"Report version {result.version.number}: "
                              f"{ReportState(result.after.value).label.lower()}")
    return redirect("reports:report", pk=inspection.pk)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = _visible(request.user, pk)
    current = services.current_version(inspection)
    if current is None or not workflow.may_comment(role, inspection.stage, current.state):
        raise _refuse(role, "comment on the report")
    form = CommentForm(request.POST, contents=_contents(inspection))
    if form.is_valid():
        services.add_comment(current, form.cleaned_data["section"], form.cleaned_data["text"],
                             request.user)
        messages.success(request, "Comment sent to the inspection team")
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values()
                                          for e in errors))
    return redirect("reports:report", pk=inspection.pk)


def _editor(request: HttpRequest, pk: int) -> tuple[Inspection, Role, Any]:
    inspection, role = _visible(request.user, pk)
    current = services.current_version(inspection)
    if not workflow.may_edit_narrative(role, inspection.stage,
                                       current.state if current else None):
        raise _refuse(role, "edit the narrative")
    return inspection, role, framework_for(inspection.framework_id,
                                           inspection.framework_version)


@login_required
def narrative(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role, framework = _editor(request, pk)
    stored = {s.key: s for s in NarrativeSection.objects.filter(inspection=inspection)
              .select_related("updated_by")}
    rows = [(item, stored.get(item.key)) for item in sections.sections(framework)]
    return render(request, "reports/narrative.html",
                  {"inspection": inspection, "rows": rows,
                   "current": services.current_version(inspection)})


@login_required
def edit_section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    inspection, role, framework = _editor(request, pk)
    item = sections.section(framework, key)
    if item is None:
        raise Http404("no such section")
    stored = NarrativeSection.objects.filter(inspection=inspection, key=key).first()
    initial = {"text": stored.text if stored else "", "version": stored.version if stored else 0}
    form = SectionForm(request.POST or None, initial=initial)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_section(inspection, key, form.cleaned_data["text"],
                                  form.cleaned_data["version"], request.user)
        except services.StaleEdit as stale:
            conflict = stale.current
            status = 409
            form = SectionForm(initial={"text": form.cleaned_data["text"],
                                        "version": conflict.version})
        else:
            messages.success(request, f"{item.title} saved")
            return redirect("reports:narrative", pk=inspection.pk)
    text = form["text"].value() or ""
    revisions = list(stored.revisions.select_related("edited_by")[:10]) if stored else []
    return render(request, "reports/section.html", {
        "inspection": inspection, "section": item, "form": form, "conflict": conflict,
        "conflict_html": render_markdown(conflict.text) if conflict else "",
        "preview": render_markdown(text), "revisions": revisions,
    }, status=status)


def _attachment(content: str | bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _file_stem(inspection: Inspection, shown: Shown) -> str:
    version = f"-v{shown.version.number}" if shown.frozen and shown.version else "-draft"
    return f"report-{inspection.pk}{version}"


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    inspection, role = _visible(request.user, pk)
    if fmt not in FORMATS:
        raise Http404("no such format")
    if not workflow.may_export(role, inspection.stage):
        raise _refuse(role, "download the report")
    shown = _shown(request, inspection, role)
    content_type, extension = FORMATS[fmt]
    try:
        if fmt == "xlsx":
            # The workbook's prompt, breakdown and interval sheets need the case answers.
            source = inspection_input(inspection)
            report = _report(inspection, shown) if shown.frozen else build_report(source)
            content: str | bytes = render_xlsx(source, report)
        else:
            report = _report(inspection, shown)
            if fmt == "pdf":
                content = render_pdf(report)
            elif fmt == "csv":
                content = results_csv(report)
            else:
                content = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    except (ReportingError, ScoringError) as error:
        messages.error(request, f"The report cannot be built yet: {error}")
        return redirect("reports:report", pk=inspection.pk)
    record(request.user, inspection, AuditAction.REPORT_DOWNLOADED, target=fmt,
           after={"version": shown.version.number if shown.frozen and shown.version else None,
                  "draft": not shown.frozen})
    return _attachment(content, content_type, f"{_file_stem(inspection, shown)}.{extension}")


@login_required
def case_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Case-level data with keyed pseudonyms instead of case references: data team only."""
    inspection, role = _visible(request.user, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such format")
    if not workflow.may_export_cases(role, inspection.stage):
        raise _refuse(role, "export case-level data")
    source = inspection_input(inspection)
    try:
        if fmt == "csv":
            content: str | bytes = cases_csv(source, pseudonym_key())
        else:
            content = render_xlsx(source, build_report(source), key=pseudonym_key())
    except (ReportingError, ScoringError) as error:
        messages.error(request, f"The case-level export cannot be built yet: {error}")
        return redirect("reports:report", pk=inspection.pk)
    record(request.user, inspection, AuditAction.CASE_LEVEL_EXPORT, target=fmt)
    return _attachment(content, FORMATS[fmt][0], f"cases-{inspection.pk}.{fmt}")
