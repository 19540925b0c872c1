"""The assessment form (a Django form over the framework's questions and case attributes),
laying questions out for its template, and the case list's column mapping form.

Field names are derived from framework ids (dots become dashes so they are safe HTML ids). What
a posted answer or attribute means is the core's: typed attributes are read by
`framework.attributes`, answers checked by `scoring.check_submission`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from probation_inspection.framework.attributes import AttributeLimits, parse_attributes
from probation_inspection.framework.model import CaseAttribute, Framework
from probation_inspection.sampling.fields import FIELD_LABELS, Field
from probation_inspection.scoring.submission import RawAnswer
from probation_inspection.scoring.walk import per_framework, walk_of
from probation_inspection.web.casework.models import Answer
from probation_inspection.web.casework.questions import (
    Question,
    assessed_standards,
    questions,
    relevance_attributes,
)
from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.input_limits import (
    ATTRIBUTE_VALUE,
    INTEGER_ATTRIBUTE_RANGE,
    NOTE,
    VERSION_RANGE,
    NumberError,
    refused_text,
    whole_number,
)

#: The web app's limits on what an inspector types as a case attribute.
ATTRIBUTE_LIMITS = AttributeLimits(text_length=ATTRIBUTE_VALUE,
                                   integer_range=INTEGER_ATTRIBUTE_RANGE)


def slug(identifier: str) -> str:
    return identifier.replace(".", "-").replace(" ", "-")


def posted_attributes(
    data: Mapping[str, Any], framework: Framework, sample_type: str
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """The edited case attributes, and (attribute, message) for any value not allowed."""
    attributes = relevance_attributes(framework, sample_type)
    raw = {attribute.name: str(data.get(f"attribute-{attribute.name}", "") or "")
           for attribute in attributes}
    return parse_attributes(attributes, raw, ATTRIBUTE_LIMITS)


def _as_posted(value: Any) -> str:
    """A posted value read exactly as posted (no stripping): what `_Posted` cleans to."""
    return "" if value is None else str(value)


class _Posted(forms.Field):
    """A field read exactly as posted (no stripping, no validators): what it means is decided
    by the core or by the form's clean, with the messages the page has always shown."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> str:
        return _as_posted(value)


@dataclass(frozen=True)
class QuestionFields:
    """The names one question's answer, evidence note and practice flag are posted under."""

    question: Question
    answer: str
    evidence: str
    practice: str
    #: What a refused evidence note's message calls it.
    evidence_label: str


@dataclass(frozen=True)
class FormShape:
    """What the assessment form of one framework version and sample type reads: worked out
    once per version (`form_shape`), as it never changes."""

    questions: tuple[Question, ...]
    fields: tuple[QuestionFields, ...]
    attributes: tuple[CaseAttribute, ...]


@per_framework
def form_shape(framework: Framework, sample_type: str | None) -> FormShape:
    walked = walk_of(framework, sample_type)
    return FormShape(
        walked,
        tuple(QuestionFields(question, f"answer-{slug(question.id)}",
                             f"evidence-{slug(question.id)}", f"practice-{slug(question.id)}",
                             f"The evidence note for {question.id}")
              for question in walked),
        tuple(relevance_attributes(framework, sample_type)))


