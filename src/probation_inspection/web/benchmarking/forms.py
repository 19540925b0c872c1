"""The import page's form: one or more published report files, checked before any is read.

The count, type and size are refused here from the upload alone; reading and storing each
file is `store`'s.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from probation_inspection.untrusted import PUBLISHED_REPORT, megabytes
from probation_inspection.web.benchmarking.store import REPORT_SUFFIXES, max_report_bytes

#: Files one upload may carry; more goes through the bulk command.
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReportFilesField(forms.FileField):
    """The uploaded files, as a list; each refused by name when its type or size is wrong."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise forms.ValidationError("Select one or more report files")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Select at most {MAX_FILES} files at a time")
        errors = []
        for upload in files:
            name = upload.name or "report"
            suffix = name[name.rfind("."):].lower() if "." in name else ""
            if suffix not in REPORT_SUFFIXES:
                errors.append(forms.ValidationError(f"{name} must be a TXT, HTML or PDF file"))
            elif upload.size is not None and upload.size > max_report_bytes():
                # Refused from the upload's size alone: the file is never read into memory.
                errors.append(forms.ValidationError(
                    f"{name}: the file is larger than the {megabytes(max_report_bytes())} "
                    f"limit for a {PUBLISHED_REPORT}"))
        if errors:
            raise forms.ValidationError(errors)
        return files


class ImportForm(forms.Form):
    #: The field's name and id are both ``reports`` (the page's and the browser tests').
    reports = ReportFilesField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
