"""Forms of the quality pages: they read and type what was posted; the core checks the rest.

Field names match the names and ids the templates and the error summary link to. Text fields
take their limits (and their messages) from `web.input_limits`. A core refusal goes on the error
summary through `refusal`, linked to the field the core's error names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import forms

from probation_inspection.evidence import (
    DocumentType,
    EvidenceError,
    MeetingKind,
    PresentationQuestion,
    RoleGroup,
)
from probation_inspection.framework.model import ContextualMeasure as Measure
from probation_inspection.framework.model import Questionnaire
from probation_inspection.moderation import ModerationError
from probation_inspection.scoring import Answer, DecisionKind, DiscretionReason, ScoringError
from probation_inspection.web.choices import choices_from
from probation_inspection.web.forms import LimitedText, PageError
from probation_inspection.web.input_limits import (
    FACT_FIGURE,
    FACT_PERIOD,
    FACT_SOURCE,
    MEETING_NOTES,
    NAME,
    NOTE,
    PEOPLE,
    SHORT_LABEL,
    length_messages,
)

#: An error from the core that a person corrects on a page: each names the field at fault.
CoreError = ScoringError | ModerationError | EvidenceError


def refusal(error: CoreError, anchors: Mapping[str, str], default: str = "", *,
            sentence: bool = True) -> PageError:
    """A core refusal on the error summary, linked to the page's id (``anchors``) for the field
    the error names, else to ``default``. Its message begins with a capital (``sentence``),
    unless it begins with something as the user typed it (a file name)."""
    return PageError(as_sentence(str(error)) if sentence else str(error),
                     anchors.get(error.field, default))


def as_sentence(message: str) -> str:
    """A core message (which begins in lower case, to follow a name) to begin a sentence."""
    return message[:1].upper() + message[1:]


def anchors(form: forms.BaseForm, **overrides: str) -> dict[str, str]:
    """The id each of ``form``'s fields is linked by (the core names fields as the forms do)."""
    return {name: form[name].id_for_label for name in form.fields} | overrides


class StepForm(forms.Form):
    """Which of a page's forms was posted: the hidden ``action``; "" when none of ``steps``."""

    action = forms.CharField(required=False)

    def __init__(self, data: Any, *, steps: Iterable[str]) -> None:
        super().__init__(data)
        self.steps = tuple(steps)

    @property
    def step(self) -> str:
        chosen = self.cleaned_data.get("action", "") if self.is_valid() else ""
        return chosen if chosen in self.steps else ""


#: What a QA inspector may judge a key question: not "not relevant", which the inspector's
#: relevance rule decides.
JUDGEMENT_CHOICES = [(a.value, label) for a, label in (
    (Answer.YES, "Yes"), (Answer.NO, "No"), (Answer.NOT_APPLICABLE, "Not applicable"))]


class JudgementForm(forms.Form):
    """The QA inspector's blind judgement of each key question, with an optional comment."""

    def __init__(self, data: Any = None, *, key_questions: Iterable[str]) -> None:
        super().__init__(data, auto_id="%s")
        self.key_questions = tuple(key_questions)
        for kq in self.key_questions:
            message = f"Select your judgement for key question {kq}"
            self.fields[f"judgement-{kq}"] = forms.ChoiceField(
                choices=JUDGEMENT_CHOICES,
                error_messages={"required": message, "invalid_choice": message})
        for kq in self.key_questions:
            self.fields[f"comment-{kq}"] = LimitedText(
                NOTE, f"Your comment on key question {kq}")

    def judgements(self) -> dict[str, str]:
        return {kq: self.cleaned_data[f"judgement-{kq}"] for kq in self.key_questions}

    def comments(self) -> dict[str, str]:
        return {kq: self.cleaned_data[f"comment-{kq}"] for kq in self.key_questions}


class VerdictForm(forms.Form):
    """The verdict on a judged round: return it to the inspector or not, and the comment."""

    comment = LimitedText(NOTE, "Your comment")

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, auto_id="%s")
        # "return" is a Python keyword: the field is added by name.
        self.fields["return"] = forms.ChoiceField(required=False,
                                                  choices=[("no", "No"), ("yes", "Yes")])

    @property
    def returning(self) -> bool:
        return bool(self.cleaned_data.get("return") == "yes")


