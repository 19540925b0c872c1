"""Fixtures for the quality tests: a QA inspector and data team member on the team, and
submitted assessments built straight in the database for every sample type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    CaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.casework.questions import questions, relevance_attributes
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

from ..conftest import make_user

FRAMEWORK = framework_for("hmip-crc-2018", "2018.1")
SAMPLE_TYPES = ("case-supervision", "unpaid-work", "through-the-gate")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(users: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """Every role on the inspection: lead, inspector, other (inspector), qa, data, reader."""
    for name, role in (("qa", Role.QUALITY_ASSURANCE), ("data", Role.DATA_TEAM)):
        users[name] = make_user(name)
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    return users


def attributes_for(sample_type: str) -> dict[str, object]:
    """Every relevance attribute set so that each rule can be read."""
    return {a.name: (True if a.type.value == "boolean" else a.values[0])
            for a in relevance_attributes(FRAMEWORK, sample_type)}


def add_assessment(sample: Sample, reference: str, assessor: Any, key_value: str,
                   status: str = "submitted", prompt_value: str = "yes") -> Assessment:
    attributes = attributes_for(sample.sample_type)
    case = SampledCase.objects.create(sample=sample, case_reference=reference,
                                      attributes=attributes, status="sampled",
                                      assigned_to=assessor)
    assessment = Assessment.objects.create(
        sampled_case=case, assessor=assessor, status=status, framework_id=FRAMEWORK.id,
        framework_version=FRAMEWORK.version,
        submitted_at=None if status == "draft" else dt.datetime(2026, 11, 5, tzinfo=dt.UTC),
    )
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question_id=q.id, kind=q.kind,
               value="not-relevant" if q.applies(attributes) is False
               else (key_value if q.kind == "key-question" else prompt_value))
        for q in questions(FRAMEWORK, sample.sample_type)
    )
    return assessment


def add_sample(inspection: Inspection, sample_type: str) -> Sample:
    case_list = CaseList.objects.create(inspection=inspection, sample_type=sample_type,
                                        filename="cases.csv", row_count=0, content=b"")
    return Sample.objects.create(
        inspection=inspection, sample_type=sample_type, case_list=case_list, seed=1,
        eligible=10, size=10, fieldwork_start=inspection.fieldwork_start, methodology="test",
    )


@pytest.fixture
def build() -> Callable[..., dict[str, Sample]]:
    """Samples of every type, each with assessments per (assessor, key-question answers)."""

    def make(inspection: Inspection, plan: list[tuple[Any, list[str]]],
             sample_types: tuple[str, ...] = SAMPLE_TYPES) -> dict[str, Sample]:
        samples = {}
        for sample_type in sample_types:
            sample = add_sample(inspection, sample_type)
            number = 0
            for assessor, values in plan:
                for value in values:
                    number += 1
                    add_assessment(sample, f"{sample_type[:2].upper()}{number:03d}", assessor,
                                   value)
            samples[sample_type] = sample
        return samples

    return make
