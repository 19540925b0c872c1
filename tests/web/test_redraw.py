"""Redrawing a sample before fieldwork: a new seed recorded, the earlier draw kept in the
sample's history, audited; refused with the reason once fieldwork starts."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.urls import reverse

from helpers import set_stage, signed_in
from probation_inspection.framework.model import Framework
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.inspection_pages import stage_facts
from probation_inspection.web.casework.models import Sample, SampledCase
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db
KIND = "case-supervision"
REDRAW = {"seed": "77", "confidence": "80", "margin": "5", "size": "6",
          "reason": "The first list missed an office"}


def url(name: str, inspection: Inspection) -> str:
    return reverse(f"casework:{name}", args=[inspection.pk, KIND])


def test_a_redraw_before_fieldwork_keeps_the_earlier_draw_in_history(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    first = drawn.cases.filter(status="sampled").first()
    assert first is not None
    lead.post(url("assign", inspection), {f"assign-{first.pk}": str(users["inspector"].pk)})
    earlier = set(drawn.cases.filter(status="sampled").values_list("case_reference", flat=True))
    assert lead.get(url("redraw", inspection)).status_code == 200
    response = lead.post(url("redraw", inspection), REDRAW)
    assert response.status_code == 302, response.content.decode()[:3000]
    current = Sample.objects.get(inspection=inspection)
    assert current.pk != drawn.pk and current.seed == 77
    old = Sample.draws.get(pk=drawn.pk)
    assert old.superseded_at is not None and old.superseded_by == users["lead"]
    assert old.redraw_reason == REDRAW["reason"]
    # The earlier cases stay with their draw, no longer anyone's work.
    assert set(old.cases.filter(status="sampled").values_list("case_reference", flat=True)) \
        == earlier
    assert not SampledCase.objects.filter(sample=old).exclude(assigned_to=None).exists()
    event = AuditEvent.objects.get(action="sample-redrawn")
    assert event.before["seed"] == 42 and event.after["seed"] == 77
    page = lead.get(url("sample", inspection)).content.decode()
    assert 'id="draw-history"' in page and REDRAW["reason"] in page
    assert 'id="seed-in-force">77<' in page
    # The stage's counts read the draw in force only (planning counts need no framework).
    facts = stage_facts(inspection, cast(Framework, None))
    assert facts["sampled_cases"] == 6 and facts["unassigned"] == {KIND: 6}


def test_a_redraw_needs_a_reason_and_a_new_seed(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    response = lead.post(url("redraw", inspection), {**REDRAW, "reason": ""})
    assert response.status_code == 400
    assert "Say why the sample is redrawn" in response.content.decode()
    response = lead.post(url("redraw", inspection), {**REDRAW, "seed": "42"})
    assert response.status_code == 400
    assert "Choose a seed other than" in response.content.decode()
    assert Sample.objects.get(inspection=inspection).pk == drawn.pk
    assert not Sample.draws.filter(superseded_at__isnull=False).exists()


def test_a_redraw_is_refused_once_fieldwork_starts_with_the_reason(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    lead = signed_in(users["lead"])  # the drawn fixture leaves the inspection in fieldwork
    page = lead.get(url("sample", inspection)).content.decode()
    assert "fieldwork has started" in page and 'id="redraw-link"' not in page
    response = lead.get(url("redraw", inspection))
    assert response.status_code == 200 and "fieldwork has started" in response.content.decode()
    response = lead.post(url("redraw", inspection), REDRAW)
    assert response.status_code == 400
    assert "The sample was not redrawn: fieldwork has started" in response.content.decode()
    assert Sample.objects.get(inspection=inspection).seed == 42
    assert not AuditEvent.objects.filter(action="sample-redrawn").exists()


def test_an_empty_redraw_changes_nothing(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    set_stage(inspection, "planning")
    response = signed_in(users["lead"]).post(url("redraw", inspection),
                                             {**REDRAW, "size": "100000"})
    assert response.status_code == 400
    assert Sample.objects.get(inspection=inspection).pk == drawn.pk
    assert Sample.draws.count() == 1


def test_inspectors_may_not_redraw(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    set_stage(inspection, "planning")
    assert signed_in(users["inspector"]).post(url("redraw", inspection), REDRAW
                                              ).status_code == 403
