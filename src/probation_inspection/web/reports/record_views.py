"""Pages of the report's written records: strengths and areas per standard (with candidate
sentences from the data), practice examples (chosen, names changed, approved by the lead),
recommendations with addressees, and the cover, credits and foreword.

Every page is for the report's writers (`Action.EDIT_NARRATIVE`), in a report state that lets
them write; approving an example and the cover are the lead's (`APPROVE_PRACTICE_EXAMPLE`,
`EDIT_REPORT_DETAILS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from probation_inspection.access import Action, can_on_report
from probation_inspection.framework import RatingMethod
from probation_inspection.framework.model import Framework, KeyQuestion, Prompt, Standard
from probation_inspection.reporting import ReportingError, build_report, score
from probation_inspection.reporting.candidates import Candidates, candidate_sentences
from probation_inspection.reporting.practice import anonymised, suggested_name
from probation_inspection.reporting.wording import (
    FindingSentence,
    finding_sentence,
    framings_text,
    question_statements,
    read_framings,
)
from probation_inspection.scoring import ScoringError
from probation_inspection.web.casework.models import Answer as AnswerRow
from probation_inspection.web.forms import error_list
from probation_inspection.web.input_limits import VERSION_RANGE, NumberError, whole_number
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality import models as quality
from probation_inspection.web.reports import records, sections, services
from probation_inspection.web.reports.builder import flagged_notes, inspection_input
from probation_inspection.web.reports.keys import pseudonym_key
from probation_inspection.web.reports.models import (
    NarrativeSection,
    PointKind,
    PracticeExample,
    PracticeKindChoice,
    PracticeState,
    Recommendation,
    ReportDetails,
    StandardPoint,
)
from probation_inspection.web.reports.record_forms import (
    FRAMING_CHOICES,
    ApproveForm,
    ConfirmForm,
    CoverForm,
    FramingForm,
    MoveForm,
    PointForm,
    PracticeForm,
    RecommendationForm,
    framing_choice,
    framing_field,
    framing_meaning,
)
from probation_inspection.web.reports.views import _editor, _in_check, _require, _state


def _standard(framework: Framework, standard_id: str) -> Standard:
    found = next((s for s in framework.standards() if s.id == standard_id), None)
    if found is None:
        raise Http404("no such standard")
    return found


def _standard_choices(framework: Framework) -> list[tuple[str, str]]:
    return [(s.id, f"{s.id}. {s.title}") for s in framework.standards()]


def _may_approve(member: Member) -> bool:
    state = _state(services.current_version(member.inspection))
    return can_on_report(member.role, Action.APPROVE_PRACTICE_EXAMPLE, member.stage, state)


# --- Strengths and areas for improvement ------------------------------------------------


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def standards(request: HttpRequest, member: Member) -> HttpResponse:
    """Every standard with how many strengths and areas for improvement it has."""
    inspection, framework = _editor(member)
    counts: dict[tuple[str, str], int] = {}
    for point in StandardPoint.objects.filter(inspection=inspection):
        counts[(point.standard_id, point.kind)] = counts.get((point.standard_id, point.kind),
                                                            0) + 1
    rows = [(s, counts.get((s.id, PointKind.STRENGTH), 0), counts.get((s.id, PointKind.AREA), 0))
            for s in framework.standards()]
    return render(request, "reports/standards.html", {"inspection": inspection, "rows": rows})


def _candidates(inspection: Inspection, standard: Standard) -> tuple[Candidates | None, str]:
    """The proposed sentences, or why there are none yet (no sample, nothing counted)."""
    try:
        tallies = score(inspection_input(inspection)).tallies
    except (ReportingError, ScoringError) as error:
        return None, str(error)
    return candidate_sentences(standard, tallies), ""


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def standard_points(request: HttpRequest, member: Member, standard_id: str) -> HttpResponse:
    """A standard's strengths and areas: candidates to accept or edit, the written ones, and
    a form to add one."""
    inspection, framework = _editor(member)
    standard = _standard(framework, standard_id)
    # "Edit first" on a proposed sentence opens the form with it (``?kind=&question=``).
    initial = {"kind": request.GET.get("kind", PointKind.STRENGTH), "text": "", "question_id": ""}
    proposed = request.GET.get("question", "")
    form = PointForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        records.add_point(inspection, standard.id, data["kind"], data["text"],
                          data["question_id"], request.user)
        messages.success(request, f"{PointKind(data['kind']).label} added to {standard.id}")
        return redirect("reports:standard-points", pk=inspection.pk, standard_id=standard.id)
    candidates, why_none = _candidates(inspection, standard)
    if candidates is not None and proposed and not form.is_bound:
        chosen = [c for c in (*candidates.strengths, *candidates.areas_for_improvement)
                  if c.question_id == proposed]
        if chosen:
            initial.update(text=chosen[0].text, question_id=proposed)
            form = PointForm(initial=initial)
    written = list(StandardPoint.objects.filter(inspection=inspection, standard_id=standard.id))
    taken = {point.text for point in written}
    return render(request, "reports/standard_points.html", {
        "inspection": inspection, "standard": standard, "form": form,
        "error_list": error_list(form) if form.is_bound else [],
        "strengths": [p for p in written if p.kind == PointKind.STRENGTH],
        "areas": [p for p in written if p.kind == PointKind.AREA],
        "candidates": candidates, "why_none": why_none, "taken": taken,
        "kinds": PointKind.choices,
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def point(request: HttpRequest, member: Member, standard_id: str, item: int) -> HttpResponse:
    inspection, framework = _editor(member)
    standard = _standard(framework, standard_id)
    stored = get_object_or_404(StandardPoint, pk=item, inspection=inspection,
                               standard_id=standard.id)
    form = PointForm(request.POST if request.method == "POST" else None,
                     initial={"kind": stored.kind, "text": stored.text})
    if request.method == "POST" and form.is_valid():
        records.change_point(stored, form.cleaned_data["kind"], form.cleaned_data["text"],
                             request.user)
        messages.success(request, f"{PointKind(stored.kind).label} saved")
        return redirect("reports:standard-points", pk=inspection.pk, standard_id=standard.id)
    return render(request, "reports/point.html", {
        "inspection": inspection, "standard": standard, "point": stored, "form": form,
        "error_list": error_list(form) if form.is_bound else [], "kinds": PointKind.choices,
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
@require_POST
def point_delete(request: HttpRequest, member: Member, standard_id: str,
                 item: int) -> HttpResponse:
    inspection, framework = _editor(member)
    standard = _standard(framework, standard_id)
    stored = get_object_or_404(StandardPoint, pk=item, inspection=inspection,
                               standard_id=standard.id)
    if ConfirmForm(request.POST).is_valid():
        records.delete_point(stored, request.user)
        messages.success(request, f"{PointKind(stored.kind).label} removed")
    return redirect("reports:standard-points", pk=inspection.pk, standard_id=standard.id)


# --- How each prompt's finding is put ---------------------------------------------------


@dataclass(frozen=True)
class FramingRow:
    """One prompt on the framing page: the sentence as the report prints it now, and the
    sentence each choice would print (None where no case was relevant)."""

    key_question: KeyQuestion
    prompt: Prompt
    printed: FindingSentence | None
    #: (value, label, the sentence that choice prints), in FRAMING_CHOICES order.
    options: tuple[tuple[str, str, str], ...]
    #: Why there is no choice to make ("" when there is one).
    fixed: str = ""

    @property
    def field(self) -> str:
        return framing_field(self.prompt.id)


def _framing_rows(inspection: Inspection, standard: Standard
                  ) -> tuple[list[FramingRow], str]:
    """Each prompt of the standard with its printed sentence and the alternatives, or why
    nothing can be shown yet (the report cannot be built: no sample, nothing counted)."""
    try:
        source = inspection_input(inspection)
        scored = score(source)
        report = build_report(source, scored)
    except (ReportingError, ScoringError) as error:
        return [], str(error)
    printed = {sentence.question_id: sentence
               for domain in report.domains for section in domain.standards
               if section.standard_id == standard.id for sentence in section.findings}
    rows = []
    for key_question in standard.key_questions:
        for prompt in key_question.prompts:
            sentence = printed.get(prompt.id)
            tally = scored.tallies.get(prompt.id)
            if sentence is None or tally is None:
                rows.append(FramingRow(key_question, prompt, None, (),
                                       "No case was relevant to this prompt, so the report "
                                       "prints no sentence for it."))
                continue
            options = []
            for value, label in FRAMING_CHOICES:
                option = finding_sentence(tally, prompt.text, whole_sample=sentence.whole_sample,
                                          verbal=True, negative=framing_meaning(value))
                options.append((value, label, option.text if option else sentence.text))
            fixed = ""
            if question_statements(prompt.text) is None:
                fixed = ("The prompt's wording cannot be turned into what was not done, so "
                         "its finding is always put as what was done.")
            elif tally.yes in (0, tally.relevant):
                fixed = ("All or none of the cases met this prompt, so its finding is always "
                         "put as what was done.")
            rows.append(FramingRow(key_question, prompt, sentence, tuple(options), fixed))
    return rows, ""


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def framings(request: HttpRequest, member: Member, standard_id: str) -> HttpResponse:
    """How each prompt's findings sentence is put: as the share rule says, or as the author
    chooses (what was done, or what was not done over the cases that fell short)."""
    inspection, framework = _editor(member)
    standard = _standard(framework, standard_id)
    stored = NarrativeSection.objects.filter(inspection=inspection,
                                             key=sections.FRAMINGS_KEY).first()
    recorded = read_framings(stored.text if stored else "")
    # A judgement standard's key questions are answered on the evidence pages: the report
    # prints no findings sentences for its prompts, so there is nothing to put either way.
    judged = standard.rating_method is RatingMethod.JUDGEMENT
    rows, why_none = ([], "") if judged else _framing_rows(inspection, standard)
    prompts = [row.prompt.id for row in rows if row.printed is not None and not row.fixed]
    initial: dict[str, Any] = {framing_field(prompt_id): framing_choice(recorded.get(prompt_id))
                               for prompt_id in prompts}
    initial["version"] = stored.version if stored else 0
    form = FramingForm(request.POST if request.method == "POST" else None, initial=initial,
                       prompts=prompts)
    conflict = False
    if request.method == "POST" and form.is_valid():
        chosen = form.framings()
        merged = {prompt_id: negative for prompt_id, negative in recorded.items()
                  if prompt_id not in chosen}
        merged.update({prompt_id: negative for prompt_id, negative in chosen.items()
                       if negative is not None})
        text = framings_text(merged)
        if text.strip() == (stored.text if stored else "").strip():
            messages.success(request, f"Nothing changed in how {standard.id}'s findings are put")
            return redirect("reports:framings", pk=inspection.pk, standard_id=standard.id)
        try:
            services.edit_section(inspection, sections.FRAMINGS_KEY, text,
                                  form.cleaned_data["version"], request.user)
        except services.StaleEdit as stale:
            # Someone saved framings since this page was loaded: show theirs, keep nothing.
            conflict = True
            recorded = read_framings(stale.current.text)
            initial = {framing_field(prompt_id): framing_choice(recorded.get(prompt_id))
                       for prompt_id in prompts}
            initial["version"] = stale.current.version
            form = FramingForm(initial=initial, prompts=prompts)
        else:
            messages.success(request, f"How {standard.id}'s findings are put is saved")
            return redirect("reports:framings", pk=inspection.pk, standard_id=standard.id)
    groups: list[tuple[KeyQuestion, list[tuple[FramingRow, Any]]]] = []
    for row in rows:
        if not groups or groups[-1][0].id != row.key_question.id:
            groups.append((row.key_question, []))
        bound = form[row.field] if row.prompt.id in prompts else None
        groups[-1][1].append((row, bound))
    return render(request, "reports/framings.html", {
        "inspection": inspection, "standard": standard, "form": form, "groups": groups,
        "why_none": why_none, "conflict": conflict, "judged": judged,
        "error_list": error_list(form) if form.is_bound else [],
    }, status=409 if conflict else 400 if form.is_bound else 200)


# --- Practice examples ------------------------------------------------------------------


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def practice(request: HttpRequest, member: Member) -> HttpResponse:
    """The practice example records, and the flagged notes and domain-one evidence to start
    one from."""
    inspection, framework = _editor(member)
    titles = dict(_standard_choices(framework))
    examples = list(PracticeExample.objects.filter(inspection=inspection)
                    .select_related("approved_by"))
    used = {example.answer_id for example in examples if example.answer_id}
    notes = [(answer, reference, example) for answer, reference, example
             in flagged_notes(inspection, framework) if answer.pk not in used]
    meetings = list(quality.Meeting.objects.filter(inspection=inspection).exclude(notes=""))
    return render(request, "reports/practice.html", {
        "inspection": inspection, "examples": examples, "titles": titles, "notes": notes,
        "meetings": meetings, "may_approve": _may_approve(member),
    })


def _number(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return whole_number(raw, name, VERSION_RANGE)
    except NumberError:
        raise Http404(f"no such {name}") from None


def _source(request: HttpRequest, inspection: Inspection, framework: Framework
            ) -> tuple[dict[str, Any], str, AnswerRow | None, str]:
    """What a new example starts from (``?answer=`` a flagged note, ``?meeting=`` a meeting's
    notes, else nothing): initial values, the source's label, its answer row, and the
    printed name the pseudonym suggests for the case's person."""
    answer_id, meeting_id = _number(request, "answer"), _number(request, "meeting")
    if answer_id is not None:
        for answer, reference, example in flagged_notes(inspection, framework):
            if answer.pk == answer_id:
                key = pseudonym_key()
                return ({"standard": example.standard_id, "kind": example.kind.value,
                         "text": anonymised(answer.evidence, reference, key)},
                        f"Case {reference}, {answer.question_id}", answer,
                        suggested_name(reference, key))
        raise Http404("no such flagged note")
    if meeting_id is not None:
        meeting = get_object_or_404(quality.Meeting, pk=meeting_id, inspection=inspection)
        chosen = [s for s in meeting.standards if s in dict(_standard_choices(framework))]
        return ({"standard": chosen[0] if chosen else "", "kind": PracticeKindChoice.GOOD,
                 "text": meeting.notes}, f"Meeting {meeting.evidence_id}", None, "")
    return {"kind": PracticeKindChoice.GOOD}, "", None, ""


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def practice_new(request: HttpRequest, member: Member) -> HttpResponse:
    inspection, framework = _editor(member)
    initial, source, answer, suggestion = _source(request, inspection, framework)
    form = PracticeForm(request.POST if request.method == "POST" else None, initial=initial,
                        standards=_standard_choices(framework))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        records.create_practice(inspection, data["standard"], data["kind"], data["text"],
                                source, answer, request.user)
        messages.success(request, "Practice example saved as a draft: the lead approves it "
                                  "before it prints")
        return redirect("reports:practice", pk=inspection.pk)
    return render(request, "reports/practice_form.html", {
        "inspection": inspection, "form": form, "source": source, "suggestion": suggestion,
        "standards": _standard_choices(framework), "kinds": PracticeKindChoice.choices,
        "example": None, "may_approve": False, "query": request.GET.urlencode(),
        "error_list": error_list(form) if form.is_bound else [],
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def practice_edit(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection, framework = _editor(member)
    example = get_object_or_404(PracticeExample, pk=item, inspection=inspection)
    form = PracticeForm(request.POST if request.method == "POST" else None,
                        initial={"standard": example.standard_id, "kind": example.kind,
                                 "text": example.text},
                        standards=_standard_choices(framework))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was = example.state
        records.change_practice(example, data["standard"], data["kind"], data["text"],
                                request.user)
        back_to_draft = was == PracticeState.APPROVED and example.state == PracticeState.DRAFT
        messages.success(request, "Practice example saved" + (
            ": it changed, so it is a draft again until the lead approves it"
            if back_to_draft else ""))
        return redirect("reports:practice", pk=inspection.pk)
    return render(request, "reports/practice_form.html", {
        "inspection": inspection, "form": form, "source": example.source, "suggestion": "",
        "standards": _standard_choices(framework), "kinds": PracticeKindChoice.choices,
        "example": example, "may_approve": _may_approve(member), "query": "",
        "error_list": error_list(form) if form.is_bound else [],
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.APPROVE_PRACTICE_EXAMPLE, visible=_in_check)
@require_POST
def practice_approve(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection = member.inspection
    _require(member, Action.APPROVE_PRACTICE_EXAMPLE,
             _state(services.current_version(inspection)))
    example = get_object_or_404(PracticeExample, pk=item, inspection=inspection)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        raise Http404("no such decision")
    approve = form.cleaned_data["decision"] == "approve"
    records.approve_practice(example, approve, request.user)
    messages.success(request, "Practice example approved: it prints in the report" if approve
                     else "Approval withdrawn: the example no longer prints")
    return redirect("reports:practice", pk=inspection.pk)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
@require_POST
def practice_delete(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection, _ = _editor(member)
    example = get_object_or_404(PracticeExample, pk=item, inspection=inspection)
    if ConfirmForm(request.POST).is_valid():
        records.delete_practice(example, request.user)
        messages.success(request, "Practice example removed")
    return redirect("reports:practice", pk=inspection.pk)


# --- Recommendations --------------------------------------------------------------------


def _default_addressee(inspection: Inspection) -> str:
    last = Recommendation.objects.filter(inspection=inspection).last()
    return last.addressee if last else inspection.provider.name


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def recommendations(request: HttpRequest, member: Member) -> HttpResponse:
    inspection, _ = _editor(member)
    form = RecommendationForm(request.POST if request.method == "POST" else None,
                              initial={"addressee": _default_addressee(inspection)})
    if request.method == "POST" and form.is_valid():
        records.add_recommendation(inspection, form.cleaned_data["addressee"],
                                   form.cleaned_data["text"], request.user)
        messages.success(request, "Recommendation added")
        return redirect("reports:recommendations", pk=inspection.pk)
    items = list(Recommendation.objects.filter(inspection=inspection))
    markdown = NarrativeSection.objects.filter(inspection=inspection,
                                               key="recommendations").first()
    return render(request, "reports/recommendations.html", {
        "inspection": inspection, "items": items, "form": form,
        "markdown_only": bool(markdown and markdown.text and not items),
        "error_list": error_list(form) if form.is_bound else [],
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
def recommendation(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection, _ = _editor(member)
    stored = get_object_or_404(Recommendation, pk=item, inspection=inspection)
    form = RecommendationForm(request.POST if request.method == "POST" else None,
                              initial={"addressee": stored.addressee, "text": stored.text})
    if request.method == "POST" and form.is_valid():
        records.change_recommendation(stored, form.cleaned_data["addressee"],
                                      form.cleaned_data["text"], request.user)
        messages.success(request, "Recommendation saved")
        return redirect("reports:recommendations", pk=inspection.pk)
    return render(request, "reports/recommendation.html", {
        "inspection": inspection, "item": stored, "form": form,
        "error_list": error_list(form) if form.is_bound else [],
    }, status=400 if form.is_bound else 200)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
@require_POST
def recommendation_move(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection, _ = _editor(member)
    stored = get_object_or_404(Recommendation, pk=item, inspection=inspection)
    form = MoveForm(request.POST)
    if form.is_valid():
        records.move_recommendation(stored, form.cleaned_data["direction"] == "up",
                                    request.user)
    return redirect("reports:recommendations", pk=inspection.pk)


@inspection_view(Action.EDIT_NARRATIVE, visible=_in_check)
@require_POST
def recommendation_delete(request: HttpRequest, member: Member, item: int) -> HttpResponse:
    inspection, _ = _editor(member)
    stored = get_object_or_404(Recommendation, pk=item, inspection=inspection)
    if ConfirmForm(request.POST).is_valid():
        records.delete_recommendation(stored, request.user)
        messages.success(request, "Recommendation removed")
    return redirect("reports:recommendations", pk=inspection.pk)


# --- Cover, credits and foreword --------------------------------------------------------


@inspection_view(Action.EDIT_REPORT_DETAILS, visible=_in_check)
def cover(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    _require(member, Action.EDIT_REPORT_DETAILS, _state(services.current_version(inspection)))
    source = inspection_input(inspection)
    details = ReportDetails.objects.filter(inspection=inspection).first()
    foreword = NarrativeSection.objects.filter(inspection=inspection, key="foreword").first()
    initial = {name: getattr(details, name) if details else "" for name in records.DETAIL_FIELDS}
    initial["title"] = initial["title"] or source.title
    initial["foreword"] = foreword.text if foreword else ""
    initial["foreword_version"] = foreword.version if foreword else 0
    form = CoverForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            records.save_cover(inspection, {name: data[name] for name in records.DETAIL_FIELDS},
                               data["foreword"], data["foreword_version"], request.user)
        except services.StaleEdit as stale:
            conflict = stale.current
        else:
            messages.success(request, "Cover, credits and foreword saved")
            return redirect("reports:report", pk=inspection.pk)
    return render(request, "reports/cover.html", {
        "inspection": inspection, "form": form, "conflict": conflict,
        "team": source.team, "publication": source.publication,
        "error_list": error_list(form) if form.is_bound else [],
    }, status=409 if conflict else 400 if form.is_bound else 200)
