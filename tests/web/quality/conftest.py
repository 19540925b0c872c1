"""Fixtures for the quality tests: a QA inspector and data team member on the team, and
submitted assessments made by the factories for every sample type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from factories import AssessmentFactory, SampledCaseFactory, SampleFactory
from helpers import make_user, signed_in
from probation_inspection.web.casework.models import Assessment, Sample
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember
from probation_inspection.web.quality.models import QueueEntry
from sample_ids import SampleType

SAMPLE_TYPES = tuple(SampleType)


@pytest.fixture
def team(users: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """Every role on the inspection: lead, inspector, other (inspector), qa, data, reader."""
    for name, role in (("qa", Role.QUALITY_ASSURANCE), ("data", Role.DATA_TEAM)):
        users[name] = make_user(name)
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    return users


@pytest.fixture
def queued(inspection: Inspection, team: dict[str, Any], build: Any) -> list[Assessment]:
    """A case supervision sample, six cases assessed by the inspector and three by the other;
    the QA inspector has opened the queue, so it is drawn: the queued assessments in order."""
    build(inspection, [(team["inspector"], ["yes"] * 6), (team["other"], ["no"] * 3)],
          ("case-supervision",))
    response = signed_in(team["qa"]).get(reverse("quality:queue", args=[inspection.pk]))
    assert response.status_code == 200
    return [entry.assessment for entry in QueueEntry.objects.order_by("id")]


@pytest.fixture
def build() -> Callable[..., dict[str, Sample]]:
    """Samples of every type, each with assessments per (assessor, key-question answers)."""

    def make(inspection: Inspection, plan: list[tuple[Any, list[str]]],
             sample_types: tuple[str, ...] = SAMPLE_TYPES) -> dict[str, Sample]:
        samples = {}
        for sample_type in sample_types:
            sample = SampleFactory(inspection=inspection, sample_type=sample_type)
            number = 0
            for assessor, values in plan:
                for value in values:
                    number += 1
                    case = SampledCaseFactory(
                        sample=sample, assigned_to=assessor,
                        case_reference=f"{sample_type[:2].upper()}{number:03d}")
                    AssessmentFactory(sampled_case=case, answers__key_value=value)
            samples[sample_type] = sample
        return samples

    return make
