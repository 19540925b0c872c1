"""Every command that takes a framework, given a provider's own framework FILE written in the
test's temporary folder (outside the repository): three key questions, its own bands and words,
a decimal attribute and a sample type of its own. No code knows of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.framework import load_framework_file

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}

OWN = """\
id: acme-own-audit
version: "2026.2"
title: Acme Probation Services own casework audit
terms: {person: client, people: clients}
attributes:
  - {name: rosh_issues, type: boolean, label: Risk of serious harm issues apply}
  - {name: ogrs, type: decimal, label: OGRS score, min: 0, max: 99.9}
sample_types:
  - id: home-visits
    label: Home visits
    fields: [crn, gender, start_date]
    eligibility: {date: start_date, from: 6 months, to: 1 month}
    strata: [gender]
rating:
  labels: [Red, Amber, Green]
  percentage_bands:
    - {label: Red, minimum: 0, maximum: 59}
    - {label: Amber, minimum: 60, maximum: 79}
    - {label: Green, minimum: 80, maximum: 100}
  scores: {Red: 0, Amber: 1, Green: 2}
  overall_bands:
    - {label: Red, minimum: 0, maximum: 2}
    - {label: Amber, minimum: 3, maximum: 4}
    - {label: Green, minimum: 5, maximum: 6}
domains:
  - id: A
    title: Casework
    standards:
      - id: A.1
        title: Assessment
        statement: Assessment is analytical and personalised.
        rating_method: lowest-key-question
        sample_type: home-visits
        key_questions:
          - {id: A.1.1, text: "Is the assessment sufficiently analytical?"}
      - id: A.2
        title: Planning
        statement: Planning keeps other people safe.
        rating_method: lowest-key-question
        sample_type: home-visits
        key_questions:
          - {id: A.2.1, text: "Does planning address the likelihood of reoffending?",
             relevance: "ogrs >= 50.5"}
      - id: A.3
        title: Reviewing
        statement: Reviewing keeps the plan up to date.
        rating_method: lowest-key-question
        sample_type: home-visits
        key_questions:
          - {id: A.3.1, text: "Does reviewing keep other people safe?", relevance: rosh_issues}
"""


@pytest.fixture
def own(tmp_path: Path) -> Path:
    path = tmp_path / "provider" / "acme-own-audit.yaml"
    path.parent.mkdir()
    path.write_text(OWN, encoding="utf-8")
    return path


def _run(*args: str) -> Any:
    return RUNNER.invoke(app, list(args), env=WIDE)


def _inspection(framework: dict[str, str]) -> dict[str, Any]:
    """An inspection-input file of six home-visit cases under the provider's framework."""
    cases = []
    for n in range(6):
        cases.append({
            "case_id": f"C{n}",
            "answers": {"A.1.1": "yes" if n < 5 else "no",
                        "A.2.1": ("yes" if n % 2 else "no") if n < 4 else "not-relevant",
                        "A.3.1": "yes" if n < 4 else "not-relevant"},
            "attributes": {"rosh_issues": n < 4, "ogrs": "62.5" if n < 4 else "12.0"},
        })
    return {
        "format": "probation-inspection/inspection-input", "version": 1,
        "provider": "Acme Probation Services", "title": "Casework audit, spring 2026",
        "fieldwork_start": "2026-04-13", "publication": "May 2026",
        "team": {"lead_inspector": "A Lead", "programme_manager": "A Manager",
                 "chief_inspector": "A Chief", "inspectors": ["An Auditor"]},
        "framework": framework,
        "samples": [{"sample_type": "home-visits", "size": 6, "assessments": cases}],
    }


def _said(result: Any) -> str:
    """What the command wrote on stderr, with the terminal's line wrapping undone."""
    return " ".join(result.stderr.split())


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_framework_file_validates_and_round_trips_as_a_workbook(own: Path,
                                                                     tmp_path: Path) -> None:
    assert _run("frameworks", "validate", str(own)).exit_code == 0
    workbook = tmp_path / "own.xlsx"
    assert _run("frameworks", "export", str(own), "--format", "xlsx", "--out",
                str(workbook)).exit_code == 0
    assert load_framework_file(workbook) == load_framework_file(own)
    listed = _run("frameworks", "show", str(workbook))
    assert listed.exit_code == 0 and "home-visits sample" in listed.stdout


