"""Validating a read case list: checking every cell of the columns matched to fields.

Owns the checks (required, category, date, hours, duplicate reference) and their messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
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
from probation_inspection.sampling.reading import ROW, FewValues, RawTable

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

#: Fields checked once per distinct value: all but the case reference, which is unique to
#: each case (a delivery unit or a prison is free text, but a list names few of them).
_LOOKED_UP = frozenset(Field) - {Field.CRN}


def required_fields(sample_type: SampleTypeRef, extra: Iterable[Field] = ()) -> tuple[Field, ...]:
    """The fields the sample type's definition needs, then ``extra``, once each."""
    needed = (Field(name) for name in definition_of(sample_type).fields)
    return tuple(dict.fromkeys((*needed, *extra)))


def few_values(
    sample_type: SampleTypeRef,
    *,
    overrides: Mapping[Field, str] | None = None,
    extra_required: Iterable[Field] = (),
) -> FewValues:
    """The columns of a case list with few distinct values (categories, dates, hours), found
    from its headers as ``validate`` will find them: a CSV reader keeps them as categoricals,
    which halves the memory of a large list and lets each cell's value be looked up by code."""
    required = required_fields(sample_type, extra_required)

    def choose(headers: Sequence[str]) -> set[int]:
        matched, _ = resolve_columns([h.strip() for h in headers], overrides, required)
        return {index for field, index in matched.items() if field in _LOOKED_UP}

    return choose


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

    Every check is a vectorised expression over whole columns; a ``Problem`` (a Python object)
    is made only for a failing cell, so a clean million-row list costs a few column passes.
    """
    required = required_fields(sample_type, extra_required)
    matched, problems = resolve_columns(table.headers, overrides, required)
    checks = [_Check(field, table.headers[index], RawTable.column(index), f"_kind_{index}")
              for field, index in matched.items()]
    looked_up = [check for check in checks if check.field in _LOOKED_UP]
    lookups = _lookups(table.frame, looked_up, required)
    typed = table.frame.select(pl.col(ROW), *(
        (lookups[check.field].typed(check.source) if check.field in lookups
         else _typed(check.field, _text(check.source))[0]).alias(check.field.value)
        for check in checks
    ))
    for check in checks:
        if check.field in lookups:
            problems += lookups[check.field].problems(table.frame, check)
        else:
            problems += _direct_problems(table.frame, typed, check, check.field in required)
    problems += [p for c in checks if c.field is Field.CRN for p in _duplicates(typed, table, c)]
    if any(problem.missing_field for problem in problems):
        offered = _column_samples(table)
        problems = [replace(p, columns=offered) if p.missing_field else p for p in problems]
    if problems:
        raise CaseListError(table.source, sorted(problems, key=_position(table.headers)))
    return _case_list(table, typed, matched)


@dataclass(frozen=True)
class _Lookup:
    """A looked-up column's distinct cells: ``_cell`` (its text, "" for a blank), ``_code``
    (its categorical code, when the column was read as categories), ``_typed`` (its typed
    value) and ``_kind`` (the kind of problem it has, an index into KINDS, or null)."""

    field: Field
    distinct: pl.DataFrame
    categorical: bool

    def typed(self, source: str) -> pl.Expr:
        """Each cell's typed value: categories, dates and hours take few distinct values even
        in a million rows, so each is parsed once and the cells look it up."""
        if self.categorical:
            # A categorical cell's code indexes a table of typed values: no hashing at all.
            coded = self.distinct.drop_nulls("_code")
            size = int(coded.select(pl.col("_code").max()).item() or 0) + 1
            table = pl.Series("_typed", [None] * size, dtype=_dtype(self.field))
            table = table.scatter(coded["_code"], coded["_typed"])
            return pl.lit(table).gather(pl.col(source).to_physical())
        return _cells(source).replace_strict(
            self.distinct["_cell"], self.distinct["_typed"], default=None,
            return_dtype=_dtype(self.field),
        )

    def problems(self, frame: pl.DataFrame, check: _Check) -> list[Problem]:
        bad = self.distinct.filter(pl.col("_kind").is_not_null())
        if bad.height == 0:
            return []
        kinds = dict(zip(bad["_cell"].to_list(), bad["_kind"].to_list(), strict=True))
        failing = frame.select(ROW, pl.col(check.source).cast(pl.String)).filter(
            _cells(check.source).is_in(bad["_cell"].implode()))
        return [_problem(check, row, raw, KINDS[kinds[raw or ""]])
                for row, raw in failing.iter_rows()]


def _cells(source: str) -> pl.Expr:
    """A column's cells as text, a blank as ""."""
    return pl.col(source).cast(pl.String).fill_null("")


