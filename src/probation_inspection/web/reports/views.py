"""Report pages: the report, its narrative sections, the workflow, comments and downloads.

Team members only (404 otherwise), through the access gate; every permission is the core
matrix's (`access.can_on_report` where the report version's state matters too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from markupsafe import Markup

from probation_inspection.access import (
    Action,
    PermissionRefused,
    can_on_report,
    require_on_report,
)
from probation_inspection.reporting import (
    Report,
    ReportingError,
    render_html,
    workflow,
)
from probation_inspection.reporting.annexe import render_data_annexe_html
from probation_inspection.reporting.html import render_markdown
from probation_inspection.scoring import ScoringError
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import VERSION_RANGE, NumberError, whole_number
from probation_inspection.web.inspections.gate import Member, inspection_view, refusal
from probation_inspection.web.inspections.models import Inspection, Role
from probation_inspection.web.jobs.runner import start as start_job
from probation_inspection.web.reports import jobs as report_jobs
from probation_inspection.web.reports import sections, services
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.forms import AnswerForm, CommentForm, MoveForm, SectionForm
from probation_inspection.web.reports.models import (
    CommentAnswer,
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


def _in_check(inspection: Inspection, role: Role) -> bool:
    """Whether the report's current version awaits this role's factual-accuracy check.

    The gate's ``visible``: a 403 would confirm to a provider reader that an unpublished
    inspection exists, so they get 404 unless a version awaits their check; refusals of
    actions on a report one can see stay 403.
    """
    current = services.current_version(inspection)
    return current is not None and can_on_report(
        role, Action.CHECK_FACTUAL_ACCURACY, inspection.stage, current.state)


def _state(current: ReportVersion | None) -> ReportState | None:
    return ReportState(current.state) if current is not None else None


def _require(member: Member, action: Action, state: ReportState | None) -> None:
    """403 with the core's reason unless ``member`` may take ``action`` in this report state."""
    try:
        require_on_report(member.role, action, member.stage, state)
    except PermissionRefused as refused:
        raise refusal(refused, action) from None


@dataclass(frozen=True)
class Shown:
    """The report a page or download is about: a published snapshot or the live draft."""

    version: ReportVersion | None
    #: True for a published version's frozen snapshot; False for the draft built now.
    frozen: bool


def _shown(request: HttpRequest, member: Member) -> Shown:
    """Which report this user may see: ``?version=N`` or the one they are meant to see."""
    inspection = member.inspection
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
            member.require(Action.VIEW_REPORT)
            return Shown(version, True)
        if current is None or version.pk != current.pk:
            raise Http404("an earlier draft is not kept: only published versions are")
    state = _state(current)
    if current is not None and state is ReportState.PUBLISHED:
        member.require(Action.VIEW_REPORT)
        return Shown(current, True)
    if workflow.may_read_draft(member.role, member.stage, state):
        return Shown(current, False)
    published = services.latest_published(inspection)
    if published is not None and member.may(Action.VIEW_REPORT):
        return Shown(published, True)
    member.require(Action.READ_DRAFT_REPORT)
    raise PermissionDenied("You cannot read the report here.")  # pragma: no cover


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


#: The tag colour of each report state on the report page.
STATE_TAGS = {
    ReportState.DRAFT: "govuk-tag--grey",
    ReportState.FACTUAL_ACCURACY_CHECK: "govuk-tag--yellow",
    ReportState.SIGNED_OFF: "govuk-tag--blue",
    ReportState.PUBLISHED: "govuk-tag--green",
}


@inspection_view(None, visible=_in_check)
def report_page(request: HttpRequest, member: Member) -> HttpResponse:
    return _render_report(request, member, CommentForm(contents=_contents(member.inspection)))