def test_rate_takes_the_file_from_the_option_or_from_the_input(own: Path,
                                                               tmp_path: Path) -> None:
    published = {"provider": "Acme", "key_questions": {"A.1.1": 83, "A.2.1": 50, "A.3.1": 100},
                 "standards": {"A.1": "Green", "A.2": "Red", "A.3": "Green"},
                 "overall": "Amber"}
    by_option = _run("rate", str(_write(tmp_path / "in.json", published)), "--framework",
                     str(own), "--json")
    assert by_option.exit_code == 0, by_option.output
    report = json.loads(by_option.stdout)["reports"][0]
    assert (report["score"], report["max_score"], report["overall"]) == (4, 6, "Amber")
    assert report["findings"] == []
    # The input names its framework file, relative to the input: no --framework needed.
    named = _write(own.parent / "named.json",
                   {**published, "framework": "acme-own-audit.yaml"})
    by_input = _run("rate", str(named), "--json")
    assert by_input.exit_code == 0, by_input.output
    assert json.loads(by_input.stdout) == json.loads(by_option.stdout)


def test_rate_without_any_framework_says_how_to_name_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.json", {"provider": "Acme", "key_questions": {},
                                         "standards": {}})
    result = _run("rate", str(path))
    assert result.exit_code == 2
    assert "no framework named: give --framework ID_OR_FILE" in _said(result)


def test_rate_refuses_an_input_and_option_that_disagree(own: Path, tmp_path: Path) -> None:
    path = _write(own.parent / "in.json", {"provider": "Acme", "key_questions": {},
                                           "standards": {}, "framework": "hmip-crc-2018"})
    result = _run("rate", str(path), "--framework", str(own))
    assert result.exit_code == 2
    assert "the input names framework hmip-crc-2018 2018.1, but --framework gives " \
           "acme-own-audit 2026.2" in _said(result)


def test_report_reads_an_input_whose_framework_file_it_names(own: Path) -> None:
    path = _write(own.parent / "audit.json", _inspection(
        {"id": "acme-own-audit", "version": "2026.2", "file": "acme-own-audit.yaml"}))
    result = _run("report", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    model = json.loads(result.stdout)
    text = json.dumps(model)
    assert "Acme Probation Services" in text
    assert "service user" not in text
    html = _run("report", str(path), "--format", "html")
    assert html.exit_code == 0, html.output
    assert "Assessment" in html.stdout and "Planning" in html.stdout


def test_report_takes_the_framework_file_from_the_option(own: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "audit.json",
                  _inspection({"id": "acme-own-audit", "version": "2026.2"}))
    missing = _run("report", str(path), "--format", "json")
    assert missing.exit_code == 2
    assert "no shipped framework 'acme-own-audit'" in _said(missing)
    assert "--framework FILE" in _said(missing)
    given = _run("report", str(path), "--format", "json", "--framework", str(own))
    assert given.exit_code == 0, given.output
    wrong = _run("report", str(path), "--format", "json", "--framework", "hmip-pdu-2023")
    assert wrong.exit_code == 2
    assert "made under framework acme-own-audit 2026.2, not hmip-pdu-2023" in _said(wrong)


def test_report_refuses_a_sample_type_the_framework_does_not_declare(own: Path) -> None:
    document = _inspection({"id": "acme-own-audit", "version": "2026.2",
                            "file": "acme-own-audit.yaml"})
    document["samples"][0]["sample_type"] = "case-supervision"
    result = _run("report", str(_write(own.parent / "bad.json", document)), "--format", "json")
    assert result.exit_code == 2
    assert "'case-supervision' is not a known sample type of acme-own-audit (declared: " \
           "home-visits)" in _said(result)


def test_compare_of_records_under_a_framework_that_is_not_shipped_needs_its_file(
        own: Path, tmp_path: Path) -> None:
    records = _write(tmp_path / "records.json", [{
        "provider": "Acme", "framework": "acme-own-audit", "overall": "Amber",
        "standards": {"A.1": "Green"}, "key_questions": {"A.1.1": 83}}])
    result = _run("compare", str(records))
    assert result.exit_code == 2
    assert "made under acme-own-audit, which is not a shipped framework: give its file " \
           "with --framework FILE" in _said(result)
