"""Human labels from one place (issue 13): stored values, field names, audit events and
figures in words; no page a team member opens shows a raw value the labels map; a favicon."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.labels import event_words, figure, phrase, words
from probation_inspection.web.quality.models import Meeting


def test_values_read_as_words() -> None:
    assert phrase("community-order") == "Community order"
    assert phrase("not-relevant") == "Not relevant"
    assert phrase("upw-staff") == "Unpaid work staff"
    assert phrase("start_date") == "Start date"
    assert phrase("case-supervision") == "Case supervision"
    assert phrase("Already words, kept") == "Already words, kept"
    assert words(True) == "Yes" and words(None) == ""


def test_figures_never_show_a_minus_zero() -> None:
    assert figure(-0.0, 1) == "0.0"
    assert figure("-0.04", 1) == "0.0"
    assert figure(2.25, 1) == "2.3"  # half up, as the published reports round
    assert figure(-1.26, 1) == "-1.3"
    assert figure("n/a", 1) == "n/a"


def test_an_event_about_an_assessment_names_its_case() -> None:
    case = SimpleNamespace(case_reference="CRN0042")
    event = SimpleNamespace(action="assessment-moderated", target="217", sampled_case=case)
    assert event_words(event) == "Assessment moderated: case CRN0042"
    plain = SimpleNamespace(action="case-attribute", target="rosh_issues", sampled_case=None)
    assert event_words(plain) == "Case attribute: Risk of serious harm issues apply"


def test_choices_take_their_labels_from_the_same_place() -> None:
    assert dict(Meeting._meta.get_field("role_group").choices)["upw-staff"] == (
        "Unpaid work staff")


@pytest.mark.django_db
def test_the_favicon_is_served_not_a_404() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("web/favicon.ico")


class _Text(HTMLParser):
    """The text a reader sees: no scripts, styles or attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style", "code", "textarea"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "code", "textarea"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


#: Raw values the labels map, that once showed on pages (issue 13), and any minus zero.
RAW = re.compile(r"\b(community-order|suspended-sentence-order|post-sentence-supervision"
                 r"|not-relevant|not-applicable|upw-staff|case-supervision|unpaid-work"
                 r"|through-the-gate|start_date|rosh_issues|assessment-moderated"
                 r"|case-attribute)\b|(?<![\w.])-0(\.0+)?\b")


@pytest.mark.slow
def test_no_page_of_a_published_inspection_shows_a_raw_value(published_stage: Any) -> None:
    staged = published_stage
    pk = staged.inspection.pk
    case = staged.sampled_cases.first()
    pages = [
        reverse("inspections:detail", args=[pk]),
        reverse("casework:results", args=[pk]),
        reverse("casework:sample", args=[pk, "case-supervision"]),
        reverse("casework:assess", args=[case.pk]),
        reverse("casework:history", args=[case.pk]),
        reverse("quality:queue", args=[pk]),
        reverse("quality:agreement", args=[pk]),
        reverse("quality:evidence", args=[pk]),
        reverse("quality:ratings", args=[pk]),
        reverse("reports:report", args=[pk]),
        reverse("casework:my-cases"),
        reverse("benchmarking:comparisons"),
    ]
    shown = []
    for name in ("lead", "inspector", "qa", "data"):
        client = signed_in(staged.team[name])
        for url in pages:
            response = client.get(url)
            if response.status_code != 200:
                continue
            for match in RAW.finditer(visible_text(response.content.decode())):
                shown.append(f"{name} {url}: {match.group(0)!r}")
    assert not shown, "\n".join(sorted(set(shown)))


def test_each_rating_band_has_its_own_colour() -> None:
    from probation_inspection.web.labels import rating_tag

    colours = [rating_tag(band) for band in
               ("Outstanding", "Good", "Requires improvement", "Inadequate")]
    assert len(set(colours)) == 4
    assert rating_tag("requires improvement ") == rating_tag("Requires improvement")
    assert rating_tag("Something else") == rating_tag(None) == "govuk-tag--grey"
