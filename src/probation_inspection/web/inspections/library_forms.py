"""The framework library's form: one framework file (YAML or an XLSX workbook) to publish.

The file itself is read within the untrusted-file limits and checked by the core loader
(`inspections.framework_library`); the form only asks that a file was chosen.
"""

from __future__ import annotations

from django import forms

from probation_inspection.web.forms import HandWrittenForm


class FrameworkUploadForm(HandWrittenForm):
    framework_file = forms.FileField(
        allow_empty_file=False,
        error_messages={"required": "Choose a framework file (YAML or XLSX) to upload",
                        "empty": "The framework file is empty",
                        "invalid": "Choose a framework file (YAML or XLSX) to upload"},
    )
