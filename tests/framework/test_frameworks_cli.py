"""The ``frameworks`` commands: list, show (table and JSON) and validate, with exit statuses.

Run through Typer's CliRunner against the one application.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import probation_inspection.cli.frameworks  # noqa: F401  (registers the commands)
from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework.library import library_directory

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["frameworks", *args], env={"COLUMNS": "200"})


def test_list_shows_each_shipped_framework_with_its_size() -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    assert "hmip-crc-2018" in result.stdout
    assert "2018.1" in result.stdout
    assert "10 standards, 19 key questions, 96 prompts" in result.stdout
    assert "hmip-tr-ei5-2016" in result.stdout


def test_show_prints_the_tree_and_the_bands() -> None:
    result = run("show", "hmip-crc-2018")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2.2. Planning (lowest-key-question, case-supervision sample)" in out
    assert "1.1. Leadership (judgement)" in out
    assert "relevant where: rosh_issues" in out
    assert "4.2. Through the Gate (lowest-key-question, through-the-gate sample)" in out
    assert "Requires improvement" in out and "50-64" in out and "6-15" in out


def test_show_unrated_framework_has_no_bands() -> None:
    result = run("show", "hmip-tr-ei5-2016", "--version", "2016.1")
    assert result.exit_code == 0, result.output
    assert "unrated" in result.stdout
    assert "Rating bands" not in result.stdout
    assert "4 reasons for insufficiency" in result.stdout


def test_show_json_is_one_document_with_everything() -> None:
    result = run("show", "hmip-crc-2018", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["id"] == "hmip-crc-2018" and document["rated"] is True
    standards = [s for d in document["domains"] for s in d["standards"]]
    assert len(standards) == 10
    planning = next(s for s in standards if s["id"] == "2.2")
    assert planning["key_questions"][2]["relevance"] == "rosh_issues"
    assert document["rating"]["scores"]["Good"] == 2


def test_show_unknown_framework_or_version_is_bad_input() -> None:
    result = run("show", "nope")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "no shipped framework 'nope'" in result.output
    result = run("show", "hmip-crc-2018", "--version", "1.0")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "no version '1.0'" in result.output


def test_validate_a_sound_file() -> None:
    result = run("validate", str(library_directory() / "hmip-crc-2018.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "OK: hmip-crc-2018 2018.1: 10 standards, 19 key questions, 96 prompts"
    )


def test_validate_prints_every_problem_and_exits_2() -> None:
    path = FRAMEWORKS / "many-problems.yaml"
    result = run("validate", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"{path}:3: FW105 wrong-type tiny: 'version' must be text; quote it ('1')",
        f"{path}:17: FW402 percentage-band-gap rating.percentage_bands[1]: "
        "no band holds 41-49 per cent",
        f"{path}:23: FW201 undeclared-attribute breakdowns[0]: breakdown by 'ethnicity', "
        "which is not a declared attribute",
        f"{path}:39: FW104 missing-wording 1.2.1: 'text' has no wording",
        f"{path}:44: FW301 relevance-syntax 1.2.1.p1: expected an attribute name or a value, "
        "found end of rule at column 16 of 'rosh_issues and'",
    ]


def test_validate_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent.yaml"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "FW000 unreadable-file" in result.stdout
