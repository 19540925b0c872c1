"""The HTML rendering of a report model: Jinja2, GOV.UK Frontend class names, packaged CSS.

Owns the template environment and the Markdown filter (no raw HTML, an allow-list of URL
schemes); nothing is fetched from the network.
"""

from __future__ import annotations

import html as html_entities
import re
import xml.etree.ElementTree as etree
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

import markdown
from jinja2 import Environment, PackageLoader, select_autoescape
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from probation_inspection.reporting.model import Report
from probation_inspection.sampling.representativeness import number_words

if TYPE_CHECKING:  # annexe imports this module's environment
    from probation_inspection.reporting.annexe import DataAnnexe

RATING_TAGS = {
    "Inadequate": "govuk-tag--red",
    "Requires improvement": "govuk-tag--orange",
    "Good": "govuk-tag--green",
    "Outstanding": "govuk-tag--blue",
}


#: The only URL schemes a narrative link or image may use; a URL with no scheme (relative, or
#: a fragment such as ``#footnote-2``) is allowed too. Everything else (javascript:, vbscript:,
#: data:, file:, ...) is refused, however it is spelled.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*\Z", re.IGNORECASE)
# What a browser ignores when it parses a URL: tab, CR and LF anywhere, and C0 controls and
# spaces at either end. "java&#x09;script:" is a live javascript: link once decoded.
_IGNORED_ANYWHERE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def url_is_allowed(url: str) -> bool:
    """True for http, https and mailto URLs and URLs without a scheme; False for the rest.

    The URL is read as a browser would read it from an attribute: character references
    decoded (Markdown keeps ``&#106;`` as written), tab and newlines dropped, controls and
    spaces trimmed. Anything ambiguous (a colon before any ``/``, ``?`` or ``#`` with no
    valid scheme in front of it) is refused rather than guessed.
    """
    decoded = _IGNORED_ANYWHERE.sub("", html_entities.unescape(url)).strip(_C0_AND_SPACE)
    # Markdown's placeholders for stashed inline content are not part of any real URL.
    if "\x02" in decoded or "\x03" in decoded:
        return False
    end = re.search(r"[:/?#]", decoded)
    if end is None or end.group() != ":":
        return True  # relative: same scheme and host as the page
    scheme = decoded[: end.start()]
    return bool(_SCHEME.match(scheme)) and scheme.lower() in ALLOWED_SCHEMES


class _RefuseUnsafeUrls(Treeprocessor):  # type: ignore[misc]  # Markdown ships no types
    """Turns a link or image whose URL is refused into plain text, so nothing can be run."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not url_is_allowed(element.get("href", "")):
                # The link's words stay, as text: the reader sees what was written.
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img" and not url_is_allowed(element.get("src", "")):
                alternative = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = alternative


def render_markdown(text: str) -> Markup:
    """Inspectors' Markdown as HTML: raw HTML shown as text, not run, and links and images
    whose URL scheme is not allowed (``url_is_allowed``) rendered as inert text.

    Every view of the narrative (report page, PDF, editor preview, factual-accuracy view)
    goes through this one function.
    """
    converter = markdown.Markdown(extensions=["sane_lists"], lazy_ol=False)
    # Narrative is typed by users: raw HTML would let one section break or script the report.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    # Below "unescape" (priority 0): it sees the URLs as they will be written out.
    converter.treeprocessors.register(_RefuseUnsafeUrls(converter), "refuse-unsafe-urls", -10)
    html = converter.convert(text)
    html = html.replace("<p>", '<p class="govuk-body">')
    html = html.replace("<ul>", '<ul class="govuk-list govuk-list--bullet">')
    html = html.replace("<ol>", '<ol class="govuk-list govuk-list--number">')
    return Markup(html)


#: CSS properties SVG also takes as attributes ("presentation attributes"): a chart written
#: with these needs no style attribute and no stylesheet, so the service's
#: Content-Security-Policy can refuse inline style altogether.
PRESENTATION_ATTRIBUTES = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "opacity", "font-family", "font-size", "font-style", "font-weight",
    "font-variant", "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
    "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "clip-path",
    "clip-rule", "mask", "color", "visibility", "display",
})
_START_TAG_WITH_STYLE = re.compile(r'<([\w:-]+)((?:[^>"]|"[^"]*")*?)\sstyle="([^"]*)"')
#: A chart stylesheet's one rule for every element (the form matplotlib's SVG backend wrote,
#: before the charts were written element by element): kept off the page like any style.
_CHART_STYLESHEET = re.compile(r'\s*<style type="text/css">\*\{([^}<]*)\}</style>')


def _declarations(css: str) -> list[tuple[str, str]]:
    pairs = (declaration.partition(":") for declaration in css.split(";"))
    return [(name.strip(), value.strip()) for name, _, value in pairs if name.strip()]


def _as_attributes(tag: str, attributes: str, declarations: list[tuple[str, str]]) -> str:
    """A start tag with its style declarations as attributes; any property SVG does not take
    as an attribute stays in a style attribute, where the policy will refuse it visibly."""
    kept = []
    for name, value in declarations:
        if name in PRESENTATION_ATTRIBUTES:
            # The declaration wins over an attribute of the same name, as it did in CSS.
            attributes = re.sub(rf'\s{re.escape(name)}="[^"]*"', "", attributes)
            attributes += f' {name}="{value}"'
        else:
            kept.append(f"{name}: {value}")
    style = f' style="{"; ".join(kept)}"' if kept else ""
    return f"<{tag}{attributes}{style}"


def strict_svg(svg: str) -> str:
    """An SVG with no inline style (the content security policy refuses it): style attributes
    become presentation attributes and a stylesheet's one ``*{...}`` rule moves onto the root
    element, whose children inherit it (stroke-linejoin and stroke-linecap are inherited)."""
    defaults: list[tuple[str, str]] = []

    def take_stylesheet(match: re.Match[str]) -> str:
        defaults.extend(_declarations(match.group(1)))
        return ""

    svg = _CHART_STYLESHEET.sub(take_stylesheet, svg)
    svg = _START_TAG_WITH_STYLE.sub(
        lambda match: _as_attributes(match.group(1), match.group(2),
                                     _declarations(match.group(3))), svg)
    if defaults:
        root = svg.index("<svg") + len("<svg")
        svg = svg[:root] + "".join(f' {name}="{value}"' for name, value in defaults) + svg[root:]
    return svg


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


def render_html(report: Report, *, charts: bool = True, for_print: bool = False,
                annexe: DataAnnexe | None = None) -> str:
    """The whole report as one self-contained HTML document; with ``annexe``, the data
    annexe's tables follow as its last annex (the PDF's)."""
    chart_svgs: dict[str, Markup] = {}
    comparison: Markup | None = None
    if charts and report.bands:
        # Imported here: the model, the exports and chart-less pages never need the charts.
        from probation_inspection.reporting.charts import comparison_chart, key_question_chart

        for table in report.results.tables:
            for standard in table.standards:
                chart_svgs[standard.standard_id] = Markup(
                    strict_svg(key_question_chart(standard, report.bands))
                )
        if report.comparisons:
            comparison = Markup(strict_svg(comparison_chart(
                report.cover.provider, report.results.percents(),
                report.comparisons,
            )))
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        contents=report.contents(),
        css=Markup(stylesheet()),
        charts=chart_svgs,
        comparison=comparison,
        for_print=for_print,
        annexe=annexe,
        annexe_title=f"Annex {_annexes(report) + 1}: Data annexe",
    )


def _annexes(report: Report) -> int:
    return sum(1 for entry in report.contents()
               if entry.level == 1 and entry.title.startswith("Annex "))
