"""Fixtures for the web tests: users in each role, a provider and an inspection with a team.

Database-backed; runs on SQLite and, through scripts/test-postgres.sh, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; the tests check it is configured, not its cost.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


def make_user(username: str) -> Any:
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title()
    )


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
