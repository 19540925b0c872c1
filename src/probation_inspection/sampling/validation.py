"""Validating a read case list: checking every cell of the columns matched to fields.

Owns the checks (required, category, date, hours, duplicate reference) and their messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import polars as pl

from probation_inspection.sampling.cases import ATTRIBUTE_PREFIX, CaseList
from probation_inspection.sampling.columns import resolve_columns
from probation_inspection.sampling.defaults import SampleTypeRef, definition_of
from probation_inspection.sampling.fields import (
    CATEGORIES,
    DATE_FIELDS,
    FIELD_LABELS,
    UPW_HOURS_RANGE,
    Field,
    spellings,
)
from probation_inspection.sampling.problems import (
    CaseListError,
    ColumnSample,
    Problem,
    quoted,
)
from probation_inspection.sampling.reading import ROW, RawTable

# ISO (2019-02-01) and UK (01/02/2019) dates; a trailing time of day, as spreadsheets add
# when they export a date cell, is allowed and ignored.
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$"
_UK = rf"^(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_TIME}$"
_NORMALISE = r"[\s_\-./]+"

DATE_FORMATS = "YYYY-MM-DD or DD/MM/YYYY"


@dataclass(frozen=True)
class _Check:
    """A mapped column: its field, header, raw column and the column naming its problems."""

    field: Field
    header: str
    source: str
    kind_column: str


#: The kinds of problem a cell can have.
KINDS = ("missing", "category", "date", "impossible-date", "hours", "too-long")

#: The longest text each free-text field may hold: a case reference or a delivery unit is
#: stored in a bounded column, so a longer one is a cell problem here, at upload, rather than
#: a database error when the sample is drawn.
TEXT_LENGTHS: Mapping[Field, int] = {
    Field.CRN: 50,
    Field.DELIVERY_UNIT: 200,
    Field.OFFICE: 200,
    Field.RELEASING_PRISON: 200,
}

_LOOKED_UP = frozenset({*CATEGORIES, *DATE_FIELDS, Field.UPW_HOURS})


def required_fields(sample_type: SampleTypeRef, extra: Iterable[Field] = ()) -> tuple[Field, ...]:
    """The fields the sample type's definition needs, then ``extra``, once each."""
    needed = (Field(name) for name in definition_of(sample_type).fields)
    return tuple(dict.fromkeys((*needed, *extra)))


def validate(
    table: RawTable,
    sample_type: SampleTypeRef,
    *,
    overrides: Mapping[Field, str] | None = None,
    extra_required: Iterable[Field] = (),
) -> CaseList:
    """Check every cell of a case list for the given sample type.

    Raises ``CaseListError`` with every problem found (header and cells) when there is any;
    otherwise returns the typed ``CaseList``.
    """
    required = required_fields(sample_type, extra_required)
    matched, problems = resolve_columns(table.headers, overrides, required)
    codes: list[pl.Expr] = []
    columns: list[pl.Expr] = []
    checks: list[_Check] = []
    for field, index in matched.items():
        check = _Check(field, table.headers[index], RawTable.column(index), f"_kind_{index}")
        code, typed, kind = _checked(table.frame, check, field in required)
        codes += [code] if code is not None else []
        columns += [typed.alias(field.value), kind.alias(check.kind_column)]
        checks.append(check)
    checked = table.frame.with_columns(codes).with_columns(columns)
    problems += _cell_problems(checked, checks)
    problems += [p for c in checks if c.field is Field.CRN for p in _duplicates(checked, c)]
    if any(problem.missing_field for problem in problems):
        offered = _column_samples(table)
        problems = [replace(p, columns=offered) if p.missing_field else p for p in problems]
    if problems:
        raise CaseListError(table.source, sorted(problems, key=_position(table.headers)))
    return _case_list(table, checked, matched)


def _checked(
    frame: pl.DataFrame, check: _Check, required: bool
) -> tuple[pl.Expr | None, pl.Expr, pl.Expr]:
    """The typed value of a column and the kind of problem (or null) in each cell.

    Categories, dates and hours take few distinct values even in a million rows, so they are
    parsed once per distinct value: each cell gets the number of its distinct value (the first
    expression returned, to add to the frame first) and the results are gathered by it. That
    is what keeps validation of a million rows to a second or two.
    """
    value = _text(check.source)
    typed, kinds = _typed(check.field, value)
    if required:
        kinds = [("missing", value.is_null()), *kinds]
    # A one-byte code per cell (an index into KINDS) keeps a million rows' results small.
    flagged: list[pl.Expr] = [
        pl.when(flag).then(pl.lit(KINDS.index(name), pl.UInt8)) for name, flag in kinds
    ]
    kind = pl.coalesce(flagged or [pl.lit(None, pl.UInt8)])
    if check.field not in _LOOKED_UP:
        return None, typed, kind
    raw = pl.col(check.source).fill_null("")
    distinct = frame.select(raw.unique()).with_columns(
        typed.alias("_typed"), kind.alias("_kind")
    )
    numbers = pl.Series(range(distinct.height), dtype=pl.UInt32)
    code = f"_code_{check.source}"
    return (
        raw.replace_strict(distinct[check.source], numbers).alias(code),
        pl.lit(distinct["_typed"]).gather(pl.col(code)),
        pl.lit(distinct["_kind"]).gather(pl.col(code)),
    )


def _text(source: str) -> pl.Expr:
    text = pl.col(source).str.strip_chars()
    return pl.when(text != "").then(text)


