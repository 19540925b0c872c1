"""``probation-inspection report --format annexe-html / annexe-xlsx``: the data annexe."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.cli.app import EXIT_BAD_INPUT
from probation_inspection.reporting.annexe import PROFILE_HEADER, SHEETS

RUNNER = CliRunner()


def test_the_annexe_page_goes_to_standard_output() -> None:
    result = RUNNER.invoke(app, ["report", "demo:wales", "--format", "annexe-html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    for title in SHEETS:
        assert title in result.stdout


def test_the_annexe_workbook_needs_out_and_then_is_written(tmp_path: Path) -> None:
    refused = RUNNER.invoke(app, ["report", "demo:wales", "--format", "annexe-xlsx"])
    assert refused.exit_code == EXIT_BAD_INPUT
    assert "give --out PATH" in refused.output
    out = tmp_path / "annexe.xlsx"
    result = RUNNER.invoke(app, ["report", "demo:wales", "--format", "annexe-xlsx",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert [name for name in workbook.sheetnames if name in SHEETS] == list(SHEETS)
    profile = workbook["Sample profile"]
    assert tuple(cell.value for cell in profile[3]) == PROFILE_HEADER
