"""The real entry point, as a shell runs it: ``main`` loads only the module of the command
being run, so each command must still be found by its name (a lone command loaded into a Typer
application without a group callback ran as the program and refused its own name)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from probation_inspection.cli import COMMANDS, GROUPS

REPOSITORY = Path(__file__).resolve().parents[2]


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    # The console script pip installed beside this interpreter: what a shell runs.
    return subprocess.run(
        [str(Path(sys.executable).parent / "probation-inspection"), *arguments],
        capture_output=True, text=True, timeout=120, cwd=REPOSITORY,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("name", sorted({*COMMANDS, *GROUPS}))
def test_each_command_answers_to_its_name(name: str) -> None:
    ran = _run(name, "--help")
    assert ran.returncode == 0, ran.stderr or ran.stdout
    assert f"probation-inspection {name}" in " ".join(ran.stdout.split())


def test_rate_runs_from_the_shell_as_make_run_calls_it() -> None:
    ran = _run("rate", "tests/fixtures/published-results.json", "--framework", "hmip-crc-2018")
    assert ran.returncode == 0, ran.stderr or ran.stdout
    assert "Score 12 of 30: overall Requires improvement" in ran.stdout
