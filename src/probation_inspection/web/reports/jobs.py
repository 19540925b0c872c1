"""The report's downloads as background jobs (issue 15): the aggregate export (PDF, XLSX, CSV,
JSON) and the case-level export, built in a worker and kept on the job's page.

The views check who may ask and which version they may see, then start the job; the work
here only builds the file from the ids and choices the view stored in the job.
"""

from __future__ import annotations

import json
from typing import Any

from probation_inspection.reporting import (
    ReportingError,
    build_report,
    cases_csv,
    render_pdf,
    render_xlsx,
    results_csv,
)
from probation_inspection.reporting.annexe import data_annexe, render_data_annexe_xlsx
from probation_inspection.scoring import ScoringError
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.jobs.models import Job
from probation_inspection.web.jobs.runner import JobFailed, Output, Progress
from probation_inspection.web.reports import services
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.keys import pseudonym_key
from probation_inspection.web.reports.models import ReportVersion

#: Each export format's type and extension (the report page's download formats).
FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    # The data annexe workbook published beside the report (`reporting.annexe`).
    "annexe-xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
#: The case-level export's formats (a row per case, keyed pseudonyms).
CASE_FORMATS = ("csv", "xlsx")
#: The words for each format on the job's page.
FORMAT_WORDS = {"pdf": "PDF", "xlsx": "Excel workbook", "csv": "CSV file", "json": "JSON file",
                "annexe-xlsx": "Data annexe workbook"}


def _inspection(job: Job) -> Inspection:
    if job.inspection is None:  # pragma: no cover - the views always give one
        raise JobFailed("This job belongs to no inspection.")
    return job.inspection


def report_params(fmt: str, version: ReportVersion | None, frozen: bool) -> dict[str, Any]:
    """What the work needs to build the same report the page showed: format and version."""
    return {"fmt": fmt, "version": version.number if frozen and version else None}


def report_file(job: Job, progress: Progress) -> Output:
    """The report's aggregate export in ``params["fmt"]``: a published version's snapshot when
    ``params["version"]`` names one, else the draft as it stands when the work runs."""
    inspection = _inspection(job)
    fmt, number = str(job.params["fmt"]), job.params.get("version")
    if fmt not in FORMATS:
        raise JobFailed(f"There is no {fmt!r} export of the report.")
    content_type, extension = FORMATS[fmt]
    steps = 3
    progress(0, steps, "Reading the inspection's answers")
    try:
        version = (ReportVersion.objects.get(inspection=inspection, number=number)
                   if number is not None else None)
        if fmt == "annexe-xlsx":
            # The annexe's figures come from the case answers, as the workbook's do.
            source = inspection_input(inspection)
            progress(1, steps, "Scoring the samples")
            progress(2, steps, "Writing the data annexe")
            content: bytes = render_data_annexe_xlsx(source)
        elif fmt == "xlsx":
            # The workbook's prompt, breakdown and interval sheets need the case answers.
            source = inspection_input(inspection)
            progress(1, steps, "Building the report")
            report = (services.snapshot_report(version) if version is not None
                      else build_report(source))
            progress(2, steps, "Writing the workbook")
            content = render_xlsx(source, report)
        else:
            report = (services.snapshot_report(version) if version is not None
                      else services.live_report(inspection))
            progress(1, steps, "Building the report")
            if fmt == "pdf":
                progress(2, steps, "Laying out the PDF (this is the long part)")
                # The data annexe, from the case answers as its page's, is the last annex.
                content = render_pdf(report, annexe=data_annexe(inspection_input(inspection)))
            elif fmt == "csv":
                content = results_csv(report).encode("utf-8")
            else:
                content = (json.dumps(report.to_json(), indent=2, ensure_ascii=False)
                           + "\n").encode("utf-8")
    except ReportVersion.DoesNotExist:
        raise JobFailed(f"Report version {number} no longer exists.") from None
    except (ReportingError, ScoringError) as error:
        raise JobFailed(f"The report cannot be built yet: {error}") from None
    progress(steps, steps, "Done")
    prefix = "data-annexe" if fmt == "annexe-xlsx" else "report"
    stem = f"{prefix}-{inspection.pk}" + (f"-v{number}" if number is not None else "-draft")
    return Output(content, f"{stem}.{extension}", content_type)


def case_file(job: Job, progress: Progress) -> Output:
    """Case-level data with keyed pseudonyms instead of case references (CSV or XLSX)."""
    inspection = _inspection(job)
    fmt = str(job.params["fmt"])
    if fmt not in CASE_FORMATS:
        raise JobFailed(f"There is no {fmt!r} case-level export.")
    progress(0, 2, "Reading the inspection's answers")
    source = inspection_input(inspection)
    progress(1, 2, "Writing the export")
    try:
        if fmt == "csv":
            content = cases_csv(source, pseudonym_key()).encode("utf-8")
        else:
            content = render_xlsx(source, build_report(source), key=pseudonym_key())
    except (ReportingError, ScoringError) as error:
        raise JobFailed(f"The case-level export cannot be built yet: {error}") from None
    progress(2, 2, "Done")
    return Output(content, f"cases-{inspection.pk}.{fmt}", FORMATS[fmt][0])
