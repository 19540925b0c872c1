"""The HTML rendering of a report model: Jinja2, GOV.UK Frontend class names, packaged CSS.

Owns the template environment and the Markdown filter; nothing is fetched from the network.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import markdown
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from probation_inspection.reporting.model import Report
from probation_inspection.sampling.representativeness import number_words

RATING_TAGS = {
    "Inadequate": "govuk-tag--red",
    "Requires improvement": "govuk-tag--orange",
    "Good": "govuk-tag--green",
    "Outstanding": "govuk-tag--blue",
}


def render_markdown(text: str) -> Markup:
    """Inspectors' Markdown as HTML, with any raw HTML in it shown as text, not run."""
    converter = markdown.Markdown(extensions=["sane_lists"], lazy_ol=False)
    # Narrative is typed by users: raw HTML would let one section break or script the report.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    html = converter.convert(text)
    html = html.replace("<p>", '<p class="govuk-body">')
    html = html.replace("<ul>", '<ul class="govuk-list govuk-list--bullet">')
    html = html.replace("<ol>", '<ol class="govuk-list govuk-list--number">')
    return Markup(html)


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("probation_inspection.reporting", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["markdown"] = render_markdown
    environment.filters["number_words"] = number_words
    environment.filters["rating_tag"] = lambda rating: RATING_TAGS.get(rating, "govuk-tag--grey")
    return environment


@cache
def stylesheet() -> str:
    """The packaged stylesheet (screen and print), inlined so the page needs no network."""
    return (files("probation_inspection.reporting") / "templates" / "report.css").read_text(
        encoding="utf-8"
    )


def render_html(report: Report, *, charts: bool = True, for_print: bool = False) -> str:
    """The whole report as one self-contained HTML document."""
    chart_svgs: dict[str, Markup] = {}
    comparison: Markup | None = None
    if charts and report.bands:
        # Imported here: matplotlib takes a third of a second to load, and the model, the
        # exports and chart-less pages never need it.
        from probation_inspection.reporting.charts import comparison_chart, key_question_chart

        for table in report.results.tables:
            for standard in table.standards:
                chart_svgs[standard.standard_id] = Markup(
                    key_question_chart(standard, report.bands)
                )
        if report.comparisons:
            comparison = Markup(comparison_chart(
                report.summary_of_ratings.provider, report.results.percents(),
                report.comparisons,
            ))
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        contents=report.contents(),
        css=Markup(stylesheet()),
        charts=chart_svgs,
        comparison=comparison,
        for_print=for_print,
    )
