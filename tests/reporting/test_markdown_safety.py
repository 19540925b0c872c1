"""Narrative Markdown cannot carry script: only http, https, mailto and relative URLs survive as
links or images, however the scheme is spelled; the rest become inert text.
"""

from __future__ import annotations

import dataclasses
import html as html_entities
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.reporting import Inspection, build_report, render_html
from probation_inspection.reporting.html import render_markdown, url_is_allowed

REFUSED = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "&#106;avascript:alert(1)",  # decimal character reference
    "&#x6A;avascript:alert(1)",  # hexadecimal character reference
    "javascript&colon;alert(1)",  # named character reference for the colon
    "java&#x09;script:alert(1)",  # a tab, which browsers drop inside a URL
    "java&#10;script:alert(1)",  # a newline, likewise
    "&#x01;javascript:alert(1)",  # a leading control character, which browsers trim
    "javascript\\:alert(1)",
    "ftp://example.org/file",  # a real scheme, but not one a report needs
]

ALLOWED = [
    "https://www.justiceinspectorates.gov.uk/hmiprobation/",
    "http://example.org/a?b=c&d=e",
    "mailto:team@example.org",
    "#footnote-2",
    "../methodology",
    "/static/reports/logo.png",
]


def _links_and_images(html: str) -> list[str]:
    return re.findall(r'\s(?:href|src)="([^"]*)"', html)


@pytest.mark.parametrize("url", REFUSED)
def test_a_link_with_a_refused_scheme_is_rendered_as_its_words(url: str) -> None:
    html = render_markdown(f"Read the [response]({url}) here.")
    assert "href" not in html
    assert "<a" not in html
    assert "response" in html


@pytest.mark.parametrize("url", REFUSED)
def test_an_image_with_a_refused_scheme_is_rendered_as_its_alternative_text(url: str) -> None:
    html = render_markdown(f"![Chart of results]({url})")
    assert "<img" not in html
    assert "src=" not in html
    assert "Chart of results" in html


@pytest.mark.parametrize("url", REFUSED)
def test_a_reference_style_link_is_checked_too(url: str) -> None:
    html = render_markdown(f"See [the response][r].\n\n[r]: <{url}>")
    assert "href" not in html


def test_a_refused_link_keeps_its_formatted_words_and_the_text_around_it() -> None:
    html = render_markdown("Before [a **bold** claim](vbscript:x) after.")
    assert str(html) == ('<p class="govuk-body">Before <span>a <strong>bold</strong> claim</span>'
                         " after.</p>")


@pytest.mark.parametrize("url", ALLOWED)
def test_links_with_allowed_schemes_and_relative_links_stay_links(url: str) -> None:
    html = render_markdown(f"Read the [response]({url}).")
    assert _links_and_images(html) == [html_entities.escape(url, quote=True)]


def test_an_angle_bracket_autolink_to_javascript_is_not_a_link() -> None:
    assert "href" not in render_markdown("<javascript:alert(1)>")


def test_the_report_html_carries_no_live_script_link(wales_inspection: Inspection) -> None:
    narrative = dataclasses.replace(
        wales_inspection.narrative,
        foreword="The provider's [response](javascript:alert(document.cookie)).",
        overall_findings="![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) "
                         "[y](&#106;avascript:alert(1))",
    )
    report = build_report(dataclasses.replace(wales_inspection, narrative=narrative))
    html = render_html(report, charts=False)
    assert "javascript:" not in html.lower()
    assert "&#106;avascript" not in html
    assert "data:image/svg" not in html
    assert "response" in html


def _browser_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``href="url"`` (HTML-decoded, tab and newline gone)."""
    decoded = re.sub(r"[\t\n\r]", "", html_entities.unescape(url)).strip(
        "".join(chr(code) for code in range(0x21))
    )
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", decoded)
    return match.group(1).lower() if match else None


@given(st.text(alphabet=st.sampled_from(list("javscriptJAVS:&#;x0169\t\n/ ")), max_size=24))
def test_no_url_that_decodes_to_another_scheme_is_allowed(url: str) -> None:
    if url_is_allowed(url):
        assert _browser_scheme(url) in {None, "http", "https", "mailto"}


@given(st.text(max_size=40))
def test_every_href_written_out_has_an_allowed_scheme(url: str) -> None:
    html = render_markdown(f"[words](<{url}>) ![image](<{url}>)")
    for written in _links_and_images(html):
        assert _browser_scheme(written) in {None, "http", "https", "mailto"}
