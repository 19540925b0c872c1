"""Issue 12: the pages of an inspection whose framework rates nothing (a thematic inspection's).
At rating the stage checklist and the ratings page say in a plain sentence that there is
nothing to decide, live results give percentages and no rating, and the lead moves on; the
report page shows findings and proportions with no rating anywhere.

The framework is the first in the shipped library that rates nothing, never named here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

import factories
from helpers import signed_in
from probation_inspection.access import Stage
from probation_inspection.framework.library import available_frameworks
from probation_inspection.stages import RATES_NOTHING
from probation_inspection.web.inspections.forms import InspectionForm

pytestmark = pytest.mark.django_db

UNRATED = next((item.id, item.version) for item in available_frameworks() if not item.rated)


def _main(response: Any) -> str:
    """The page's main content as plain text (no template, style or script)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html.split('id="main-content"', 1)[-1]).split())


def test_a_new_inspection_may_use_it_and_the_label_says_no_ratings() -> None:
    choices = dict(InspectionForm().fields["framework"].choices)
    label = choices[f"{UNRATED[0]}@{UNRATED[1]}"]
    assert label.endswith(", no ratings)")


def test_at_rating_the_pages_say_nothing_is_rated_and_the_lead_moves_on() -> None:
    staged = factories.rating(cases=3, framework=UNRATED)
    inspection = staged.inspection
    lead = signed_in(staged.team["lead"])
    stage = _main(lead.get(reverse("inspections:stage", args=[inspection.pk])))
    assert RATES_NOTHING in stage
    page = lead.get(reverse("quality:ratings", args=[inspection.pk]))
    text = _main(page)
    assert "This framework rates nothing: " in text
    assert 'id="ratings"' not in page.content.decode()  # no table of standards to decide
    assert "Decide" not in text and "Overall" not in text
    results = _main(lead.get(reverse("casework:results", args=[inspection.pk])))
    assert "This framework rates nothing: " in results
    assert "100%" in results
    assert "Not rated" not in results and "Rule rating" not in results
    moved = lead.post(reverse("quality:advance", args=[inspection.pk]), follow=True)
    assert moved.status_code == 200
    inspection.refresh_from_db()
    assert inspection.stage == Stage.REPORTING


def test_the_report_page_shows_findings_without_ratings(settings: Any,
                                                        tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    staged = factories.published(cases=3, framework=UNRATED)
    lead = signed_in(staged.team["lead"])
    text = _main(lead.get(reverse("reports:report", args=[staged.inspection.pk])))
    assert "This inspection gives no ratings" in text
    assert "in all 3 relevant cases" in text
    assert "Summary of ratings" not in text
    for rating in ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated"):
        assert rating not in text, rating
