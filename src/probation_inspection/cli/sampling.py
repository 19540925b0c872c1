"""``probation-inspection sample-size`` and ``sample``: size and draw an inspection sample.

Owns arguments, progress and printing; every rule lives in ``probation_inspection.sampling``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework.errors import FrameworkError
from probation_inspection.framework.library import UnknownFramework, load_framework_reference
from probation_inspection.framework.model import FieldFilter, SampleTypeDefinition
from probation_inspection.sampling import (
    CaseListError,
    Field,
    Population,
    Sample,
    SamplingError,
    draw,
    eligible,
    parse_overrides,
    representativeness,
    sample_size,
    shipped_sample_types,
)
from probation_inspection.sampling.eligibility import EligibilityWindow
from probation_inspection.sampling.export import sample_document, write_sample_csv
from probation_inspection.sampling.fields import FIELD_LABELS
from probation_inspection.sampling.loading import load_untrusted_case_list
from probation_inspection.sampling.representativeness import methodology
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.untrusted import UntrustedFileError, limits_from_environment

T = TypeVar("T")
ReadProgress = Callable[[int, int | None], None]

#: Files at least this big get progress bars (when the terminal can show them).
PROGRESS_BYTES = 5 * 1024 * 1024


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@app.command("sample-size")
def sample_size_command(
    population: Annotated[
        int | None,
        typer.Option("--population", help="Eligible population N; leave out for unlimited."),
    ] = None,
    confidence: Annotated[float, typer.Option(help="Confidence level, 0 to 1.")] = (
        DEFAULT_CONFIDENCE
    ),
    margin: Annotated[float, typer.Option(help="Margin of error, percentage points.")] = (
        DEFAULT_MARGIN
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """The sample size for a population, confidence level and margin of error."""
    try:
        size = sample_size(population, confidence, margin)
    except ValueError as error:
        _fail(str(error))
    if as_json:
        typer.echo(json.dumps({"population": population, "confidence": _number(confidence),
                               "margin": _number(margin), "sample_size": size}))
        return
    of = "an unlimited population" if population is None else f"a population of {population:,}"
    typer.echo(f"{size} cases: {of} at {_number(confidence * 100)} per cent confidence with a "
               f"margin of error of {_number(margin)}.")


@app.command("sample")
def sample_command(
    caselist: Annotated[Path, typer.Argument(help="Case list: CSV or XLSX.")],
    sample_type: Annotated[str, typer.Option(
        "--type", help="Which sample to draw: the id of one of the framework's sample types.")],
    fieldwork_start: Annotated[
        str, typer.Option("--fieldwork-start", help="First day of fieldwork, YYYY-MM-DD.")
    ],
    seed: Annotated[int, typer.Option(help="Seed for the draw; the same seed, the same sample.")],
    size: Annotated[
        int | None, typer.Option(help="Sample size instead of the computed one.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write the sample and reserves to this CSV.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="FIELD=HEADER: read a field from this column (repeatable)."),
    ] = None,
    confidence: Annotated[float, typer.Option(help="Confidence level, 0 to 1.")] = (
        DEFAULT_CONFIDENCE
    ),
    margin: Annotated[float, typer.Option(help="Margin of error, percentage points.")] = (
        DEFAULT_MARGIN
    ),
    spread: Annotated[
        bool,
        typer.Option("--spread-delivery-units", help="Also stratify by delivery unit."),
    ] = False,
    prisons: Annotated[
        list[str] | None,
        typer.Option("--prison", help="Through the Gate: a resettlement prison (repeatable)."),
    ] = None,
    unit: Annotated[
        str, typer.Option(help="What the methodology sentence calls a delivery unit.")
    ] = "local delivery unit",
    framework: Annotated[
        str | None,
        typer.Option("--framework", help="Framework whose sample types to use: a shipped id, "
                     "id@version or a file; leave out to use the sample type the shipped "
                     "library declares with that --type id."),
    ] = None,
) -> None:
    """Draw a stratified sample (and reserves) from a case list, reproducibly from a seed."""
    try:
        start = dt.date.fromisoformat(fieldwork_start)
    except ValueError:
        _fail(f"--fieldwork-start {fieldwork_start!r} is not a date; write it as YYYY-MM-DD")
    try:
        overrides = parse_overrides(mapping or [])
    except ValueError as error:
        _fail(str(error))
    definition = _definition(framework, sample_type)
    window = _window(definition, framework, prisons or [])
    try:
        limits = limits_from_environment()
    except UntrustedFileError as error:
        _fail(str(error))
    console = Console(stderr=True)
    with _progress(console, caselist) as step:
        try:
            extra = (Field.DELIVERY_UNIT,) if spread else ()
            # Read and checked in a child process within the limits: a hostile file costs at
            # most their memory and time, and is refused with the limit named.
            case_list = step("Reading and checking", lambda _: load_untrusted_case_list(
                caselist, definition, overrides=overrides, extra_required=extra, limits=limits))
            population = step("Selecting eligible cases", lambda _: eligible(
                case_list, definition, start, window))
            sample = step("Drawing", lambda _: draw(
                population, seed, size=size, confidence=confidence, margin=margin,
                spread_delivery_units=spread))
        except FileNotFoundError:
            _fail(f"{caselist}: no such file")
        except OSError as error:
            _fail(f"{caselist}: cannot read the file: {error.strerror or error}")
        except CaseListError as error:
            _report_problems(error)
        except (SamplingError, ValueError) as error:
            _fail(str(error))
    if out is not None:
        try:
            written = write_sample_csv(sample, out)
        except OSError as error:
            _fail(f"cannot write {out}: {error.strerror or error}")
    if as_json:
        typer.echo(json.dumps(sample_document(sample, unit=unit), indent=2))
        return
    _print_sample(Console(), population, window, sample, unit)
    if out is not None:
        typer.echo(f"Wrote {written} rows (sample and reserves) to {out}.")


def _declared(framework: str | None) -> dict[str, SampleTypeDefinition]:
    if framework is None:
        return dict(shipped_sample_types())
    try:
        loaded = load_framework_reference(framework)
    except (UnknownFramework, FrameworkError) as error:
        _fail(str(error))
    return {definition.id: definition for definition in loaded.sample_types}


def _definition(framework: str | None, sample_type: str) -> SampleTypeDefinition:
    declared = _declared(framework)
    if sample_type not in declared:
        known = ", ".join(declared) or "none"
        _fail(f"--type {sample_type!r} is not a sample type of the framework (declared: {known})")
    return declared[sample_type]


def _window(definition: SampleTypeDefinition, framework: str | None,
            prisons: list[str]) -> EligibilityWindow:
    """The definition's window, with --prison naming the prisons a release came from."""
    window = definition.eligibility
    if prisons:
        released = [d.id for d in _declared(framework).values()
                    if d.eligibility.date_field == Field.RELEASE_DATE.value]
        if window.date_field != Field.RELEASE_DATE.value:
            _fail(f"--prison applies only to --type {' or '.join(released) or '(none)'} "
                  "(a sample counted from release dates)")
        window = window.with_filter(FieldFilter(Field.RELEASING_PRISON.value, tuple(prisons)))
    return window


