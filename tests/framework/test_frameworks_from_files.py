"""``frameworks list --json`` and framework files wherever a framework id is taken.

A file path (or a name ending .yaml/.yml) is read as a file; anything else is a shipped id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import probation_inspection.cli.frameworks  # noqa: F401  (registers the commands)
from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework import (
    FrameworkError,
    UnknownFramework,
    is_framework_file,
    load_framework_reference,
)

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = FRAMEWORKS / "valid-minimal.yaml"
runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["frameworks", *args], env={"COLUMNS": "200"})


def test_list_json_gives_each_framework_its_maximum_and_standards() -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    frameworks = {f["id"]: f for f in json.loads(result.stdout)["frameworks"]}
    crc = frameworks["hmip-crc-2018"]
    assert list(crc) == ["id", "version", "title", "max_score", "standards"]
    assert (crc["version"], crc["max_score"]) == ("2018.1", 30)
    assert [s["id"] for s in crc["standards"]] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2",
    ]  # fmt: skip
    assert crc["standards"][0] == {"id": "1.1", "title": "Leadership",
                                   "rating_method": "judgement", "scored": True}
    assert {s["rating_method"] for s in crc["standards"]} == {"judgement",
                                                              "lowest-key-question"}
    assert all(s["scored"] for s in crc["standards"])
    thematic = frameworks["hmip-tr-ei5-2016"]
    assert thematic["max_score"] is None
    assert {(s["rating_method"], s["scored"]) for s in thematic["standards"]} == {
        ("unrated", False)
    }


def test_show_takes_a_file_and_says_what_is_not_scored(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8").replace(
        "        rating_method: judgement\n",
        "        rating_method: judgement\n        scored: false\n").replace(
        "    - {label: High, minimum: 1, maximum: 2}", "    - {label: High, minimum: 1, maximum: 1}"
    ).replace("breakdowns:", "  minimum_relevant_cases_to_rate: 4\nbreakdowns:", 1)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("show", str(path))
    assert result.exit_code == 0, result.output
    assert "1.1. Leadership (judgement, not scored)" in result.stdout
    assert "1.2. Planning (lowest-key-question, case-supervision sample, rated from 4 relevant " \
           "cases)" in result.stdout
    result = run("show", str(path), "--json")
    assert json.loads(result.stdout)["max_score"] == 1


def test_show_a_broken_file_lists_its_problems_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.read_text(encoding="utf-8").replace(
        "rating_method: judgement", "rating_method: vibes"), encoding="utf-8")
    result = run("show", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    assert f"{path}:31: FW106 invalid-value 1.1: 'rating_method' is 'vibes'" in result.stderr
    result = run("show", str(tmp_path / "absent.yml"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "FW000 unreadable-file" in result.stderr


def test_a_reference_is_a_file_by_its_path_or_suffix_and_an_id_otherwise() -> None:
    assert is_framework_file("mine.yaml") and is_framework_file("dir/mine")
    assert is_framework_file(str(VALID))
    assert not is_framework_file("hmip-crc-2018")
    assert load_framework_reference(str(VALID)).id == "tiny"
    assert load_framework_reference("hmip-crc-2018").id == "hmip-crc-2018"
    with pytest.raises(UnknownFramework, match="holds version '1' of 'tiny', not '2'"):
        load_framework_reference(str(VALID), "2")
    with pytest.raises(UnknownFramework, match="no shipped framework 'nope'"):
        load_framework_reference("nope")
    with pytest.raises(FrameworkError):
        load_framework_reference("nope.yaml")
