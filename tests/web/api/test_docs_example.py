"""docs/api.md's worked example, run exactly as written (its first Python block, in a fresh
interpreter) against a live server: it pushes a case list, draws a sample and pulls results;
the second block exports the report through a background job it polls."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import factories
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection

DOC = Path(__file__).parents[3] / "docs" / "api.md"


def example(number: int = 0) -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return blocks[number]


@pytest.mark.slow
def test_the_worked_example_runs(transactional_db: None, live_server: Any,
                                 inspection: Inspection, users: dict[str, Any],
                                 token_for: Callable[..., str], tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_bytes(case_list_csv(inspection.fieldwork_start, 150, seed=3))
    env = {**os.environ, "PIP_BASE": live_server.url, "PIP_TOKEN": token_for(users["lead"]),
           "PIP_INSPECTION": str(inspection.pk), "PIP_CASE_LIST": str(cases)}
    ran = subprocess.run([sys.executable, "-c", example()], env=env, capture_output=True,
                         text=True, timeout=300, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "150 cases imported" in ran.stdout
    sample = Sample.objects.get(inspection=inspection)
    assert f"sample of {sample.size} from {sample.eligible} eligible cases" in ran.stdout
    assert "case-supervision: 0 assessments submitted" in ran.stdout
    assert "2.1.1: " in ran.stdout


@pytest.mark.slow
def test_the_export_example_runs(transactional_db: None, live_server: Any,
                                 published_stage: factories.Staged,
                                 token_for: Callable[..., str], tmp_path: Path) -> None:
    inspection = published_stage.inspection
    env = {**os.environ, "PIP_BASE": live_server.url,
           "PIP_TOKEN": token_for(published_stage.team["lead"]),
           "PIP_INSPECTION": str(inspection.pk)}
    # The export is written to the working folder, as the example says.
    ran = subprocess.run([sys.executable, "-c", example(1)], env=env, capture_output=True,
                         text=True, timeout=300, check=False, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    exported = tmp_path / f"report-{inspection.pk}-v1.csv"
    assert f"{exported.name}: {exported.stat().st_size} bytes" in ran.stdout
