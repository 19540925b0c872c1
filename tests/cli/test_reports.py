"""Tests for ``probation-inspection report`` and ``demo wales``: outputs, files and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.cli.app import EXIT_BAD_INPUT

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}


def _wales(fixtures: Path) -> dict[str, Any]:
    records: list[dict[str, Any]] = json.loads(
        (fixtures / "published-results.json").read_text(encoding="utf-8"))
    return next(record for record in records if record["seed"].startswith("000_"))


@pytest.fixture(scope="module")
def saved_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("input") / "wales.json"
    result = RUNNER.invoke(app, ["demo", "wales", "--save-input", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    return path


def test_demo_wales_json_prints_the_model_with_the_published_results(fixtures: Path) -> None:
    result = RUNNER.invoke(app, ["demo", "wales", "--json"])
    assert result.exit_code == 0, result.output
    model = json.loads(result.stdout)
    expected = _wales(fixtures)
    assert model["summary_of_ratings"] == {"overall": expected["overall"],
                                           "standards": expected["standards"]}
    assert model["annex"] == expected["key_questions"]


def test_demo_wales_prints_a_ratings_table(saved_input: Path) -> None:
    result = RUNNER.invoke(app, ["demo", "wales"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "overall Requires improvement" in result.stdout
    assert "2.2.1=61 2.2.2=64 2.2.3=48" in result.stdout


def test_report_json_without_out_prints_the_model(saved_input: Path) -> None:
    result = RUNNER.invoke(app, ["report", "demo:wales", "--format", "json"])
    assert result.exit_code == 0, result.output
    model = json.loads(result.stdout)
    assert model["annex"]["2.4.3"] == 54
    assert model["sections"][0] == "Foreword"


def test_report_from_an_input_file_equals_the_demo(saved_input: Path) -> None:
    from_file = RUNNER.invoke(app, ["report", str(saved_input), "--format", "json"])
    from_demo = RUNNER.invoke(app, ["report", "demo:wales", "--format", "json"])
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == json.loads(from_demo.stdout)


def test_report_html_is_written_to_out(saved_input: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = RUNNER.invoke(app, ["report", str(saved_input), "--format", "html", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'id="annex-results"' in html


def test_report_csv_gives_the_results_or_with_a_key_the_cases(
    saved_input: Path, tmp_path: Path
) -> None:
    result = RUNNER.invoke(app, ["report", str(saved_input), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert next(r for r in rows if r["id"] == "4.2.3")["percent"] == "50"
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123\n")
    cases = RUNNER.invoke(app, ["report", str(saved_input), "--format", "csv",
                                "--pseudonym-key-file", str(key)])
    assert cases.exit_code == 0, cases.output
    assert cases.stdout.startswith("case,sample_type,")
    references = [c["case_id"] for s in json.loads(saved_input.read_text())["samples"]
                  for c in s["assessments"]]
    assert not any(reference in cases.stdout for reference in references)


def test_report_xlsx_needs_out_and_then_writes_the_workbook(
    saved_input: Path, tmp_path: Path
) -> None:
    refused = RUNNER.invoke(app, ["report", str(saved_input), "--format", "xlsx"])
    assert refused.exit_code == EXIT_BAD_INPUT
    assert "give --out PATH" in refused.output
    out = tmp_path / "results.xlsx"
    result = RUNNER.invoke(app, ["report", str(saved_input), "--format", "xlsx", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["Results", "Prompts", "Breakdowns"]


@pytest.mark.slow
def test_report_pdf_writes_a_pdf(saved_input: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = RUNNER.invoke(app, ["report", str(saved_input), "--format", "pdf", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "line 1, column 2: not valid JSON"),
    ('{"format": "x"}', "not an inspection-input file"),
    ("[]", "expected an object"),
])
def test_bad_input_files_exit_2_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = RUNNER.invoke(app, ["report", str(path), "--format", "json"], env=WIDE)
    assert result.exit_code == EXIT_BAD_INPUT
    assert str(path) in result.output and message in result.output


def test_an_answer_the_relevance_rules_forbid_exits_2(saved_input: Path, tmp_path: Path) -> None:
    data = json.loads(saved_input.read_text(encoding="utf-8"))
    case = next(c for c in data["samples"][0]["assessments"]
                if not c["attributes"]["rosh_issues"])
    case["answers"]["2.2.3"] = "yes"
    path = tmp_path / "forbidden.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = RUNNER.invoke(app, ["report", str(path), "--format", "json"], env=WIDE)
    assert result.exit_code == EXIT_BAD_INPUT
    assert f"{case['case_id']}, question 2.2.3" in result.output


@pytest.mark.parametrize(("arguments", "message"), [
    (["report", "demo:kent", "--format", "json"], "unknown demo 'kent'"),
    (["report", "missing.json", "--format", "json"], "missing.json: cannot read the file"),
])
def test_unknown_inspections_exit_2(arguments: list[str], message: str) -> None:
    result = RUNNER.invoke(app, arguments, env=WIDE)
    assert result.exit_code == EXIT_BAD_INPUT
    assert message in result.output


def test_an_empty_key_file_exits_2(saved_input: Path, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"")
    result = RUNNER.invoke(app, ["report", str(saved_input), "--format", "csv",
                                 "--pseudonym-key-file", str(key)], env=WIDE)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "key file is empty" in result.output


def test_compare_charts_the_provider_against_saved_published_records(
    fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("002_0b169877a59b4ecc.txt", "004_9bb6883ac686527f.txt"):
        (folder / name).write_bytes((fixtures / "reports" / name).read_bytes())
    records = tmp_path / "records.json"
    imported = RUNNER.invoke(app, ["import-reports", *CRC, str(folder), "--out", str(records)],
                             env=WIDE)
    assert imported.exit_code == 0, imported.output
    result = RUNNER.invoke(app, ["report", "demo:wales", "--format", "json", "--compare",
                                 str(records)])
    assert result.exit_code == 0, result.output
    comparisons = json.loads(result.stdout)["comparisons"]
    assert len(comparisons) == 2
    assert all(len(c["percents"]) == 19 for c in comparisons)
    html = tmp_path / "report.html"
    RUNNER.invoke(app, ["report", "demo:wales", "--format", "html", "--out", str(html),
                        "--compare", str(records)])
    assert "Compared with other inspections" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "cannot read saved records"),
    ('[{"key_questions": "x"}]', "record 1: not a saved report record"),
])
def test_compare_with_a_bad_records_file_exits_2(
    tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "records.json"
    bad.write_text(content, encoding="utf-8")
    result = RUNNER.invoke(app, ["report", "demo:wales", "--format", "json", "--compare",
                                 str(bad)], env=WIDE)
    assert result.exit_code == EXIT_BAD_INPUT
    assert str(bad) in result.output and message in result.output
