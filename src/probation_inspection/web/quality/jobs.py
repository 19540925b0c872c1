"""The agreement exports (CSV, XLSX) as background jobs (issue 15): percent agreement and
Cohen's kappa over every moderated case, built in a worker and kept on the job's page.
"""

from __future__ import annotations

from probation_inspection.tabular import csv_text, record_rows, xlsx_bytes
from probation_inspection.web.jobs.models import Job
from probation_inspection.web.jobs.runner import JobFailed, Output, Progress
from probation_inspection.web.quality.agreement_views import COLUMNS, agreement_rows

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def agreement_file(job: Job, progress: Progress) -> Output:
    inspection = job.inspection
    fmt = str(job.params.get("fmt"))
    if inspection is None or fmt not in TYPES:
        raise JobFailed("This agreement export names no inspection or no known format.")
    progress(0, 2, "Pairing inspectors' and QA judgements")
    rows = record_rows(COLUMNS, agreement_rows(inspection))
    progress(1, 2, "Writing the export")
    # Inspector names come from users: `tabular` keeps a formula-led name inert.
    content = (csv_text(COLUMNS, rows).encode("utf-8") if fmt == "csv"
               else xlsx_bytes([("Agreement", COLUMNS, rows)]))
    progress(2, 2, "Done")
    return Output(content, f"agreement-{inspection.pk}.{fmt}", TYPES[fmt])
