"""Every command that takes a framework takes a file's path or id@version as well as an id,
through the one core resolver (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.framework.library import library_directory

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}
FIXTURES = Path(__file__).parent.parent / "fixtures"
REPORTS = FIXTURES / "reports"
TINY = FIXTURES / "frameworks" / "valid-minimal.yaml"


def _rated_reports() -> list[Path]:
    results = json.loads((FIXTURES / "published-results.json").read_text(encoding="utf-8"))
    return [REPORTS / entry["seed"] for entry in results]


@pytest.fixture
def own_copy(tmp_path: Path) -> Path:
    """The CRC framework as a file outside the library, as a provider would hold its own."""
    path = tmp_path / "our-framework.yaml"
    shutil.copyfile(library_directory() / "hmip-crc-2018.yaml", path)
    return path


@pytest.mark.parametrize("how", ["path", "id@version"])
def test_import_report_takes_a_framework_file_or_id_at_version(how: str, own_copy: Path) -> None:
    reference = str(own_copy) if how == "path" else "hmip-crc-2018@2018.1"
    report = _rated_reports()[0]
    by_id = RUNNER.invoke(app, ["import-report", *CRC, str(report), "--json"])
    result = RUNNER.invoke(app, ["import-report", str(report), "--json",
                                 "--framework", reference])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(by_id.stdout)


def test_import_reports_takes_a_framework_file(tmp_path: Path, own_copy: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in _rated_reports():
        shutil.copyfile(report, folder / report.name)
    result = RUNNER.invoke(app, ["import-reports", str(folder), "--framework", str(own_copy)],
                           env=WIDE)
    assert result.exit_code == 0, result.output
    assert "read: 3" in result.stdout


def test_compare_takes_a_framework_file(own_copy: Path) -> None:
    paths = [str(path) for path in _rated_reports()]
    result = RUNNER.invoke(app, ["compare", *paths, "--json", "--framework", str(own_copy)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["league_table"]) == 3


def test_a_broken_framework_file_lists_its_problems_with_lines(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text(encoding="utf-8").replace("version: \"1\"\n", ""),
                      encoding="utf-8")
    result = RUNNER.invoke(app, ["import-report", str(_rated_reports()[0]),
                                 "--framework", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:" in result.stderr and "FW102" in result.stderr
    assert "is not a usable framework" in result.stderr


def test_a_missing_file_and_an_unknown_version_say_what_was_tried(tmp_path: Path) -> None:
    report = str(_rated_reports()[0])
    missing = RUNNER.invoke(app, ["import-report", report, "--framework",
                                  str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "cannot read the file" in missing.stderr
    version = RUNNER.invoke(app, ["compare", report, "--framework", "hmip-crc-2018@9"])
    assert version.exit_code == 2
    assert "has no version '9'" in version.stderr and "id@version" in version.stderr


def test_compare_refuses_an_unrated_framework_file_with_a_sentence(tmp_path: Path) -> None:
    thematic = tmp_path / "thematic.yaml"
    shutil.copyfile(library_directory() / "hmip-tr-ei5-2016.yaml", thematic)
    result = RUNNER.invoke(app, ["compare", str(_rated_reports()[0]),
                                 "--framework", str(thematic)])
    assert result.exit_code == 2
    assert "is not rated, so there is nothing to compare" in result.stderr


def test_frameworks_show_takes_id_at_version(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["frameworks", "show", "hmip-crc-2018@2018.1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["version"] == "2018.1"


@pytest.mark.parametrize("how", ["path", "id@version"])
def test_rate_takes_a_framework_file_or_id_at_version(how: str, own_copy: Path) -> None:
    reference = str(own_copy) if how == "path" else "hmip-crc-2018@2018.1"
    results = str(FIXTURES / "published-results.json")
    by_id = RUNNER.invoke(app, ["rate", results, "--json", *CRC])
    result = RUNNER.invoke(app, ["rate", results, "--json", "--framework", reference])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(by_id.stdout)