class FlagForm(forms.Form):
    """An inspector asks for their case to be moderated, saying why (optional)."""

    reason = LimitedText(NOTE, "The reason for flagging")


class InterviewForm(forms.Form):
    """One interviewee's answers to the questionnaire; the core checks the answers."""

    interviewee = LimitedText(SHORT_LABEL, "The interviewee's reference", required=True,
                              strip=True, error_messages={
                                  "required": "Enter the interviewee's reference"})
    grade = LimitedText(SHORT_LABEL, "The grade", strip=True)

    #: How many cases the form offers for the per-case ("In this case, ...") questions.
    CASE_SLOTS = 4

    def __init__(self, data: Any = None, *, questionnaire: Questionnaire) -> None:
        super().__init__(data, auto_id="%s")
        self.question_ids = [q.id for q in questionnaire.questions if not q.per_case]
        self.per_case_ids = [q.id for q in questionnaire.questions if q.per_case]
        for question in self.question_ids:
            self.fields[f"answer-{question}"] = LimitedText(
                NOTE, f"The answer to question {question}")
        if self.per_case_ids:
            for slot in range(1, self.CASE_SLOTS + 1):
                self.fields[f"case-{slot}"] = LimitedText(
                    SHORT_LABEL, f"The reference of case {slot}", strip=True)
                for question in self.per_case_ids:
                    self.fields[f"case-{slot}-answer-{question}"] = LimitedText(
                        NOTE, f"The answer to question {question} for case {slot}")

    def answers(self) -> dict[str, str]:
        """Every question's answer as posted ("" for none), valid or not (to show again)."""
        return {q: self[f"answer-{q}"].value() or "" for q in self.question_ids}

    def case_rows(self) -> list[tuple[str, dict[str, str]]]:
        """Each case slot as posted: its reference and its per-case answers, to show again."""
        return [((self[f"case-{slot}"].value() or "").strip(),
                 {q: self[f"case-{slot}-answer-{q}"].value() or "" for q in self.per_case_ids})
                for slot in range(1, self.CASE_SLOTS + 1)] if self.per_case_ids else []

    def case_answers(self) -> dict[str, dict[str, str]]:
        """The per-case answers of each slot given a case reference."""
        return {reference: given for reference, given in self.case_rows() if reference}


class PresentationForm(forms.Form):
    """The team's notes against each presentation question."""

    def __init__(self, data: Any = None, *, questions: Iterable[PresentationQuestion]) -> None:
        super().__init__(data, auto_id="%s")
        self.numbers = [q.number for q in questions]
        for number in self.numbers:
            self.fields[f"notes-{number}"] = LimitedText(
                NOTE, f"The notes on question {number}")

    def notes(self) -> dict[int, str]:
        return {n: self.cleaned_data[f"notes-{n}"] for n in self.numbers}


#: A contextual fact's fields as the facts form and the core's CSV name them, and their limits.
FACT_LENGTHS = {"provider_figure": FACT_FIGURE, "national_figure": FACT_FIGURE,
                "target": FACT_FIGURE, "period": FACT_PERIOD, "source": FACT_SOURCE}
FACT_FIELDS = tuple(FACT_LENGTHS)


