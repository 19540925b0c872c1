"""One job through the real path: the page's work queued in a SQLite file database, and a
`manage.py db_worker` process (as `make run` starts beside the server) that takes it from the
queue, renders the Wales demo's PDF and stores it for download.

Everything runs in child processes against a fresh database in a temporary folder, so this
test shares nothing with the test database (and runs the same on a PostgreSQL test run).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]

START = """
from django.contrib.auth import get_user_model
from probation_inspection.web.inspections.models import Inspection, Role
from probation_inspection.web.jobs import runner
inspection = Inspection.objects.get(provider__name__startswith="Wales")
lead = inspection.team.get(role=Role.LEAD_INSPECTOR).user
job = runner.start(lead, kind="report-pdf", title="PDF of the report, version 1",
                   work="probation_inspection.web.reports.jobs.report_file",
                   params={"fmt": "pdf", "version": 1}, inspection=inspection)
print(job.pk, job.state)
"""


def _manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPOSITORY, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_a_worker_process_runs_a_queued_pdf_job(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "PROBATION_INSPECTION_TASK_BACKEND")}
    env["PROBATION_INSPECTION_VAR"] = str(tmp_path)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_wales_demo")
    job_id, state = _manage(env, "shell", "-v", "0", "-c", START).split()[-2:]
    assert state == "queued"  # the database backend queues; nothing ran in this process

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2",
         "--no-reload"],
        cwd=REPOSITORY, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    database = tmp_path / "probation-inspection.sqlite3"
    row: tuple[str, str, str, int] | None = None
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            with sqlite3.connect(database, timeout=20) as connection:
                row = connection.execute(
                    "select state, stored_name, error, size from jobs_job where id = ?",
                    (int(job_id),)).fetchone()
            if row is not None and row[0] in ("done", "failed"):
                break
            assert worker.poll() is None, worker.communicate()[0][-3000:]
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=60)[0]
    assert row is not None and row[0] == "done", (row, output[-3000:])
    _, stored_name, error, size = row
    pdf = tmp_path / "jobs" / stored_name
    assert error == "" and pdf.stat().st_size == size
    assert pdf.read_bytes().startswith(b"%PDF")
    assert oct(pdf.stat().st_mode)[-3:] == "600"
    # The worker stopped cleanly on SIGTERM, as `make run` stops it.
    assert worker.returncode == 0, output[-3000:]