def _report_problems(error: CaseListError) -> NoReturn:
    count = len(error.problems)
    typer.echo(f"error: {error.source}: {count} problem{'s' if count != 1 else ''}; "
               "nothing was imported", err=True)
    for problem in error.problems:
        # The core says what is missing; naming a column is this command's --map option.
        hint = f" (use --map {problem.missing_field}=HEADER)" if problem.missing_field else ""
        typer.echo(f"{problem}{hint}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


class _Stages:
    """Runs each stage under a progress bar when the file is big and stderr is a terminal."""

    def __init__(self, bars: Progress) -> None:
        self.bars = bars

    def __call__(self, description: str, work: Callable[[ReadProgress], T]) -> T:
        task = self.bars.add_task(description, total=None)

        def advance(done: int, total: int | None) -> None:
            self.bars.update(task, completed=done, total=total)

        result = work(advance)
        self.bars.update(task, completed=1, total=1)
        return result


@contextmanager
def _progress(console: Console, path: Path) -> Iterator[_Stages]:
    big = path.exists() and path.stat().st_size >= PROGRESS_BYTES
    bars = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not (big and console.is_terminal))
    with bars:
        yield _Stages(bars)


def _print_sample(
    console: Console, population: Population, window: EligibilityWindow, sample: Sample, unit: str
) -> None:
    earliest, latest = window.bounds(population.fieldwork_start)
    since = f"between {earliest} and {latest}" if earliest else f"on or before {latest}"
    console.print(f"{population.case_list.source}: {population.listed:,} cases listed, "
                  f"{sample.eligible:,} eligible for {sample.sample_type} "
                  f"({FIELD_LABELS[Field(window.date_field)]} {since}).")
    if not sample.eligible:
        console.print("No case is eligible: check --fieldwork-start and the dates in the list.")
    console.print(f"Sample size {sample.size} (confidence {_number(sample.confidence * 100)} per "
                  f"cent, margin of error {_number(sample.margin)}); seed {sample.seed}.")
    strata = Table(title="Allocation by stratum")
    for field in sample.fields:
        strata.add_column(field.value.replace("_", " "))
    if not sample.fields:
        strata.add_column("stratum")
    for heading in ("eligible", "allocated", "reserves"):
        strata.add_column(heading, justify="right")
    for stratum in sample.strata:
        values = [value.replace("-", " ") for _, value in stratum.stratum.values]
        values = values or [stratum.stratum.label]
        strata.add_row(*values, f"{stratum.population:,}", str(stratum.allocated),
                       str(len(stratum.reserves)))
    console.print(strata)
    for shares in representativeness(sample):
        table = Table(title=f"{shares.label.capitalize()}: largest difference "
                            f"{shares.largest_difference:.1f} points")
        for heading in ("value", "eligible", "eligible %", "sample", "sample %", "difference"):
            table.add_column(heading, justify="left" if heading == "value" else "right")
        for share in shares.shares:
            table.add_row(share.value.replace("-", " "), f"{share.population:,}",
                          f"{share.population_percent:.1f}", str(share.sample),
                          f"{share.sample_percent:.1f}", f"{share.difference:+.1f}")
        console.print(table)
    console.print(methodology(sample, unit=unit))
