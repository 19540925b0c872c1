"""Fixtures for the web tests: users in each role, a provider and an inspection with a team.

Database-backed; runs on SQLite and, through scripts/test-postgres.sh, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

import factories
from helpers import make_user, signed_in, upload_case_list
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember
from sample_ids import SampleType


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; the tests check it is configured, not its cost.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _jobs_run_in_the_request(settings: Any) -> None:
    # Background jobs run inside the request that starts them, so a test that starts one
    # finds it finished on its page; tests/web/jobs/test_worker.py runs a real worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def users(db: None) -> dict[str, Any]:
    return {name: make_user(name) for name in ("lead", "inspector", "other", "reader", "outsider")}


@pytest.fixture
def inspection(users: dict[str, Any]) -> Inspection:
    provider = Provider.objects.create(name="Cumbria and Lancashire CRC")
    inspection = Inspection.objects.create(
        provider=provider,
        framework_id="hmip-crc-2018",
        framework_version="2018.1",
        fieldwork_start=dt.date(2026, 11, 2),
        fieldwork_end=dt.date(2026, 11, 20),
        stage="fieldwork",
        created_by=users["lead"],
    )
    for name, role in (
        ("lead", Role.LEAD_INSPECTOR),
        ("inspector", Role.INSPECTOR),
        ("other", Role.INSPECTOR),
        ("reader", Role.PROVIDER_READER),
    ):
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    return inspection


@pytest.fixture
def drawn(inspection: Inspection, users: dict[str, Any]) -> Sample:
    """A case supervision sample of six, with reserves, uploaded and drawn by the lead through
    the pages (the inspection stays in fieldwork; nothing is assigned)."""
    client = signed_in(users["lead"])
    content = case_list_csv(inspection.fieldwork_start, 150, seed=3)
    assert upload_case_list(client, inspection, content).status_code == 302
    response = client.post(
        reverse("casework:draw", args=[inspection.pk, SampleType.CASE_SUPERVISION]),
        {"seed": "42", "confidence": "80", "margin": "5", "size": "6"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Sample.objects.get(inspection=inspection)


# An inspection at each stage, built through the app's services (see tests/factories.py); the
# team is `staged.team` ({"lead", "inspector", "other", "qa", "data", "reader"}).


@pytest.fixture
def planning_stage(db: None) -> factories.Staged:
    """In planning: nothing drawn yet."""
    return factories.planning()


@pytest.fixture
def fieldwork_stage(db: None) -> factories.Staged:
    """In fieldwork: a sample of each type drawn, the sampled cases assigned to the two
    inspectors, nothing assessed."""
    return factories.fieldwork()


@pytest.fixture
def moderation_stage(db: None) -> factories.Staged:
    """In moderation: every sampled case assessed (all yes) and submitted; no queue yet."""
    return factories.moderation()


@pytest.fixture
def rating_stage(db: None) -> factories.Staged:
    """In rating: the queue moderated (agreed); nothing decided."""
    return factories.rating()


@pytest.fixture
def reporting_stage(db: None, settings: Any, tmp_path: Path) -> factories.Staged:
    """In reporting: every standard decided (domain one Good on a meeting, rules accepted);
    no report version yet."""
    settings.VAR_DIR = tmp_path
    return factories.reporting()


@pytest.fixture
def published_stage(db: None, settings: Any, tmp_path: Path) -> factories.Staged:
    """Published: the report's first version published."""
    settings.VAR_DIR = tmp_path
    return factories.published()
