"""The data annexe workbook in the layout now published beside each report: a sample profile,
the figures of every key question and prompt with their relevant counts and intervals, and the
sub-samples with their intervals (their margins are wider than the whole sample's).

Owns the annexe's layout and labels; every figure comes from `build.score` and the breakdown
tallies, never recounted. Headers are words a reader uses ("Relevant cases", "Not
applicable"), never field names; text goes through `tabular`, so a cell that starts
with "=" stays text and never runs as a formula.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.framework.model import RatingMethod
from probation_inspection.reporting.build import Scored, score
from probation_inspection.reporting.exports import breakdown_rows
from probation_inspection.reporting.inputs import Inspection
from probation_inspection.scoring import Tally
from probation_inspection.tabular import add_titled_sheet, new_workbook, workbook_bytes

PROFILE_HEADER = ("Sample", "Cases inspected", "Eligible population", "Confidence level",
                  "Margin of error (percentage points)", "Stratified by", "Delivery units")
FIGURES_HEADER = ("Sample", "Standard", "Key question", "Question", "Wording", "Yes", "No",
                  "Not applicable", "Relevant cases", "Per cent yes", "Interval lower",
                  "Interval upper")
SUB_SAMPLE_HEADER = ("Breakdown", "Group", "Sample", "Cases", "Key question", "Yes",
                     "Relevant cases", "Per cent yes", "Interval lower", "Interval upper")

#: Each sheet: its title, the sentence under it, and how wide each column is (characters).
SHEETS = {
    "Sample profile": ("The cases inspected in each sample and how they were drawn.",
                       (24, 10, 12, 12, 14, 40, 40)),
    "Prompt-level figures": (
        "Each key question, then its prompts: cases answered yes of the relevant cases, with "
        "the Wilson interval at the sample's confidence level.",
        (20, 10, 12, 12, 70, 8, 8, 12, 12, 10, 10, 10)),
    "Sub-samples": (
        "Key-question figures for each group of each breakdown. Sub-samples are small: read "
        "their intervals, which are wider than the whole sample's.",
        (20, 20, 20, 8, 12, 8, 12, 10, 10, 10)),
}

_HEADER_FILL = "1D70B8"


def _interval(tally: Tally, confidence: float) -> tuple[float | None, float | None]:
    interval = tally.interval(confidence)
    if interval is None:
        return None, None
    return round(interval.lower, 1), round(interval.upper, 1)


def profile_rows(inspection: Inspection) -> list[tuple[object, ...]]:
    """One row per sample: its size, population, confidence, margin, strata and units."""
    rows: list[tuple[object, ...]] = []
    for sample in inspection.samples:
        facts = sample.facts
        label = _sample_label(inspection, facts.sample_type)
        rows.append((label, facts.size, facts.eligible, f"{round(facts.confidence * 100)}%",
                     facts.margin, ", ".join(str(field) for field in facts.strata),
                     ", ".join(facts.delivery_units)))
    return rows


def figure_rows(inspection: Inspection, scored: Scored) -> list[tuple[object, ...]]:
    """Every case-rated key question and then its prompts, with counts and interval."""
    confidence = {s.facts.sample_type: s.facts.confidence for s in inspection.samples}
    rows: list[tuple[object, ...]] = []
    for standard in inspection.framework.standards():
        if standard.rating_method is RatingMethod.JUDGEMENT or standard.sample_type is None:
            continue
        level = confidence.get(standard.sample_type)
        if level is None:
            continue
        label = _sample_label(inspection, standard.sample_type)
        for kq in standard.key_questions:
            for question_id, wording in ((kq.id, kq.text),
                                         *((p.id, p.text) for p in kq.prompts)):
                tally = scored.tallies.get(question_id)
                if tally is None:
                    continue
                rows.append((label, standard.id, kq.id,
                             "" if question_id == kq.id else question_id, wording,
                             tally.yes, tally.no, tally.not_applicable, tally.relevant,
                             tally.percent, *_interval(tally, level)))
    return rows


def sub_sample_rows(inspection: Inspection) -> list[tuple[object, ...]]:
    return [(label, value, _sample_label(inspection, str(sample_type)), *rest)
            for label, value, sample_type, *rest in breakdown_rows(inspection)]


def _sample_label(inspection: Inspection, sample_type: str) -> str:
    try:
        return inspection.framework.sample_type(sample_type).label
    except KeyError:
        return sample_type.replace("_", " ").replace("-", " ").capitalize()


def render_data_annexe_html(inspection: Inspection, *, scored: Scored | None = None) -> str:
    """The data annexe as one self-contained HTML page: the workbook's three tables."""
    from markupsafe import Markup

    from probation_inspection.reporting.html import _environment, stylesheet

    scored = scored or score(inspection)
    sheets = [
        {"title": title, "note": SHEETS[title][0], "header": header, "rows": rows}
        for title, header, rows in (
            ("Sample profile", PROFILE_HEADER, profile_rows(inspection)),
            ("Prompt-level figures", FIGURES_HEADER, figure_rows(inspection, scored)),
            ("Sub-samples", SUB_SAMPLE_HEADER, sub_sample_rows(inspection)),
        )
    ]
    return _environment().get_template("data-annexe.html").render(
        provider=inspection.provider, sheets=sheets, css=Markup(stylesheet()))


