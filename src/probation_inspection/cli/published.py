"""Commands for published reports: import-report, import-reports and compare.

Thin: reads files and options, calls ``published`` and ``analytics``, prints.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from probation_inspection.analytics import (
    AnalyticsError,
    ComparableInspection,
    change_between,
    from_published,
    key_question_distributions,
    league_table,
    rating_distribution,
    same_provider,
)
from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework import (
    Framework,
    FrameworkError,
    UnknownFramework,
    load_framework_reference,
)
from probation_inspection.published import (
    ImportedReport,
    ImportLedger,
    NotARatedInspection,
    PublishedReportError,
    record_from_json,
)
from probation_inspection.untrusted import (
    Limits,
    UntrustedFileError,
    json_document,
    limits_from_environment,
)

#: File types a report may come in; anything else in a folder is left alone.
REPORT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf"})

FRAMEWORK_OPTION = typer.Option(
    None, "--framework", metavar="ID_OR_FILE",
    help="Framework the reports were inspected under, whose rules they are checked against: "
         "a shipped framework's id (see `frameworks list`), id@version, or a framework file "
         "(YAML or XLSX).",
)
COMPARE_FRAMEWORK_OPTION = typer.Option(
    None, "--framework", metavar="ID_OR_FILE",
    help="Framework the inspections were made under: a shipped framework's id, id@version, "
         "or a framework file. Needed for report files; saved records name their own.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def _framework(reference: str | None) -> Framework:
    if reference is None:
        raise _fail("name the framework the reports were inspected under: --framework "
                    "ID_OR_FILE (a shipped framework's id, see `frameworks list`, or a file)")
    try:
        return load_framework_reference(reference, limits=_limits())
    except UnknownFramework as error:
        raise _fail(f"--framework: {error}") from None
    except FrameworkError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        raise _fail(f"--framework: {reference} is not a usable framework") from None


def _limits() -> Limits:
    """The untrusted-file limits, with any the environment changes."""
    try:
        return limits_from_environment()
    except UntrustedFileError as error:
        raise _fail(str(error)) from None


def _console() -> Console:
    return Console(highlight=False)


@app.command("import-report")
def import_report(
    file: Path = typer.Argument(..., help="A published rated report: text, Markdown, HTML or PDF."),
    as_json: bool = typer.Option(False, "--json", help="Print the record as one JSON document."),
    framework_id: str | None = FRAMEWORK_OPTION,
) -> None:
    """Read a published rated inspection report and check its ratings against the rules."""
    framework = _framework(framework_id)
    try:
        record, _ = ImportLedger(limits=_limits()).import_file(file, framework)
    except PublishedReportError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(record.to_json(), indent=2, ensure_ascii=False))
    else:
        _print_summary(_console(), record)


def _print_summary(console: Console, record: ImportedReport) -> None:
    report = record.report
    console.print(f"[bold]{report.provider or '(provider not found)'}[/bold]")
    console.print(f"Published: {report.published or 'not printed'}")
    console.print(f"Lead inspector: {report.lead_inspector or 'not found'}")
    console.print(f"Overall: [bold]{report.overall or 'not found'}[/bold]")
    table = Table("Standard", "Rating", "Key questions (% yes)")
    for standard_id, rating in report.standards.items():
        questions = ", ".join(
            f"{k} {v}%" for k, v in report.key_questions.items() if k.startswith(standard_id + ".")
        )
        table.add_row(standard_id, rating, questions)
    console.print(table)
    for item in report.discretion:
        stated = f"{item.from_rating or '?'} -> {item.to_rating or '?'}"
        console.print(f"Discretion on {item.standard or '?'} ({stated}): {item.text}")
    samples = report.samples
    console.print(
        f"Samples: case supervision {samples.case_supervision}, unpaid work "
        f"{samples.unpaid_work}, Through the Gate {samples.through_the_gate}; "
        f"ROs interviewed {report.interviews}; meetings {report.meetings}"
    )
    console.print(
        f"Contextual facts: {len(report.contextual_facts)}; "
        f"recommendations: {len(report.recommendations)}"
    )
    if record.check_problem:
        console.print(f"Rule check not possible: {record.check_problem}")
    elif not record.findings:
        console.print("Rule check: every published rating matches the rules.")
    for finding in record.findings:
        console.print(
            f"Finding {finding.kind.value}: {finding.standard} published {finding.published}, "
            f"rule gives {finding.computed}"
        )
    if record.missing:
        console.print(f"[yellow]Missing:[/yellow] {', '.join(record.missing)}")


@app.command("import-reports")
def import_reports(
    folder: Path = typer.Argument(..., help="Folder of published reports (searched recursively)."),
    out: Path | None = typer.Option(
        None, "--out", help="Save every record as JSON here; records already in it are kept."
    ),
    framework_id: str | None = FRAMEWORK_OPTION,
    store: bool = typer.Option(
        False, "--store", help="Save into the web application's database (the benchmark store)."
    ),
) -> None:
    """Import every report in a folder, showing what was read, missing and failed."""
    if not folder.is_dir():
        raise _fail(f"{folder}: not a folder")
    framework = _framework(framework_id)
    if store:
        if out is not None:
            raise _fail("give either --out or --store, not both")
        _store_folder(folder, framework)
        return
    ledger = ImportLedger(
        {r.provenance.sha256: r for r in _saved_records(out)} if out and out.exists() else None,
        limits=_limits(),
    )
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
    )
    console = _console()
    table = Table("File", "Result", "Provider", "Missing")
    counts = {"read": 0, "already imported": 0, "not rated": 0, "failed": 0}
    for path in track(files, description="Importing reports", console=Console(stderr=True)):
        name = str(path.relative_to(folder))
        try:
            record, new = ledger.import_file(path, framework)
        except NotARatedInspection:
            counts["not rated"] += 1
            table.add_row(name, "not a rated inspection", "", "")
            continue
        except PublishedReportError as error:
            counts["failed"] += 1
            table.add_row(name, "failed", "", str(error))
            continue
        result = "read" if new else "already imported"
        counts[result] += 1
        table.add_row(name, result, record.report.provider or "", ", ".join(record.missing))
    console.print(table)
    console.print("; ".join(f"{label}: {count}" for label, count in counts.items()))
    if out is not None:
        _save(out, [record.to_json(provenance=True) for record in ledger])
        console.print(f"Saved {len(ledger)} records to {out}")


def _store_folder(folder: Path, framework: Framework) -> None:
    # Django is set up only here, so the other commands never need a database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    from probation_inspection.web.benchmarking.models import PublishedInspection
    from probation_inspection.web.benchmarking.store import store_folder, summary

    try:
        PublishedInspection.objects.exists()
    except DatabaseError as error:
        raise _fail(
            f"the application database is not ready ({error}): run `python manage.py migrate`"
        ) from None

    console = _console()
    table = Table("File", "Result", "Provider", "Missing")
    results = []
    stderr = Console(stderr=True)
    for name, result in store_folder(
        folder, framework, progress=lambda files: track(files, "Importing reports", console=stderr)
    ):
        results.append(result)
        table.add_row(name, result.outcome.value, result.provider,
                      result.message or ", ".join(result.missing))
    console.print(table)
    console.print("; ".join(f"{label}: {count}" for label, count in summary(results).items()))
    new = sum(result.outcome.value == "read" for result in results)
    console.print(f"Stored {new} new records in the application database")


def _saved_records(path: Path) -> list[ImportedReport]:
    try:
        data = json_document(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, UntrustedFileError) as error:
        raise _fail(f"{path}: cannot read saved records: {error}") from None
    items = data if isinstance(data, list) else [data]
    try:
        return [record_from_json(item, f"{path}, record {n}") for n, item in enumerate(items, 1)]
    except PublishedReportError as error:
        raise _fail(str(error)) from None


def _save(path: Path, documents: list[dict[str, object]]) -> None:
    # Written beside the target and renamed, so a failure never leaves half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(documents, stream, indent=2, ensure_ascii=False)
    os.replace(temporary, path)


@app.command("compare")
def compare(
    records: list[Path] = typer.Argument(
        ..., help="Report files and/or saved JSON records (from import-report(s))."
    ),
    mark: str | None = typer.Option(
        None, "--mark", help="Provider to mark in the key-question distributions."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the comparisons as JSON."),
    framework_id: str | None = COMPARE_FRAMEWORK_OPTION,
) -> None:
    """Compare inspections made under one framework: league table, ratings per standard, key
    questions, change. Saved records name their framework; only like is compared with like."""
    given = None if framework_id is None else _framework(framework_id)
    loaded, framework = _load_all(records, given)
    inspections = [from_published(r.report, framework) for r in loaded]
    marked = _marked(inspections, mark)
    try:
        results = _comparisons(inspections, marked, framework)
    except AnalyticsError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        _print_comparisons(_console(), results)


def _load_all(paths: Sequence[Path], given: Framework | None
              ) -> tuple[list[ImportedReport], Framework]:
    """The records to compare and the one framework they were all made under: ``--framework``,
    or else the framework the saved records name (report files need ``--framework``)."""
    saved = [(path, record) for path in paths if path.suffix.lower() == ".json"
             for record in _saved_records(path)]
    named = sorted({record.framework_id for _, record in saved if record.framework_id})
    if given is not None:
        framework = given
    elif len(named) == 1:
        try:
            framework = load_framework_reference(named[0], limits=_limits())
        except (UnknownFramework, FrameworkError):
            raise _fail(f"the records were made under {named[0]}, which is not a shipped "
                        "framework: give its file with --framework FILE") from None
    elif named:
        raise _fail(f"the records were made under different frameworks ({', '.join(named)}): "
                    "compare one framework's inspections at a time")
    else:
        raise _fail("name the framework the inspections were made under: --framework "
                    "ID_OR_FILE (report files and records that name none need it)")
    if framework.rating is None:
        raise _fail(f"{framework.id} is not rated, so there is nothing to compare")
    for path, record in saved:
        if record.framework_id and record.framework_id != framework.id:
            raise _fail(f"{path}: a record of {record.report.provider or 'a provider'} was "
                        f"read under {record.framework_id}, not {framework.id}: only "
                        "inspections under one framework are compared")
    ledger = ImportLedger(limits=_limits())
    loaded = [record for _, record in saved]
    for path in paths:
        if path.suffix.lower() == ".json":
            continue
        try:
            loaded.append(ledger.import_file(path, framework)[0])
        except PublishedReportError as error:
            raise _fail(str(error)) from None
    if not loaded:
        raise _fail("no records to compare")
    # The same file given twice (or saved and given again) is one inspection, not two.
    unique: dict[str, ImportedReport] = {}
    for n, record in enumerate(loaded):
        unique.setdefault(record.provenance.sha256 or f"unhashed-{n}", record)
    return list(unique.values()), framework


def _marked(
    inspections: Sequence[ComparableInspection], mark: str | None
) -> ComparableInspection | None:
    if mark is None:
        return inspections[0]
    for inspection in inspections:
        if mark.casefold() in inspection.provider.casefold():
            return inspection
    raise _fail(f"--mark {mark!r}: no record's provider contains that name")


def _comparisons(
    inspections: Sequence[ComparableInspection],
    marked: ComparableInspection | None,
    framework: Framework,
) -> dict[str, object]:
    assert framework.rating is not None
    scheme = framework.rating
    changes = []
    for n, first in enumerate(inspections):
        for second in inspections[n + 1 :]:
            if same_provider(first.provider, second.provider):
                change = change_between(first, second, scheme)
                changes.append(
                    {
                        "provider": change.later.provider,
                        "earlier": change.earlier.label,
                        "later": change.later.label,
                        "overall": [change.overall.before, change.overall.after],
                        "standards": {
                            c.subject: [c.before, c.after, c.steps] for c in change.standards
                        },
                        "key_questions": {
                            c.key_question: [c.before, c.after, c.points]
                            for c in change.key_questions
                        },
                    }
                )
    return {
        "marked": marked.label if marked else None,
        "league_table": [
            {
                "rank": row.rank,
                "inspection": row.inspection.label,
                "overall": row.inspection.overall,
                "score": row.score,
                "standards_rated": row.standards_rated,
            }
            for row in league_table(inspections, scheme)
        ],
        "ratings_by_standard": rating_distribution(inspections, scheme),
        "key_questions": [
            d.to_json() for d in key_question_distributions(inspections, marked)
        ],
        "changes": changes,
    }


def _print_comparisons(console: Console, results: dict[str, object]) -> None:
    league = Table("Rank", "Inspection", "Overall", "Score", title="League table by overall score")
    for row in results["league_table"]:  # type: ignore[attr-defined]
        league.add_row(str(row["rank"]), row["inspection"], row["overall"] or "", str(row["score"]))
    console.print(league)
    ratings: dict[str, dict[str, int]] = results["ratings_by_standard"]  # type: ignore[assignment]
    labels = next(iter(ratings.values()), {})
    by_standard = Table("Standard", *labels, title="Ratings per standard")
    for standard_id, counts in ratings.items():
        by_standard.add_row(standard_id, *(str(n) for n in counts.values()))
    console.print(by_standard)
    questions = Table(
        "Key question", "Marked", "Rank", "Min", "Max", "Mean", "Pooled (n)",
        title=f"Key questions (% yes); marked: {results['marked']}",
    )  # fmt: skip
    for d in results["key_questions"]:  # type: ignore[attr-defined]
        pooled = "" if d["pooled"] is None else f"{d['pooled']} ({d['pooled_inspections']})"
        questions.add_row(
            d["key_question"],
            "" if d["marked"] is None else str(d["marked"]),
            "" if d["marked_rank"] is None else f"{d['marked_rank']}/{d['inspections']}",
            str(d["minimum"]),
            str(d["maximum"]),
            str(d["mean_of_providers"]),
            pooled,
        )
    console.print(questions)
    for change in results["changes"]:  # type: ignore[attr-defined]
        console.print(
            f"Change for {change['provider']}: {change['earlier']} -> {change['later']}; "
            f"overall {change['overall'][0]} -> {change['overall'][1]}"
        )
