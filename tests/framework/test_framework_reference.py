"""The one resolver every command uses for a framework: an id, id@version or a file's path,
with an error that says what was tried."""

from __future__ import annotations

from pathlib import Path

import pytest

from probation_inspection.framework import (
    FrameworkError,
    UnknownFramework,
    load_framework_reference,
)
from probation_inspection.framework.library import REFERENCE_FORMS, split_reference

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = FRAMEWORKS / "valid-minimal.yaml"


def test_an_id_with_a_version_after_an_at_sign_is_that_version() -> None:
    framework = load_framework_reference("hmip-crc-2018@2018.1")
    assert (framework.id, framework.version) == ("hmip-crc-2018", "2018.1")
    assert split_reference("hmip-crc-2018@2018.1") == ("hmip-crc-2018", "2018.1")
    assert split_reference("hmip-crc-2018") == ("hmip-crc-2018", None)


def test_a_bare_id_is_its_latest_shipped_version() -> None:
    assert load_framework_reference("hmip-crc-2018").version == "2018.1"


def test_an_unknown_version_names_the_versions_shipped_and_the_forms_accepted() -> None:
    with pytest.raises(UnknownFramework) as caught:
        load_framework_reference("hmip-crc-2018@9")
    message = str(caught.value)
    assert "has no version '9'" in message and "shipped: 2018.1" in message
    assert REFERENCE_FORMS in message


def test_an_unknown_id_says_it_was_read_as_an_id_and_no_file_was_found() -> None:
    with pytest.raises(UnknownFramework) as caught:
        load_framework_reference("no-such-framework")
    message = str(caught.value)
    assert "no shipped framework 'no-such-framework'" in message
    assert "no such file either" in message and "hmip-crc-2018" in message


@pytest.mark.parametrize("reference", ["", "  ", "@2018.1", "hmip-crc-2018@"])
def test_an_empty_or_half_written_reference_is_refused_with_the_forms_accepted(
    reference: str,
) -> None:
    with pytest.raises(UnknownFramework, match="id@version"):
        load_framework_reference(reference)


def test_a_version_option_must_agree_with_the_version_written() -> None:
    with pytest.raises(UnknownFramework, match="--version asks for '2'"):
        load_framework_reference("hmip-crc-2018@2018.1", "2")
    assert load_framework_reference("hmip-crc-2018@2018.1", "2018.1").version == "2018.1"


def test_a_path_is_read_as_a_file_and_validated() -> None:
    assert load_framework_reference(str(VALID)).id == "tiny"
    with pytest.raises(FrameworkError) as caught:
        load_framework_reference(str(FRAMEWORKS / "fw001-yaml-syntax.yaml"))
    assert all(problem.line is not None for problem in caught.value.problems)


def test_a_missing_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="cannot read the file"):
        load_framework_reference(str(tmp_path / "missing.yaml"))


def test_a_file_path_with_an_at_sign_is_still_a_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny@1.yaml"
    path.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_framework_reference(str(path)).id == "tiny"
