"""``sample --framework``: a framework's own sample type, read from its file, is drawn."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.cli.app import EXIT_BAD_INPUT

YOUTH = Path(__file__).parents[1] / "fixtures" / "youth-out-of-court.yaml"
CASELISTS = Path(__file__).parents[1] / "fixtures" / "caselists"
runner = CliRunner()


def _youth_list(path: Path) -> Path:
    rows = ["CRN,Gender,Disposal,Start date"]
    disposals = ("Youth caution", "YCC", "Community resolution", "Referral order")
    for index in range(60):
        day = dt.date(2018, 5, 20) + dt.timedelta(days=index * 2)
        rows.append(f"Y{index:03d},{('Male', 'Female')[index % 2]},"
                    f"{disposals[index % 4]},{day.isoformat()}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_framework_files_own_sample_type_is_drawn(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sample", str(_youth_list(tmp_path / "youth.csv")),
                                 "--framework", str(YOUTH), "--type", "out-of-court",
                                 "--fieldwork-start", "2019-03-04", "--seed", "3", "--size", "8",
                                 "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["sample_size"], len(document["sample"])) == (8, 8)
    # Only the out-of-court disposals in the window, stratified by gender and disposal.
    assert {tuple(s["stratum"]) for s in document["strata"]} == {("gender", "disposal")}
    assert {s["stratum"]["disposal"] for s in document["strata"]} == {
        "youth-caution", "youth-conditional-caution", "community-resolution"}


def test_a_type_the_framework_does_not_declare_is_refused() -> None:
    result = runner.invoke(app, ["sample", str(CASELISTS / "case-supervision.csv"),
                                 "--framework", str(YOUTH), "--type", "case-supervision",
                                 "--fieldwork-start", "2019-03-04", "--seed", "1"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "not a sample type of the framework (declared: out-of-court)" in result.stderr
