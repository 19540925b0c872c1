"""Contextual facts: the provider's performance figures beside the national figure and target.

Owns the contextual fact in its two forms: as entered (``ContextualFact``: figures as numbers,
with the unit and period) and as a report prints it (``PrintedFact``: figures as text), and the
one rule from the first to the second (``printed_fact``). Also the facts still to be entered
for the measures a framework declares (``default_facts``; the measures are the framework
file's ``contextual_measures``) and a CSV import that checks every row first, within the
contextual-facts limits (size and rows: the file is small, so the csv module reads it in the
caller's process once those cheap checks pass).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from probation_inspection.evidence.errors import ContextualFactsError, RowProblem
from probation_inspection.framework.model import ContextualMeasure, MeasureUnit
from probation_inspection.untrusted import (
    CONTEXTUAL_FACTS,
    DEFAULT_LIMITS,
    Limits,
    UntrustedFileError,
    check_size,
    with_article,
)

#: A measure's unit and the measure itself are the framework's (its ``contextual_measures``):
#: each framework declares what its reports print under "Contextual facts", or none.
Unit = MeasureUnit
Measure = ContextualMeasure


@dataclass(frozen=True)
class ContextualFact:
    """A performance measure as entered: the provider's figure, the national figure and the
    target as numbers in the measure's unit, for a period, from a source."""

    measure: str
    name: str
    unit: Unit
    provider_figure: Decimal | None
    national_figure: Decimal | None
    target: Decimal | None
    period: str
    source: str

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.provider_figure is None:
            return None
        return self.provider_figure >= self.target


@dataclass(frozen=True)
class PrintedFact:
    """A contextual fact as a report prints it, figures as text ("77%", "151,788").

    What a report's Contextual facts page shows (built by ``printed_fact``, or written so in
    a report's input file), and what the published-report reader reads back from a page
    (which does not read the source: it is then "").
    """

    figure: str
    #: The measure as the page words it ("The proportion of ...").
    measure: str
    national_figure: str | None = None
    target: str | None = None
    source: str = ""


def printed_fact(entered: ContextualFact) -> PrintedFact | None:
    """How a contextual fact entered as evidence prints on the Contextual facts page: figures
    as the reports print them (`77%`, `151,788`), the period after the source; None while the
    provider's figure is still to be entered (a declared measure nobody has filled in)."""
    if entered.provider_figure is None:
        return None

    def figure(value: Decimal | None) -> str:
        if value is None:
            return ""
        number = f"{value.normalize():,f}"
        return f"{number}%" if entered.unit is Unit.PERCENT else number

    source = f"{entered.source} ({entered.period})" if entered.period else entered.source
    return PrintedFact(figure=figure(entered.provider_figure), measure=entered.name,
                       national_figure=figure(entered.national_figure) or None,
                       target=figure(entered.target) or None, source=source)


def default_facts(measures: Sequence[Measure]) -> tuple[ContextualFact, ...]:
    """A framework's measures with their targets and sources, figures still to be entered."""
    return tuple(ContextualFact(m.key, m.name, m.unit, None, None, m.target, "", m.source)
                 for m in measures)


COLUMNS = ("measure", "provider_figure", "national_figure", "target", "period", "source")
OPTIONAL_COLUMNS = ("unit",)


def _measure(value: str, measures: Sequence[Measure]) -> Measure | None:
    wanted = value.strip().casefold()
    for measure in measures:
        if wanted in (measure.key, measure.name.casefold()):
            return measure
    return None


def _number(text: str, unit: Unit) -> Decimal:
    """A figure as printed ("151,788", "77%", "47.9"); ValueError says what is wrong."""
    cleaned = text.strip().replace(",", "")
    if cleaned.endswith("%"):
        if unit is not Unit.PERCENT:
            raise ValueError(f"{text!r} is a percentage, but the measure is a count")
        cleaned = cleaned[:-1].strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a number")
    if unit is Unit.PERCENT and not 0 <= value <= 100:
        raise ValueError(f"{text!r} is outside 0-100 per cent")
    if unit is Unit.COUNT and (value < 0 or value != value.to_integral_value()):
        raise ValueError(f"{text!r} is not a whole number of people")
    return value


def import_contextual_facts(
    text: str, file: str = "<csv>", *, measures: Sequence[Measure] = (),
    limits: Limits = DEFAULT_LIMITS
) -> tuple[ContextualFact, ...]:
    """Every row as a fact, or ContextualFactsError listing each bad row and column.

    Columns: measure, provider_figure, national_figure, target, period, source (and unit,
    needed only for a measure that is not one of ``measures``, the framework's). A declared
    measure's blank target and source take the framework's. Nothing is returned unless every
    row is sound.
    """
    try:
        check_size(len(text.encode("utf-8", errors="replace")), CONTEXTUAL_FACTS, limits)
    except UntrustedFileError as error:
        raise ContextualFactsError([RowProblem(file, 1, "", str(error))]) from None
    if "\x00" in text:
        # No database column holds a NUL (PostgreSQL refuses it), so it is refused where it is.
        row = text.count("\n", 0, text.index("\x00")) + 1
        raise ContextualFactsError([RowProblem(
            file, row, "", "contains a NUL character (byte 0), which is not text")])
    try:
        return _import(text, file, limits.facts_rows, measures)
    except csv.Error as error:
        # A cell over the csv module's field limit, a stray NUL or a broken quote.
        raise ContextualFactsError([RowProblem(file, 1, "", f"not a readable CSV: {error}")]
                                   ) from None


