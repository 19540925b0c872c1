"""View tests for the ratings page: rule ratings with their limiting key question and counts,
accepting, discretion with a required rationale, judgements citing evidence, versions kept,
the overall updated at once, only the lead inspector deciding, and the move to reporting.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import (
    Meeting,
    RatingDecision,
    RatingDecisionIsAppendOnly,
)

pytestmark = pytest.mark.django_db

JUDGED = ("1.1", "1.2", "1.3", "1.4")
CASE_DATA = ("2.1", "2.2", "2.3", "2.4", "4.1", "4.2")


@pytest.fixture
def rating(inspection: Inspection, team: dict[str, Any], build: Any) -> Inspection:
    # Three of four cases say yes to every key question: 75%, Good, for every standard.
    build(inspection, [(team["inspector"], ["yes", "yes", "yes", "no"])])
    inspection.stage = "rating"
    inspection.save()
    Meeting.objects.create(inspection=inspection, kind="meeting", held_on="2026-11-04",
                           role_group="senior-managers", participants="CEO", notes="Plans")
    return inspection


def decide(client: Any, inspection: Inspection, standard: str, **data: Any) -> Any:
    return client.post(reverse("quality:decide", args=[inspection.pk, standard]), data)


def test_ratings_show_rule_rating_limiting_question_and_counts(
    rating: Inspection, team: dict[str, Any]
) -> None:
    page = signed_in(team["lead"]).get(reverse("quality:ratings", args=[rating.pk]))
    assert page.status_code == 200
    rows = {row.standard.id: row for row in page.context["ratings"].standards}
    rule = rows["2.1"].rule
    assert rule.rating.rule_rating == "Good" and rule.rating.limiting_key_question == "2.1.1"
    assert (rule.limiting.yes, rule.limiting.relevant) == (3, 4)
    assert rows["1.1"].judged and rows["1.1"].rule is None
    assert page.context["ratings"].overall is None  # domain one not judged yet
    assert "3 of 4 relevant cases" in page.content.decode()


def test_discretion_needs_a_rationale_and_changes_the_overall(
    rating: Inspection, team: dict[str, Any]
) -> None:
    lead = signed_in(team["lead"])
    meeting = Meeting.objects.get().evidence_id
    for standard in JUDGED:
        response = decide(lead, rating, standard, kind="judgement", rating="Good",
                          rationale="Leadership is clear", evidence=[meeting])
        assert response.status_code == 302, response.content.decode()[:3000]
    overall = lead.get(reverse("quality:ratings", args=[rating.pk])).context["ratings"].overall
    assert (overall.score, overall.rating) == (20, "Good")
    refused = decide(lead, rating, "2.1", kind="discretion", rating="Inadequate", rationale="")
    assert refused.status_code == 400
    assert "needs a rationale" in refused.content.decode()
    assert not RatingDecision.objects.filter(standard_id="2.1").exists()
    assert decide(lead, rating, "2.1", kind="discretion", rating="Inadequate",
                  rationale="Risk work unsafe").status_code == 302
    decision = RatingDecision.objects.get(standard_id="2.1")
    assert (decision.rule_rating, decision.rating, decision.kind) == (
        "Good", "Inadequate", "discretion")
    overall = lead.get(reverse("quality:ratings", args=[rating.pk])).context["ratings"].overall
    assert overall.score == 18
    # A later decision is a new version; the discretion stays in the history.
    assert decide(lead, rating, "2.1", kind="accepted").status_code == 302
    history = lead.get(reverse("quality:decide", args=[rating.pk, "2.1"]))
    assert [row.version for row in history.context["row"].rows] == [1, 2]
    assert "Risk work unsafe" in history.content.decode()
    assert AuditEvent.objects.filter(action="rating-decided").count() == 6


def test_a_judgement_must_cite_recorded_evidence(rating: Inspection,
                                                 team: dict[str, Any]) -> None:
    lead = signed_in(team["lead"])
    response = decide(lead, rating, "1.1", kind="judgement", rating="Good", rationale="Fine")
    assert response.status_code == 400
    assert "must cite evidence" in response.content.decode()
    response = decide(lead, rating, "1.1", kind="judgement", rating="Good", rationale="Fine",
                      evidence=["M999"])
    assert response.status_code == 400
    assert not RatingDecision.objects.exists()


def test_decisions_are_append_only(rating: Inspection, team: dict[str, Any]) -> None:
    decide(signed_in(team["lead"]), rating, "2.2", kind="accepted")
    decision = RatingDecision.objects.get()
    decision.rating = "Outstanding"
    with pytest.raises(RatingDecisionIsAppendOnly):
        decision.save()
    with pytest.raises(RatingDecisionIsAppendOnly):
        decision.delete()


def test_only_the_lead_inspector_decides_and_only_at_rating(
    rating: Inspection, team: dict[str, Any]
) -> None:
    for name in ("inspector", "qa", "data"):
        assert decide(signed_in(team[name]), rating, "2.2", kind="accepted").status_code == 403
    assert decide(signed_in(team["reader"]), rating, "2.2", kind="accepted").status_code == 404
    rating.stage = "moderation"
    rating.save()
    assert decide(signed_in(team["lead"]), rating, "2.2", kind="accepted").status_code == 403
    assert not RatingDecision.objects.exists()


def test_all_ten_decided_moves_to_reporting(rating: Inspection, team: dict[str, Any]) -> None:
    lead = signed_in(team["lead"])
    advance = reverse("quality:advance", args=[rating.pk])
    lead.post(advance)
    rating.refresh_from_db()
    assert rating.stage == "rating"
    meeting = Meeting.objects.get().evidence_id
    for standard in JUDGED:
        decide(lead, rating, standard, kind="judgement", rating="Good", rationale="Sound",
               evidence=[meeting])
    for standard in CASE_DATA:
        decide(lead, rating, standard, kind="accepted")
    assert signed_in(team["qa"]).post(advance).status_code == 403
    lead.post(advance)
    rating.refresh_from_db()
    assert rating.stage == "reporting"
    assert AuditEvent.objects.filter(action="stage-changed").count() == 1


def test_ratings_show_how_sure_each_rule_rating_is(
    rating: Inspection, team: dict[str, Any]
) -> None:
    page = signed_in(team["lead"]).get(reverse("quality:ratings", args=[rating.pk]))
    row = next(r for r in page.context["ratings"].standards if r.standard.id == "2.1")
    assert row.rule.uncertainty is not None and row.rule.uncertainty.uncertain
    body = page.content.decode()
    cell = body.split('data-standard="2.1"')[1].split("</tr>")[0]
    assert "Uncertain: score at a band edge" in cell
    # Three of four at the sample's 80 per cent: a Wilson interval of 43 to 92 per cent.
    assert "3 (75%) of the 4 relevant cases. At 80% confidence the percentage lies between " \
        "43% and 92%." in cell
    assert "1 fewer Yes would make it Requires improvement." in cell
    assert "the rating could be Inadequate, Requires improvement, Good or Outstanding" in cell
    assert 'data-uncertain="true"' in cell


def test_the_discretion_reason_starts_from_the_flag_and_the_figures_are_kept(
    rating: Inspection, team: dict[str, Any]
) -> None:
    lead = signed_in(team["lead"])
    form = lead.get(reverse("quality:decide", args=[rating.pk, "2.1"]))
    body = form.content.decode()
    assert "How sure the rule rating is" in body
    for text in ("Small number of relevant cases", "Score at a band edge",
                 "Other (say why in the rationale)"):
        assert text in body
    assert 'value="band-edge" checked' in body  # the flag this rating raises
    assert 'value="small-sample" checked' not in body
    # The framework declares no minimum of relevant cases: that reason is not borne out.
    refused = decide(lead, rating, "2.1", kind="discretion", rating="Requires improvement",
                     reason="small-sample", rationale="Few cases")
    assert refused.status_code == 400
    assert "its figures do not: choose &#x27;other&#x27;" in refused.content.decode()
    assert 'href="#id_reason"' in refused.content.decode()
    missing = decide(lead, rating, "2.1", kind="discretion", rating="Requires improvement",
                     reason="band-edge", rationale="")
    assert missing.status_code == 400 and "needs a rationale" in missing.content.decode()
    assert not RatingDecision.objects.exists()
    assert decide(lead, rating, "2.1", kind="discretion", rating="Requires improvement",
                  reason="band-edge", rationale="Wider evidence").status_code == 302
    decision = RatingDecision.objects.get(standard_id="2.1")
    assert decision.result["discretion_reason"] == "band-edge"
    assert decision.result["discretion_figure"] == (
        "key question 2.1.1: 3 (75%) of 4, 80% interval 43% to 92%; "
        "3 more Yes would make it Outstanding; 1 fewer Yes would make it Requires improvement"
    )
    history = lead.get(reverse("quality:decide", args=[rating.pk, "2.1"])).content.decode()
    assert "Figures: key question 2.1.1: 3 (75%) of 4, 80% interval 43% to 92%" in history
    event = AuditEvent.objects.get(action="rating-decided")
    assert event.after["reason"] == "band-edge"


def test_a_refused_decision_points_at_the_field_the_core_names(
    rating: Inspection, team: dict[str, Any]
) -> None:
    lead = signed_in(team["lead"])
    # 2.1's rule rating is Good: a discretion to Good departs from nothing (SC103, rating).
    same = decide(lead, rating, "2.1", kind="discretion", rating="Good", reason="other",
                  rationale="Wider evidence")
    body = same.content.decode()
    assert same.status_code == 400
    assert "to itself changes nothing" in body and 'href="#id_rating"' in body
    # A judgement on a case-data standard is the wrong kind of decision (SC104, kind).
    wrong = decide(lead, rating, "2.1", kind="judgement", rating="Good", rationale="Fine",
                   evidence=[Meeting.objects.get().evidence_id])
    assert wrong.status_code == 400
    assert "not by judgement" in wrong.content.decode()
    assert 'href="#id_kind"' in wrong.content.decode()
    assert not RatingDecision.objects.exists()
