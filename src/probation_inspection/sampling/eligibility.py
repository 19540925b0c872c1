"""Eligibility windows relative to the fieldwork start, and the eligible population they select.

A window is framework data (`Eligibility` of a `SampleTypeDefinition`): a date field between
two times before fieldwork, and filters on field values. One generic reading serves every
sample type; a sample type given by id alone is resolved by `sampling.defaults`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from probation_inspection.framework.model import (
    Eligibility,
    FieldFilter,
    SampleTypeDefinition,
    months_before,
)
from probation_inspection.sampling.cases import CaseList
from probation_inspection.sampling.defaults import SampleTypeRef, definition_of
from probation_inspection.sampling.fields import CATEGORIES, FIELD_LABELS, Field, normalise

__all__ = ["EligibilityWindow", "months_before"]

#: The window of a sample type (the framework model's name, kept for callers of sampling).
EligibilityWindow = Eligibility

_PRISON_PREFIX = r"^(?:hmp yoi |hmp |hmyoi |yoi )"


def prison_key(name: str) -> str:
    return re.sub(_PRISON_PREFIX, "", normalise(name.replace("&", " ")))


def _text_key(column: pl.Expr) -> pl.Expr:
    return column.str.to_lowercase().str.replace_all(r"[\s_\-./]+", " ").str.strip_chars()


def _filter(condition: FieldFilter) -> pl.Expr:
    """True where the case's field holds one of the filter's values (compared as the field's
    kind is: category values exactly, prison names and other text ignoring case and marks)."""
    field = Field(condition.field)
    column = pl.col(field.value)
    if field in CATEGORIES:
        matched = column.is_in(sorted(set(condition.values)))
    elif field is Field.RELEASING_PRISON:
        names = sorted({prison_key(value) for value in condition.values})
        key = column.str.to_lowercase().str.replace_all(r"[\s_\-./&]+", " ").str.strip_chars()
        matched = key.str.replace(_PRISON_PREFIX, "").is_in(names)
    else:
        matched = _text_key(column).is_in(sorted({normalise(v) for v in condition.values}))
    if condition.blank_eligible:
        return column.is_null() | matched.fill_null(False)
    return matched.fill_null(False)


def condition(window: Eligibility, fieldwork_start: dt.date) -> pl.Expr:
    """The whole window as a filter: the date in the window and every field filter."""
    expression = _in_window(Field(window.date_field), window.bounds(fieldwork_start))
    for field_filter in window.filters:
        expression &= _filter(field_filter)
    return expression


def _in_window(field: Field, bounds: tuple[dt.date | None, dt.date]) -> pl.Expr:
    earliest, latest = bounds
    column = pl.col(field.value)
    expression = column <= latest
    if earliest is not None:
        expression &= column >= earliest
    return expression.fill_null(False)


@dataclass(frozen=True)
class Population:
    """The eligible cases of a case list for one sample type and fieldwork start."""

    #: The sample type's id.
    sample_type: str
    fieldwork_start: dt.date
    window: EligibilityWindow
    case_list: CaseList
    frame: pl.DataFrame
    #: The sample type's definition: its strata, fields and label.
    definition: SampleTypeDefinition | None = None

    def __len__(self) -> int:
        return self.frame.height

    @property
    def listed(self) -> int:
        return len(self.case_list)


def eligible(
    case_list: CaseList,
    sample_type: SampleTypeRef,
    fieldwork_start: dt.date,
    window: EligibilityWindow | None = None,
) -> Population:
    """The cases eligible for a sample of ``sample_type`` (its definition, or a shipped
    default's id) with fieldwork starting on that day; ``window`` in place of its own."""
    definition = definition_of(sample_type)
    window = window or definition.eligibility
    frame = case_list.frame.filter(condition(window, fieldwork_start))
    return Population(definition.id, fieldwork_start, window, case_list, frame, definition)


@dataclass(frozen=True)
class Exclusion:
    """How many listed cases one reason left out of the eligible population."""

    reason: str
    cases: int


@dataclass(frozen=True)
class EligibilityReport:
    """What a window selects from a case list, said in dates and counts a lead can check:
    the window's first and last day, the cases included, and those excluded by reason."""

    sample_type: str
    fieldwork_start: dt.date
    date_field: Field
    #: None: the window has no earliest day (an unpaid work window without an upper limit).
    earliest: dt.date | None
    latest: dt.date
    listed: int
    included: int
    excluded: tuple[Exclusion, ...]

    @property
    def empty(self) -> bool:
        return self.included == 0


_DATE_NAMES = {Field.START_DATE: "start date", Field.UPW_START_DATE: "unpaid work start date",
               Field.RELEASE_DATE: "release date"}

#: How an exclusion names a filter's field ("Disposal other than ..."), where not its label.
_FILTER_NAMES = {Field.DISPOSAL: "disposal"}


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _reasons(window: EligibilityWindow, fieldwork_start: dt.date) -> list[tuple[str, pl.Expr]]:
    """Each exclusion test in the order a case is charged to it: a case failing several is
    counted once, under the first, so the counts add up to the cases left out."""
    earliest, latest = window.bounds(fieldwork_start)
    date_field = Field(window.date_field)
    name = _DATE_NAMES.get(date_field, date_field.value.replace("_", " "))
    column = pl.col(date_field.value)
    checks = [(f"No {name}", column.is_null())]
    if earliest is not None:
        checks.append((f"{name.capitalize()} before {_day(earliest)}", column < earliest))
    checks.append((f"{name.capitalize()} after {_day(latest)}", column > latest))
    for field_filter in window.filters:
        field = Field(field_filter.field)
        if field is Field.RELEASING_PRISON:
            reason = "Released from a prison not named for the sample"
        else:
            kept = ", ".join(sorted(value.replace("-", " ") for value in field_filter.values))
            label = _FILTER_NAMES.get(field, FIELD_LABELS[field])
            reason = f"{label.capitalize()} other than {kept}"
        checks.append((reason, ~_filter(field_filter)))
    return checks


def eligibility_report(
    case_list: CaseList,
    sample_type: SampleTypeRef,
    fieldwork_start: dt.date,
    window: EligibilityWindow | None = None,
) -> EligibilityReport:
    """The window as dates and the cases it includes and excludes, by reason, for one list."""
    definition = definition_of(sample_type)
    window = window or definition.eligibility
    earliest, latest = window.bounds(fieldwork_start)
    remaining = case_list.frame
    excluded = []
    for reason, test in _reasons(window, fieldwork_start):
        left_out = remaining.filter(test.fill_null(False))
        if left_out.height:
            excluded.append(Exclusion(reason, left_out.height))
            remaining = remaining.filter(~test.fill_null(False))
    included = eligible(case_list, definition, fieldwork_start, window)
    return EligibilityReport(definition.id, fieldwork_start, Field(window.date_field), earliest,
                             latest, len(case_list), len(included), tuple(excluded))
