"""Domain-one evidence pages: overview, interviews, meetings, documents, presentation, facts.

Views read the request, call the evidence service and the core, and render; no rules here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from probation_inspection.access import Action, can
from probation_inspection.evidence import (
    DEFAULT_MEASURES,
    ContextualFactsError,
    EvidenceError,
    FileKind,
    import_contextual_facts,
    presentation_questions,
)
from probation_inspection.framework.model import RatingMethod
from probation_inspection.scoring import ScoringError
from probation_inspection.untrusted import CONTEXTUAL_FACTS, LimitExceeded, check_size
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import (
    FACT_FIGURE,
    FACT_PERIOD,
    FACT_SOURCE,
    NOTE,
    SHORT_LABEL,
    overlong,
)
from probation_inspection.web.limits import untrusted_limits
from probation_inspection.web.quality import evidence as service
from probation_inspection.web.quality.access import allowed
from probation_inspection.web.quality.forms import DocumentForm, MeetingForm
from probation_inspection.web.quality.models import (
    ContextualFact,
    EvidenceDocument,
    InterviewResponse,
    Meeting,
    PresentationNote,
)


def _framework(inspection: Any) -> Any:
    return framework_for(inspection.framework_id, inspection.framework_version)


def _judged(framework: Any) -> list[tuple[str, str]]:
    return [(s.id, f"{s.id} {s.title}") for s in framework.standards()
            if s.rating_method is RatingMethod.JUDGEMENT]


def _may(role: Any, action: Action, inspection: Any) -> bool:
    return can(role, action, inspection.stage)


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_EVIDENCE)
    framework = _framework(inspection)
    questionnaire = service.questionnaire_of(framework)
    notes = {n.number: n.notes for n in PresentationNote.objects.filter(inspection=inspection)}
    return render(request, "quality/evidence.html", {
        "inspection": inspection,
        "questionnaire": questionnaire,
        "interviews": service.interview_results(inspection, questionnaire).values()
        if questionnaire else [],
        "interviewees": InterviewResponse.objects.filter(inspection=inspection).count(),
        "meetings": Meeting.objects.filter(inspection=inspection),
        "documents": EvidenceDocument.objects.filter(inspection=inspection),
        "presentation": [(q, notes.get(q.number, "")) for q in _questions(inspection)],
        "facts": ContextualFact.objects.filter(inspection=inspection),
        "may_record": _may(role, Action.RECORD_EVIDENCE, inspection),
        "may_facts": _may(role, Action.RECORD_CONTEXTUAL_FACTS, inspection),
    })


def _questions(inspection: Any) -> tuple[Any, ...]:
    try:
        return presentation_questions(inspection.framework_id)
    except EvidenceError:
        return ()


@login_required
def interviews(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_EVIDENCE)
    framework = _framework(inspection)
    questionnaire = service.questionnaire_of(framework)
    if questionnaire is None:
        raise Http404("this framework has no interview questionnaire")
    errors: list[PageError] = []
    editing = InterviewResponse.objects.filter(
        inspection=inspection, questionnaire_id=questionnaire.id,
        interviewee=request.GET.get("interviewee", "")).first()
    posted: dict[str, str] = dict(editing.answers) if editing else {}
    interviewee = editing.interviewee if editing else ""
    grade = editing.grade if editing else ""
    if request.method == "POST":
        allowed(request.user, pk, Action.RECORD_EVIDENCE)
        interviewee = request.POST.get("interviewee", "").strip()
        grade = request.POST.get("grade", "").strip()
        posted = {q.id: request.POST.get(f"answer-{q.id}", "") for q in questionnaire.questions}
        # Checked before anything is stored: a long interviewee was a 500 on PostgreSQL.
        errors = [PageError(message, field) for field, message in overlong([
            (interviewee, SHORT_LABEL, "The interviewee's reference", "interviewee"),
            (grade, SHORT_LABEL, "The grade", "grade"),
            *((answer, NOTE, f"The answer to question {question}", f"answer-{question}")
              for question, answer in posted.items()),
        ])]
        if not interviewee:
            errors.append(PageError("Enter the interviewee's reference", "interviewee"))
        elif not errors:
            try:
                service.save_interview(inspection, request.user, questionnaire, interviewee,
                                       grade, posted)
            except ScoringError as error:
                errors.append(PageError(str(error), "interviewee"))
            else:
                messages.success(request, f"Interview with {interviewee} saved")
                return redirect("quality:interviews", pk=inspection.pk)
    return render(request, "quality/interviews.html", {
        "inspection": inspection, "questionnaire": questionnaire,
        "results": service.interview_results(inspection, questionnaire).values(),
        "responses": InterviewResponse.objects.filter(inspection=inspection,
                                                      questionnaire_id=questionnaire.id),
        "posted": posted, "interviewee": interviewee, "grade": grade, "error_list": errors,
        "may_record": _may(role, Action.RECORD_EVIDENCE, inspection),
    }, status=400 if errors else 200)


@login_required
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.RECORD_EVIDENCE)
    framework = _framework(inspection)
    form = MeetingForm(request.POST or None, standards=_judged(framework))
    errors: list[PageError] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = service.save_meeting(
                    inspection, request.user, framework, kind=data["kind"],
                    held_on=data["held_on"], role_group=data["role_group"],
                    participants=data["participants"].splitlines(), notes=data["notes"],
                    standards=data["standards"])
            except EvidenceError as error:
                errors = [PageError(str(error))]
            else:
                messages.success(request, f"Meeting {meeting.evidence_id} recorded")
                return redirect("quality:evidence", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/meeting_form.html", {
        "inspection": inspection, "form": form, "error_list": errors,
    }, status=400 if errors else 200)


@login_required
def document_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.RECORD_EVIDENCE)
    framework = _framework(inspection)
    form = DocumentForm(request.POST or None, request.FILES or None, standards=_judged(framework))
    errors: list[PageError] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            # Read one byte past the limit: enough to refuse, never the whole of a huge file.
            content = upload.read(service.size_limit() + 1)
            try:
                document = service.store_document(
                    inspection, request.user, framework, title=data["title"],
                    document_type=data["document_type"], file_name=upload.name or "",
                    content=content, standards=data["standards"])
            except EvidenceError as error:
                errors = [PageError(f"{error} Nothing was stored.", "id_file")]
            else:
                messages.success(request, f"Document {document.evidence_id} uploaded")
                return redirect("quality:evidence", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/document_form.html", {
        "inspection": inspection, "form": form, "error_list": errors,
        "limit_mb": service.size_limit() // (1024 * 1024),
    }, status=400 if errors else 200)


@login_required
def document_download(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_EVIDENCE)
    row = get_object_or_404(EvidenceDocument, inspection=inspection, pk=document)
    path = service.document_path(row)
    if not path.is_file():
        raise Http404("the stored file is missing")
    record(request.user, inspection, AuditAction.EVIDENCE_DOCUMENT_DOWNLOADED,
           target=row.evidence_id, after={"file": row.file_name})
    response = FileResponse(path.open("rb"), as_attachment=True, filename=row.file_name,
                            content_type=FileKind(row.kind).media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def presentation(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_EVIDENCE)
    questions = _questions(inspection)
    if not questions:
        raise Http404("this framework has no presentation questions")
    stored = {n.number: n.notes for n in PresentationNote.objects.filter(inspection=inspection)}
    errors: list[PageError] = []
    if request.method == "POST":
        allowed(request.user, pk, Action.RECORD_EVIDENCE)
        notes = {q.number: request.POST.get(f"notes-{q.number}", "") for q in questions}
        errors = [PageError(message, field) for field, message in overlong(
            (text, NOTE, f"The notes on question {number}", f"notes-{number}")
            for number, text in notes.items())]
        if not errors:
            try:
                service.save_presentation_notes(inspection, request.user, notes)
            except EvidenceError as error:
                errors = [PageError(str(error))]
            else:
                messages.success(request, "Presentation notes saved")
                return redirect("quality:evidence", pk=inspection.pk)
    return render(request, "quality/presentation.html", {
        "inspection": inspection, "questions": [(q, stored.get(q.number, "")) for q in questions],
        "may_record": _may(role, Action.RECORD_EVIDENCE, inspection), "error_list": errors,
    }, status=400 if errors else 200)


FACT_FIELDS = ("provider_figure", "national_figure", "target", "period", "source")
FACT_LENGTHS = {"provider_figure": FACT_FIGURE, "national_figure": FACT_FIGURE,
                "target": FACT_FIGURE, "period": FACT_PERIOD, "source": FACT_SOURCE}


@login_required
def facts(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_EVIDENCE)
    stored = {f.measure: f for f in ContextualFact.objects.filter(inspection=inspection)}
    errors: list[PageError] = []
    problems: list[Any] = []
    values: dict[str, dict[str, str]] = {
        m.key: {name: "" if getattr(stored.get(m.key), name, None) is None
                else str(getattr(stored[m.key], name)) for name in FACT_FIELDS}
        for m in DEFAULT_MEASURES
    }
    for measure in DEFAULT_MEASURES:
        if measure.key not in stored and measure.target is not None:
            values[measure.key]["target"] = str(measure.target)
    if request.method == "POST":
        allowed(request.user, pk, Action.RECORD_CONTEXTUAL_FACTS)
        try:
            if request.POST.get("action") == "import":
                upload = request.FILES.get("facts_file")
                if upload is None:
                    errors = [PageError("Choose a CSV file to import", "facts_file")]
                    raise _Stop
                limits = untrusted_limits()
                try:
                    # Refused from the upload's size before it is read into memory.
                    check_size(upload.size or 0, CONTEXTUAL_FACTS, limits)
                except LimitExceeded as error:
                    errors = [PageError(f"{upload.name}: {error}. Nothing was stored.",
                                        "facts_file")]
                    raise _Stop from None
                try:
                    text = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    errors = [PageError(f"{upload.name} is not UTF-8 text: save it as CSV "
                                        "(UTF-8) and try again", "facts_file")]
                    raise _Stop from None
                checked = import_contextual_facts(text, upload.name or "upload.csv",
                                                  limits=limits)
            else:
                rows = []
                for measure in DEFAULT_MEASURES:
                    values[measure.key] = {name: request.POST.get(f"{measure.key}-{name}", "")
                                           for name in FACT_FIELDS}
                    if values[measure.key]["provider_figure"].strip():
                        rows.append({"measure": measure.key, **values[measure.key]})
                if not rows:
                    errors = [PageError("Enter at least one provider figure",
                                        f"{DEFAULT_MEASURES[0].key}-provider_figure")]
                    raise _Stop
                errors = [PageError(message, field) for field, message in overlong(
                    (values[measure.key][name], FACT_LENGTHS[name],
                     f"{measure.name}: {name.replace('_', ' ')}", f"{measure.key}-{name}")
                    for measure in DEFAULT_MEASURES for name in FACT_FIELDS)]
                if errors:
                    raise _Stop
                checked = import_contextual_facts(service.facts_csv(rows), "the form")
        except _Stop:
            pass
        except ContextualFactsError as error:
            problems = list(error.problems)
            errors = [PageError("Nothing was stored: correct the problems listed", "problems")]
        else:
            count = service.save_facts(inspection, request.user, checked)
            messages.success(request, f"{count} contextual fact{'s' if count != 1 else ''} saved")
            return redirect("quality:facts", pk=inspection.pk)
    return render(request, "quality/facts.html", {
        "inspection": inspection, "facts": stored.values(), "problems": problems,
        "measures": [(m, values[m.key]) for m in DEFAULT_MEASURES], "error_list": errors,
        "may_record": _may(role, Action.RECORD_CONTEXTUAL_FACTS, inspection),
    }, status=400 if errors else 200)


class _Stop(Exception):
    """The form is answered with an error before the core is asked."""
