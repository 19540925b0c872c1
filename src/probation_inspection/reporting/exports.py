"""Exports of an inspection's results: CSV and JSON of the results, case-level CSV with keyed
pseudonyms, and the XLSX workbook (results, prompts, breakdowns, agreement, cases).

Owns the export layouts; tallies and ratings come from `build.score`, never recounted here.
"""

from __future__ import annotations

from collections.abc import Iterator

from probation_inspection.framework.model import RatingMethod
from probation_inspection.reporting.build import Scored, score
from probation_inspection.reporting.inputs import Inspection
from probation_inspection.reporting.model import Report
from probation_inspection.reporting.pseudonym import pseudonym
from probation_inspection.scoring import Tally, tally_framework
from probation_inspection.scoring.breakdowns import tally_breakdown
from probation_inspection.tabular import add_sheet, csv_text, new_workbook, workbook_bytes

RESULT_COLUMNS = ("level", "id", "text", "rating", "percent", "yes", "relevant")
PROMPT_COLUMNS = ("key_question", "prompt", "text", "yes", "no", "not_applicable",
                  "not_relevant", "relevant", "percent")
BREAKDOWN_COLUMNS = ("breakdown", "value", "sample_type", "cases", "key_question", "yes",
                     "relevant", "percent", "interval_lower", "interval_upper")
#: The XLSX Results sheet adds each key question's Wilson interval at its sample's confidence.
INTERVAL_COLUMNS = ("confidence", "interval_lower", "interval_upper")
AGREEMENT_COLUMNS = ("question", "compared", "agreed", "agreement_percent")


def result_columns(report: Report) -> tuple[str, ...]:
    """The Results columns: no rating column when the framework rates nothing."""
    return RESULT_COLUMNS if report.rated else tuple(c for c in RESULT_COLUMNS if c != "rating")


def result_rows(report: Report) -> Iterator[tuple[object, ...]]:
    """Annex 2 as rows: each standard, then its key questions (`result_columns`)."""
    for table in report.results.tables:
        for standard in table.standards:
            row: tuple[object, ...] = ("standard", standard.standard_id, standard.title,
                                       standard.rating, None, None, None)
            yield row if report.rated else row[:3] + row[4:]
            for kq in standard.key_questions:
                row = ("key question", kq.key_question_id, kq.text, None, kq.percent, kq.yes,
                       kq.relevant)
                yield row if report.rated else row[:3] + row[4:]


def results_csv(report: Report) -> str:
    """Annex 2 as CSV, one row per standard and key question."""
    return csv_text(result_columns(report), result_rows(report))


def results_json(report: Report) -> dict[str, object]:
    """The results alone: ratings (none when the framework rates nothing), percentages and
    the counts behind each percentage."""
    return {
        **({"summary_of_ratings": report.to_json()["summary_of_ratings"]}
           if report.rated else {}),
        "annex": report.results.percents(),
        "counts": {
            kq.key_question_id: {"yes": kq.yes, "relevant": kq.relevant}
            for table in report.results.tables
            for standard in table.standards
            for kq in standard.key_questions
        },
    }


def _question_ids(inspection: Inspection) -> list[str]:
    ids = []
    # Only the key questions answered per case: a judgement standard's are answered once.
    for key_question in (kq for standard in inspection.framework.standards()
                         if standard.rating_method is not RatingMethod.JUDGEMENT
                         for kq in standard.key_questions):
        ids.append(key_question.id)
        ids.extend(prompt.id for prompt in key_question.prompts)
    return ids


