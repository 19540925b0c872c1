"""Forms of the quality pages: they read and type what was posted; the core checks the rest.

Field names match the ids the templates and the error summary link to.
"""

from __future__ import annotations

from django import forms

from probation_inspection.evidence import DocumentType, MeetingKind, RoleGroup
from probation_inspection.scoring import DecisionKind, DiscretionReason
from probation_inspection.web.input_limits import (
    MEETING_NOTES,
    NAME,
    NOTE,
    PEOPLE,
    SHORT_LABEL,
    length_messages,
)


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("-", " ").capitalize()) for m in enum]  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(choices=_choices(MeetingKind),
                             error_messages={"required": "Select meeting or focus group"})
    held_on = forms.DateField(error_messages={"required": "Enter the date it was held",
                                              "invalid": "Enter the date as YYYY-MM-DD"})
    role_group = forms.ChoiceField(choices=_choices(RoleGroup),
                                   error_messages={"required": "Select who was met"})
    participants = forms.CharField(widget=forms.Textarea, max_length=PEOPLE, error_messages={
        "required": "Say who attended", **length_messages("Who attended", PEOPLE)})
    notes = forms.CharField(widget=forms.Textarea, max_length=MEETING_NOTES, error_messages={
        "required": "Enter the notes", **length_messages("The notes", MEETING_NOTES)})
    standards = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: object, standards: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["standards"].choices = standards  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(max_length=NAME, error_messages={
        "required": "Enter the title", **length_messages("The title", NAME)})
    document_type = forms.ChoiceField(choices=_choices(DocumentType),
                                      error_messages={"required": "Select the type"})
    file = forms.FileField(error_messages={"required": "Choose a PDF, DOCX or XLSX file",
                                           "empty": "The file is empty"})
    standards = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: object, standards: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["standards"].choices = standards  # type: ignore[attr-defined]


#: The discretion reasons in the inspectorate's words, the two flags first.
DISCRETION_REASONS = [
    (DiscretionReason.SMALL_SAMPLE.value, "Small number of relevant cases"),
    (DiscretionReason.BAND_EDGE.value, "Score at a band edge"),
    (DiscretionReason.OTHER.value, "Other (say why in the rationale)"),
]


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(choices=_choices(DecisionKind),
                             error_messages={"required": "Select how you decide"})
    rating = forms.CharField(required=False, max_length=SHORT_LABEL,
                             error_messages=length_messages("The rating", SHORT_LABEL))
    #: Only read for discretion; the core checks it against the rule rating's figures.
    reason = forms.ChoiceField(required=False, choices=DISCRETION_REASONS,
                               error_messages={"invalid_choice": "Select a reason from the list"})
    rationale = forms.CharField(required=False, widget=forms.Textarea, max_length=NOTE,
                                error_messages=length_messages("The rationale", NOTE))
    evidence = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: object, evidence: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["evidence"].choices = evidence  # type: ignore[attr-defined]