def _render_report(request: HttpRequest, member: Member, comment_form: CommentForm,
                   status: int = 200) -> HttpResponse:
    inspection, role, stage = member.inspection, member.role, member.stage
    shown = _shown(request, member)
    current = services.current_version(inspection)
    state = _state(current)
    problem, body = "", Markup("")
    try:
        body = _body(_report(inspection, shown))
    except (ReportingError, ScoringError) as error:
        problem = str(error)
    comments: list[ReportComment] = []
    if current is not None and member.may(Action.VIEW_REPORT_COMMENTS):
        comments = list(ReportComment.objects.filter(version__inspection=inspection)
                        .select_related("author", "version", "answered_by"))
    elif current is not None and can_on_report(role, Action.CHECK_FACTUAL_ACCURACY, stage, state):
        # The provider sees the comments on the version they are checking, with the answers.
        comments = list(ReportComment.objects.filter(version=current)
                        .select_related("author", "version", "answered_by"))
    titles = dict(_contents(inspection))
    labelled = [(item, titles.get(item.section, item.section) if item.section else "")
                for item in comments]
    may_answer = can_on_report(role, Action.ANSWER_REPORT_COMMENT, stage, state)
    may_move = can_on_report(role, Action.MOVE_REPORT, stage, state)
    following = workflow.next_state(state) if state is not None else None
    context = {
        "inspection": inspection,
        "role": role,
        "shown": shown,
        "current": current,
        # The version's number and state are the team's; the provider sees what was sent.
        "show_current": current is not None and member.may(Action.READ_DRAFT_REPORT),
        "state_tag": STATE_TAGS[state] if state is not None else "",
        "published": ReportVersion.objects.filter(inspection=inspection,
                                                  state=ReportState.PUBLISHED),
        "next_state": (ReportState(following).label if following and may_move else ""),
        "may_start": current is None and may_move,
        "move_from": (state or ReportState.DRAFT).value,
        "may_edit": can_on_report(role, Action.EDIT_NARRATIVE, stage, state),
        "may_edit_cover": can_on_report(role, Action.EDIT_REPORT_DETAILS, stage, state),
        "may_comment": (not shown.frozen and current is not None
                        and can_on_report(role, Action.CHECK_FACTUAL_ACCURACY, stage, state)),
        "may_export": member.may(Action.EXPORT_AGGREGATE),
        "may_export_cases": member.may(Action.EXPORT_CASE_LEVEL) and not shown.frozen,
        "comments": labelled,
        "may_answer": may_answer,
        "current_pk": current.pk if current is not None else None,
        "unanswered": (services.unanswered(current)
                       if current is not None and state is ReportState.FACTUAL_ACCURACY_CHECK
                       else 0),
        "team_view": member.may(Action.VIEW_REPORT_COMMENTS),
        "may_export_log": bool(comments) and member.may(Action.VIEW_REPORT_COMMENTS),
        # The overview exists for the provider only once published: their way back is the list.
        "sees_overview": member.may(Action.VIEW_INSPECTION),
        "comment_form": comment_form,
        "error_list": error_list(comment_form) if comment_form.is_bound else [],
        "problem": problem,
        "body": body,
    }
    return render(request, "reports/report.html", context, status=status)


def _contents(inspection: Inspection) -> list[tuple[str, str]]:
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    entries = [("", "The whole report")]
    entries += [(f"domain-{d.id}", f"{d.id}. {d.title}") for d in framework.domains]
    return entries


