"""``probation-inspection report`` and ``demo wales``: build a report model and render it.

Owns reading the command's arguments and files and writing the output; rules live in the core.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from probation_inspection.analytics.comparable import ComparableInspection, from_published
from probation_inspection.cli.app import EXIT_BAD_INPUT, app, write_output
from probation_inspection.demo import GeneratorError
from probation_inspection.framework import (
    Framework,
    FrameworkError,
    UnknownFramework,
    load_framework_reference,
)
from probation_inspection.published.reader import PublishedReportError
from probation_inspection.published.saved import record_from_json
from probation_inspection.reporting import (
    Inspection,
    ReportingError,
    build_report,
    cases_csv,
    inspection_from_json,
    inspection_to_json,
    render_html,
    render_pdf,
    render_xlsx,
    results_csv,
    score,
)
from probation_inspection.reporting.annexe import (
    data_annexe,
    render_data_annexe_html,
    render_data_annexe_xlsx,
)
from probation_inspection.scoring import ScoringError
from probation_inspection.untrusted import (
    UntrustedFileError,
    json_document,
    limits_from_environment,
)

demo_app = typer.Typer(help="Demonstration inspections built from generated case data.",
                       no_args_is_help=True)
app.add_typer(demo_app, name="demo")

#: The demo inspections ``report`` accepts by name.
DEMOS = ("wales",)


class Format(StrEnum):
    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"
    JSON = "json"
    CSV = "csv"
    #: The data annexe published beside the report (`reporting.annexe`).
    ANNEXE_HTML = "annexe-html"
    ANNEXE_XLSX = "annexe-xlsx"


BINARY = (Format.PDF, Format.XLSX, Format.ANNEXE_XLSX)


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def _from_database(number: int) -> Inspection:
    """A stored inspection, built by the web application's builder (Django set up here only)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
    import django
    from django.db import DatabaseError

    django.setup()
    from probation_inspection.web.inspections.models import Inspection as Row
    from probation_inspection.web.reports.builder import inspection_input

    try:
        row = Row.objects.select_related("provider").filter(pk=number).first()
    except DatabaseError as error:
        _fail(f"inspection {number}: cannot read the database ({error}); "
              "run `manage.py migrate` first")
    if row is None:
        _fail(f"inspection {number}: no such inspection in the database")
    return inspection_input(row)


def _framework(reference: str) -> Framework:
    try:
        return load_framework_reference(reference, limits=limits_from_environment())
    except (UnknownFramework, UntrustedFileError) as error:
        _fail(f"--framework: {error}")
    except FrameworkError as error:
        _fail(f"--framework: {error}")


def load_inspection(reference: str, framework: str | None = None) -> Inspection:
    """``demo:wales``, a database inspection id, or the path of an inspection-input JSON file
    (whose framework is the one it names, or ``framework``: an id, id@version or a file)."""
    stored = (reference.isdigit() and not Path(reference).exists()) or reference.startswith("demo:")
    if framework is not None and stored:
        _fail("--framework is for an inspection-input file: a stored or demo inspection has "
              "its own framework version")
    if reference.isdigit() and not Path(reference).exists():
        return _from_database(int(reference))
    if reference.startswith("demo:"):
        name = reference.removeprefix("demo:")
        if name != "wales":
            _fail(f"unknown demo {name!r} (known: {', '.join(DEMOS)})")
        from probation_inspection.demo import wales

        return wales.inspection()
    path = Path(reference)
    try:
        data = json_document(path.read_text(encoding="utf-8"))
    except UntrustedFileError as error:
        _fail(f"{path}: {error}")
    except OSError as error:
        _fail(f"{path}: cannot read the file: {error.strerror or error}")
    except UnicodeDecodeError:
        _fail(f"{path}: not UTF-8 text")
    except json.JSONDecodeError as error:
        _fail(f"{path}: line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}")
    given = None if framework is None else _framework(framework)
    try:
        return inspection_from_json(data, where=str(path), framework=given, base=path.parent)
    except (ReportingError, FrameworkError) as error:
        _fail(str(error))


def _key(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        key = path.read_bytes().strip()
    except OSError as error:
        _fail(f"{path}: cannot read the pseudonym key: {error.strerror or error}")
    if not key:
        _fail(f"{path}: the pseudonym key file is empty")
    return key


def _others(paths: list[Path], inspection: Inspection) -> tuple[ComparableInspection, ...]:
    """Saved published records (``import-reports --out``) as inspections to compare with."""
    others: list[ComparableInspection] = []
    for path in paths:
        try:
            data = json_document(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, UntrustedFileError) as error:
            _fail(f"{path}: cannot read saved records: {error}")
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items, start=1):
            try:
                record = record_from_json(item, f"{path}, record {n}")
            except PublishedReportError as error:
                _fail(str(error))
            if record.framework_id and record.framework_id != inspection.framework.id:
                # Only like with like: another framework's standards are not these.
                _fail(f"{path}, record {n}: read under {record.framework_id}, not this "
                      f"inspection's {inspection.framework.id}; compare inspections under "
                      "one framework")
            others.append(from_published(record.report, inspection.framework))
    return tuple(others)


