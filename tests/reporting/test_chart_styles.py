"""Charts in the report carry no inline style: matplotlib's style attributes become SVG
presentation attributes and its one stylesheet rule moves to the root, drawing the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from probation_inspection.reporting import Report
from probation_inspection.reporting.charts import comparison_chart, key_question_chart
from probation_inspection.reporting.html import PRESENTATION_ATTRIBUTES, strict_svg
from probation_inspection.reporting.model import Comparison

SVG = "{http://www.w3.org/2000/svg}"


def _style_properties(svg: str) -> set[str]:
    return {declaration.split(":")[0].strip()
            for style in re.findall(r'\sstyle="([^"]*)"', svg)
            for declaration in style.split(";") if declaration.strip()}


def test_a_style_attribute_becomes_presentation_attributes() -> None:
    svg = strict_svg('<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0" '
                     'style="fill: #1d70b8; stroke-width: 0.8"/></svg>')
    assert svg == ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M 0 0" fill="#1d70b8" '
                   'stroke-width="0.8"/></svg>')


def test_the_declaration_wins_over_an_attribute_of_the_same_name() -> None:
    svg = strict_svg('<svg><path fill="red" d="M 0 0" style="fill: blue"/></svg>')
    root = etree.fromstring(svg)
    assert root[0].get("fill") == "blue"


def test_a_property_svg_takes_only_as_css_stays_where_the_policy_will_refuse_it() -> None:
    svg = strict_svg('<svg><text style="fill: #000; mix-blend-mode: multiply">x</text></svg>')
    assert 'fill="#000"' in svg
    assert 'style="mix-blend-mode: multiply"' in svg


def test_the_stylesheet_rule_moves_to_the_root_where_children_inherit_it() -> None:
    svg = strict_svg('<svg xmlns="http://www.w3.org/2000/svg">\n <defs>\n  <style '
                     'type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>'
                     '\n </defs>\n <path style="stroke-linejoin: miter"/></svg>')
    root = etree.fromstring(svg)
    assert (root.get("stroke-linejoin"), root.get("stroke-linecap")) == ("round", "butt")
    assert root.find(f"{SVG}path").get("stroke-linejoin") == "miter"  # type: ignore[union-attr]
    assert "<style" not in svg


def test_every_chart_the_report_draws_is_left_with_no_inline_style(wales_report: Report) -> None:
    charts = [key_question_chart(standard, wales_report.bands)
              for table in wales_report.results.tables for standard in table.standards]
    charts.append(comparison_chart("Wales", {"2.1.1": 67, "2.1.2": 68},
                                   [Comparison("Elsewhere", {"2.1.1": 80})]))
    for chart in charts:
        # matplotlib styles with properties SVG also takes as attributes, and nothing else.
        assert _style_properties(chart) <= PRESENTATION_ATTRIBUTES
        strict = strict_svg(chart)
        assert "<style" not in strict
        assert not re.search(r"\sstyle=", strict)
        etree.fromstring(strict)  # still well-formed: no attribute written twice
        # Every colour and size survives the move.
        for value in re.findall(r"fill: (#[0-9a-f]{6})", chart):
            assert f'fill="{value}"' in strict
