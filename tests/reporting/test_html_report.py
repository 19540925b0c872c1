"""The HTML report: every section in order, GOV.UK classes, no network, narrative made safe."""

from __future__ import annotations

import dataclasses
import re

import pytest
from markupsafe import escape

from probation_inspection.reporting import Inspection, Narrative, Report, build_report, render_html
from probation_inspection.reporting.html import render_markdown

SECTION_IDS = [
    "cover", "contents", "foreword", "overall-findings", "summary-of-ratings", "recommendations",
    "background", "contextual-facts", "domain-1", "standard-1.1", "standard-1.2",
    "standard-1.3", "standard-1.4", "domain-2", "standard-2.1", "standard-2.2", "standard-2.3",
    "standard-2.4", "domain-4", "standard-4.1", "standard-4.2", "annex-methodology",
    "annex-results", "annex-operating-model", "annex-glossary",
]


@pytest.fixture(scope="module")
def html(wales_report: Report) -> str:
    return render_html(wales_report)


def test_every_section_is_there_in_the_published_order(html: str) -> None:
    ids = re.findall(r'<(?:section|nav|article) class="[^"]*" id="([^"]+)"', html)
    assert ids == SECTION_IDS


def test_the_contents_link_to_every_section(html: str, wales_report: Report) -> None:
    for entry in wales_report.contents():
        assert f'href="#{entry.anchor}"' in html
        assert f'id="{entry.anchor}"' in html


def test_the_page_needs_no_network(html: str) -> None:
    assert "<link" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@media print" in html and "@page" in html


def test_the_page_uses_gov_uk_frontend_classes(html: str) -> None:
    for name in ("govuk-template", "govuk-width-container", "govuk-heading-xl", "govuk-table",
                 "govuk-tag--orange", "govuk-tag--red", "govuk-summary-list"):
        assert name in html


def test_ratings_and_percentages_appear_where_the_tables_put_them(html: str) -> None:
    assert re.search(r'data-standard="overall">Requires improvement<', html)
    assert re.search(r'data-standard="4.2">Inadequate<', html)
    assert re.search(r'data-key-question="2.2.3" title="50 of 105 relevant cases">48%<', html)
    assert 'href="#footnote-2"' in html


def test_findings_carry_their_exact_figure_for_hover(html: str) -> None:
    assert ('title="50 of 105 relevant cases (47.6 per cent)" data-question="2.2.3" '
            'data-source="2.2.3: 50 of 105 relevant cases (47.6 per cent)">Planning '
            'focused sufficiently on keeping other people safe in 50 (48 per cent) of the 105 '
            'relevant cases.</span>') in html


def test_printed_findings_carry_no_machine_brackets(html: str, wales_report: Report) -> None:
    # The exact figures are in attributes only: the words between the tags have none.
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\[\d+(\.\d+)+(\.p\d+)?:", text)
    assert "In 100 per cent" not in text and "(100 per cent)" not in text
    assert "In 0 per cent" not in text and "(0 per cent)" not in text
    for chapter in wales_report.domains:
        for standard in chapter.standards:
            for finding in standard.findings:
                assert finding.source.startswith(f"{finding.question_id}: ")
                assert str(escape(finding.text)) in html


def test_charts_are_inline_svg_one_per_case_data_standard(html: str) -> None:
    assert html.count("<svg") == 6
    assert "<?xml" not in html


def test_narrative_markdown_is_rendered_and_raw_html_is_shown_as_text(
    wales_inspection: Inspection,
) -> None:
    narrative = dataclasses.replace(
        wales_inspection.narrative,
        foreword="**Bold** words.\n\n<script>alert(1)</script>\n\nA <b>tag</b> inline.",
    )
    report = build_report(dataclasses.replace(wales_inspection, narrative=narrative))
    html = render_html(report, charts=False)
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<b>tag</b>" not in html


def test_numbered_lists_keep_their_starting_number() -> None:
    assert 'start="6"' in render_markdown("6. make sure that all buildings are safe")


def test_a_report_without_narrative_still_renders(wales_inspection: Inspection) -> None:
    report = build_report(dataclasses.replace(wales_inspection, narrative=Narrative()))
    html = render_html(report, charts=False)
    assert 'id="annex-glossary"' in html
    assert "<svg" not in html
