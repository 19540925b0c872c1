"""Forms of the report pages: a narrative section's Markdown, a factual-accuracy comment and
the workflow's move button.

Validation only; saving goes through `services`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from probation_inspection.web.input_limits import NARRATIVE_SECTION, NOTE, VERSION_RANGE
from probation_inspection.web.reports.models import ReportState

MAX_SECTION = NARRATIVE_SECTION
MAX_COMMENT = NOTE


class SectionForm(forms.Form):
    text = forms.CharField(required=False, max_length=MAX_SECTION, widget=forms.Textarea,
                           error_messages={"max_length": "The section must be 50,000 "
                                           "characters or fewer"})
    #: The version the editor loaded: a save from an older one is refused as stale.
    version = forms.IntegerField(min_value=VERSION_RANGE[0], max_value=VERSION_RANGE[1],
                                 widget=forms.HiddenInput)


class CommentForm(forms.Form):
    section = forms.ChoiceField(required=False, choices=())
    text = forms.CharField(max_length=MAX_COMMENT, widget=forms.Textarea, error_messages={
        "required": "Enter your comment",
        "max_length": "The comment must be 5,000 characters or fewer",
    })

    def __init__(self, *args: Any, contents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        if isinstance(section, forms.ChoiceField):  # always: declared above
            section.choices = contents


class MoveForm(forms.Form):
    """The move button. ``from`` is the state the mover saw: if the version has moved since (a
    second click, another tab), the move changes nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field cannot be declared on the class.
        self.fields["from"] = forms.ChoiceField(choices=ReportState.choices)

    @property
    def expected(self) -> ReportState:
        return ReportState(self.cleaned_data["from"])
