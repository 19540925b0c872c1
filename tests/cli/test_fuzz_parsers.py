"""Fuzz every command that reads a file: hostile bytes give exit 0 or 2 and a message, never a
traceback (issue 10). Fixtures are mutated byte by byte; example counts are kept modest.
"""

from __future__ import annotations

import io
import json
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mutations import hostile
from probation_inspection.cli import app

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
FIXTURES = Path(__file__).parents[1] / "fixtures"
#: Tight limits, so a mutation that happens to be expensive is refused quickly.
LIMITS = {"PROBATION_INSPECTION_LIMIT_SECONDS": "20",
          "PROBATION_INSPECTION_LIMIT_MEMORY_MIB": "768"}
FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=8, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _case_list() -> bytes:
    # The first 40 cases keep each run short; the header and shapes are the fixture's.
    lines = (FIXTURES / "caselists" / "case-supervision.csv").read_bytes().splitlines(True)
    return b"".join(lines[:41])


def _report() -> bytes:
    return next((FIXTURES / "reports").glob("000_*.txt")).read_bytes()


@cache
def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number, line in enumerate(_report().decode("utf-8").splitlines()[:40]):
        page.drawString(40, 800 - 18 * number, line[:90])
    page.save()
    return buffer.getvalue()


def _rate_input() -> bytes:
    records = json.loads((FIXTURES / "published-results.json").read_text(encoding="utf-8"))
    return json.dumps(records[0], indent=1).encode()


def _run(args: list[str], name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        result = RUNNER.invoke(app, [*(str(path) if a == "FILE" else a for a in args)],
                               env=LIMITS)
    # SystemExit is how Typer ends with a status; any other exception is a crash.
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[0]} crashed on {content[:200]!r}") from result.exception
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.strip(), "exit 2 without a message"


SAMPLE = ["sample", "FILE", "--type", "case-supervision", "--fieldwork-start", "2019-03-04",
          "--seed", "1"]


@pytest.mark.slow
@FEW
@given(content=hostile(_case_list()))
def test_sample_csv(content: bytes) -> None:
    _run(SAMPLE, "cases.csv", content)


@pytest.mark.slow
@FEW
@given(content=hostile(b"PK\x03\x04") | st.binary(max_size=2000))
def test_sample_xlsx(content: bytes) -> None:
    _run(SAMPLE, "cases.xlsx", content)


@FUZZ
@given(content=hostile(_report()))
def test_import_report_text(content: bytes) -> None:
    _run(["import-report", *CRC, "FILE", "--json"], "report.txt", content)


@pytest.mark.slow
@FEW
@given(content=hostile(_pdf()))
def test_import_report_pdf(content: bytes) -> None:
    _run(["import-report", *CRC, "FILE"], "report.pdf", content)


@FUZZ
@given(content=hostile(_rate_input()))
def test_rate(content: bytes) -> None:
    _run(["rate", *CRC, "FILE"], "input.json", content)


@FUZZ
@given(content=hostile((FIXTURES / "frameworks" / "valid-minimal.yaml").read_bytes()))
def test_frameworks_validate(content: bytes) -> None:
    _run(["frameworks", "validate", "FILE"], "framework.yaml", content)


@FUZZ
@given(content=hostile(_rate_input()))
def test_compare_saved_records(content: bytes) -> None:
    _run(["compare", *CRC, "FILE"], "records.json", content)


@FUZZ
@given(content=hostile(b'{"format": "inspection-input", "version": 1}'))
def test_report_from_an_input_file(content: bytes) -> None:
    _run(["report", "FILE", "--format", "html"], "input.json", content)
