"""No shipped framework's id is written in the code outside the library: everything that
differs between frameworks is data (the framework files, the library's demos.json)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from probation_inspection.framework import available_frameworks

ROOT = Path(__file__).parent.parent
PATTERN = r"hmip-(crc|pdu|yjs|nps|tr)"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs the git work tree")
def test_git_grep_finds_no_shipped_framework_id_in_src_outside_the_library() -> None:
    found = subprocess.run(
        ["git", "grep", "-n", "-E", PATTERN, "--", "src",
         ":!src/probation_inspection/framework/library"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert found.returncode == 1, f"framework ids in code:\n{found.stdout}{found.stderr}"


def test_the_pattern_covers_every_shipped_framework() -> None:
    # A new shipped framework whose id the pattern misses would slip past the grep.
    for summary in available_frameworks():
        assert re.match(PATTERN, summary.id), summary.id


def test_no_python_file_under_src_names_a_shipped_framework() -> None:
    # The same check without git, over the files as they are on disk (untracked ones too).
    ids = {summary.id for summary in available_frameworks()}
    package = ROOT / "src" / "probation_inspection"
    library = package / "framework" / "library"
    offenders = [
        f"{path.relative_to(ROOT)}: {framework_id}"
        for path in package.rglob("*")
        if path.is_file() and path.suffix in (".py", ".html", ".txt", ".md")
        and library not in path.parents
        for framework_id in ids if framework_id in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


#: The ids of the CRC's three samples. Each framework file declares its sample types, so no
#: code names one. demo/ may: it rebuilds one published report (the Wales CRC inspection) and
#: its data names that report's samples; migrations are history and may not be edited.
SAMPLE_TYPE_PATTERN = r"case-supervision|unpaid-work|through-the-gate"
SAMPLE_TYPE_EXCLUDED = (":!src/probation_inspection/framework/library",
                        ":!src/probation_inspection/demo", ":!*/migrations/*")


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs the git work tree")
def test_git_grep_finds_no_crc_sample_type_id_in_src_outside_the_library_and_demo() -> None:
    found = subprocess.run(
        ["git", "grep", "-n", "-E", SAMPLE_TYPE_PATTERN, "--", "src", *SAMPLE_TYPE_EXCLUDED],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert found.returncode == 1, f"CRC sample-type ids in code:\n{found.stdout}{found.stderr}"


def test_no_file_under_src_names_a_crc_sample_type_outside_the_library_and_demo() -> None:
    # The same check without git, over the files on disk (untracked ones too).
    package = ROOT / "src" / "probation_inspection"
    allowed = (package / "framework" / "library", package / "demo")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted(package.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".html", ".txt", ".md")
        and not any(folder in path.parents for folder in allowed)
        and "migrations" not in path.parts
        for match in re.finditer(SAMPLE_TYPE_PATTERN, path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
