"""The data annexe workbook in the layout now published beside each report: a sample profile,
the figures of every key question and prompt with their relevant counts and intervals, and the
sub-samples with their intervals (their margins are wider than the whole sample's).

Owns the annexe's layout and labels; every figure comes from `build.score` and the breakdown
tallies, never recounted. Headers are words a reader uses ("Relevant cases", "Not
applicable"), never field names; text goes through `tabular`, so a cell that starts
with "=" stays text and never runs as a formula.
"""

from __future__ import annotations

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
