"""The import page's form: one or more published report files, checked before any is read.

The count, type and size are refused here from the upload alone; reading and storing each
file is `store`'s.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from probation_inspection.framework.model import Framework
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


class FrameworkChoiceField(forms.ChoiceField):
    """One of the rated framework versions (shipped or published), as ``id@version``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.frameworks: dict[str, Framework] = {}

    def clean(self, value: Any) -> Framework:
        key = super().clean(value)
        return self.frameworks[key]


class ImportForm(forms.Form):
    #: The field's name and id are both ``reports`` (the page's and the browser tests').
    reports = ReportFilesField()
    #: The framework the reports were inspected under: their ratings are checked by its rules.
    framework = FrameworkChoiceField(
        label="Framework the reports were inspected under",
        error_messages={"required": "Select the framework the reports were inspected under",
                        "invalid_choice": "Select one of the frameworks listed"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from probation_inspection.web.benchmarking.comparison import rated_frameworks_by_key

        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, FrameworkChoiceField)
        # The library's own order (by id, then version), as the library page lists them.
        field.frameworks = rated_frameworks_by_key()
        field.choices = [(key, f"{f.title} ({f.id} {f.version})")
                         for key, f in field.frameworks.items()]
        if not self.is_bound and field.frameworks:
            self.initial.setdefault("framework", next(iter(field.frameworks)))
