"""Model tests: constraints, the append-only audit log and settings that guard the service.

Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.db import IntegrityError, transaction

from probation_inspection.web import settings as web_settings
from probation_inspection.web.audit.models import AuditEvent, AuditLogIsAppendOnly
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    CaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

pytestmark = pytest.mark.django_db


def make_case(inspection: Inspection, reference: str = "X100001") -> SampledCase:
    case_list = CaseList.objects.create(
        inspection=inspection, sample_type="case-supervision", filename="cases.csv", row_count=1
    )
    sample = Sample.objects.create(
        inspection=inspection,
        sample_type="case-supervision",
        case_list=case_list,
        seed=7,
        fieldwork_start=inspection.fieldwork_start,
        eligible=1,
        size=1,
        methodology="We examined 1 case.",
    )
    return SampledCase.objects.create(
        sample=sample, case_reference=reference, attributes={"rosh": "high"}, status="sampled"
    )


def test_one_role_per_person_per_inspection(inspection: Inspection, users: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMember.objects.create(inspection=inspection, user=users["lead"], role="inspector")


def test_fieldwork_cannot_end_before_it_starts(users: dict[str, Any]) -> None:
    provider = Provider.objects.create(name="A provider")
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            provider=provider,
            framework_id="f",
            framework_version="1",
            fieldwork_start=dt.date(2026, 11, 20),
            fieldwork_end=dt.date(2026, 11, 2),
        )


def test_one_answer_per_question(inspection: Inspection, users: dict[str, Any]) -> None:
    assessment = Assessment.objects.create(
        sampled_case=make_case(inspection),
        assessor=users["inspector"],
        framework_id="test-framework",
        framework_version="1",
    )
    Answer.objects.create(assessment=assessment, question_id="2.1.1", kind="key-question")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, question_id="2.1.1", kind="key-question")


def test_case_attributes_round_trip_as_json(inspection: Inspection) -> None:
    case = make_case(inspection)
    case.attributes = {"rosh": "high", "rosh_issues": True, "hours": 120}
    case.save()
    case.refresh_from_db()
    assert case.attributes == {"rosh": "high", "rosh_issues": True, "hours": 120}


def test_audit_events_are_append_only(inspection: Inspection, users: dict[str, Any]) -> None:
    case = make_case(inspection)
    event = record(
        users["inspector"], inspection, "answer", target="2.1.1", before=None,
        after={"value": "yes"}, sampled_case=case,
    )
    assert list(case.audit_events.values_list("after", flat=True)) == [{"value": "yes"}]
    event.action = "something-else"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "answer"


def test_passwords_are_hashed_with_argon2() -> None:
    assert web_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert identify_hasher(make_password("a long passphrase", hasher="argon2")).algorithm == (
        "argon2"
    )


def test_sqlite_default_uses_wal_and_immediate_transactions(tmp_path: Path) -> None:
    default = web_settings.database_settings("", tmp_path)["default"]
    options = default["OPTIONS"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert isinstance(options, dict)
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    default = web_settings.database_settings("postgres://u@127.0.0.1:5433/db", tmp_path)["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["HOST"], default["PORT"], default["NAME"]) == ("127.0.0.1", 5433, "db")


def test_committed_migrations_match_the_models() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
