"""``probation-inspection rate FILE``: recompute published ratings and report deviations.

Owns reading the rate input file and printing the result; the rules live in ``scoring``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework import (
    Framework,
    FrameworkError,
    UnknownFramework,
    is_framework_file,
    load_framework_reference,
)
from probation_inspection.scoring import (
    DEFAULT_CONFIDENCE,
    CheckResult,
    Finding,
    FindingKind,
    RecordedDiscretion,
    ScoringError,
    Tally,
    check_ratings,
    percent_half_up,
)
from probation_inspection.scoring.uncertainty import citation
from probation_inspection.untrusted import (
    Limits,
    UntrustedFileError,
    json_document,
    limits_from_environment,
    shown,
)

#: Keys a discretion entry may carry its rationale under, most specific first.
RATIONALE_KEYS = ("rationale", "text", "footnote_text", "note")

#: The table's columns, one row per rated standard.
TABLE_COLUMNS = (
    "Standard",
    "Key questions %",
    "Lowest",
    "Rule rating",
    "Discretion",
    "Rating",
    "Published",
    "Match",
)

#: Table width when the output is not a terminal.
PIPED_WIDTH = 180


class BadInput(Exception):
    """The input file cannot be rated; the message says what is wrong and where."""


@dataclass(frozen=True)
class ReportInput:
    """One published report's figures as the input file gives them."""

    where: str
    provider: str
    key_questions: Mapping[str, object]
    standards: Mapping[str, str]
    discretions: tuple[RecordedDiscretion, ...]
    overall: str | None
    #: Key questions given as counts ({"yes": 50, "relevant": 105}) rather than a percentage.
    tallies: Mapping[str, Tally]
    #: The confidence the sample was designed for (``confidence``, default 80 per cent).
    confidence: float = DEFAULT_CONFIDENCE
    #: The framework the input says the report was inspected under (``framework``): a
    #: shipped framework's id, id@version, or a framework file (relative to the input file).
    framework: str | None = None


