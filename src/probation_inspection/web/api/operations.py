"""The /api/v1/ operations: inspections, samples and reserves, case-list upload and draw,
live results, ratings, assessments read and written with the version as ETag, the report's
aggregate exports as background jobs (started, polled, their file downloaded), and the
benchmark store's published records and comparisons.

Each operation asks the same gate as the pages (`member_of`, `case_member_of`) and calls the
same services and forms; nothing here decides who may do what or what is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import resolve, reverse
from ninja import NinjaAPI, Status
from ninja.files import UploadedFile
from ninja.params import functions as param  # File and Header typed as functions

from probation_inspection import sampling as core
from probation_inspection.access import Action
from probation_inspection.framework.model import SampleTypeDefinition
from probation_inspection.stages import assessment_open, in_sentence
from probation_inspection.untrusted import CASE_LIST, LimitExceeded, check_size
from probation_inspection.web.api import schemas as s
from probation_inspection.web.api.auth import READ, WRITE
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.benchmarking.comparison import compare, to_json
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.casework import results as live_results
from probation_inspection.web.casework.access import CaseMember, case_member_of
from probation_inspection.web.casework.forms import AssessmentForm, slug
from probation_inspection.web.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseStatus,
    Sample,
    SampledCase,
)
from probation_inspection.web.casework.questions import questions
from probation_inspection.web.casework.sample_forms import DrawForm
from probation_inspection.web.casework.sampling import (
    draw_sample,
    eligibility,
    read_upload,
    sample_type_definition,
    sample_type_ids,
)
from probation_inspection.web.casework.services import save_assessment, start_assessment
from probation_inspection.web.forms import error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, hidden_from, member_of
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.jobs.models import Job, JobState
from probation_inspection.web.jobs.views import file_response, visible_job
from probation_inspection.web.jobs.views import status as job_status
from probation_inspection.web.limits import untrusted_limits
from probation_inspection.web.quality.ratings import ratings as inspection_ratings
from probation_inspection.web.reports.jobs import CASE_FORMATS as CASE_EXPORT_TYPES
from probation_inspection.web.reports.jobs import FORMATS as REPORT_JOB_FORMATS
from probation_inspection.web.reports.views import case_export as case_export_view
from probation_inspection.web.reports.views import download as report_download

api = NinjaAPI(
    title="Probation Inspection Platform API",
    version="1",
    description="Inspections, samples, assessments and results, for the systems around an "
                "inspection. Sign each call with a personal token: `Authorization: Bearer "
                "<token>` (make one under Account, API tokens). See docs/api.md.",
    urls_namespace="api",
    docs_url=None,
    auth=READ,
)

#: The refusals every operation may answer, beside its own.
REFUSALS: dict[int, Any] = {401: s.Error, 403: s.Error, 404: s.Error, 422: s.Invalid}
EDITABLE = {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or "Not found"}, status=404)


def _member(request: HttpRequest, pk: int, action: Action | None) -> Member:
    member = member_of(request.user, pk, action)
    request.api_inspection = member.inspection  # type: ignore[attr-defined]
    return member


def _case_member(request: HttpRequest, pk: int) -> CaseMember:
    member = case_member_of(request.user, pk, Action.VIEW_CASES)
    request.api_inspection = member.inspection  # type: ignore[attr-defined]
    return member


def _kind(inspection: Inspection, value: str) -> SampleTypeDefinition:
    """The sample type ``value`` names in the inspection's framework version (any id it
    declares); a 404 naming the declared ids for any other."""
    try:
        return sample_type_definition(inspection, value)
    except KeyError:
        declared = ", ".join(sample_type_ids(inspection))
        raise Http404(f"no sample type {value!r} in this inspection's framework "
                      f"(declared: {declared})") from None


def _inspection(inspection: Inspection, role: str) -> s.InspectionOut:
    return s.InspectionOut(
        id=inspection.pk, provider=inspection.provider.name,
        framework_id=inspection.framework_id, framework_version=inspection.framework_version,
        fieldwork_start=inspection.fieldwork_start, fieldwork_end=inspection.fieldwork_end,
        stage=inspection.stage, role=role)


@api.get("/inspections", response={200: list[s.InspectionOut], **REFUSALS},
         tags=["inspections"], summary="The inspections the caller is on the team of")
def inspections(request: HttpRequest) -> list[s.InspectionOut]:
    found = []
    user: Any = request.user
    for inspection in (Inspection.objects.filter(team__user=user).distinct()
                       .select_related("provider").order_by("-fieldwork_start", "pk")):
        role = inspection.role_of(user)
        # The provider sees nothing before publication, as on the inspections page.
        if role is not None and not hidden_from(role, inspection.stage):
            found.append(_inspection(inspection, role))
    return found


@api.get("/inspections/{pk}", response={200: s.InspectionOut, **REFUSALS},
         tags=["inspections"], summary="One inspection: its provider, framework and stage")
def inspection(request: HttpRequest, pk: int) -> s.InspectionOut:
    member = _member(request, pk, Action.VIEW_INSPECTION)
    return _inspection(member.inspection, member.role)


def _case(case: SampledCase, assessments: dict[int, Assessment]) -> s.CaseOut:
    assessment = assessments.get(case.pk)
    return s.CaseOut(
        id=case.pk, case_reference=case.case_reference, status=case.status,
        reserve_order=case.reserve_order, stratum=dict(case.stratum),
        assigned_to=case.assigned_to.get_username() if case.assigned_to else None,
        assessment_status=assessment.status if assessment else None)


def _summary(sample: Sample) -> dict[str, Any]:
    return {"sample_type": sample.sample_type, "seed": sample.seed,
            "confidence": sample.confidence, "margin": sample.margin,
            "eligible": sample.eligible, "size": sample.size, "drawn_at": sample.drawn_at}


@api.get("/inspections/{pk}/samples", response={200: list[s.SampleSummary], **REFUSALS},
         tags=["samples"], summary="The samples drawn for an inspection")
def samples(request: HttpRequest, pk: int) -> list[s.SampleSummary]:
    member = _member(request, pk, Action.VIEW_CASES)
    return [s.SampleSummary(**_summary(sample)) for sample in
            Sample.objects.filter(inspection=member.inspection).order_by("sample_type")]


def _sample_out(sample: Sample) -> s.SampleOut:
    cases = list(sample.cases.select_related("assigned_to").order_by(
        "status", "reserve_order", "case_reference"))
    assessments = {a.sampled_case_id: a for a in
                   Assessment.objects.filter(sampled_case__sample=sample)}

    def having(status: str) -> list[s.CaseOut]:
        return [_case(case, assessments) for case in cases if case.status == status]

    return s.SampleOut(**_summary(sample), methodology=sample.methodology,
                       cases=having(CaseStatus.SAMPLED), reserves=having(CaseStatus.RESERVE),
                       substituted=having(CaseStatus.SUBSTITUTED))


@api.get("/inspections/{pk}/samples/{sample_type}", response={200: s.SampleOut, **REFUSALS},
         tags=["samples"], summary="A sample's cases and reserves")
def sample(request: HttpRequest, pk: int, sample_type: str) -> s.SampleOut:
    member = _member(request, pk, Action.VIEW_CASES)
    kind = _kind(member.inspection, sample_type)
    drawn = Sample.objects.filter(inspection=member.inspection, sample_type=kind.id).first()
    if drawn is None:
        raise Http404(f"no {in_sentence(kind.label)} sample has been drawn")
    # The sample lists case references: reading it is audited as the page's reading is.
    record(request.user, member.inspection, AuditAction.SAMPLE_VIEWED, target=kind.id)
    return _sample_out(drawn)


def refuse(status: int, detail: str, problems: Sequence[core.Problem] = ()) -> Status[Any]:
    """An answer with the `schemas.Error` shape: why, and any case-list problems."""
    return Status(status, {"detail": detail, "problems": [_problem(p) for p in problems]})


def _problem(problem: core.Problem) -> s.CaseListProblem:
    return s.CaseListProblem(row=problem.row, column=problem.column, value=problem.value,
                             message=problem.message, missing_field=problem.missing_field)


@api.post("/inspections/{pk}/case-lists/{sample_type}",
          response={201: s.CaseListOut, 400: s.Error, 413: s.Error, **REFUSALS},
          auth=WRITE, tags=["samples"],
          summary="Upload a case list (CSV or XLSX), validated as the upload page validates "
                  "it; map=FIELD=Header (repeated) names the column for a field the headers "
                  "do not, as the page's mapping step does")
def upload_case_list(request: HttpRequest, pk: int, sample_type: str,
                     case_list: UploadedFile = param.File(...),
                     map: list[str] | None = param.Form(None)) -> Status[Any]:  # noqa: A002
    member = _member(request, pk, Action.MANAGE_SAMPLE)
    kind = _kind(member.inspection, sample_type)
    filename = case_list.name or "case list"
    try:
        # The command line's --map rule: field=Header pairs, an unknown field named.
        column_map = {field.value: header
                      for field, header in core.parse_overrides(map or [], "map").items()}
    except ValueError as error:
        return refuse(400, f"{error}. Nothing was imported.")
    try:
        # Refused from the upload's size before it is read into memory, as on the page.
        check_size(case_list.size or 0, CASE_LIST, untrusted_limits())
    except LimitExceeded as error:
        return refuse(413, f"{filename}: {error}. Nothing was imported.")
    content = case_list.read()
    try:
        validated = read_upload(content, filename, kind, column_map)
    except core.CaseListError as error:
        count = len(error.problems)
        return refuse(400, f"The case list has {count} problem{'s' if count != 1 else ''}: "
                           "nothing was imported. Correct the file and upload it again.",
                      error.problems)
    with transaction.atomic():
        stored = CaseList.objects.create(
            inspection=member.inspection, sample_type=kind.id, filename=filename,
            uploaded_by=member.user, row_count=len(validated), content=content,
            column_map=column_map)
        after: dict[str, Any] = {"filename": filename, "cases": stored.row_count}
        if column_map:
            after["columns"] = column_map  # as the page records a mapped upload
        record(request.user, member.inspection, AuditAction.CASE_LIST_UPLOADED,
               target=kind.id, after=after)
    return Status(201, s.CaseListOut(sample_type=kind.id, filename=filename,
                                     cases=len(validated)))


@api.post("/inspections/{pk}/samples/{sample_type}",
          response={201: s.SampleOut, 400: s.Error, 409: s.Error, **REFUSALS},
          auth=WRITE, tags=["samples"],
          summary="Draw the sample from the latest case list (seeded, reproducible)")
def draw(request: HttpRequest, pk: int, sample_type: str, body: s.DrawIn) -> Status[Any]:
    member = _member(request, pk, Action.MANAGE_SAMPLE)
    inspection = member.inspection
    kind = _kind(member.inspection, sample_type)
    if Sample.objects.filter(inspection=inspection, sample_type=kind.id).exists():
        return refuse(409, f"The {in_sentence(kind.label)} sample is already drawn.")
    case_list = CaseList.objects.filter(inspection=inspection, sample_type=kind.id).first()
    if case_list is None:
        return refuse(409, f"No {in_sentence(kind.label)} case list has been uploaded.")
    try:
        eligible = eligibility(case_list, inspection.fieldwork_start).included
    except core.CaseListError as error:
        return refuse(400, f"{case_list.filename} could not be read again. Upload the case "
                           "list again.", error.problems)
    # The page's form, so the API takes exactly the values the page takes.
    form = DrawForm({"seed": str(body.seed), "confidence": str(body.confidence),
                     "margin": str(body.margin),
                     "size": "" if body.size is None else str(body.size)}, eligible=eligible)
    if not form.is_valid():
        return refuse(400, " ".join(error.message for error in error_list(form)))
    data = form.cleaned_data
    try:
        drawn = draw_sample(inspection, case_list, request.user, seed=data["seed"],
                            confidence=data["confidence"] / 100, margin=data["margin"],
                            size=data["size"])
    except (core.SamplingError, ValueError) as error:
        return refuse(400, f"The sample was not drawn: {error}.")
    return Status(201, _sample_out(drawn))


@api.get("/inspections/{pk}/results", response={200: list[s.SampleResultsOut], **REFUSALS},
         tags=["results"], summary="Live results: tallies and rule ratings per sample")
def results(request: HttpRequest, pk: int) -> list[s.SampleResultsOut]:
    member = _member(request, pk, Action.VIEW_RESULTS)
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    found = []
    for result in live_results.inspection_results(inspection, framework):
        standards = []
        for standard in result.standards:
            rating = standard.rating
            standards.append(s.StandardResultOut(
                id=standard.standard.id, title=standard.standard.title,
                rule_rating=rating.rule_rating if rating else None,
                limiting_key_question=rating.limiting_key_question if rating else None,
                lowest_percent=rating.lowest_percent if rating else None,
                unrated_because=standard.unrated_because,
                questions=[s.QuestionResultOut(
                    id=row.id, text=row.text, is_key_question=row.is_key_question,
                    yes=row.tally.yes, no=row.tally.no,
                    not_applicable=row.tally.not_applicable,
                    not_relevant=row.tally.not_relevant, relevant=row.tally.relevant,
                    percent=row.tally.percent, counts=row.counts) for row in standard.rows]))
        found.append(s.SampleResultsOut(sample_type=result.sample.sample_type,
                                        submitted=result.submitted, problem=result.problem,
                                        standards=standards))
    return found


@api.get("/inspections/{pk}/ratings", response={200: s.RatingsOut, **REFUSALS},
         tags=["results"], summary="Standard ratings (decided, else by rule) and the overall")
def ratings(request: HttpRequest, pk: int) -> s.RatingsOut:
    member = _member(request, pk, Action.VIEW_RATINGS)
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    found = inspection_ratings(inspection, framework)
    overall = found.overall
    return s.RatingsOut(
        overall=s.OverallOut(score=overall.score, maximum=overall.maximum,
                             rating=overall.rating, not_rated=list(overall.not_rated))
        if overall else None,
        provisional=found.provisional,
        standards=[s.StandardRatingOut(
            id=row.standard.id, title=row.standard.title, judged=row.judged,
            rule_rating=row.rule.rating.rule_rating if row.rule and row.rule.rating else None,
            decided_rating=row.current.result.rating if row.current else None,
            counted=row.counted) for row in found.standards])


def _etag(assessment: Assessment) -> str:
    return f'"{assessment.version}"'


def _assessment(member: CaseMember, assessment: Assessment) -> dict[str, Any]:
    case = member.case
    return {
        "case_id": case.pk, "case_reference": case.case_reference,
        "status": assessment.status, "version": assessment.version,
        "framework_id": assessment.framework_id,
        "framework_version": assessment.framework_version,
        "attributes": dict(case.attributes),
        "answers": [{"question_id": answer.question_id, "kind": answer.kind,
                     "value": answer.value, "evidence": answer.evidence,
                     "practice_example": answer.practice_example}
                    for answer in assessment.answers.order_by("pk")],
    }


def _opened(member: CaseMember) -> Assessment | None:
    """The case's assessment; started for its assessor when they may edit now, as opening the
    assessment page starts it."""
    assessment = Assessment.objects.filter(sampled_case=member.case).first()
    inspection = member.inspection
    if (assessment is None and member.is_assessor and member.may(Action.EDIT_ASSESSMENT)
            and assessment_open(member.stage, AssessmentStatus.DRAFT)):
        framework = framework_for(inspection.framework_id, inspection.framework_version)
        assessment = start_assessment(member.case, framework, member.user)
    return assessment


@api.get("/cases/{pk}/assessment", response={200: s.AssessmentOut, **REFUSALS},
         tags=["assessments"],
         summary="A sampled case's assessment; its version is the ETag for a write")
def assessment(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    member = _case_member(request, pk)
    found = _opened(member)
    if found is None:
        raise Http404(f"case {member.case.case_reference} has no assessment yet")
    record(request.user, member.inspection, AuditAction.CASE_VIEWED,
           target=member.case.case_reference, sampled_case=member.case)
    response.headers["ETag"] = _etag(found)
    return _assessment(member, found)


def _version(if_match: str) -> int | None:
    """The version an If-Match names ('"3"', W/"3" or 3), or None when it names none."""
    text = if_match.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() and len(text) < 10 else None


@api.put("/cases/{pk}/assessment",
         response={200: s.AssessmentSaved, 400: s.Error, 409: s.Error, 412: s.Error,
                   428: s.Error, **REFUSALS},
         auth=WRITE, tags=["assessments"],
         summary="Save (and optionally submit) an assessment; If-Match must carry its version")
def save(request: HttpRequest, pk: int, body: s.AssessmentIn, response: HttpResponse,
         if_match: str | None = param.Header(None, alias="If-Match")) -> Any:
    member = _case_member(request, pk)
    case = member.case
    action = Action.SUBMIT_ASSESSMENT if body.submit else Action.EDIT_ASSESSMENT
    if not member.is_assessor:
        raise PermissionDenied(f"Case {case.case_reference} is not assigned to you: you can "
                               "change only cases assigned to you.")
    member.require(action)
    found = _opened(member)
    if found is None or found.status not in EDITABLE:
        return refuse(409, "This assessment has been submitted and cannot be changed.")
    if not assessment_open(member.stage, found.status):
        return refuse(409, f"At the {member.stage} stage only assessments returned by "
                           "moderation can be changed.")
    if if_match is None:
        return refuse(428, "Send the version you read as If-Match (the ETag of GET "
                           f"/cases/{pk}/assessment), so no one's save is overwritten.")
    loaded = _version(if_match)
    if loaded != found.version:
        response.headers["ETag"] = _etag(found)
        return refuse(412, f"The assessment is at version {found.version}, not the "
                           f"{if_match} sent: read it again and make your changes again.")
    framework = framework_for(found.framework_id, found.framework_version)
    known = {question.id for question in questions(framework, case.sample.sample_type)}
    unknown = sorted(set(body.answers) - known)
    if unknown:
        return refuse(400, f"No question {', '.join(unknown)} in framework "
                           f"{framework.id} {framework.version}.")
    # The page's form reads the body, so the API takes exactly what the page takes.
    data: dict[str, str] = {"version": str(loaded), "action": "submit" if body.submit else ""}
    data.update({f"attribute-{name}": value for name, value in body.attributes.items()})
    # A question left out keeps its stored answer (the page posts every field; a client need
    # not).
    for stored in found.answers.all():
        key = slug(stored.question_id)
        data.update({f"answer-{key}": stored.value, f"evidence-{key}": stored.evidence,
                     f"practice-{key}": "on" if stored.practice_example else ""})
    for question_id, answer in body.answers.items():
        key = slug(question_id)
        data.update({f"answer-{key}": answer.value, f"evidence-{key}": answer.evidence,
                     f"practice-{key}": "on" if answer.practice_example else ""})
    form = AssessmentForm(data, framework=framework, sample_type=case.sample.sample_type)
    if not form.is_valid():
        return refuse(400, " ".join(error.message for error in error_list(form)))
    result = save_assessment(found, framework, request.user, loaded_version=loaded,
                             posted=form.answers(), attributes=form.attributes,
                             submit=body.submit)
    found.refresh_from_db()
    response.headers["ETag"] = _etag(found)
    if not result.saved:
        return refuse(412, "Someone else saved this assessment after you read it: read it "
                           "again and make your changes again.")
    case.refresh_from_db(fields=["attributes", "version"])
    return Status(200, {**_assessment(member, found),
                 "missing": [{"field": problem.field, "message": problem.message}
                             for problem in result.missing],
                 "warnings": [warning.message for warning in result.warnings]})


def _published(stored: PublishedInspection) -> dict[str, Any]:
    return {"id": stored.pk, "provider": stored.provider, "published": stored.published,
            "overall": stored.overall, "framework_id": stored.framework_id,
            "file_name": stored.file_name, "sha256": stored.sha256,
            "imported_at": stored.imported_at}


@api.get("/published", response={200: list[s.PublishedOut], **REFUSALS}, tags=["benchmarks"],
         summary="Published reports in the benchmark store (public documents: any user)")
def published(request: HttpRequest) -> list[dict[str, Any]]:
    return [_published(stored) for stored in
            PublishedInspection.objects.order_by("provider", "published", "pk")]


@api.get("/published/{pk}", response={200: s.PublishedRecordOut, **REFUSALS},
         tags=["benchmarks"], summary="One published report's structured record")
def published_record(request: HttpRequest, pk: int) -> dict[str, Any]:
    stored = PublishedInspection.objects.filter(pk=pk).first()
    if stored is None:
        raise Http404(f"no published report {pk} in the store")
    return {**_published(stored), "record": dict(stored.record)}


@api.get("/comparisons", response={200: dict[str, Any], **REFUSALS}, tags=["benchmarks"],
         summary="The comparisons page as JSON: published records and the platform "
                 "inspections the caller may see rated; league table and distributions")
def comparisons(request: HttpRequest, mark: str | None = None) -> dict[str, Any]:
    # The page's own comparison, so the caller sees exactly what the page would show them.
    return to_json(compare(request.user, mark))


#: The report's exports, by format: the report page's downloads and the data annexe workbook.
EXPORT_TYPES = {fmt: content_type for fmt, (content_type, _) in REPORT_JOB_FORMATS.items()}


def _job_out(request: HttpRequest, job: Job) -> s.JobOut:
    """The job as the API shows it; its addresses absolute, so a client with a base URL (as
    httpx's) follows them as they are."""
    shown = job_status(job)
    here = request.build_absolute_uri
    return s.JobOut(
        id=job.pk, kind=job.kind, title=job.title, state=shown["state"],
        state_label=shown["state_label"], finished=shown["finished"], done=shown["done"],
        total=shown["total"], percent=shown["percent"], progress=shown["progress"],
        summary=shown["summary"], error=shown["error"],
        status_url=here(reverse("api:job", args=[job.pk])),
        download_url=here(reverse("api:job_file", args=[job.pk])) if job.has_file else None,
        file_name=shown["file_name"], page_url=here(reverse("jobs:job", args=[job.pk])))


@api.post("/inspections/{pk}/report/{fmt}", response={202: s.JobOut, **REFUSALS},
          tags=["results"],
          summary="Start the report's export (pdf, xlsx, csv, json or annexe-xlsx) as a "
                  "background job, as the report page does; ?version=N for a published "
                  "version. 202 with the job; poll its Location",
          # An export reads: a read-only token may start one (the reference page says so).
          openapi_extra={"x-token-scope": "read"})
def report_export(request: HttpRequest, pk: int, fmt: str, response: HttpResponse,
                  version: str | None = None) -> Status[Any]:
    member = _member(request, pk, None)
    if fmt not in EXPORT_TYPES:
        raise Http404(f"no export format {fmt!r}: {', '.join(EXPORT_TYPES)}")
    # The report page's own download view starts the job: its gate (a provider reader may
    # export a draft awaiting their check), its choice of version, the job's audit events.
    # It answers with a redirect to the job's page; the job is read from that address.
    return _started(request, report_download(request, member.inspection.pk, fmt), response)


@api.post("/inspections/{pk}/cases/{fmt}", response={202: s.JobOut, **REFUSALS},
          tags=["results"],
          summary="Start the case-level export (csv or xlsx: a row per case, keyed pseudonyms "
                  "instead of case references; the data team's) as a background job, as the "
                  "report page does. 202 with the job; poll its Location",
          openapi_extra={"x-token-scope": "read"})
def case_level_export(request: HttpRequest, pk: int, fmt: str,
                      response: HttpResponse) -> Status[Any]:
    member = _member(request, pk, None)
    if fmt not in CASE_EXPORT_TYPES:
        raise Http404(f"no case-level format {fmt!r}: {', '.join(CASE_EXPORT_TYPES)}")
    # The report page's case-level view starts the job, with its gate and its audit events.
    return _started(request, case_export_view(request, member.inspection.pk, fmt), response)


def _started(request: HttpRequest, answer: HttpResponseBase,
             response: HttpResponse) -> Status[Any]:
    """A page's answer to starting a job (a redirect to the job's page) as the API's 202 with
    the job and its Location."""
    started = resolve(answer["Location"]) if answer.status_code == 302 else None
    if started is None or started.view_name != "jobs:job":  # pragma: no cover - it always is
        raise Http404("the export could not be started")
    job = visible_job(request.user, int(started.kwargs["job_id"]))
    out = _job_out(request, job)
    response.headers["Location"] = out.status_url
    return Status(202, out)


@api.get("/jobs/{job_id}", response={200: s.JobOut, **REFUSALS}, tags=["jobs"],
         summary="A background job's state and progress; when done, its file's address "
                 "(the jobs the caller may see on their jobs page, else 404)")
def job(request: HttpRequest, job_id: int) -> s.JobOut:
    found = visible_job(request.user, job_id)
    request.api_inspection = found.inspection  # type: ignore[attr-defined]
    return _job_out(request, found)


# The 200 is described in openapi_extra alone: it is a file, in the job's own type.
@api.get("/jobs/{job_id}/file", response={409: s.Error, **REFUSALS}, tags=["jobs"],
         summary="A finished job's file, audited as the page's download is; 409 while the "
                 "job is queued or running, or when it failed",
         openapi_extra={"responses": {"200": {
             "description": "The job's file",
             "content": {content_type: {"schema": {"type": "string", "format": "binary"}}
                         for content_type in sorted({
                             value.split(";")[0] for value in EXPORT_TYPES.values()}
                             | {"application/octet-stream"})}}}})
def job_file(request: HttpRequest, job_id: int) -> Any:
    found = visible_job(request.user, job_id)
    request.api_inspection = found.inspection  # type: ignore[attr-defined]
    if found.state == JobState.FAILED:
        return refuse(409, f"The job failed: {found.error}")
    if not found.finished:
        return refuse(409, f"The job is {JobState(found.state).label.lower()}: poll "
                           f"{reverse('api:job', args=[found.pk])} until it is done.")
    return file_response(request, found)