def render_data_annexe_xlsx(inspection: Inspection, *, scored: Scored | None = None) -> bytes:
    """The data annexe workbook: Sample profile, Prompt-level figures, Sub-samples."""
    scored = scored or score(inspection)
    workbook = new_workbook()
    for title, header, rows in (
        ("Sample profile", PROFILE_HEADER, profile_rows(inspection)),
        ("Prompt-level figures", FIGURES_HEADER, figure_rows(inspection, scored)),
        ("Sub-samples", SUB_SAMPLE_HEADER, sub_sample_rows(inspection)),
    ):
        note, widths = SHEETS[title]
        add_titled_sheet(workbook, title, f"{title}: {inspection.provider}", note, header, rows,
                         widths=widths, header_fill=_HEADER_FILL)
    return workbook_bytes(workbook)


@dataclass(frozen=True)
class FigureRow:
    """One question of the prompt-level table: a key question, or one of its prompts."""

    question_id: str
    wording: str
    is_key_question: bool
    cells: tuple[str, ...]


@dataclass(frozen=True)
class FigureGroup:
    """The rows of one standard, under its sample and title."""

    heading: str
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class BreakdownSample:
    """One sample's part of a breakdown: each group's cases, then a row per key question
    with each group's figure ("62% of 77 (55.1-69.1)"; blank where the group has none)."""

    sample: str
    cases: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class BreakdownTable:
    label: str
    groups: tuple[str, ...]
    samples: tuple[BreakdownSample, ...]


@dataclass(frozen=True)
class DataAnnexe:
    """The data annexe laid out for print: the workbook's three tables with the same figures,
    the prompt-level table grouped by standard and the sub-samples as one table per
    breakdown (groups across, key questions down), so it reads on A4."""

    provider: str
    profile_header: tuple[str, ...]
    profile: tuple[tuple[str, ...], ...]
    figures_header: tuple[str, ...]
    figures: tuple[FigureGroup, ...]
    breakdowns: tuple[BreakdownTable, ...]
    notes: dict[str, str]


#: The prompt-level table's columns in print: the question, then the workbook's figures.
#: No is left out (relevant cases less yes) and the interval shares the per cent's cell: every
#: cell is a box WeasyPrint lays out, and this table is most of the annexe's cells.
PRINT_FIGURES_HEADER = ("Question", "Yes", "Not applicable", "Relevant cases",
                        "Per cent yes (interval)")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _span(lower: object, upper: object) -> str:
    if not isinstance(lower, int | float) or not isinstance(upper, int | float):
        return ""
    return f"{lower:.1f}\u2013{upper:.1f}"


def data_annexe(inspection: Inspection, scored: Scored | None = None) -> DataAnnexe:
    """The annexe's tables for the report PDF, from the rows the workbook writes."""
    scored = scored or score(inspection)
    titles = {standard.id: standard.title for standard in inspection.framework.standards()}
    groups: dict[tuple[str, str], list[FigureRow]] = {}
    for (sample, standard, kq, prompt, wording, yes, _no, not_applicable, relevant, percent,
         lower, upper) in figure_rows(inspection, scored):
        question = str(prompt or kq)
        groups.setdefault((str(sample), str(standard)), []).append(FigureRow(
            question, str(wording), not prompt,
            (_cell(yes), _cell(not_applicable), _cell(relevant),
             "" if percent is None else f"{percent}% ({_span(lower, upper)})")))
    figures = tuple(FigureGroup(f"{sample}: {standard} {titles.get(standard, '')}".strip(),
                                tuple(rows)) for (sample, standard), rows in groups.items())
    return DataAnnexe(
        provider=inspection.provider,
        profile_header=PROFILE_HEADER,
        profile=tuple(tuple(_cell(value) for value in row) for row in profile_rows(inspection)),
        figures_header=PRINT_FIGURES_HEADER,
        figures=figures,
        breakdowns=_breakdowns(sub_sample_rows(inspection)),
        notes={title: note for title, (note, _) in SHEETS.items()},
    )


def _breakdowns(rows: list[tuple[object, ...]]) -> tuple[BreakdownTable, ...]:
    """The sub-sample rows pivoted: per breakdown, its groups across and, per sample, each
    key question down."""
    tables: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    sizes: dict[tuple[str, str, str], str] = {}
    for label, group, sample, cases, kq, _yes, relevant, percent, lower, upper in rows:
        by_sample = tables.setdefault(str(label), {})
        by_kq = by_sample.setdefault(str(sample), {})
        figure = "" if percent is None or not relevant else (
            f"{percent}% of {relevant} ({_span(lower, upper)})")
        by_kq.setdefault(str(kq), {})[str(group)] = figure
        sizes[(str(label), str(sample), str(group))] = _cell(cases)
    result = []
    for label, by_sample in tables.items():
        groups = tuple(dict.fromkeys(group for by_kq in by_sample.values()
                                     for figures in by_kq.values() for group in figures))
        result.append(BreakdownTable(label, groups, tuple(
            BreakdownSample(
                sample,
                tuple(sizes.get((label, sample, group), "") for group in groups),
                tuple((kq, tuple(figures.get(group, "") for group in groups))
                      for kq, figures in by_kq.items()))
            for sample, by_kq in by_sample.items())))
    return tuple(result)
