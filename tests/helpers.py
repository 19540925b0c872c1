"""Helpers shared by the web tests: signing in, and the few page actions several test modules
take (upload a case list, assign a case, judge in moderation, upload an evidence document,
move a report on).

Test modules import these from here (``from helpers import signed_in``), never from another
test module; fixtures live in the conftest files and are never imported at all. The objects
themselves are built by ``factories``.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from probation_inspection.framework.model import SampleTypeDefinition
from probation_inspection.sampling.fields import CATEGORIES, DEFAULT_HEADERS, Field
from probation_inspection.tabular import reader_input_csv
from probation_inspection.web.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseStatus,
    Sample,
    SampledCase,
)
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import QueueEntry
from sample_ids import SampleType

#: Every test user's password (the web conftest makes hashing it fast).
PASSWORD = "correct-horse-battery-staple"

#: The case supervision key questions of hmip-crc-2018, in framework order.
KEY_QUESTIONS = ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2",
                 "2.3.3", "2.4.1", "2.4.2", "2.4.3"]


def job_file(client: Client, started: Any) -> Any:
    """The file of the background job a page started: ``started`` is the page's answer (a
    redirect to the job's page); the job has run (the tests run jobs in the request)."""
    assert started.status_code == 302, started.status_code
    assert "/jobs/" in started["Location"], started["Location"]
    job_id = int(started["Location"].rstrip("/").rsplit("/", 1)[1])
    status = client.get(reverse("jobs:status", args=[job_id])).json()
    assert status["state"] == "done", status
    download = client.get(status["download_url"])
    # The file streams; the tests read it whole, as ``.content``.
    read = HttpResponse(b"".join(download), status=download.status_code,
                        content_type=download["Content-Type"])
    read["Content-Disposition"] = download["Content-Disposition"]
    return read


def job_page(client: Client, started: Any) -> tuple[Any, Any]:
    """The background job a page started and its page as ``client`` sees it: ``started`` is
    the page's answer (a redirect to the job's page); the job has run."""
    from probation_inspection.web.jobs.models import Job

    assert started.status_code == 302, started.status_code
    assert "/jobs/" in started["Location"], started["Location"]
    job = Job.objects.get(pk=int(started["Location"].rstrip("/").rsplit("/", 1)[1]))
    page = client.get(started["Location"])
    assert page.status_code == 200, page.status_code
    return job, page


def run_the_queue() -> int:
    """What `manage.py db_worker` does for each ready task, here in the test's own thread
    and transaction; how many tasks it ran. For tests that put the database task backend
    back in place of the immediate one."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="test-worker",
                    excluded_queue_names=[])
    ran = 0
    for result in DBTaskResult.objects.ready():
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def make_user(username: str) -> Any:
    """A user whose first name is the username, title-cased, with the shared password."""
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title()
    )


def signed_in(user: Any) -> Client:
    """A test client signed in as ``user`` (no sign-in page, so no sign-in audit event)."""
    client = Client()
    client.force_login(user)
    return client


def client_for(username: str) -> Client:
    """A test client signed in as the user with this username."""
    return signed_in(get_user_model().objects.get(username=username))


# Inspections and casework


def set_stage(inspection: Inspection, stage: str) -> None:
    """Put the inspection at ``stage`` directly, skipping the stage rules (for page tests
    that only need the stage; the stage fixtures in the web conftest go through the rules)."""
    inspection.stage = stage
    inspection.save(update_fields=["stage"])


def add_case(inspection: Inspection, assessor: Any, status: str | None) -> SampledCase:
    """A sampled case in the inspection's (first) sample, made if there is none, with an
    assessment in ``status`` unless that is None."""
    sample = Sample.objects.filter(inspection=inspection).first()
    if sample is None:
        case_list = CaseList.objects.create(inspection=inspection,
                                            sample_type=SampleType.CASE_SUPERVISION,
                                            filename="cases.csv", row_count=0, content=b"")
        sample = Sample.objects.create(
            inspection=inspection, sample_type=SampleType.CASE_SUPERVISION, case_list=case_list,
            seed=1, eligible=10, size=10, fieldwork_start=inspection.fieldwork_start,
            methodology="x")
    case = SampledCase.objects.create(sample=sample, case_reference=f"C{sample.cases.count()}",
                                      attributes={}, status=CaseStatus.SAMPLED,
                                      assigned_to=assessor)
    if status is not None:
        Assessment.objects.create(sampled_case=case, assessor=assessor,
                                  status=AssessmentStatus(status),
                                  framework_id="hmip-crc-2018", framework_version="2018.1")
    return case


def upload_case_list(client: Client, inspection: Inspection, content: bytes,
                     name: str = "cases.csv") -> Any:
    """Post a case supervision case list to the upload page."""
    return client.post(
        reverse("casework:upload", args=[inspection.pk, SampleType.CASE_SUPERVISION]),
        {"case_list": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def assign(inspection: Inspection, lead: Any, case: SampledCase, user: Any) -> None:
    """The lead assigns the case to ``user`` on the assignment page."""
    signed_in(lead).post(
        reverse("casework:assign", args=[inspection.pk, SampleType.CASE_SUPERVISION]),
        {f"assign-{case.pk}": str(user.pk)},
    )


# Quality


def judge(client: Client, assessment: Assessment, value: str, **overrides: str) -> Any:
    """Post the moderator's blind judgements: ``value`` for every key question but those
    given in ``overrides`` (as ``{"judgement-2.1.1": "no"}``)."""
    data = {"action": "judge", **{f"judgement-{kq}": value for kq in KEY_QUESTIONS}}
    data.update(overrides)
    return client.post(reverse("quality:moderate", args=[assessment.pk]), data)


def moderate_all(inspection: Inspection, team: dict[str, Any], differ_on: int) -> None:
    """Moderate every queued case; the QA inspector disagrees on 2.1.1 of the first N."""
    qa = signed_in(team["qa"])
    qa.get(reverse("quality:queue", args=[inspection.pk]))
    for number, entry in enumerate(QueueEntry.objects.order_by("id")):
        mine = {kq: entry.assessment.answers.get(question_id=kq).value for kq in KEY_QUESTIONS}
        if number < differ_on:
            mine["2.1.1"] = "no" if mine["2.1.1"] == "yes" else "yes"
        judge(qa, entry.assessment, "yes", **{f"judgement-{k}": v for k, v in mine.items()})
        qa.post(reverse("quality:moderate", args=[entry.assessment.pk]),
                {"action": "verdict", "return": "no", "comment": ""})


def docx_bytes() -> bytes:
    """The smallest file the evidence upload takes as a Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def upload_document(client: Client, inspection: Inspection, name: str, content: bytes) -> Any:
    """Post an evidence document (a business plan) to the new-document page."""
    return client.post(reverse("quality:document-new", args=[inspection.pk]), {
        "title": "Business plan", "document_type": "strategy-or-business-plan",
        "file": SimpleUploadedFile(name, content)})


