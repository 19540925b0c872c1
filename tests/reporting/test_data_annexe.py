"""The data annexe workbook, read back: labelled sheets, human headers, the figures of every
prompt with its relevant count, sub-samples with intervals, and no live formula."""

from __future__ import annotations

import dataclasses
import io

from openpyxl import load_workbook

from probation_inspection.reporting import Inspection
from probation_inspection.reporting.annexe import (
    FIGURES_HEADER,
    render_data_annexe_html,
    render_data_annexe_xlsx,
)
from probation_inspection.reporting.build import score


def _book(inspection: Inspection) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(io.BytesIO(render_data_annexe_xlsx(inspection)))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_sheets_are_titled_labelled_and_use_words_not_field_names(
    wales_inspection: Inspection,
) -> None:
    book = _book(wales_inspection)
    assert list(book) == ["Sample profile", "Prompt-level figures", "Sub-samples"]
    for title, rows in book.items():
        assert rows[0][0] == f"{title}: {wales_inspection.provider}"
        header = [str(cell) for cell in rows[2] if cell is not None]
        assert header and all(" " in h or h[0].isupper() for h in header)
        assert not {"level", "not_relevant", "not_applicable", "relevant"} & set(header)


def test_every_prompt_figure_matches_its_tally(wales_inspection: Inspection) -> None:
    rows = _book(wales_inspection)["Prompt-level figures"][3:]
    tallies = score(wales_inspection).tallies
    column = {name: index for index, name in enumerate(FIGURES_HEADER)}
    prompts = [row for row in rows if row[column["Question"]]]
    assert prompts
    for row in rows:
        question = row[column["Question"]] or row[column["Key question"]]
        tally = tallies[str(question)]
        assert (row[column["Yes"]], row[column["Relevant cases"]], row[column["Per cent yes"]]
                ) == (tally.yes, tally.relevant, tally.percent)
        if tally.relevant:
            lower, upper = row[column["Interval lower"]], row[column["Interval upper"]]
            assert isinstance(lower, int | float) and isinstance(upper, int | float)
            assert lower <= (tally.percent or 0) <= upper + 0.5


def test_the_sample_profile_gives_each_sample_size(wales_inspection: Inspection) -> None:
    rows = _book(wales_inspection)["Sample profile"][3:]
    assert [row[1] for row in rows] == [s.facts.size for s in wales_inspection.samples]


def test_text_that_looks_like_a_formula_stays_text(wales_inspection: Inspection) -> None:
    first = wales_inspection.samples[0]
    hostile = dataclasses.replace(wales_inspection, samples=(
        dataclasses.replace(first, facts=dataclasses.replace(
            first.facts, delivery_units=("=HYPERLINK(\"http://x\")",))),
        *wales_inspection.samples[1:]))
    workbook = load_workbook(io.BytesIO(render_data_annexe_xlsx(hostile)))
    cell = workbook["Sample profile"]["G4"]
    assert cell.value == "=HYPERLINK(\"http://x\")"
    assert cell.data_type == "s"
    for sheet in workbook:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_the_html_page_has_the_three_tables_with_headers(wales_inspection: Inspection) -> None:
    page = render_data_annexe_html(wales_inspection)
    assert page.count("<table") == 3
    for title in ("Sample profile", "Prompt-level figures", "Sub-samples"):
        assert f">{title}</h2>" in page
    assert '<th scope="col" class="govuk-table__header">Relevant cases</th>' in page
    assert "2.2.3" in page and "not_relevant" not in page