@app.command()
def rate(
    file: Annotated[Path, typer.Argument(help="JSON object, or list of them, as published.")],
    framework_id: Annotated[
        str | None,
        typer.Option("--framework", metavar="ID_OR_FILE",
                     help="Framework to rate against: a shipped framework's id, id@version, or "
                     "a framework file (YAML or XLSX). Without it, each report's own "
                     "'framework' in the input."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Recompute every standard and overall rating and report unexplained deviations."""
    try:
        limits = limits_from_environment()
        given = None if framework_id is None else _framework(framework_id, "--framework",
                                                             limits)
        reports = read_reports(file)
        frameworks = [_framework_of(report, given, file, limits) for report in reports]
        results = [(report, framework, _check(framework, report))
                   for report, framework in zip(reports, frameworks, strict=True)]
    except UntrustedFileError as error:
        _fail(str(error))
    except BadInput as error:
        _fail(str(error))
    if as_json:
        document = {
            "reports": [
                {"provider": report.provider, **result.to_json()}
                for report, _, result in results
            ]
        }
        typer.echo(json.dumps(document, indent=2))
        return
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # Piped or saved output has no width to fit; Rich's default of 80 would wrap every
        # rating name over two lines.
        console.width = PIPED_WIDTH
    for report, framework, result in results:
        _print_report(console, framework, report, result)


def _framework(reference: str, where: str, limits: Limits) -> Framework:
    """A rated framework by reference, or BadInput saying what is wrong with it."""
    try:
        framework = load_framework_reference(reference, limits=limits)
    except UnknownFramework as error:
        raise BadInput(f"{where}: {error}") from None
    except FrameworkError as error:
        raise BadInput(f"{where}: {error}") from None
    if not framework.rated:
        raise BadInput(f"{where}: {reference} is not rated, so there is nothing to rate")
    return framework


def _framework_of(report: ReportInput, given: Framework | None, file: Path,
                  limits: Limits) -> Framework:
    """The framework a report is rated against: --framework, or the one the input names; when
    both are there they must be the same framework version."""
    if report.framework is None:
        if given is None:
            raise BadInput(f"{report.where}: no framework named: give --framework ID_OR_FILE "
                           "(see `frameworks list`) or the report's 'framework' in the input")
        return given
    reference = report.framework
    if is_framework_file(reference) and not Path(reference).is_absolute():
        reference = str(file.parent / reference)
    named = _framework(reference, f"{report.where}: framework", limits)
    if given is not None and (given.id, given.version) != (named.id, named.version):
        raise BadInput(f"{report.where}: the input names framework {named.id} "
                       f"{named.version}, but --framework gives {given.id} {given.version}")
    return named


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _check(framework: Framework, report: ReportInput) -> CheckResult:
    try:
        return check_ratings(
            framework,
            report.key_questions,
            report.standards,
            report.discretions,
            report.overall,
            tallies=report.tallies,
            confidence=report.confidence,
            # A report that leaves a standard out is rated on the rest: the standard shows as
            # not rated (or as published) with the reason, rather than stopping the command.
            missing_as_not_rated=True,
        )
    except ScoringError as error:
        raise BadInput(f"{report.where}: {error}") from error


def read_reports(file: Path) -> list[ReportInput]:
    """Every report in the file, or BadInput naming the file and the element at fault."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{file}: cannot read the file: {error}") from error
    try:
        document = json_document(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{file}: not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    except UntrustedFileError as error:
        raise BadInput(f"{file}: {error}") from None
    if isinstance(document, dict):
        return [_report(document, f"{file}")]
    if isinstance(document, list) and document:
        return [_report(entry, f"{file}: report {n}") for n, entry in enumerate(document, 1)]
    raise BadInput(f"{file}: expected a JSON object or a non-empty list of objects")


def _report(entry: object, where: str) -> ReportInput:
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: expected an object, got {_kind(entry)}")
    provider = entry.get("provider")
    if not isinstance(provider, str) or not provider.strip():
        raise BadInput(f"{where}: 'provider' must be a non-empty string")
    where = f"{where} ({provider})"
    key_questions = _object(entry, "key_questions", where)
    tallies = {
        key_question_id: _tally(key_question_id, value, f"{where}: key_questions.{key_question_id}")
        for key_question_id, value in key_questions.items()
        if isinstance(value, dict)
    }
    # The rules read percentages; counts give theirs, rounded as the reports round. Counts
    # with no relevant case give none: the key question did not apply.
    key_questions = {
        key_question_id: percent_half_up(tallies[key_question_id].yes,
                                         tallies[key_question_id].relevant)
        if key_question_id in tallies else value
        for key_question_id, value in key_questions.items()
        if key_question_id not in tallies or tallies[key_question_id].relevant
    }
    confidence = entry.get("confidence", DEFAULT_CONFIDENCE)
    if (isinstance(confidence, bool) or not isinstance(confidence, int | float)
            or not 0 < confidence < 1):
        raise BadInput(
            f"{where}: 'confidence' must be a number between 0 and 1 (0.8 for 80 per cent), "
            f"got {shown(confidence)}"
        )
    standards = _object(entry, "standards", where)
    for standard_id, label in standards.items():
        if not isinstance(label, str):
            raise BadInput(
                f"{where}: standards.{standard_id} must be a rating name, got {_kind(label)}"
            )
    overall = entry.get("overall")
    if overall is not None and not isinstance(overall, str):
        raise BadInput(f"{where}: 'overall' must be a rating name, got {_kind(overall)}")
    raw_discretions = entry.get("discretion", [])
    if raw_discretions is None:
        raw_discretions = []
    if not isinstance(raw_discretions, list):
        raise BadInput(f"{where}: 'discretion' must be a list, got {_kind(raw_discretions)}")
    discretions = tuple(
        _discretion(item, f"{where}: discretion {n}") for n, item in enumerate(raw_discretions, 1)
    )
    framework = entry.get("framework")
    if framework is not None and (not isinstance(framework, str) or not framework.strip()):
        raise BadInput(f"{where}: 'framework' must name a framework (an id, id@version or a "
                       f"framework file), got {_kind(framework)}")
    return ReportInput(where, provider, key_questions, standards, discretions, overall,
                       tallies, float(confidence), framework)


def _tally(key_question_id: str, value: dict[str, Any], where: str) -> Tally:
    """A key question given as counts: whole numbers, 0 <= yes <= relevant, relevant >= 1."""
    unknown = sorted(set(value) - {"yes", "relevant", "percent"})
    if unknown:
        raise BadInput(f"{where}: unknown field {unknown[0]!r} (expected yes, relevant, percent)")
    counts = []
    for key in ("yes", "relevant"):
        count = value.get(key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise BadInput(f"{where}: '{key}' must be a whole number of cases, got {shown(count)}")
        counts.append(count)
    yes, relevant = counts
    if relevant == 0 and yes == 0 and "percent" not in value:
        return Tally(key_question_id, yes=0, no=0)  # no relevant case: no percentage
    if relevant == 0 or yes > relevant:
        raise BadInput(f"{where}: {yes} yes of {relevant} relevant cases is not a percentage")
    percent = percent_half_up(yes, relevant)
    if "percent" in value and value["percent"] != percent:
        raise BadInput(
            f"{where}: {yes} of {relevant} is {percent}%, not the {value['percent']!r}% given"
        )
    return Tally(key_question_id, yes=yes, no=relevant - yes)


def _object(entry: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = entry.get(key)
    if not isinstance(value, dict):
        raise BadInput(f"{where}: '{key}' must be an object, got {_kind(value)}")
    return value


def _discretion(item: object, where: str) -> RecordedDiscretion:
    if not isinstance(item, dict):
        raise BadInput(f"{where}: expected an object, got {_kind(item)}")
    standard = item.get("standard")
    if not isinstance(standard, str):
        raise BadInput(f"{where}: 'standard' must be a standard id, got {_kind(standard)}")
    ratings: list[str | None] = []
    for key in ("from", "to"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise BadInput(f"{where}: '{key}' must be a rating name or null, got {_kind(value)}")
        ratings.append(value)
    if item.get("explicit_in_footnote") is False:
        # The report's own footnote does not state from/to: let the check infer them (and
        # say so) rather than present a transcriber's inference as printed fact.
        ratings = [None, None]
    text = next(
        (item[key] for key in RATIONALE_KEYS if isinstance(item.get(key), str) and item[key]),
        None,
    )
    if text is None and item.get("footnote") is not None:
        text = f"footnote {item['footnote']}"
    if text is None:
        keys = ", ".join(f"'{key}'" for key in (*RATIONALE_KEYS, "footnote"))
        raise BadInput(f"{where}: a discretion needs a rationale (one of {keys})")
    return RecordedDiscretion(standard, ratings[0], ratings[1], text)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return kinds.get(type(value), "a number")


def _print_report(
    console: Console, framework: Framework, report: ReportInput, result: CheckResult
) -> None:
    findings = {finding.standard: finding for finding in result.findings}
    table = Table(title=report.provider, title_justify="left", show_lines=False)
    for heading in TABLE_COLUMNS:
        # Fold rather than cut with an ellipsis: on a narrow terminal every word still shows.
        table.add_column(heading, overflow="fold")
    notes: list[str] = []
    for rating in result.standards:
        standard = framework.standard(rating.standard_id)
        percents = ", ".join(
            str(report.key_questions.get(key_question.id, "-"))
            for key_question in standard.key_questions
        )
        lowest = ""
        if rating.lowest_percent is not None:
            lowest = f"{rating.lowest_percent} ({', '.join(rating.tied_key_questions)})"
        discretion = ""
        if rating.discretion is not None:
            notes.append(
                f"[{len(notes) + 1}] {rating.standard_id}: "
                f"{rating.discretion.from_rating} -> {rating.discretion.to_rating}"
                f"{' (from/to inferred)' if rating.discretion.inferred else ''}: "
                f"{rating.discretion.rationale}"
            )
            discretion = f"yes [{len(notes)}]"
        if rating.not_rated_reason is not None:
            notes.append(f"[{len(notes) + 1}] {rating.standard_id} is not rated: "
                         f"{rating.not_rated_reason}")
        elif rating.as_published:
            notes.append(f"[{len(notes) + 1}] {rating.standard_id}: no key-question "
                         "percentages given, so its rating is taken as published")
        if not rating.rated or rating.as_published:
            percents = f"{percents} [{len(notes)}]"
        if rating.limited_by is not None:
            notes.append(f"[{len(notes) + 1}] {rating.standard_id} is limited, "
                         f"{rating.limited_by}")
            percents = f"{percents} [{len(notes)}]"
        if rating.standard_id not in result.scored:
            notes.append(f"[{len(notes) + 1}] {rating.standard_id} is not scored: it does "
                         "not count towards the overall")
            percents = f"{percents} [{len(notes)}]"
        published = report.standards.get(rating.standard_id)
        table.add_row(
            f"{rating.standard_id} {standard.title}",
            percents,
            lowest,
            rating.rule_rating,
            discretion,
            rating.rating,
            published or "-",
            _match(findings.get(rating.standard_id), published),
        )
    console.print(table)
    for note in notes:
        console.print(f"  {note}", highlight=False)
    for standard_id, uncertainty in result.uncertainty.items():
        if uncertainty.uncertain:
            reasons = " and ".join(reason.value for reason in uncertainty.reasons)
            console.print(f"  {standard_id} is uncertain ({reasons}): {citation(uncertainty)}",
                          highlight=False)
    overall = result.overall
    line = f"Score {overall.score} of {overall.maximum}: overall {overall.rating}"
    if overall.scaled_from is not None:
        line += (f" (bands scaled from {overall.scaled_from} to the {overall.maximum} points "
                 f"of the rated standards; not rated: {', '.join(overall.not_rated)})")
    if overall.not_rated_reason is not None:
        line += f" ({overall.not_rated_reason})"
    if report.overall is not None:
        line += f" (published {report.overall}: {_match(findings.get('overall'), report.overall)})"
    console.print(line, highlight=False)
    for finding in result.unexplained:
        console.print(
            f"[bold red]Unexplained deviation[/] {finding.standard}: published "
            f"{finding.published}, computed {finding.computed}",
            highlight=False,
        )
    console.print()


def _match(finding: Finding | None, published: str | None) -> str:
    if published is None:
        return "-"
    if finding is None:
        return "yes"
    if finding.kind is FindingKind.FOOTNOTED_DISCRETION:
        return "footnoted"
    return "NO"