def _typed(field: Field, value: pl.Expr) -> tuple[pl.Expr, list[tuple[str, pl.Expr]]]:
    """The typed value of a field and the (kind, flag) checks on it."""
    if field in CATEGORIES:
        key = value.str.to_lowercase().str.replace_all(_NORMALISE, " ").str.strip_chars()
        typed = key.replace_strict(spellings(field), default=None, return_dtype=pl.String)
        return typed, [("category", value.is_not_null() & typed.is_null())]
    if field in DATE_FIELDS:
        canonical = (
            pl.when(value.str.contains(_ISO)).then(value.str.replace(_ISO, "${1}-${2}-${3}"))
            .when(value.str.contains(_UK)).then(value.str.replace(_UK, "${3}-${2}-${1}"))
        )
        typed = canonical.str.to_date("%Y-%m-%d", strict=False)
        return typed, [
            ("date", value.is_not_null() & canonical.is_null()),
            ("impossible-date", canonical.is_not_null() & typed.is_null()),
        ]
    if field is Field.UPW_HOURS:
        typed = value.cast(pl.Int64, strict=False)
        low, high = UPW_HOURS_RANGE
        in_range = typed.is_between(low, high).fill_null(False)
        return typed, [("hours", value.is_not_null() & ~in_range)]
    longest = TEXT_LENGTHS.get(field)
    too_long = [] if longest is None else [("too-long", value.str.len_chars() > longest)]
    if field is Field.CRN:
        return value.str.to_uppercase(), too_long
    return value, too_long


def _cell_problems(frame: pl.DataFrame, checks: list[_Check]) -> list[Problem]:
    if not checks:
        return []
    kinds = [check.kind_column for check in checks]
    flagged = frame.filter(pl.any_horizontal(pl.col(kinds).is_not_null()))
    problems: list[Problem] = []
    for row in flagged.iter_rows(named=True):
        for check in checks:
            if row[check.kind_column] is not None:
                raw = row[check.source]
                value = None if raw is None else str(raw).strip()
                message = _message(check.field, KINDS[row[check.kind_column]], value)
                problems.append(Problem(int(row[ROW]), check.header, value, message))
    return problems


#: How many values of each column a person choosing a column is shown, and how much of each.
SAMPLE_VALUES = 3
SAMPLE_LENGTH = 40


def _column_samples(table: RawTable) -> tuple[ColumnSample, ...]:
    """Each column with its first few distinct non-blank values, cut short: enough to
    recognise a date column or a reference without showing the whole file."""
    samples = []
    for index, header in enumerate(table.headers):
        text = _text(RawTable.column(index))
        values = table.frame.select(text.drop_nulls().unique(maintain_order=True)
                                    .head(SAMPLE_VALUES)).to_series().to_list()
        shown = tuple(value if len(value) <= SAMPLE_LENGTH else value[:SAMPLE_LENGTH] + "…"
                      for value in values)
        samples.append(ColumnSample(header, shown))
    return tuple(samples)


def _duplicates(frame: pl.DataFrame, check: _Check) -> list[Problem]:
    """Each repeat of a case reference, naming the row where it first appears."""
    crn = pl.col(Field.CRN.value)
    repeated = frame.filter(crn.is_not_null() & crn.is_duplicated()).sort(ROW)
    first: dict[str, int] = {}
    problems = []
    for row, value, raw in repeated.select(ROW, crn, check.source).iter_rows():
        if value not in first:
            first[value] = row
            continue
        shown = str(raw).strip()
        problems.append(Problem(row, check.header, shown,
                                f"case reference {quoted(shown)} is also on row {first[value]}"))
    return problems


def _message(field: Field, kind: str, value: str | None) -> str:
    label = FIELD_LABELS[field]
    if kind == "missing":
        return f"{label} is blank but required"
    if kind == "category":
        allowed = ", ".join(member.value.replace("-", " ") for member in CATEGORIES[field])
        return f"unknown {label} {quoted(value)}; allowed values are {allowed}"
    if kind == "date":
        return f"{label} {quoted(value)} is not a date; write dates as {DATE_FORMATS}"
    if kind == "impossible-date":
        return f"{label} {quoted(value)} is not a real date: there is no such day"
    if kind == "too-long":
        length = len(value or "")
        return (f"{label} is {length:,} characters long; at most {TEXT_LENGTHS[field]} are "
                "allowed")
    low, high = UPW_HOURS_RANGE
    return f"{label} {quoted(value)} is not a whole number of hours from {low} to {high}"


def _position(headers: tuple[str, ...]) -> Callable[[Problem], tuple[int, int]]:
    order = {header: index for index, header in enumerate(headers)}

    def key(problem: Problem) -> tuple[int, int]:
        return (problem.row or 0, order.get(problem.column or "", -1))

    return key


def _case_list(table: RawTable, frame: pl.DataFrame, matched: Mapping[Field, int]) -> CaseList:
    fields = [
        pl.col(field.value) if field in matched else pl.lit(None, _dtype(field)).alias(field.value)
        for field in Field
    ]
    claimed = set(matched.values())
    extras = [
        (index, header or f"column {index + 1}")
        for index, header in enumerate(table.headers)
        if index not in claimed
    ]
    attributes = [
        pl.col(RawTable.column(index)).alias(ATTRIBUTE_PREFIX + name) for index, name in extras
    ]
    return CaseList(
        source=table.source,
        frame=frame.select(pl.col(ROW), *fields, *attributes),
        columns={field: table.headers[index] for field, index in matched.items()},
        attributes=tuple(name for _, name in extras),
    )


def _dtype(field: Field) -> pl.DataType:
    if field in DATE_FIELDS:
        return pl.Date()
    if field is Field.UPW_HOURS:
        return pl.Int64()
    return pl.String()
