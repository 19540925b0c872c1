"""Charts: key-question percentages against the bands, and against other inspections."""

from __future__ import annotations

import dataclasses

from probation_inspection.analytics.comparable import ComparableInspection
from probation_inspection.reporting import Inspection, Report, build_report, render_html
from probation_inspection.reporting.charts import comparison_chart, key_question_chart
from probation_inspection.reporting.model import Comparison


def test_a_standard_chart_shows_each_key_question_and_every_band(wales_report: Report) -> None:
    planning = wales_report.results.tables[0].standards[1]
    svg = key_question_chart(planning, wales_report.bands)
    assert svg.startswith("<svg")
    for text in ("2.2.1", "2.2.3", "48%", "Inadequate", "Requires improvement", "Good",
                 "Outstanding", "2.2 Planning: Requires improvement"):
        assert text in svg


def test_the_same_report_gives_the_same_chart(wales_report: Report) -> None:
    standard = wales_report.results.tables[0].standards[0]
    assert key_question_chart(standard, wales_report.bands) == key_question_chart(
        standard, wales_report.bands)


def test_a_comparison_chart_plots_the_other_inspections() -> None:
    svg = comparison_chart("Wales", {"2.1.1": 67, "2.1.2": 68},
                           [Comparison("Elsewhere", {"2.1.1": 80})])
    assert "Other inspections" in svg and "Wales" in svg and "2.1.2" in svg


def test_other_inspections_add_the_comparison_to_the_results_annex(
    wales_inspection: Inspection,
) -> None:
    other = ComparableInspection(provider="Another CRC", label="Another CRC (2018)",
                                 published="2018", overall="Good",
                                 key_questions={"2.1.1": 75, "4.2.3": 40})
    report = build_report(dataclasses.replace(wales_inspection, other_inspections=(other,)))
    assert report.comparisons == (Comparison("Another CRC (2018)", {"2.1.1": 75, "4.2.3": 40}),)
    html = render_html(report)
    assert "Compared with other inspections" in html
    assert html.count("<svg") == 7
