"""Comparisons count a platform inspection's ratings as its ratings page does: a standard the
rules leave not rated (here no unpaid work sample was drawn) counts as not rated in both, so
the overall is the same in both (it was missing from comparisons when they left it out)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from factories import fieldwork, submit
from helpers import signed_in
from probation_inspection.framework.model import RatingMethod
from probation_inspection.scoring import DecisionKind
from probation_inspection.web.inspections.models import Inspection, Stage
from probation_inspection.web.quality.models import RatingDecision

pytestmark = pytest.mark.django_db


def test_a_standard_not_rated_gives_the_same_overall_on_the_ratings_page_and_in_comparisons(
) -> None:
    staged = fieldwork(2, sample_types=("case-supervision",))
    inspection, framework, lead = staged.inspection, staged.framework, staged.team["lead"]
    for case in staged.sampled_cases.select_related("sample"):
        submit(case, framework)
    Inspection.objects.filter(pk=inspection.pk).update(stage=Stage.RATING)
    # Every judgement standard decided: the rule ratings and not-rated standards do the rest.
    for standard in framework.standards():
        if standard.rating_method is RatingMethod.JUDGEMENT:
            RatingDecision.objects.create(
                inspection=inspection, standard_id=standard.id, version=1,
                kind=DecisionKind.JUDGEMENT.value, rating="Good", rationale="Seen",
                decided_by=lead)
    client = signed_in(lead)
    page = client.get(reverse("quality:ratings", args=[inspection.pk]))
    shown = page.context["ratings"]
    assert "4.1" in shown.not_rated
    assert shown.overall is not None
    response = client.get(reverse("benchmarking:export"))
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    own = next(item for item in data["inspections"]
               if item["key"] == f"platform-{inspection.pk}")
    assert own["overall"] == shown.overall.rating
    # Only rated standards are compared; the not-rated one has no place among ratings.
    assert "4.1" not in own["standards"] and "2.1" in own["standards"]
