"""Importing published reports as a background job (issue 15): the import page stages the
uploaded files under the jobs' private folder and starts a job; the work here reads them one
at a time, each within the untrusted-file limits, into the store, and lists what became of
each file on the job's page.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.web.benchmarking.comparison import rated_frameworks_by_key
from probation_inspection.web.benchmarking.models import Outcome
from probation_inspection.web.benchmarking.store import StoreResult, store_report
from probation_inspection.web.jobs import runner
from probation_inspection.web.jobs.models import Job
from probation_inspection.web.jobs.runner import JobFailed, Output, Progress

#: The outcome column's colour on the job's page: green read, grey already there, red refused.
OK = {Outcome.READ: "yes", Outcome.ALREADY_IMPORTED: "same"}


def import_params(files: list[tuple[str, str]], framework_key: str) -> dict[str, Any]:
    """What the work needs: each file's name and staged name, and the framework's key."""
    return {"framework": framework_key,
            "files": [{"name": name, "staged": staged} for name, staged in files]}


def outcome_row(result: StoreResult) -> dict[str, Any]:
    """One file's row on the job's page (the import page's table, as it was)."""
    return {
        "item": result.file_name,
        "outcome": result.outcome.value,
        "outcome_label": str(result.outcome.label),
        "ok": OK.get(result.outcome, "no"),
        "provider": result.provider,
        "detail": result.message or (", ".join(result.missing) or "Nothing missing"),
    }


def import_reports(job: Job, progress: Progress) -> Output:
    """Read each staged report into the store, one file at a time, with progress."""
    key = str(job.params.get("framework", ""))
    framework = rated_frameworks_by_key().get(key)
    if framework is None:
        raise JobFailed(f"The framework {key} is no longer in the library; import the reports "
                        "again under one that is.")
    files = [item for item in job.params.get("files") or [] if isinstance(item, dict)]
    total = len(files)
    results: list[StoreResult] = []
    for done, item in enumerate(files):
        name = str(item.get("name") or "report")
        progress(done, total, f"Reading {name}")
        path = runner.staged_path(str(item.get("staged", "")))
        try:
            data = path.read_bytes()
        except OSError:
            results.append(StoreResult(name, Outcome.FAILED, message=(
                f"{name}: the uploaded file was no longer there to read; upload it again")))
            continue
        finally:
            path.unlink(missing_ok=True)
        results.append(store_report(data, name, framework, by=job.started_by))
    progress(total, total, "Reports read")
    read = sum(r.outcome == Outcome.READ for r in results)
    words = f"{read} of {total} report{'s' if total != 1 else ''} imported"
    refused = sum(r.outcome in (Outcome.NOT_RATED, Outcome.FAILED) for r in results)
    if refused:
        words += f"; {refused} could not be imported (see below)"
    return Output(summary=words, outcomes=tuple(outcome_row(r) for r in results))