def _import(text: str, file: str, max_rows: int, measures: Sequence[Measure]
            ) -> tuple[ContextualFact, ...]:
    problems: list[RowProblem] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    for column in COLUMNS:
        if column not in header:
            problems.append(RowProblem(file, 1, column, "missing column"))
    for column in header:
        if column not in COLUMNS and column not in OPTIONAL_COLUMNS:
            problems.append(RowProblem(file, 1, column, "unknown column (expected: "
                                       + ", ".join(COLUMNS + OPTIONAL_COLUMNS) + ")"))
    if problems:
        raise ContextualFactsError(problems)
    reader.fieldnames = header
    facts: list[ContextualFact] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(_rows(reader, file), start=2):
        if row_number - 1 > max_rows:
            raise ContextualFactsError([RowProblem(
                file, row_number, "", f"more than the {max_rows:,}-row limit for "
                f"{with_article(CONTEXTUAL_FACTS)}")])
        if None in row:
            problems.append(RowProblem(file, row_number, "", "more cells than columns"))
            continue
        cells = {key: (value or "").strip() for key, value in row.items()}
        if not any(cells.values()):
            continue
        fact = _fact(cells, file, row_number, problems, measures)
        if fact is None:
            continue
        if fact.measure in seen:
            problems.append(RowProblem(file, row_number, "measure", f"{fact.measure!r} is "
                                       f"already given on row {seen[fact.measure]}"))
        seen.setdefault(fact.measure, row_number)
        facts.append(fact)
    if problems:
        raise ContextualFactsError(problems)
    if not facts:
        raise ContextualFactsError([RowProblem(file, 1, "", "no facts to import")])
    return tuple(facts)


def _rows(reader: csv.DictReader[str], file: str) -> Iterator[dict[str | Any, str | Any]]:
    """The reader's rows; a row the csv module cannot read is a problem naming its line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ContextualFactsError([RowProblem(
                file, reader.line_num + 1, "", f"not a readable CSV: {error}")]) from None
        yield row


def _fact(cells: dict[str, str], file: str, row: int, problems: list[RowProblem],
          measures: Sequence[Measure]) -> ContextualFact | None:
    before = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(file, row, column, message))

    known = _measure(cells["measure"], measures)
    unit: Unit | None = known.unit if known else None
    if not cells["measure"]:
        problem("measure", "empty")
    elif known is None:
        try:
            unit = Unit(cells.get("unit", "").lower())
        except ValueError:
            keys = ", ".join(m.key for m in measures) or "the framework lists none"
            problem("unit", f"{cells['measure']!r} is not one of the framework's measures "
                    f"({keys}): give its unit, percent or count")
    elif cells.get("unit") and cells["unit"].lower() != known.unit.value:
        problem("unit", f"{known.key} is measured as a {known.unit.value}, not "
                f"{cells['unit']!r}")
    figures: dict[str, Decimal | None] = {}
    for column in ("provider_figure", "national_figure", "target"):
        figures[column] = None
        # Without a unit a figure cannot be checked; the unit problem is reported already.
        if not cells[column] or unit is None:
            continue
        try:
            figures[column] = _number(cells[column], unit)
        except ValueError as error:
            problem(column, str(error))
    if not cells["provider_figure"]:
        problem("provider_figure", "empty: the provider's figure is what the fact is for")
    if len(problems) > before or unit is None:
        return None
    target = figures["target"] if figures["target"] is not None else (
        known.target if known else None)
    return ContextualFact(
        measure=known.key if known else cells["measure"],
        name=known.name if known else cells["measure"],
        unit=unit,
        provider_figure=figures["provider_figure"],
        national_figure=figures["national_figure"],
        target=target,
        period=cells["period"],
        source=cells["source"] or (known.source if known else ""),
    )


def read_contextual_facts(
    path: str | Path, *, measures: Sequence[Measure] = (), limits: Limits = DEFAULT_LIMITS
) -> tuple[ContextualFact, ...]:
    """Import a CSV file (UTF-8, with or without a byte-order mark)."""
    path = Path(path)
    try:
        # The size from the disk first: an oversized file is never read into memory.
        check_size(path.stat().st_size, CONTEXTUAL_FACTS, limits)
        text = path.read_text(encoding="utf-8-sig")
    except UntrustedFileError as error:
        raise ContextualFactsError([RowProblem(str(path), 1, "", str(error))]) from None
    except (OSError, UnicodeDecodeError) as error:
        problem = RowProblem(str(path), 1, "", f"cannot read the file: {error}")
        raise ContextualFactsError([problem]) from error
    return import_contextual_facts(text, str(path), measures=measures, limits=limits)
