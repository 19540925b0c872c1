"""Tests for import-report, import-reports and compare on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}
REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"


def _expected() -> list[dict[str, Any]]:
    results = Path(__file__).parent.parent / "fixtures" / "published-results.json"
    entries: list[dict[str, Any]] = json.loads(results.read_text(encoding="utf-8"))
    return entries


def _thematic() -> Path:
    rated = {entry["seed"] for entry in _expected()}
    (path,) = [p for p in sorted(REPORTS.glob("*.txt")) if p.name not in rated]
    return path


@pytest.mark.parametrize("entry", _expected(), ids=lambda e: e["seed"][:3])
def test_import_report_json_prints_the_issue_document(entry: dict[str, Any]) -> None:
    result = RUNNER.invoke(app, ["import-report", *CRC, str(REPORTS / entry["seed"]), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {
        "provider", "published", "lead_inspector", "overall", "standards", "key_questions",
        "discretion", "samples", "interviews", "meetings", "contextual_facts",
        "recommendations", "findings", "missing",
    }  # fmt: skip
    assert document["provider"] == entry["provider"]
    assert document["standards"] == entry["standards"]
    assert document["key_questions"] == entry["key_questions"]
    assert document["samples"] == entry["samples"]
    assert [d["standard"] for d in document["discretion"]] == [
        d["standard"] for d in entry["discretion"]
    ]
    assert document["findings"] == [
        {"standard": d["standard"], "kind": "footnoted-discretion", "published": d["to"],
         "computed": d["from"]}
        for d in entry["discretion"]
    ]  # fmt: skip


def test_import_report_summary_is_readable() -> None:
    (entry,) = [e for e in _expected() if e["discretion"]]
    result = RUNNER.invoke(app, ["import-report", *CRC, str(REPORTS / entry["seed"])], env=WIDE)
    assert result.exit_code == 0, result.output
    assert entry["provider"] in result.stdout
    assert f"Overall: {entry['overall']}" in result.stdout
    assert "Finding footnoted-discretion: 2.2" in result.stdout


def test_missing_fields_are_listed_in_the_summary() -> None:
    (entry,) = [e for e in _expected() if " " not in e["published"]]
    result = RUNNER.invoke(app, ["import-report", *CRC, str(REPORTS / entry["seed"])], env=WIDE)
    assert "Missing: published, contextual_facts" in result.stdout


def test_thematic_report_exits_2_with_the_message() -> None:
    path = _thematic()
    result = RUNNER.invoke(app, ["import-report", *CRC, str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path.name}: not a rated inspection report" in result.stderr


def test_unknown_framework_exits_2() -> None:
    path = REPORTS / _expected()[0]["seed"]
    result = RUNNER.invoke(app, ["import-report", str(path), "--framework", "no-such"])
    assert result.exit_code == 2
    assert "no-such" in result.stderr


def test_import_reports_summarises_and_saves_idempotently(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(REPORTS, folder)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "records.json"
    result = RUNNER.invoke(app, ["import-reports", *CRC, str(folder), "--out", str(out)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "read: 3; already imported: 0; not rated: 1; failed: 1" in result.stdout
    assert "published, contextual_facts" in result.stdout
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert len(saved) == 3
    assert all(len(record["provenance"]["sha256"]) == 64 for record in saved)
    again = RUNNER.invoke(app, ["import-reports", *CRC, str(folder), "--out", str(out)], env=WIDE)
    assert "read: 0; already imported: 3" in again.stdout
    assert json.loads(out.read_text(encoding="utf-8")) == saved


def test_import_reports_refuses_a_file_for_a_folder(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["import-reports", *CRC, str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_compare_over_saved_records_and_report_files(tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    RUNNER.invoke(app, ["import-reports", *CRC, str(REPORTS), "--out", str(out)])
    first = REPORTS / _expected()[0]["seed"]
    result = RUNNER.invoke(app, ["compare", *CRC, str(out), str(first), "--mark", "Humberside",
                                 "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    # The report file given again is the saved record, not a second inspection.
    assert len(document["league_table"]) == 3
    assert [row["score"] for row in document["league_table"]] == [12, 11, 9]
    assert document["marked"].startswith("Humberside")
    assert document["ratings_by_standard"]["4.2"]["Inadequate"] == 2
    kq = {row["key_question"]: row for row in document["key_questions"]}
    assert kq["4.2.1"]["marked"] == 81 and kq["4.2.1"]["marked_rank"] == 1
    assert kq["2.2.3"]["pooled"] is None
    assert kq["2.1.1"]["pooled_inspections"] == 3
    assert document["changes"] == []


def test_compare_prints_tables() -> None:
    paths = [str(REPORTS / e["seed"]) for e in _expected()]
    result = RUNNER.invoke(app, ["compare", *CRC, *paths], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "League table by overall score" in result.stdout
    assert "Ratings per standard" in result.stdout


def test_compare_refuses_the_thematic_report() -> None:
    result = RUNNER.invoke(app, ["compare", *CRC, str(_thematic())])
    assert result.exit_code == 2
    assert "not a rated inspection" in result.stderr


def test_compare_refuses_a_malformed_saved_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = RUNNER.invoke(app, ["compare", *CRC, str(bad)])
    assert result.exit_code == 2
    assert "bad.json, record 1" in result.stderr
