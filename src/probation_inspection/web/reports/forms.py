"""Forms of the report pages: a narrative section's Markdown and a factual-accuracy comment.

Validation only; saving goes through `services`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from probation_inspection.web.input_limits import NARRATIVE_SECTION, NOTE, VERSION_RANGE

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
        self.fields["section"].choices = contents