def _render(inspection: Inspection, output_format: Format, key: bytes | None,
            step: Callable[[str], None] = lambda _: None) -> str | bytes:
    step("Scoring the answers")
    scored = score(inspection)
    if output_format is Format.ANNEXE_HTML:
        return render_data_annexe_html(inspection, scored=scored)
    if output_format is Format.ANNEXE_XLSX:
        return render_data_annexe_xlsx(inspection, scored=scored)
    step("Building the report")
    model = build_report(inspection, scored)
    step(f"Writing the {output_format}")
    if output_format is Format.JSON:
        return json.dumps(model.to_json(), indent=2, ensure_ascii=False) + "\n"
    if output_format is Format.HTML:
        return render_html(model)
    if output_format is Format.CSV:
        return cases_csv(inspection, key) if key else results_csv(model)
    if output_format is Format.PDF:
        # The data annexe's tables are the PDF's last annex.
        return render_pdf(model, annexe=data_annexe(inspection, scored))
    return render_xlsx(inspection, model, key=key, scored=scored)


@app.command("report")
def report_command(
    inspection: Annotated[str, typer.Argument(
        help="demo:wales, a database inspection id (as in the web address), or the path "
             "of an inspection-input JSON file.")],
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="File to write; without it html, json and csv go to standard output.")
    ] = None,
    key_file: Annotated[Path | None, typer.Option(
        "--pseudonym-key-file",
        help="Key for case-level exports: adds a Cases sheet to xlsx, and makes csv "
             "case-level. Case references are replaced by keyed pseudonyms.")] = None,
    compare: Annotated[list[Path] | None, typer.Option(
        "--compare",
        help="Saved published records (import-reports --out) to chart this provider "
             "against; may be repeated.")] = None,
    framework: Annotated[str | None, typer.Option(
        "--framework", metavar="ID_OR_FILE",
        help="For an inspection-input file: the framework it was made under, when it is not "
             "shipped and the file does not say where it is (a framework file, YAML or XLSX), "
             "or to check it names this one.")] = None,
) -> None:
    """Build an inspection's report and write it as HTML, PDF, XLSX, JSON or CSV, or its data
    annexe as HTML or XLSX."""
    if output_format in BINARY and out is None:
        _fail(f"--format {output_format} writes a binary file: give --out PATH")
    key = _key(key_file)
    loaded = load_inspection(inspection, framework)
    if compare:
        others = loaded.other_inspections + _others(compare, loaded)
        loaded = dataclasses.replace(loaded, other_inspections=others)
    # A PDF takes several seconds: a bar through the three stages says what is happening
    # (shown only on a terminal), as the web's job page does.
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bars:
            stages = bars.add_task(f"Building the {output_format} report", total=3)

            started = [0]

            def step(description: str) -> None:
                bars.update(stages, description=description, completed=started[0])
                started[0] += 1

            content = _render(loaded, output_format, key, step)
            bars.update(stages, completed=3)
    except (ReportingError, ScoringError, GeneratorError) as error:
        _fail(f"{inspection}: {error}")
    if write_output(content, out):
        Console(stderr=True).print(f"wrote {out} ({output_format})", highlight=False)


@demo_app.command("wales")
def demo_wales(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report model as JSON.")
    ] = False,
    save_input: Annotated[Path | None, typer.Option(
        "--save-input", help="Also write the generated inspection as an input JSON file.")
    ] = None,
) -> None:
    """The Wales inspection (HMI Probation, July 2019) rebuilt from generated case data."""
    from probation_inspection.demo import wales

    inspection = wales.inspection()
    model = build_report(inspection)
    if save_input is not None:
        try:
            save_input.write_text(json.dumps(inspection_to_json(inspection), indent=1) + "\n",
                                  encoding="utf-8")
        except OSError as error:
            _fail(f"{save_input}: cannot write: {error.strerror or error}")
    if as_json:
        typer.echo(json.dumps(model.to_json(), indent=2, ensure_ascii=False))
        return
    summary = model.summary_of_ratings
    assert summary is not None  # the Wales inspection's framework rates
    table = Table(title=f"{model.cover.provider}: overall {summary.overall}")
    table.add_column("Standard")
    table.add_column("Rating")
    table.add_column("Key questions %")
    percents = model.results.percents()
    for domain in summary.domains:
        for row in domain.rows:
            kqs = " ".join(f"{k}={v}" for k, v in percents.items()
                           if k.startswith(f"{row.standard_id}."))
            table.add_row(f"{row.standard_id} {row.title}", row.rating, kqs)
    Console().print(table)