class FactsEntryForm(forms.Form):
    """The framework's measures' facts typed in: ``<measure>-<field>``; the core checks
    figures. ``measures`` are the inspection's framework version's (``contextual_measures``)."""

    def __init__(self, data: Any = None, *, measures: Sequence[Measure] = ()) -> None:
        super().__init__(data, auto_id="%s")
        self.measures = tuple(measures)
        for measure in self.measures:
            for name in FACT_FIELDS:
                self.fields[f"{measure.key}-{name}"] = LimitedText(
                    FACT_LENGTHS[name], f"{measure.name}: {name.replace('_', ' ')}")

    def values(self) -> dict[str, dict[str, str]]:
        """Each measure's fields as posted, valid or not (to show again)."""
        return {m.key: {name: self[f"{m.key}-{name}"].value() or "" for name in FACT_FIELDS}
                for m in self.measures}

    def rows(self) -> list[dict[str, str]]:
        """The measures given a provider figure, as the core's CSV rows."""
        return [{"measure": key, **fields} for key, fields in self.values().items()
                if fields["provider_figure"].strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.rows():
            self.add_error(f"{self.measures[0].key}-provider_figure" if self.measures else None,
                           "Enter at least one provider figure")
        return cleaned


class FactsImportForm(forms.Form):
    """A contextual-facts CSV to import; the core reads and checks it."""

    # An empty file is the core's to refuse, with its row-and-column problems.
    facts_file = forms.FileField(allow_empty_file=True, error_messages={
        "required": "Choose a CSV file to import"})

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files, auto_id="%s")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(choices=choices_from(MeetingKind),
                             error_messages={"required": "Select meeting or focus group"})
    held_on = forms.DateField(error_messages={"required": "Enter the date it was held",
                                              "invalid": "Enter the date as YYYY-MM-DD"})
    role_group = forms.ChoiceField(choices=choices_from(RoleGroup),
                                   error_messages={"required": "Select who was met"})
    participants = forms.CharField(widget=forms.Textarea, max_length=PEOPLE, error_messages={
        "required": "Say who attended", **length_messages("Who attended", PEOPLE)})
    notes = forms.CharField(widget=forms.Textarea, max_length=MEETING_NOTES, error_messages={
        "required": "Enter the notes", **length_messages("The notes", MEETING_NOTES)})
    standards = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: Any, standards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standards"].choices = standards  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(max_length=NAME, error_messages={
        "required": "Enter the title", **length_messages("The title", NAME)})
    document_type = forms.ChoiceField(choices=choices_from(DocumentType),
                                      error_messages={"required": "Select the type"})
    file = forms.FileField(error_messages={"required": "Choose a PDF, DOCX or XLSX file",
                                           "empty": "The file is empty"})
    standards = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: Any, standards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standards"].choices = standards  # type: ignore[attr-defined]


#: The discretion reasons in the inspectorate's words, the two flags first.
DISCRETION_REASONS = choices_from(DiscretionReason, {
    DiscretionReason.SMALL_SAMPLE: "Small number of relevant cases",
    DiscretionReason.BAND_EDGE: "Score at a band edge",
    DiscretionReason.OTHER: "Other (say why in the rationale)",
})


class CitesEvidence(forms.Form):
    """A form whose ``evidence`` field offers the inspection's recorded evidence items, given
    as (id, text) pairs and shown as "id: text"."""

    def __init__(self, *args: Any, evidence: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [  # type: ignore[attr-defined]
            (key, f"{key}: {text}") for key, text in evidence]


class DecisionForm(CitesEvidence):
    kind = forms.ChoiceField(choices=choices_from(DecisionKind),
                             error_messages={"required": "Select how you decide"})
    rating = forms.CharField(required=False, max_length=SHORT_LABEL,
                             error_messages=length_messages("The rating", SHORT_LABEL))
    #: Only read for discretion; the core checks it against the rule rating's figures.
    reason = forms.ChoiceField(required=False, choices=DISCRETION_REASONS,
                               error_messages={"invalid_choice": "Select a reason from the list"})
    rationale = forms.CharField(required=False, widget=forms.Textarea, max_length=NOTE,
                                error_messages=length_messages("The rationale", NOTE))
    evidence = forms.MultipleChoiceField(required=False, choices=[])


class KeyQuestionAnswerForm(CitesEvidence):
    """The answer to a judgement standard's key question: the judgement in words and the
    evidence items it cites. The core refuses an empty judgement or no evidence, naming the
    field; the form only bounds the text and keeps the citations to recorded items."""

    judgement = LimitedText(NOTE, "The judgement")
    evidence = forms.MultipleChoiceField(required=False, choices=[], error_messages={
        "invalid_choice": "Choose evidence items from the list"})