class AssessmentForm(forms.Form):
    """What the assessment page posts: the version it was loaded at, save or submit, the case
    attributes the relevance rules read, and each question's answer, evidence note and
    practice-example flag.

    Errors (in the order the error summary lists them): a tampered version alone (nothing
    else is read then), else each attribute value not allowed, then each note over its limit.

    The version, action and attributes are Django fields; a question's three values (three
    for each of a hundred or so questions) are read in `clean` in one pass over the
    framework's cached `FormShape`, exactly as a field that takes what is posted would read
    them (a Django field each was most of a save's CPU). A note over its limit gets a field
    of its own, so the error summary links to it as before.
    """

    version = _Posted(widget=forms.HiddenInput(attrs={"id": "changes-since"}))
    action = _Posted()
    #: "1" when the page's script saves the draft in the background (answered in JSON).
    autosave = _Posted()

    def __init__(self, data: Any, *, framework: Framework, sample_type: str) -> None:
        super().__init__(data, auto_id="%s")
        self.framework = framework
        self.sample_type = sample_type
        self.shape = form_shape(framework, sample_type)
        self.questions = self.shape.questions
        self.case_attributes = list(self.shape.attributes)
        for attribute in self.case_attributes:
            self.fields[f"attribute-{attribute.name}"] = _Posted()
        self._attributes: dict[str, object] = {}
        self._answers: dict[str, RawAnswer] = {}

    def clean_version(self) -> int:
        try:
            return whole_number(self.cleaned_data["version"] or "0", "The assessment version",
                                VERSION_RANGE)
        except NumberError as error:
            raise forms.ValidationError(
                f"{error}: reload the page and make your changes again. Nothing was saved."
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.has_error("version"):
            return cleaned
        self._attributes, errors = posted_attributes(cleaned, self.framework, self.sample_type)
        for name, message in errors:
            self.add_error(f"attribute-{name}", message)
        data = self.data
        answers: dict[str, RawAnswer] = {}
        for names in self.shape.fields:
            question = names.question
            evidence = _as_posted(data.get(names.evidence))
            answers[question.id] = RawAnswer(
                value=_as_posted(data.get(names.answer)),
                evidence=evidence,
                practice_example=_as_posted(data.get(names.practice)) == "on",
            )
            refusal = refused_text(evidence, NOTE, names.evidence_label)
            if refusal is not None:
                self.fields[names.evidence] = _Posted()
                self.add_error(names.evidence, refusal)
        self._answers = answers
        return cleaned

    @property
    def refused(self) -> bool:
        """Whether the post could not have come from the page (a tampered version, or a note
        over its limit, which the page's own fields allow): answered 400, not 200."""
        return self.has_error("version") or any(
            name.startswith("evidence-") for name in self.errors)

    @property
    def submit(self) -> bool:
        return self.cleaned_data.get("action") == "submit"

    @property
    def is_autosave(self) -> bool:
        return self.cleaned_data.get("autosave") == "1"

    @property
    def loaded_version(self) -> int:
        return int(self.cleaned_data["version"])

    @property
    def attributes(self) -> dict[str, object]:
        """The case attributes as edited (those left blank are not changed)."""
        return dict(self._attributes)

    def answers(self) -> dict[str, RawAnswer]:
        """Each question's answer as posted; the core decides what is stored."""
        return dict(self._answers)


@dataclass(frozen=True)
class Row:
    question: Question
    answer: Answer | None
    applies: bool | None
    field: str


@dataclass(frozen=True)
class KeyQuestionBlock:
    rows: list[Row]
    judgement: Row

    @property
    def shown_prompts(self) -> list[Row]:
        return [row for row in self.rows if row.applies]

    @property
    def all_prompts(self) -> list[Row]:
        """Every prompt, those that do not apply too: the page hides them, and shows them
        when a change of the case's attributes makes them apply."""
        return self.rows


def layout(
    framework: Framework, sample_type: str, attributes: Mapping[str, object],
    answers: Mapping[str, Answer],
) -> list[tuple[Any, list[KeyQuestionBlock]]]:
    """Standards, each with its key questions: prompts first, then the judgement."""
    by_key_question: dict[str, list[Row]] = {}
    judgements: dict[str, Row] = {}
    for question in questions(framework, sample_type):
        row = Row(question, answers.get(question.id), question.applies(attributes),
                  slug(question.id))
        if question.prompt is None:
            judgements[question.id] = row
        else:
            by_key_question.setdefault(question.key_question.id, []).append(row)
    return [
        (standard, [KeyQuestionBlock(by_key_question.get(kq.id, []), judgements[kq.id])
                    for kq in standard.key_questions])
        for standard in assessed_standards(framework, sample_type)
    ]


def attribute_fields(
    framework: Framework, sample_type: str, attributes: Mapping[str, object]
) -> list[tuple[CaseAttribute, object]]:
    return [
        (attribute, attributes.get(attribute.name))
        for attribute in relevance_attributes(framework, sample_type)
    ]


class ColumnMappingForm(forms.Form):
    """Which column of an uploaded case list holds each field its headers did not name.

    One select per unmatched field, offering only the file's own (non-blank) headers; a
    column may be chosen for one field only, as the core would read it once.
    """

    def __init__(self, *args: Any, fields: Sequence[str], headers: Sequence[str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a column"), *((header, header) for header in headers if header)]
        for name in fields:
            label = FIELD_LABELS[Field(name)]
            self.fields[name] = forms.ChoiceField(
                label=label[:1].upper() + label[1:], choices=choices,
                error_messages={
                    "required": f"Choose the column that holds the {label}",
                    "invalid_choice": f"Choose the column that holds the {label} from the "
                                      "file's columns",
                })

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        taken: dict[str, str] = {}
        for name in self.fields:
            header = cleaned.get(name)
            if not header:
                continue
            if header in taken:
                self.add_error(name, f"The column {header} is already chosen for the "
                                     f"{FIELD_LABELS[Field(taken[header])]}; choose another")
            else:
                taken[header] = name
        return cleaned

    def column_map(self) -> dict[str, str]:
        """Field value to the chosen header, for ``read_upload`` and the provider's preset."""
        return {name: str(self.cleaned_data[name]) for name in self.fields}


class ReopenAssessmentForm(HandWrittenForm):
    """The lead reopens a submitted or moderated assessment, saying what to revise (the core
    refuses an empty reason, so the page shows its words)."""

    reason = LimitedText(NOTE, "The reason", strip=True)
