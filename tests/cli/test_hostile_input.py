"""Hostile files on the command line: exit status 2 and a one-line message, never a traceback.

Regression tests for issue 10: PDF and XLSX bombs, CR-only and header-only case lists, deep
JSON and huge numbers given to ``rate``, control characters and deep nesting in frameworks.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hostile_files import pdf_bomb, xlsx_bomb
from probation_inspection.cli import app

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
CASELISTS = Path(__file__).parents[1] / "fixtures" / "caselists"
FRAMEWORKS = Path(__file__).parents[1] / "fixtures" / "frameworks"
#: Limits the command line reads under in these tests, so a bomb is refused in seconds.
TIGHT = {"PROBATION_INSPECTION_LIMIT_MEMORY_MIB": "512",
         "PROBATION_INSPECTION_LIMIT_SECONDS": "20"}
SAMPLE = ["--type", "case-supervision", "--fieldwork-start", "2019-03-04", "--seed", "1"]


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.slow
def test_import_report_refuses_a_pdf_bomb_naming_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "bomb.pdf", pdf_bomb())
    started = time.monotonic()
    code, err = _run("import-report", *CRC, str(path), env=TIGHT)
    assert time.monotonic() - started < 40
    assert code == 2
    assert err == "error: bomb.pdf: reading the report needed more than the 512 MiB memory limit\n"


def test_import_report_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"Overall rating: Good\n" * 100)
    code, err = _run("import-report", *CRC, str(path),
                     env={"PROBATION_INSPECTION_LIMIT_REPORT_BYTES": "1000"})
    assert code == 2
    assert "the file is larger than the 1,000 bytes limit for a published report" in err


def test_a_bad_limit_in_the_environment_is_a_clear_error(tmp_path: Path) -> None:
    code, err = _run("import-report", *CRC, str(tmp_path / "x.txt"),
                     env={"PROBATION_INSPECTION_LIMIT_SECONDS": "soon"})
    assert code == 2 and "PROBATION_INSPECTION_LIMIT_SECONDS='soon' is not a number" in err


def test_sample_refuses_an_xlsx_bomb_naming_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "bomb.xlsx", xlsx_bomb())
    code, err = _run("sample", str(path), *SAMPLE, env=TIGHT)
    assert code == 2
    assert "bomb.xlsx: 1 problem; nothing was imported" in err
    assert "times over, more than the 200-times limit for a compressed part" in err


def test_sample_reads_carriage_return_line_ends(tmp_path: Path) -> None:
    data = (CASELISTS / "case-supervision.csv").read_bytes().replace(b"\r\n", b"\n")
    path = _write(tmp_path / "mac.csv", data.replace(b"\n", b"\r"))
    code, err = _run("sample", str(path), *SAMPLE, "--json")
    assert code == 0, err


def test_sample_refuses_a_header_with_no_cases(tmp_path: Path) -> None:
    header = (CASELISTS / "case-supervision.csv").read_bytes().splitlines()[0]
    code, err = _run("sample", str(_write(tmp_path / "empty.csv", header + b"\n")), *SAMPLE)
    assert code == 2
    assert err.splitlines()[-1] == "the case list has a header but no cases"


def test_sample_refuses_rows_over_the_limit(tmp_path: Path) -> None:
    code, err = _run("sample", str(CASELISTS / "case-supervision.csv"), *SAMPLE,
                     env={"PROBATION_INSPECTION_LIMIT_CASE_LIST_ROWS": "100"})
    assert code == 2
    assert "the case list has more than the 100-row limit for a case list" in err


def test_sample_of_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, err = _run("sample", str(tmp_path / "x.csv"), *SAMPLE)
    assert code == 2 and "no such file" in err


def test_rate_refuses_deeply_nested_json(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.json", b"[" * 100_000 + b"]" * 100_000)
    code, err = _run("rate", *CRC, str(path))
    assert (code, err) == (2, f"error: {path}: the JSON is nested too deeply to read\n")


def test_rate_refuses_a_five_thousand_digit_number(tmp_path: Path) -> None:
    document = '{"provider": "X", "key_questions": {"2.1.1": ' + "9" * 5000 + '}, "standards": {}}'
    path = _write(tmp_path / "big.json", document.encode())
    code, err = _run("rate", *CRC, str(path))
    assert (code, err) == (2, f"error: {path}: a number in the JSON has more than 4,300 "
                              "digits\n")


def test_rate_quotes_a_long_number_under_the_digit_limit_cut_short(tmp_path: Path) -> None:
    # 4,000 digits parse as JSON, so the scoring core refuses the percentage; its message
    # must quote the value cut short rather than print all 4,000 digits.
    document = '{"provider": "X", "key_questions": {"2.1.1": ' + "9" * 4000 + '}, "standards": {}}'
    path = _write(tmp_path / "long.json", document.encode())
    code, err = _run("rate", *CRC, str(path))
    assert code == 2
    assert "percentage must be a whole number 0-100" in err
    assert "(4,000 characters)" in err
    assert len(err) < 400


def test_frameworks_validate_names_a_control_character(tmp_path: Path) -> None:
    path = FRAMEWORKS / "fw004-control-character.yaml"
    result = RUNNER.invoke(app, ["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == (f"{path}:4: FW004 control-character file: control character U+0007 "
                             "at column 18 is not allowed in a framework file; delete it\n")


def test_frameworks_validate_names_deep_nesting(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.yaml", b"id: x\nextra: " + b"[" * 20_000 + b"]" * 20_000)
    result = RUNNER.invoke(app, ["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == (f"{path}:2: FW005 nested-too-deeply file: mappings and lists are "
                             "nested more than 50 deep, the limit for a framework file\n")


def test_frameworks_validate_refuses_an_oversized_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.yaml", b"id: x\n" + b"# padding\n" * 1000)
    result = RUNNER.invoke(app, ["frameworks", "validate", str(path)],
                           env={"PROBATION_INSPECTION_LIMIT_FRAMEWORK_BYTES": "1000"})
    assert result.exit_code == 2
    assert "FW006 file-too-large file: the file is larger than the 1,000 bytes limit" in (
        result.stdout)


def test_rate_json_for_an_empty_document_is_a_clear_error(tmp_path: Path) -> None:
    code, err = _run("rate", *CRC, str(_write(tmp_path / "e.json", json.dumps([]).encode())))
    assert code == 2 and "expected a JSON object or a non-empty list" in err
