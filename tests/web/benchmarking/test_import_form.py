"""The import page's form: the count, type and size of an upload are refused before any file is
read, each message linking to the file input (``#reports``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from probation_inspection.web.benchmarking.forms import MAX_FILES, ImportForm
from probation_inspection.web.forms import PageError, error_list

#: The form lists the rated frameworks, published ones (rows) among them.
pytestmark = pytest.mark.django_db


def form(*files: SimpleUploadedFile) -> ImportForm:
    return ImportForm({"framework": "hmip-crc-2018@2018.1"},
                      MultiValueDict({"reports": list(files)}))


def text(name: str, size: int = 10) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"x" * size, content_type="text/plain")


def test_no_file_is_one_error_at_the_input() -> None:
    assert error_list(form()) == [PageError("Select one or more report files", "reports")]


def test_too_many_files_are_refused_before_any_is_checked() -> None:
    files = [text(f"{n}.txt") for n in range(MAX_FILES + 1)]
    assert error_list(form(*files)) == [
        PageError(f"Select at most {MAX_FILES} files at a time", "reports")]


def test_each_wrong_file_is_named(settings: Any) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "report_bytes": 100}
    checked = form(text("a.txt"), text("b.xlsx"), text("c.pdf", 101), text("README"))
    messages = [error.message for error in error_list(checked)]
    assert messages[0] == "b.xlsx must be a TXT, HTML or PDF file"
    assert messages[1].startswith("c.pdf: the file is larger than the ")
    assert messages[2] == "README must be a TXT, HTML or PDF file"
    assert len(messages) == 3


@pytest.mark.parametrize("name", ["report.TXT", "report.html", "report.md", "r.pdf"])
def test_accepted_files_are_a_list(name: str) -> None:
    checked = form(text(name), text("second.txt"))
    assert checked.is_valid(), checked.errors
    assert [f.name for f in checked.cleaned_data["reports"]] == [name, "second.txt"]
    assert checked.cleaned_data["framework"].id == "hmip-crc-2018"


def test_the_framework_must_be_one_of_the_rated_ones() -> None:
    unrated = ImportForm({"framework": "hmip-tr-ei5-2016@2016.1"},
                         MultiValueDict({"reports": [text("a.txt")]}))
    assert error_list(unrated) == [PageError("Select one of the frameworks listed", "framework")]
    missing = ImportForm({}, MultiValueDict({"reports": [text("a.txt")]}))
    assert error_list(missing) == [
        PageError("Select the framework the reports were inspected under", "framework")]