@inspection_view(Action.MOVE_REPORT, visible=_in_check)
@require_POST
def move(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    current = services.current_version(inspection)
    _require(member, Action.MOVE_REPORT, _state(current))
    if current is None or current.state == ReportState.PUBLISHED:
        current = services.open_version(inspection, request.user)
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise Http404("no such report state")
    try:
        result = services.move_on(inspection, current, request.user, expected=form.expected)
    except services.WorkflowRefused as refused:
        messages.error(request, f"Nothing was changed: {refused}.")
        return redirect("reports:report", pk=inspection.pk)
    except (ReportingError, ScoringError) as error:
        messages.error(request, f"The report cannot be published yet: {error}")
        return redirect("reports:report", pk=inspection.pk)
    messages.success(request, f"Report version {result.version.number}: "
                              f"{ReportState(result.after.value).label.lower()}")
    return redirect("reports:report", pk=inspection.pk)


@inspection_view(Action.CHECK_FACTUAL_ACCURACY, visible=_in_check)
@require_POST
def comment(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    current = services.current_version(inspection)
    _require(member, Action.CHECK_FACTUAL_ACCURACY, _state(current))
    if current is None:  # pragma: no cover - no version is never in its check: refused above
        raise Http404("no report version")
    form = CommentForm(request.POST, contents=_contents(inspection))
    if not form.is_valid():
        return _render_report(request, member, form, status=400)
    section = form.cleaned_data["section"]
    services.add_comment(current, section, form.cleaned_data["text"], request.user,
                         section_label=dict(_contents(inspection)).get(section, "")
                         if section else "")
    messages.success(request, "Comment sent to the inspection team")
    return redirect("reports:report", pk=inspection.pk)


@inspection_view(Action.ANSWER_REPORT_COMMENT, visible=_in_check)
def answer(request: HttpRequest, member: Member, comment: int) -> HttpResponse:
    """The lead answers one comment on the version in its check: accepted, changed, or not
    accepted with a reason (the provider reads it); sign-off waits for every answer."""
    inspection = member.inspection
    current = services.current_version(inspection)
    _require(member, Action.ANSWER_REPORT_COMMENT, _state(current))
    item = get_object_or_404(ReportComment.objects.select_related("author", "version"),
                             pk=comment, version=current)
    initial = {"answer": item.answer, "reason": item.answer_reason}
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.answer_comment(item, form.cleaned_data["answer"], form.cleaned_data["reason"],
                                request.user)
        left = services.unanswered(item.version)
        messages.success(request, "Answer recorded" + (
            f": {left} comment{'s' if left != 1 else ''} still to answer" if left
            else ": every comment is answered, so the report can be signed off"))
        return redirect("reports:report", pk=inspection.pk)
    titles = dict(_contents(inspection))
    return render(request, "reports/answer.html", {
        "inspection": inspection, "comment": item, "form": form,
        "section_label": titles.get(item.section, item.section) if item.section else "",
        "answers": CommentAnswer.choices,
        "error_list": error_list(form) if form.is_bound else [],
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.VIEW_REPORT_COMMENTS, visible=_in_check)
def comment_log(request: HttpRequest, member: Member, fmt: str) -> HttpResponse:
    """Every factual-accuracy comment and its answer as a table (CSV or XLSX)."""
    inspection = member.inspection
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such format")
    content = services.comment_log_file(inspection, dict(_contents(inspection)), fmt)
    record(request.user, inspection, AuditAction.REPORT_DOWNLOADED, target=f"comments-{fmt}")
    return _attachment(content, FORMATS[fmt][0],
                       f"factual-accuracy-comments-{inspection.pk}.{fmt}")


def _editor(member: Member) -> tuple[Inspection, Any]:
    """The inspection and its framework, once the version's state lets ``member`` edit."""
    inspection = member.inspection
    _require(member, Action.EDIT_NARRATIVE, _state(services.current_version(inspection)))
    return inspection, framework_for(inspection.framework_id, inspection.framework_version)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def narrative(request: HttpRequest, member: Member) -> HttpResponse:
    inspection, framework = _editor(member)
    current = services.current_version(inspection)
    stored = {s.key: s for s in NarrativeSection.objects.filter(inspection=inspection)
              .select_related("updated_by")}
    rows = [(item, stored.get(item.key)) for item in sections.sections(framework)]
    return render(request, "reports/narrative.html",
                  {"inspection": inspection, "rows": rows, "current": current,
                   # Saving a section of a published version starts the next version.
                   "starts_next": _state(current) is ReportState.PUBLISHED})


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def edit_section(request: HttpRequest, member: Member, key: str) -> HttpResponse:
    inspection, framework = _editor(member)
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


@inspection_view(None, visible=_in_check)
def download(request: HttpRequest, member: Member, fmt: str) -> HttpResponse:
    """Start the export as a background job (issue 15) and show its page: the gate, the
    version the user may see and the audit event on download are this page's, as before."""
    inspection = member.inspection
    if fmt not in report_jobs.FORMATS:  # the page's formats and the data annexe workbook
        raise Http404("no such format")
    member.require(Action.EXPORT_AGGREGATE)
    shown = _shown(request, member)
    draft = not shown.frozen
    number = shown.version.number if shown.frozen and shown.version else None
    which = "draft report" if draft else f"report, version {number}"
    job = start_job(
        request.user, kind=f"report-{fmt}", inspection=inspection,
        title=f"{report_jobs.FORMAT_WORDS[fmt]} of the {which}",
        work="probation_inspection.web.reports.jobs.report_file",
        params=report_jobs.report_params(fmt, shown.version, shown.frozen),
        back_url=reverse("reports:report", args=[inspection.pk]), back_text="Back to the report",
        download_action=AuditAction.REPORT_DOWNLOADED, download_target=fmt,
        download_after={"version": number, "draft": draft})
    return redirect("jobs:job", job_id=job.pk)


@inspection_view(None, visible=_in_check)
def annexe(request: HttpRequest, member: Member) -> HttpResponse:
    """The data annexe as a page: whoever may read the report may read it (the same gate and
    version choice as the report page); its figures are the inspection's case answers."""
    inspection = member.inspection
    _shown(request, member)
    try:
        html = render_data_annexe_html(inspection_input(inspection))
    except (ReportingError, ScoringError) as error:
        messages.error(request, f"The data annexe cannot be built yet: {error}")
        return redirect("reports:report", pk=inspection.pk)
    response = HttpResponse(html)
    response["Cache-Control"] = "no-store"
    return response


@inspection_view(None, visible=_in_check)
def case_export(request: HttpRequest, member: Member, fmt: str) -> HttpResponse:
    """Case-level data with keyed pseudonyms instead of case references: data team only.

    Built as a background job (issue 15); the export is audited when its file is downloaded.
    """
    inspection = member.inspection
    if fmt not in report_jobs.CASE_FORMATS:
        raise Http404("no such format")
    member.require(Action.EXPORT_CASE_LEVEL)
    job = start_job(
        request.user, kind=f"cases-{fmt}", inspection=inspection,
        title=f"Case-level export ({report_jobs.FORMAT_WORDS[fmt]})",
        work="probation_inspection.web.reports.jobs.case_file", params={"fmt": fmt},
        back_url=reverse("reports:report", args=[inspection.pk]), back_text="Back to the report",
        download_action=AuditAction.CASE_LEVEL_EXPORT, download_target=fmt)
    return redirect("jobs:job", job_id=job.pk)
