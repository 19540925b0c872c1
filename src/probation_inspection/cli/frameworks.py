"""The ``frameworks`` commands: list the shipped frameworks, show one (or a file), validate a
file, export one as YAML, XLSX or JSON, and import a workbook as a framework file.

Thin: the framework package loads, checks and writes; this module only prints.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from probation_inspection.cli.app import EXIT_BAD_INPUT, app, write_output
from probation_inspection.framework import (
    Framework,
    FrameworkError,
    RatingMethod,
    RatingScheme,
    UnknownFramework,
    available_frameworks,
    load_framework,
    load_framework_file,
    load_framework_reference,
    summarise,
)
from probation_inspection.framework.library import listing
from probation_inspection.framework.serialise import framework_to_dict, framework_to_yaml
from probation_inspection.framework.xlsx import framework_to_workbook
from probation_inspection.untrusted import UntrustedFileError, limits_from_environment

frameworks_app = typer.Typer(
    help="Inspection frameworks: list the shipped ones, show one, validate a framework file "
         "(YAML or XLSX), export one, import a workbook.",
    no_args_is_help=True,
)
app.add_typer(frameworks_app, name="frameworks")


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


#: What ``frameworks list --directory`` reads in a folder.
_FRAMEWORK_SUFFIXES = (".yaml", ".yml", ".xlsx")


def _listed_files(files: list[Path], directories: list[Path]) -> list[Path]:
    """The framework files named, then each folder's framework files by name; a folder that
    is not one exits 2 saying so."""
    found = list(files)
    for directory in directories:
        if not directory.is_dir():
            typer.echo(f"Error: {directory} is not a folder", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        found += sorted(path for path in directory.iterdir()
                        if path.is_file() and path.suffix.lower() in _FRAMEWORK_SUFFIXES)
    return found


@frameworks_app.command("list")
def list_frameworks(
    as_json: bool = typer.Option(False, "--json", help="Print each framework's id, version, "
                                 "title, maximum score and standards as JSON"),
    files: list[Path] = typer.Option(
        [], "--file", help="Also list this framework file (YAML or XLSX), such as one "
        "published in the web app; may be given more than once"),
    directories: list[Path] = typer.Option(
        [], "--directory", help="Also list every framework file (.yaml, .yml, .xlsx) in this "
        "folder; may be given more than once"),
    shipped: bool = typer.Option(True, "--shipped/--no-shipped",
                                 help="List the shipped frameworks too (the default)"),
) -> None:
    """List the shipped frameworks with their size, and any framework files named.

    The command line reads no database: a framework published in the web app is listed from
    its file (--file, --directory). A file that is not a usable framework exits 2 with its
    problems, as `frameworks validate` does.
    """
    entries: list[tuple[Framework, str]] = []
    if shipped:
        entries += [(load_framework(summary.id, summary.version), "shipped")
                    for summary in available_frameworks()]
    entries += [(_load(str(path), None), str(path))
                for path in _listed_files(files, directories)]
    if as_json:
        document = {"frameworks": [
            listing(framework) if source == "shipped" else {**listing(framework), "file": source}
            for framework, source in entries]}
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    from_files = any(source != "shipped" for _, source in entries)
    table = Table(title="Frameworks" if from_files else "Shipped frameworks",
                  box=box.SIMPLE_HEAD)
    table.add_column("Id", no_wrap=True)
    table.add_column("Version", no_wrap=True)
    table.add_column("Rated", no_wrap=True)
    table.add_column("Title")
    table.add_column("Size")
    if from_files:
        table.add_column("From")
    for framework, source in entries:
        summary = summarise(framework)
        row = [summary.id, summary.version, "yes" if summary.rated else "no", summary.title,
               f"{summary.standards} standards, {summary.key_questions} key questions, "
               f"{summary.prompts} prompts"]
        table.add_row(*row, *([source] if from_files else []))
    _console().print(table)


@frameworks_app.command("show")
def show(
    framework_id: str = typer.Argument(
        ..., metavar="ID_OR_FILE",
        help="A shipped framework's id (see `frameworks list`), id@version, or a framework "
             "file (YAML or XLSX)"),
    version: str | None = typer.Option(None, "--version", help="Version (default: latest)"),
    as_json: bool = typer.Option(False, "--json", help="Print the whole framework as JSON"),
) -> None:
    """Show a framework: domains, standards, key questions, relevance and rating bands."""
    framework = _load(framework_id, version)
    if as_json:
        typer.echo(json.dumps(framework_to_dict(framework), indent=2, ensure_ascii=False))
        return
    console = _console()
    console.print(_tree(framework))
    if framework.rating is not None:
        console.print(_bands_table(framework.rating))
    notes = framework.notes_by_element()
    if notes:
        # Sources and PROVISIONAL marks: the framework's own in full, the rest by where.
        console.print("[bold]Notes[/bold] (sources and what is provisional)", markup=True)
        if "framework" in notes:
            console.print(notes.pop("framework"), markup=False)
        if notes:
            console.print(f"Notes also on: {', '.join(notes)} "
                          "(frameworks show --json prints them)", markup=False)


def _tree(framework: Framework) -> Tree:
    summary = summarise(framework)
    tree = Tree(f"[bold]{framework.id} {framework.version}[/bold]: {framework.title} "
                f"({'rated' if framework.rated else 'unrated'}; {summary.standards} standards, "
                f"{summary.key_questions} key questions, {summary.prompts} prompts)")
    for domain in framework.domains:
        domain_node = tree.add(f"[bold]{domain.id}. {domain.title}[/bold]")
        for standard in domain.standards:
            sample = f", {standard.sample_type} sample" if standard.sample_type else ""
            if framework.rated and standard.rating_method is not RatingMethod.UNRATED:
                if not standard.scored:
                    sample += ", not scored"
                minimum = framework.minimum_relevant_cases_to_rate(standard)
                if (minimum is not None
                        and standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION):
                    sample += f", rated from {minimum} relevant cases"
            standard_node = domain_node.add(
                f"[bold]{standard.id}. {standard.title}[/bold] "
                f"[dim]({standard.rating_method.value}{sample})[/dim]\n{standard.statement}"
            )
            for key_question in standard.key_questions:
                details = [f"{len(key_question.prompts)} prompts"]
                if key_question.relevance is not None:
                    details.append(f"relevant where: {key_question.relevance.source}")
                scoped = sum(1 for p in key_question.prompts if p.relevance is not None)
                if scoped:
                    details.append(f"{scoped} with their own relevance")
                if key_question.reasons:
                    details.append(f"{len(key_question.reasons)} reasons for insufficiency")
                standard_node.add(f"{key_question.id}. {key_question.text} "
                                  f"[dim]({'; '.join(details)})[/dim]")
    return tree


def _bands_table(rating: RatingScheme) -> Table:
    table = Table(title="Rating bands")
    table.add_column("Rating")
    table.add_column("Key-question %", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Overall score", justify="right")
    percentage = {band.label: band for band in rating.percentage_bands}
    overall = {band.label: band for band in rating.overall_bands}
    for label in rating.labels:
        p, o = percentage.get(label), overall.get(label)
        table.add_row(label, f"{p.minimum}-{p.maximum}" if p else "",
                      str(rating.scores.get(label, "")), f"{o.minimum}-{o.maximum}" if o else "")
    return table


def _checked(file: Path, *, consequence: str = "") -> Framework:
    """The framework in ``file``, read under the untrusted-file limits; otherwise every
    problem printed, one a line, and the bad-input exit."""
    try:
        limits = limits_from_environment()
    except UntrustedFileError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from error
    try:
        return load_framework_file(file, limits=limits)
    except FrameworkError as error:
        for problem in error.problems:
            typer.echo(str(problem))
        count = len(error.problems)
        typer.echo(f"{count} problem{'s' if count != 1 else ''}: {file} is not a usable "
                   f"framework{consequence}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from error


@frameworks_app.command("validate")
def validate(file: Path = typer.Argument(..., help="A framework file: YAML or XLSX")) -> None:
    """Check a framework file; print every problem as FILE:LINE: CODE element: message (for a
    workbook, FILE: sheet 'NAME', row N, column C (name): CODE element: message)."""
    framework = _checked(file)
    summary = summarise(framework)
    typer.echo(f"OK: {summary.id} {summary.version}: {summary.standards} standards, "
               f"{summary.key_questions} key questions, {summary.prompts} prompts")


class ExportFormat(StrEnum):
    YAML = "yaml"
    XLSX = "xlsx"
    JSON = "json"


def _load(reference: str, version: str | None) -> Framework:
    """A framework named on the command line, or a clean exit saying why not."""
    try:
        return load_framework_reference(reference, version, limits=limits_from_environment())
    except (UnknownFramework, UntrustedFileError) as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from error
    except FrameworkError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"Error: {reference} is not a usable framework", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from error


def _write(content: str | bytes, out: Path | None, what: str) -> None:
    if write_output(content, out):
        typer.echo(f"Wrote {what} to {out}", err=True)


@frameworks_app.command("export")
def export(
    framework_id: str = typer.Argument(
        ..., metavar="ID_OR_FILE",
        help="A shipped framework's id, id@version, or a framework file (YAML or XLSX)"),
    output_format: ExportFormat = typer.Option(
        ExportFormat.YAML, "--format",
        help="yaml: a framework file; xlsx: a workbook to author in a spreadsheet; json: the "
             "framework as data"),
    out: Path | None = typer.Option(
        None, "--out", help="File to write (needed for xlsx); without it, standard output"),
    version: str | None = typer.Option(None, "--version", help="Version (default: latest)"),
) -> None:
    """Write a framework as a YAML file, an XLSX workbook or JSON. Each loads back (validate,
    import, --framework) as the same framework."""
    framework = _load(framework_id, version)
    if output_format is ExportFormat.XLSX:
        if out is None:
            typer.echo("Error: --format xlsx writes a workbook: give --out FILE.xlsx", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        try:
            content: str | bytes = framework_to_workbook(framework)
        except ValueError as error:
            typer.echo(f"Error: {framework.id}: {error}", err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from error
    elif output_format is ExportFormat.JSON:
        content = json.dumps(framework_to_dict(framework), indent=2, ensure_ascii=False) + "\n"
    else:
        content = framework_to_yaml(framework)
    _write(content, out, f"{framework.id} {framework.version} as {output_format.value}")


@frameworks_app.command("import")
def import_workbook(
    file: Path = typer.Argument(..., help="A framework workbook (XLSX) or YAML file"),
    out: Path = typer.Option(..., "--out", help="The framework YAML file to write"),
) -> None:
    """Check a framework workbook and write it as a framework YAML file: every problem is
    printed with its sheet, row and column, and nothing is written unless it is usable."""
    framework = _checked(file, consequence="; nothing written")
    _write(framework_to_yaml(framework), out, f"{framework.id} {framework.version}")