def _lookups(
    frame: pl.DataFrame, checks: list[_Check], required: tuple[Field, ...]
) -> dict[Field, _Lookup]:
    """The distinct cells of every looked-up column, found in parallel, typed and checked."""
    if not checks:
        return {}
    categorical = {check.source: isinstance(frame.schema[check.source], pl.Categorical)
                   for check in checks}
    distincts = pl.collect_all([
        frame.lazy().select(pl.col(check.source).unique() if categorical[check.source]
                            else _cells(check.source).unique())
        for check in checks
    ])
    lookups = {}
    for check, distinct in zip(checks, distincts, strict=True):
        column = distinct.to_series()
        cells = pl.DataFrame({
            "_cell": column.cast(pl.String).fill_null(""),
            "_code": column.to_physical() if categorical[check.source]
            else pl.Series([None] * column.len(), dtype=pl.UInt32),
        })
        typed, kind = _kind(check.field, _text("_cell"), check.field in required)
        lookups[check.field] = _Lookup(
            check.field, cells.with_columns(typed.alias("_typed"), kind.alias("_kind")),
            categorical[check.source])
    return lookups


def _kind(field: Field, value: pl.Expr, required: bool) -> tuple[pl.Expr, pl.Expr]:
    """The typed value of a cell and the kind of its problem (an index into KINDS) or null."""
    typed, kinds = _typed(field, value)
    if required:
        kinds = [("missing", value.is_null()), *kinds]
    # A one-byte code per cell keeps a million rows' results small.
    flagged: list[pl.Expr] = [
        pl.when(flag).then(pl.lit(KINDS.index(name), pl.UInt8)) for name, flag in kinds
    ]
    return typed, pl.coalesce(flagged or [pl.lit(None, pl.UInt8)])


def _direct_problems(
    frame: pl.DataFrame, typed: pl.DataFrame, check: _Check, required: bool
) -> list[Problem]:
    """The problems of a column checked cell by cell (the case reference): first whether any
    cell can have one, from its typed column's blanks and its longest raw cell; then, if so,
    in one vectorised pass, with only the failing rows brought into Python."""
    longest = TEXT_LENGTHS.get(check.field)
    blanks = required and typed[check.field.value].null_count() > 0
    too_long = longest is not None and (frame.select(
        pl.col(check.source).cast(pl.String).str.len_chars().max()).item() or 0) > longest
    if not blanks and not too_long:
        return []
    _, kind = _kind(check.field, _text(check.source), required)
    failing = (frame.select(ROW, check.source, kind.alias("_kind"))
               .filter(pl.col("_kind").is_not_null()))
    return [_problem(check, row, raw, KINDS[code]) for row, raw, code in failing.iter_rows()]


def _problem(check: _Check, row: int, raw: object, kind: str) -> Problem:
    value = None if raw is None else str(raw).strip()
    return Problem(int(row), check.header, value, _message(check.field, kind, value))


def _text(source: str) -> pl.Expr:
    text = pl.col(source).cast(pl.String).str.strip_chars()
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


def _duplicates(typed: pl.DataFrame, table: RawTable, check: _Check) -> list[Problem]:
    """Each repeat of a case reference, naming the row where it first appears."""
    crn = pl.col(Field.CRN.value)
    # Distinct hashes prove distinct references at a fraction of comparing the texts; only a
    # list with a repeat (or a hash collision) is searched text by text.
    counts = typed.select(crn.count().alias("cases"),
                          crn.drop_nulls().hash().n_unique().alias("distinct"))
    if counts["cases"][0] == counts["distinct"][0]:
        return []
    repeated = (typed.select(ROW, crn).with_columns(table.frame[check.source])
                .filter(crn.is_not_null() & crn.is_duplicated()).sort(ROW))
    first: dict[str, int] = {}
    problems = []
    for row, value, raw in repeated.iter_rows():
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
    attributes = table.frame.select(
        pl.col(RawTable.column(index)).cast(pl.String).alias(ATTRIBUTE_PREFIX + name)
        for index, name in extras
    )
    # The typed columns and the raw frame's extra columns side by side, sharing their memory.
    return CaseList(
        source=table.source,
        frame=frame.select(pl.col(ROW), *fields).hstack(attributes.get_columns()),
        columns={field: table.headers[index] for field, index in matched.items()},
        attributes=tuple(name for _, name in extras),
    )


def _dtype(field: Field) -> pl.DataType:
    if field in DATE_FIELDS:
        return pl.Date()
    if field is Field.UPW_HOURS:
        return pl.Int64()
    return pl.String()
