"""Domain-one evidence pages: overview, interviews, meetings, documents, presentation, facts.

Views read the request through forms, call the evidence service and the core, and render; no
rules here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from probation_inspection.access import Action
from probation_inspection.evidence import ContextualFact as CheckedFact
from probation_inspection.evidence import (
    ContextualFactsError,
    EvidenceError,
    FileKind,
    import_contextual_facts,
    judgement_question,
    presentation_questions,
)
from probation_inspection.framework.model import ContextualMeasure as Measure
from probation_inspection.framework.model import RatingMethod
from probation_inspection.scoring import ScoringError
from probation_inspection.untrusted import CONTEXTUAL_FACTS, LimitExceeded, check_size
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.limits import untrusted_limits
from probation_inspection.web.quality import evidence as service
from probation_inspection.web.quality.forms import (
    FACT_FIELDS,
    DocumentForm,
    FactsEntryForm,
    FactsImportForm,
    InterviewForm,
    KeyQuestionAnswerForm,
    MeetingForm,
    PresentationForm,
    StepForm,
    anchors,
    refusal,
)
from probation_inspection.web.quality.models import (
    ContextualFact,
    EvidenceDocument,
    InterviewResponse,
    KeyQuestionAnswer,
    Meeting,
    PresentationNote,
)


def _framework(inspection: Any) -> Any:
    return framework_for(inspection.framework_id, inspection.framework_version)


def _judged(framework: Any) -> list[tuple[str, str]]:
    return [(s.id, f"{s.id} {s.title}") for s in framework.standards()
            if s.rating_method is RatingMethod.JUDGEMENT]


@inspection_view(Action.VIEW_EVIDENCE)
def overview(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = _framework(inspection)
    questionnaire = service.questionnaire_of(framework)
    notes = {n.number: n.notes for n in PresentationNote.objects.filter(inspection=inspection)}
    return render(request, "quality/evidence.html", {
        "inspection": inspection, "role": member.role,
        "questionnaire": questionnaire,
        "interviews": service.interview_results(inspection, questionnaire).values()
        if questionnaire else [],
        "interviewees": InterviewResponse.objects.filter(inspection=inspection).count(),
        "meetings": Meeting.objects.filter(inspection=inspection),
        "documents": EvidenceDocument.objects.filter(inspection=inspection),
        "presentation": [(q, notes.get(q.number, "")) for q in _questions(inspection)],
        "facts": ContextualFact.objects.filter(inspection=inspection),
        "standard_answers": service.standard_answers(inspection, framework),
        "may_record": member.may(Action.RECORD_EVIDENCE),
        "may_facts": member.may(Action.RECORD_CONTEXTUAL_FACTS),
    })


def _questions(inspection: Any) -> tuple[Any, ...]:
    try:
        return presentation_questions(_framework(inspection))
    except EvidenceError:
        return ()


@inspection_view(Action.VIEW_EVIDENCE)
def interviews(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = _framework(inspection)
    questionnaire = service.questionnaire_of(framework)
    if questionnaire is None:
        raise Http404("this framework has no interview questionnaire")
    errors: list[PageError] = []
    editing = InterviewResponse.objects.filter(
        inspection=inspection, questionnaire_id=questionnaire.id,
        interviewee=request.GET.get("interviewee", "")).first()
    posted, by_case = service.stored_answers(editing) if editing else ({}, {})
    held: list[tuple[str, dict[str, str]]] = list(by_case.items())
    interviewee = editing.interviewee if editing else ""
    grade = editing.grade if editing else ""
    if request.method == "POST":
        member.require(Action.RECORD_EVIDENCE)
        form = InterviewForm(request.POST, questionnaire=questionnaire)
        interviewee = (form["interviewee"].value() or "").strip()
        grade = (form["grade"].value() or "").strip()
        posted = form.answers()
        held = form.case_rows()
        # Checked before anything is stored: a long interviewee was a 500 on PostgreSQL.
        if not form.is_valid():
            errors = error_list(form)
        else:
            try:
                service.save_interview(inspection, request.user, questionnaire,
                                       form.cleaned_data["interviewee"],
                                       form.cleaned_data["grade"], posted,
                                       form.case_answers())
            except ScoringError as error:
                errors = [refusal(error, {}, "interviewee")]
            else:
                messages.success(request, f"Interview with {interviewee} saved")
                return redirect("quality:interviews", pk=inspection.pk)
    return render(request, "quality/interviews.html", {
        "inspection": inspection, "role": member.role, "questionnaire": questionnaire,
        "results": service.interview_results(inspection, questionnaire).values(),
        "responses": InterviewResponse.objects.filter(inspection=inspection,
                                                      questionnaire_id=questionnaire.id),
        "posted": posted, "interviewee": interviewee, "grade": grade, "error_list": errors,
        "may_record": member.may(Action.RECORD_EVIDENCE),
        "per_case": [q for q in questionnaire.questions if q.per_case],
        "case_rows": _case_rows(held),
    }, status=400 if errors else 200)


def _case_rows(held: list[tuple[str, dict[str, str]]]) -> list[dict[str, Any]]:
    """The case slots of the interview form: the cases recorded or posted, then empty ones."""
    slots = max(InterviewForm.CASE_SLOTS, len(held))
    padded = [*held, *([("", {})] * (slots - len(held)))]
    return [{"slot": slot, "reference": reference, "answers": answers}
            for slot, (reference, answers) in enumerate(padded[:InterviewForm.CASE_SLOTS], 1)]


@inspection_view(Action.RECORD_EVIDENCE)
def meeting_new(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
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
                errors = [refusal(error, anchors(form))]
            else:
                messages.success(request, f"Meeting {meeting.evidence_id} recorded")
                return redirect("quality:evidence", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/meeting_form.html", {
        "inspection": inspection, "role": member.role, "form": form, "error_list": errors,
    }, status=400 if errors else 200)


@inspection_view(Action.RECORD_EVIDENCE)
def document_new(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
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
                # Upload refusals begin with the file's name: left as it was given.
                refused = refusal(error, anchors(form), "id_file", sentence=False)
                errors = [PageError(f"{refused.message} Nothing was stored.", refused.field)]
            else:
                messages.success(request, f"Document {document.evidence_id} uploaded")
                return redirect("quality:evidence", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/document_form.html", {
        "inspection": inspection, "role": member.role, "form": form, "error_list": errors,
        "limit_mb": service.size_limit() // (1024 * 1024),
    }, status=400 if errors else 200)


@inspection_view(Action.VIEW_EVIDENCE)
def document_download(request: HttpRequest, member: Member, document: int
                      ) -> FileResponse:
    inspection = member.inspection
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


@inspection_view(Action.VIEW_EVIDENCE)
def presentation(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    questions = _questions(inspection)
    if not questions:
        raise Http404("this framework has no presentation questions")
    stored = {n.number: n.notes for n in PresentationNote.objects.filter(inspection=inspection)}
    errors: list[PageError] = []
    if request.method == "POST":
        member.require(Action.RECORD_EVIDENCE)
        form = PresentationForm(request.POST, questions=questions)
        if not form.is_valid():
            errors = error_list(form)
        else:
            try:
                service.save_presentation_notes(inspection, request.user, form.notes())
            except EvidenceError as error:
                errors = [refusal(error, {})]
            else:
                messages.success(request, "Presentation notes saved")
                return redirect("quality:evidence", pk=inspection.pk)
    return render(request, "quality/presentation.html", {
        "inspection": inspection, "role": member.role,
        "questions": [(q, stored.get(q.number, "")) for q in questions],
        "may_record": member.may(Action.RECORD_EVIDENCE), "error_list": errors,
    }, status=400 if errors else 200)


@inspection_view(Action.VIEW_EVIDENCE)
def facts(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    # The measures the inspection's framework version lists (none: only imported facts).
    measures = _framework(inspection).contextual_measures
    stored = {f.measure: f for f in ContextualFact.objects.filter(inspection=inspection)}
    errors: list[PageError] = []
    problems: list[Any] = []
    values: dict[str, dict[str, str]] = {
        m.key: {name: "" if getattr(stored.get(m.key), name, None) is None
                else str(getattr(stored[m.key], name)) for name in FACT_FIELDS}
        for m in measures
    }
    for measure in measures:
        if measure.key not in stored and measure.target is not None:
            values[measure.key]["target"] = str(measure.target)
    if request.method == "POST":
        member.require(Action.RECORD_CONTEXTUAL_FACTS)
        checked: tuple[CheckedFact, ...] | None = None
        try:
            if StepForm(request.POST, steps=("import",)).step == "import":
                errors, checked = _imported(FactsImportForm(request.POST, request.FILES),
                                            measures)
            else:
                entered = FactsEntryForm(request.POST, measures=measures)
                values = entered.values()
                if entered.is_valid():
                    checked = import_contextual_facts(service.facts_csv(entered.rows()),
                                                      "the form", measures=measures)
                else:
                    errors = error_list(entered)
        except ContextualFactsError as error:
            problems = list(error.problems)
            errors = [PageError("Nothing was stored: correct the problems listed", "problems")]
        if checked is not None:
            count = service.save_facts(inspection, request.user, checked)
            messages.success(request, f"{count} contextual fact{'s' if count != 1 else ''} saved")
            return redirect("quality:facts", pk=inspection.pk)
    return render(request, "quality/facts.html", {
        "inspection": inspection, "role": member.role, "facts": stored.values(),
        "problems": problems,
        "measures": [(m, values[m.key]) for m in measures], "error_list": errors,
        "may_record": member.may(Action.RECORD_CONTEXTUAL_FACTS),
    }, status=400 if errors else 200)


def _imported(form: FactsImportForm, measures: Sequence[Measure]
              ) -> tuple[list[PageError], tuple[CheckedFact, ...] | None]:
    """The facts of an uploaded CSV, or the errors saying why there are none; the core's own
    refusal (ContextualFactsError, with every row's problems) is raised."""
    if not form.is_valid():
        return error_list(form), None
    upload = form.cleaned_data["facts_file"]
    limits = untrusted_limits()
    try:
        # Refused from the upload's size before it is read into memory.
        check_size(upload.size or 0, CONTEXTUAL_FACTS, limits)
    except LimitExceeded as error:
        return [PageError(f"{upload.name}: {error}. Nothing was stored.", "facts_file")], None
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [PageError(f"{upload.name} is not UTF-8 text: save it as CSV (UTF-8) and try "
                          "again", "facts_file")], None
    return [], import_contextual_facts(text, upload.name or "upload.csv", measures=measures,
                                       limits=limits)


@inspection_view(Action.VIEW_EVIDENCE)
def key_question(request: HttpRequest, member: Member, key_question_id: str) -> HttpResponse:
    """A judgement standard's key question: its prompts, the current answer and every earlier
    version; the lead and inspectors answer it with a judgement citing evidence items."""
    inspection = member.inspection
    framework = _framework(inspection)
    try:
        question = judgement_question(framework, key_question_id)
    except EvidenceError:
        raise Http404("no judgement standard of this framework has that key question") from None
    known = service.known_evidence(inspection, framework)
    history = list(KeyQuestionAnswer.objects.filter(
        inspection=inspection, key_question_id=key_question_id)
        .select_related("answered_by").order_by("-version"))
    current = history[0] if history else None
    initial = {"judgement": current.judgement, "evidence": current.evidence} if current else {}
    form = KeyQuestionAnswerForm(request.POST or None, initial=initial,
                                 evidence=sorted(known.items()))
    errors: list[PageError] = []
    if request.method == "POST":
        member.require(Action.RECORD_EVIDENCE)
        if form.is_valid():
            try:
                row = service.answer_key_question(
                    inspection, request.user, framework, key_question_id,
                    judgement=form.cleaned_data["judgement"],
                    evidence=form.cleaned_data["evidence"])
            except EvidenceError as error:
                errors = [refusal(error, anchors(form, evidence="evidence"), "id_judgement")]
            else:
                messages.success(request, f"Key question {key_question_id} answered "
                                          f"(version {row.version})")
                return redirect("quality:evidence", pk=inspection.pk)
        else:
            errors = error_list(form)
    chosen = form["evidence"].value() or []
    return render(request, "quality/key_question.html", {
        "inspection": inspection, "role": member.role, "question": question,
        "form": form, "error_list": errors, "history": history, "current": current,
        "evidence": sorted(known.items()), "chosen_evidence": chosen,
        "may_record": member.may(Action.RECORD_EVIDENCE),
    }, status=400 if errors else 200)