# Reports


def report_url(name: str, inspection: Inspection, **kwargs: Any) -> str:
    """The address of the report page ``reports:<name>`` of the inspection."""
    return reverse(f"reports:{name}", kwargs={"pk": inspection.pk, **kwargs})


def move_report(client: Client, inspection: Inspection, state: str) -> Any:
    """Move the report on from ``state`` (the state the page showed)."""
    return client.post(report_url("move", inspection), {"from": state})


# Case lists for any framework's sample types

#: A value for each case-list field a generated list may need (the first of each for a field
#: a filter does not choose).
_FIELD_VALUES: dict[str, tuple[str, ...]] = {
    "gender": ("Male", "Female"), "disposal": ("Community order", "Licence"),
    "rosh": ("Low", "Medium", "High"), "organisation": ("NPS",),
    "delivery_unit": ("North", "South"), "office": ("Central",), "officer_grade": ("PO", "PSO"),
    "upw_hours": ("120",), "releasing_prison": ("HMP Leeds",),
}


def case_list_for(definition: SampleTypeDefinition, fieldwork_start: dt.date, cases: int,
                  seed: int) -> tuple[bytes, int]:
    """A CSV case list with a column for every field the framework's sample type needs (headed
    as the reader knows it), and how many of its cases the definition makes eligible: most
    fall inside its window and filters, every fifth starts too recently and, where there is a
    filter, every seventh of the others has a value it leaves out."""
    chooser = random.Random(f"{definition.id}:{seed}")
    window = definition.eligibility
    earliest, latest = window.bounds(fieldwork_start)
    first = earliest or latest - dt.timedelta(days=60)
    span = (latest - first).days
    filters = {item.field: item for item in window.filters}
    eligible = 0
    rows = []
    for number in range(1, cases + 1):
        too_recent = number % 5 == 0
        filtered_out = bool(filters) and not too_recent and number % 7 == 0
        row: list[str] = []
        for name in definition.fields:
            if name == "crn":
                row.append(f"G{seed % 100:02d}{number:05d}")
            elif name == window.date_field:
                day = (latest + dt.timedelta(days=1 + chooser.randrange(20)) if too_recent
                       else first + dt.timedelta(days=chooser.randrange(span + 1)))
                row.append(day.isoformat())
            elif name in ("start_date", "upw_start_date", "release_date"):
                row.append(latest.isoformat())
            elif name in filters:
                allowed = filters[name].values
                if filtered_out:
                    # A valid value the filter leaves out: another category, or other text.
                    kind = CATEGORIES.get(Field(name))
                    candidates = [m.value for m in kind] if kind else ["Elsewhere"]
                    row.append(next(v for v in candidates if v not in allowed))
                else:
                    row.append(chooser.choice(allowed))
            else:
                row.append(chooser.choice(_FIELD_VALUES[name]))
        eligible += not (too_recent or filtered_out)
        rows.append(row)
    headers = [DEFAULT_HEADERS[Field(name)][0] for name in definition.fields]
    return reader_input_csv(headers, rows).encode("utf-8"), eligible


def upload_case_list_for(client: Client, inspection: Inspection, sample_type: str,
                         content: bytes, name: str = "cases.csv") -> Any:
    """Post a case list of ``sample_type`` (any id the inspection's framework declares) to the
    upload page."""
    return client.post(
        reverse("casework:upload", args=[inspection.pk, sample_type]),
        {"case_list": SimpleUploadedFile(name, content, content_type="text/csv")},
    )