def case_rows(inspection: Inspection, key: bytes) -> tuple[list[str], list[list[object]]]:
    """Case-level answers with the case reference replaced by its keyed pseudonym.

    A question that does not apply to a case is written ``not-relevant``. Attribute values
    come from the provider's case list: a number stays a number, text is written by
    `tabular`, which keeps a formula in a cell from ever running.
    """
    attributes = [attribute.name for attribute in inspection.framework.attributes]
    questions = _question_ids(inspection)
    header = ["case", "sample_type", *attributes, *questions]
    rows: list[list[object]] = []
    for sample in inspection.samples:
        own = set(tally_framework(inspection.framework, (), sample.facts.sample_type))
        for case in sample.assessments:
            values = case.attributes or {}
            rows.append([
                pseudonym(case.case_id, key),
                sample.facts.sample_type,
                *(_text(values.get(name)) for name in attributes),
                *(
                    str(case.answers.get(q, "not-relevant")) if q in own else ""
                    for q in questions
                ),
            ])
    return header, rows


def _text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return str(value)


def cases_csv(inspection: Inspection, key: bytes) -> str:
    """Case-level answers as CSV (see `case_rows`)."""
    return csv_text(*case_rows(inspection, key))


def _interval(tally: Tally, confidence: float) -> tuple[float | None, float | None]:
    interval = tally.interval(confidence)
    if interval is None:
        return None, None
    return round(interval.lower, 1), round(interval.upper, 1)


def breakdown_rows(inspection: Inspection) -> Iterator[tuple[object, ...]]:
    """Key-question results per value of each breakdown the framework declares, with the
    Wilson interval: sub-samples are small and their margin of error larger."""
    framework = inspection.framework
    for breakdown in framework.breakdowns:
        for sample in inspection.samples:
            groups = tally_breakdown(
                framework, sample.assessments, sample.facts.sample_type, breakdown.attribute
            )
            for value, (size, tallies) in groups.items():
                for standard in framework.standards():
                    if standard.sample_type != sample.facts.sample_type:
                        continue
                    for kq in standard.key_questions:
                        tally = tallies[kq.id]
                        yield (breakdown.label, value, sample.facts.sample_type, size,
                               kq.id, tally.yes, tally.relevant, tally.percent,
                               *_interval(tally, sample.facts.confidence))


def render_xlsx(
    inspection: Inspection, report: Report, *, key: bytes | None = None,
    scored: Scored | None = None,
) -> bytes:
    """The workbook: Results, Prompts, Breakdowns, Agreement (with moderation) and Cases
    (only with a pseudonym key: case-level data never leaves with raw case references)."""
    scored = scored or score(inspection)
    workbook = new_workbook()
    confidence: dict[str, float] = {s.facts.sample_type: s.facts.confidence
                                    for s in inspection.samples}
    sample_of = {kq.id: standard.sample_type for standard in inspection.framework.standards()
                 for kq in standard.key_questions}
    results = []
    for row in result_rows(report):
        sample_type = sample_of.get(str(row[1]))
        if row[0] == "key question" and sample_type in confidence:
            level = confidence[sample_type]
            results.append((*row, level, *_interval(scored.tallies[str(row[1])], level)))
        else:
            results.append((*row, None, None, None))
    add_sheet(workbook, "Results", result_columns(report) + INTERVAL_COLUMNS, results)
    prompts = []
    for kq in inspection.framework.key_questions():
        for prompt in kq.prompts:
            tally = scored.tallies.get(prompt.id)
            if tally is None:
                continue
            prompts.append((kq.id, prompt.id, prompt.text, tally.yes, tally.no,
                            tally.not_applicable, tally.not_relevant, tally.relevant,
                            tally.percent))
    add_sheet(workbook, "Prompts", PROMPT_COLUMNS, prompts)
    add_sheet(workbook, "Breakdowns", BREAKDOWN_COLUMNS, breakdown_rows(inspection))
    if inspection.moderation is not None:
        add_sheet(workbook, "Agreement", AGREEMENT_COLUMNS, [
            (item.question_id, item.compared, item.agreed,
             round(100 * item.agreed / item.compared, 1) if item.compared else None)
            for item in inspection.moderation.agreement
        ])
    if key is not None:
        header, rows = case_rows(inspection, key)
        add_sheet(workbook, "Cases", header, rows)
    return workbook_bytes(workbook)
