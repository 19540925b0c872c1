"""``probation-inspection report ID``: a database inspection built by the web's builder."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.cli.app import EXIT_BAD_INPUT
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports.models import ReportVersion

RUNNER = CliRunner()


def test_report_accepts_a_database_inspection_id(wales: Inspection) -> None:
    result = RUNNER.invoke(app, ["report", str(wales.pk), "--format", "json"])
    assert result.exit_code == 0, result.output
    model = json.loads(result.stdout)
    snapshot = ReportVersion.objects.get(inspection=wales).snapshot
    assert model["summary_of_ratings"] == snapshot["summary_of_ratings"]
    assert model["annex"] == snapshot["annex"]
    assert model["foreword"] == snapshot["foreword"]
    missing = RUNNER.invoke(app, ["report", str(wales.pk + 1000), "--format", "json"])
    assert missing.exit_code == EXIT_BAD_INPUT
    assert f"inspection {wales.pk + 1000}: no such inspection" in missing.output
