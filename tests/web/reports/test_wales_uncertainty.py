"""The Wales demo in the database: planning (2.2) shows as uncertain on the ratings page, with
its interval and the answers that would change it, and its stored discretion cites them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from helpers import client_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import RatingDecision

pytestmark = pytest.mark.django_db

FIGURE = ("key question 2.2.3: 50 (48%) of 105, 80% interval 41% to 54%; "
          "2 more Yes would make it Requires improvement")


def test_wales_planning_is_uncertain_on_the_ratings_page(wales: Inspection) -> None:
    page = client_for("lead").get(reverse("quality:ratings", args=[wales.pk]))
    assert page.status_code == 200
    row = next(r for r in page.context["ratings"].standards if r.standard.id == "2.2")
    uncertainty = row.rule.uncertainty
    assert uncertainty is not None and uncertainty.uncertain
    assert uncertainty.confidence == 0.8  # the sample's own
    assert uncertainty.cases_to_change.to_json() == {"up": 2, "down": None}
    cell = page.content.decode().split('data-standard="2.2"')[1].split("</tr>")[0]
    assert "Uncertain: score at a band edge" in cell
    assert ("Key question 2.2.3 limits the rating: 50 (48%) of the 105 relevant cases. At 80% "
            "confidence the percentage lies between 41% and 54%.") in cell
    assert "2 more Yes would make it Requires improvement." in cell
    assert "Figures: " not in cell


def test_wales_planning_discretion_cites_the_figures(wales: Inspection) -> None:
    decision = RatingDecision.objects.get(inspection=wales, standard_id="2.2")
    assert (decision.kind, decision.rule_rating, decision.rating) == (
        "discretion", "Inadequate", "Requires improvement")
    assert decision.result["discretion_reason"] == "band-edge"
    assert decision.result["discretion_figure"] == FIGURE
    history = client_for("lead").get(reverse("quality:decide", args=[wales.pk, "2.2"]))
    assert f"Figures: {FIGURE}" in history.content.decode()
