"""``frameworks list --file/--directory``: frameworks from files (such as those published in
the web app, which the command line cannot read from the database) listed beside the shipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

import probation_inspection.cli.frameworks  # noqa: F401  (registers the commands)
from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework import available_frameworks

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = FRAMEWORKS / "valid-minimal.yaml"
RUNNER = CliRunner()


def run(*args: str) -> Any:
    return RUNNER.invoke(app, ["frameworks", "list", *args], env={"COLUMNS": "200"})


def test_a_file_is_listed_beside_the_shipped_frameworks(tmp_path: Path) -> None:
    result = run("--file", str(VALID))
    assert result.exit_code == 0, result.output
    assert "tiny" in result.stdout and "hmip-crc-2018" in result.stdout
    # The From column names the file: on a terminal wide enough for the whole path (a clone in
    # a deep folder has a long one, which a narrower table wraps within its cell).
    wide = RUNNER.invoke(app, ["frameworks", "list", "--file", str(VALID)],
                         env={"COLUMNS": str(200 + len(str(VALID)))})
    assert str(VALID) in wide.stdout
    result = run("--json", "--file", str(VALID))
    listed = json.loads(result.stdout)["frameworks"]
    assert len(listed) == len(available_frameworks()) + 1
    assert [entry.get("file") for entry in listed][-1] == str(VALID)
    assert all("file" not in entry for entry in listed[:-1])
    assert listed[-1]["id"] == "tiny"


def test_a_directory_lists_its_framework_files_only(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.yml").write_text(
        VALID.read_text(encoding="utf-8").replace("id: tiny", "id: tiny-two", 1),
        encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a framework", encoding="utf-8")
    result = run("--json", "--no-shipped", "--directory", str(tmp_path))
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["frameworks"]
    assert [(entry["id"], Path(entry["file"]).name) for entry in listed] == [
        ("tiny-two", "a.yml"), ("tiny", "b.yaml")]


def test_without_files_the_listing_is_the_shipped_one() -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert "Shipped frameworks" in result.stdout and "From" not in result.stdout


def test_a_broken_file_or_a_missing_folder_exits_2_saying_why(tmp_path: Path) -> None:
    broken = FRAMEWORKS / "fw105-wrong-type.yaml"
    result = run("--file", str(broken))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "FW105" in result.stderr
    result = run("--directory", str(tmp_path / "absent"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "is not a folder" in result.stderr


def test_show_prints_the_framework_notes_and_where_the_others_are() -> None:
    result = RUNNER.invoke(app, ["frameworks", "show", "hmip-pdu-2021"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Notes (sources and what is provisional)" in result.stdout
    assert "PROVISIONAL (not stated by any source we hold" in result.stdout
    assert "Notes also on: sample type case-supervision, standard 1.1" in result.stdout
