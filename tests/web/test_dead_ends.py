"""Dead ends of issue 13 that no other test closes on its own: the way back from fieldwork to
a redraw (stages once only moved forward and a drawn sample could not change), and the
moderation page of one assessment in words, not field names (docs/web.md lists the test for
each dead end)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse

import factories
from helpers import signed_in
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.quality.models import QueueEntry

#: Raw values that once showed on the moderation page (issue 13, item 10), and a minus zero.
RAW = re.compile(r"\b(start_date|rosh_issues|not-relevant|not-applicable|case-supervision"
                 r"|unpaid-work|through-the-gate|community-order|case-attribute)\b"
                 r"|(?<![\w.])-0(\.0+)?\b")


class _Text(HTMLParser):
    """The text a reader sees: no scripts, styles, code or attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style", "code", "textarea", "template"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "code", "textarea", "template"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_a_lead_in_fieldwork_goes_back_to_planning_and_redraws(
        fieldwork_stage: factories.Staged) -> None:
    inspection, lead = fieldwork_stage.inspection, signed_in(fieldwork_stage.team["lead"])
    kind = "case-supervision"
    before = Sample.objects.get(inspection=inspection, sample_type=kind)
    redraw = reverse("casework:redraw", args=[inspection.pk, kind])
    form = {"seed": "77", "confidence": "80", "margin": "5", "size": "2",
            "reason": "The first list missed an office"}
    assert lead.post(redraw, form).status_code == 400  # fieldwork has started

    moved = lead.post(reverse("inspections:reopen", args=[inspection.pk]),
                      {"stage": "fieldwork", "reason": "The case list missed an office"})
    assert moved.status_code == 302
    response = lead.post(redraw, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    after = Sample.objects.get(inspection=inspection, sample_type=kind)
    assert after.pk != before.pk and after.seed == 77
    assert Sample.draws.get(pk=before.pk).redraw_reason == "The first list missed an office"


def test_the_moderation_page_names_case_attributes_and_answers_in_words(
        moderation_stage: factories.Staged) -> None:
    staged = moderation_stage
    qa = signed_in(staged.team["qa"])
    queue = qa.get(reverse("quality:queue", args=[staged.inspection.pk]))
    assert queue.status_code == 200
    entries = list(QueueEntry.objects.filter(queue__inspection=staged.inspection))
    assert entries
    shown = []
    for entry in entries:
        response = qa.get(reverse("quality:moderate", args=[entry.assessment.pk]))
        assert response.status_code == 200
        text = visible(response.content.decode())
        shown += [match.group(0) for match in RAW.finditer(text)]
        # The case is named by its reference, not "Assessment 217".
        assert entry.assessment.sampled_case.case_reference in text
        assert not re.search(r"Assessment \d+", text)
    assert not shown, sorted(set(shown))
