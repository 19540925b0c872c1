"""The one task on the queue: run a job by its id. The work itself is the job's (runner.run).

One task for every kind of job keeps the queue's rows free of anything but an id.
"""

from __future__ import annotations

from django_tasks import task

from probation_inspection.web.jobs import runner


@task()
def run_job(job_id: int) -> str | None:
    state = runner.run(job_id)
    return state.value if state is not None else None
