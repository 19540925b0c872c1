"""Framework files from outside: size, control characters and nesting depth are problems with
stable codes, file and line, never a traceback (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from probation_inspection.framework import FrameworkError, load_framework_file
from probation_inspection.framework.loader import load_framework_text
from probation_inspection.untrusted import Limits

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = (FRAMEWORKS / "valid-minimal.yaml").read_text(encoding="utf-8")


def _problems(text: str, limits: Limits = Limits()) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "inline.yaml", limits=limits)
    return [str(problem) for problem in caught.value.problems]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(VALID + "# padding\n" * 300_000, encoding="utf-8")  # about 3 MB
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: FW006 file-too-large file: the file is larger than the 2 MB limit for a "
        "framework file"]
    assert _problems(VALID, Limits(framework_bytes=100)) == [
        "inline.yaml: FW006 file-too-large file: the file is larger than the 100 bytes limit "
        "for a framework file"]


def test_every_control_character_is_named_with_its_line_and_column() -> None:
    text = VALID.replace("title: Tiny rated framework", "title: Tiny\x00 rated\x1b framework")
    assert _problems(text) == [
        "inline.yaml:4: FW004 control-character file: control character U+0000 at column 12 "
        "is not allowed in a framework file; delete it",
        "inline.yaml:4: FW004 control-character file: control character U+001B at column 19 "
        "is not allowed in a framework file; delete it",
    ]


def test_tabs_and_line_ends_are_not_control_characters() -> None:
    assert load_framework_text(VALID.replace("\n", "\r\n"), "crlf.yaml").id == "tiny"


@pytest.mark.parametrize("nested", [
    "[" * 5000 + "]" * 5000,
    "{a: " * 5000 + "1" + "}" * 5000,
])
def test_deep_nesting_is_a_problem_not_a_recursion_error(nested: str) -> None:
    problems = _problems(VALID + f"extra: {nested}\n")
    assert len(problems) == 1
    assert "FW005 nested-too-deeply file: mappings and lists are nested more than 50 deep" in (
        problems[0])


def test_deep_block_nesting_names_its_line() -> None:
    block = "".join("  " * depth + f"k{depth}:\n" for depth in range(60)) + "  " * 60 + "v\n"
    problems = _problems(VALID + "extra:\n" + "".join("  " + line for line in block.splitlines(
        keepends=True)))
    line = VALID.count("\n") + 1 + 50
    assert problems == [f"inline.yaml:{line}: FW005 nested-too-deeply file: mappings and lists "
                        "are nested more than 50 deep, the limit for a framework file"]
