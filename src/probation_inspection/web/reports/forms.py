"""Forms of the report pages: a narrative section's Markdown, a factual-accuracy comment, the
lead's answer to one and the workflow's move button.

Validation only; saving goes through `services`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from probation_inspection.reporting.workflow import WorkflowError, check_answer
from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.input_limits import NARRATIVE_SECTION, NOTE, VERSION_RANGE
from probation_inspection.web.reports.models import CommentAnswer, ReportState

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


class AnswerForm(HandWrittenForm):
    """The lead's answer to one comment; the core (`workflow.check_answer`) says what it needs."""

    answer = forms.ChoiceField(choices=CommentAnswer.choices, error_messages={
        "required": "Choose whether the comment is accepted, led to a change, or is not accepted",
        "invalid_choice": "Choose whether the comment is accepted, led to a change, or is not "
                          "accepted",
    })
    reason = LimitedText(NOTE, "The reason")

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if "answer" in cleaned:
            try:
                check_answer(cleaned["answer"], cleaned.get("reason") or "")
            except WorkflowError as refused:
                message = str(refused)
                self.add_error(refused.field or None, message[:1].upper() + message[1:])
        return cleaned


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
