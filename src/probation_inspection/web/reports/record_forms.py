"""Forms of the report's written records: a strength or area for improvement, a practice
example, a recommendation, the cover and credits, and the buttons that approve, move or delete.

Validation only (the core's checks, their messages on the field they name); saving goes
through `records`.
"""

from __future__ import annotations

from typing import Any

from django import forms

from probation_inspection.reporting.practice import (
    MAX_PRACTICE,
    PracticeError,
    check_practice_text,
    parse_name_changes,
    replace_names,
)
from probation_inspection.reporting.records import (
    MAX_ADDRESSEE,
    MAX_POINT,
    RecordError,
    check_addressee,
    check_point,
)
from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.input_limits import (
    NAME,
    NARRATIVE_SECTION,
    PEOPLE,
    VERSION_RANGE,
)
from probation_inspection.web.reports.models import PointKind, PracticeKindChoice


def _refused(form: forms.Form, error: RecordError | PracticeError) -> None:
    form.add_error(error.field or None, str(error))


class PointForm(HandWrittenForm):
    """A strength or area for improvement under one standard."""

    kind = forms.ChoiceField(choices=PointKind.choices, error_messages={
        "required": "Choose whether this is a strength or an area for improvement",
        "invalid_choice": "Choose whether this is a strength or an area for improvement",
    })
    text = LimitedText(MAX_POINT, "The text")
    #: The question a proposed sentence came from (blank when typed from scratch).
    question_id = forms.CharField(required=False, max_length=100)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if "text" in cleaned:
            try:
                cleaned["text"] = check_point(cleaned["text"] or "", "text")
            except RecordError as refused:
                _refused(self, refused)
        return cleaned


class PracticeForm(HandWrittenForm):
    """A practice example: its standard, kind, words and the names it changes."""

    standard = forms.ChoiceField(choices=(), error_messages={
        "required": "Choose the standard the example illustrates",
        "invalid_choice": "Choose the standard the example illustrates",
    })
    kind = forms.ChoiceField(choices=PracticeKindChoice.choices, error_messages={
        "required": "Choose good or poor practice",
        "invalid_choice": "Choose good or poor practice",
    })
    text = LimitedText(MAX_PRACTICE, "The practice example")
    names = LimitedText(PEOPLE, "The names to change")

    def __init__(self, *args: Any, standards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standard"]
        if isinstance(field, forms.ChoiceField):  # always: declared above
            field.choices = standards

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        changes: dict[str, str] = {}
        try:
            changes = parse_name_changes(cleaned.get("names") or "", "names")
        except PracticeError as refused:
            _refused(self, refused)
        if "text" in cleaned:
            try:
                # The names are changed on save: the text stored is the text printed.
                cleaned["text"] = replace_names(check_practice_text(cleaned["text"] or "",
                                                                    "text"), changes)
            except PracticeError as refused:
                _refused(self, refused)
        return cleaned


class ApproveForm(HandWrittenForm):
    decision = forms.ChoiceField(choices=(("approve", "Approve"), ("withdraw", "Withdraw")))


class RecommendationForm(HandWrittenForm):
    addressee = LimitedText(MAX_ADDRESSEE, "The addressee")
    text = LimitedText(MAX_POINT, "The recommendation")

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        for name, check in (("addressee", check_addressee), ("text", check_point)):
            if name in cleaned:
                try:
                    cleaned[name] = check(cleaned[name] or "", name)
                except RecordError as refused:
                    if refused.code == "RC1":
                        refused = RecordError("RC1", "Enter the recommendation", name)
                    _refused(self, refused)
        return cleaned


class MoveForm(HandWrittenForm):
    direction = forms.ChoiceField(choices=(("up", "Up"), ("down", "Down")))


class ConfirmForm(forms.Form):
    """A button with nothing to fill in (delete): the CSRF check is the form's whole work."""


class CoverForm(HandWrittenForm):
    """The cover, credits and foreword, which the lead settles."""

    title = LimitedText(300, "The title", required=True,
                        error_messages={"required": "Enter the report's title"})
    publication = LimitedText(50, "The publication month")
    lead_inspector = LimitedText(NAME, "The lead inspector's name")
    inspectors = LimitedText(PEOPLE, "The inspectors' names")
    programme_manager = LimitedText(NAME, "The programme manager's name")
    chief_inspector = LimitedText(NAME, "The Chief Inspector's name")
    foreword = LimitedText(NARRATIVE_SECTION, "The foreword")
    #: The foreword's version the page loaded: a save from an older one is refused as stale.
    foreword_version = forms.IntegerField(min_value=VERSION_RANGE[0], max_value=VERSION_RANGE[1])

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        for name in ("title", "publication", "lead_inspector", "programme_manager",
                     "chief_inspector"):
            if name in cleaned:
                cleaned[name] = " ".join((cleaned[name] or "").split())
        if "title" in cleaned and not cleaned["title"]:
            self.add_error("title", "Enter the report's title")
        return cleaned


#: How a prompt's findings sentence is put: the share rule's choice, or the author's.
FRAMING_CHOICES = (
    ("auto", "As the figures suggest"),
    ("positive", "What was done"),
    ("negative", "What was not done"),
)
_FRAMING_AS = {"auto": None, "positive": False, "negative": True}


def framing_field(prompt_id: str) -> str:
    """The form field (and the first radio's id) of one prompt's framing."""
    return f"framing-{prompt_id}"


def framing_meaning(choice: str) -> bool | None:
    """A choice's framing: True says what was not done, False what was, None the rule's."""
    return _FRAMING_AS[choice]


def framing_choice(negative: bool | None) -> str:
    """The radio a recorded framing checks (None: no framing recorded, the share rule's)."""
    return next(value for value, meaning in _FRAMING_AS.items() if meaning is negative)


class FramingForm(HandWrittenForm):
    """How each prompt of one standard is put in the report: one choice per prompt that can be
    put either way, and the stored framings' version the page was loaded from."""

    version = forms.IntegerField(min_value=VERSION_RANGE[0], max_value=VERSION_RANGE[1])

    def __init__(self, *args: Any, prompts: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        for prompt_id in prompts:
            message = f"Choose how the finding for {prompt_id} is put"
            self.fields[framing_field(prompt_id)] = forms.ChoiceField(
                choices=FRAMING_CHOICES, error_messages={"required": message,
                                                         "invalid_choice": message})

    def framings(self) -> dict[str, bool | None]:
        """Prompt id -> True (what was not done), False (what was done) or None (the rule's)."""
        return {prompt_id: _FRAMING_AS[self.cleaned_data[framing_field(prompt_id)]]
                for prompt_id in self.prompts}
