"""Reading the assessment form's posted fields, and laying questions out for its template.

Field names are derived from framework ids (dots become dashes so they are safe HTML ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from probation_inspection.framework.model import AttributeType, CaseAttribute, Framework
from probation_inspection.sampling.fields import FIELD_LABELS, Field
from probation_inspection.web.casework.models import Answer
from probation_inspection.web.casework.questions import (
    Question,
    assessed_standards,
    questions,
    relevance_attributes,
)
from probation_inspection.web.casework.services import PostedAnswer
from probation_inspection.web.input_limits import (
    ATTRIBUTE_VALUE,
    INTEGER_ATTRIBUTE_RANGE,
    NOTE,
    NumberError,
    overlong,
    refused_text,
    whole_number,
)


def slug(identifier: str) -> str:
    return identifier.replace(".", "-").replace(" ", "-")


def posted_answers(
    data: QueryDict, framework: Framework, sample_type: str
) -> dict[str, PostedAnswer]:
    answers = {}
    for question in questions(framework, sample_type):
        key = slug(question.id)
        answers[question.id] = PostedAnswer(
            value=data.get(f"answer-{key}", ""),
            evidence=data.get(f"evidence-{key}", ""),
            practice_example=data.get(f"practice-{key}") == "on",
        )
    return answers


def posted_attributes(
    data: QueryDict, framework: Framework, sample_type: str
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """The edited case attributes, and (attribute, message) for any value not allowed."""
    values: dict[str, object] = {}
    errors: list[tuple[str, str]] = []
    for attribute in relevance_attributes(framework, sample_type):
        raw = data.get(f"attribute-{attribute.name}", "")
        if raw == "":
            continue
        if attribute.type is AttributeType.BOOLEAN:
            if raw not in ("true", "false"):
                errors.append((attribute.name, f"{attribute.label}: choose yes or no"))
                continue
            values[attribute.name] = raw == "true"
        elif attribute.type is AttributeType.CHOICE:
            if raw not in attribute.values:
                errors.append((attribute.name, f"{attribute.label}: {raw!r} is not allowed"))
                continue
            values[attribute.name] = raw
        elif attribute.type is AttributeType.INTEGER:
            try:
                values[attribute.name] = whole_number(raw, attribute.label,
                                                      INTEGER_ATTRIBUTE_RANGE)
            except NumberError as error:
                errors.append((attribute.name, str(error)))
        elif message := refused_text(raw, ATTRIBUTE_VALUE, attribute.label):
            errors.append((attribute.name, message))
        else:
            values[attribute.name] = raw
    return values, errors


def overlong_evidence(
    data: QueryDict, framework: Framework, sample_type: str
) -> list[tuple[str, str]]:
    """(field id, message) for each evidence note over its limit: refused before saving, so
    neither the answer nor the audit log ever holds an oversized note."""
    return overlong(
        (data.get(f"evidence-{slug(question.id)}", ""), NOTE,
         f"The evidence note for {question.id}", f"evidence-{slug(question.id)}")
        for question in questions(framework, sample_type)
    )


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
