"""Emails (web/notify.py): one per recipient with an address, plain text, and a failing mail
server never fails the action that sent them."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core import mail

import factories
from probation_inspection.web import notify
from probation_inspection.web.inspections.models import Role

pytestmark = pytest.mark.django_db


def _inspection_with_readers(*emails: str) -> Any:
    readers = [factories.UserFactory(username=f"reader{n}", email=email)
               for n, email in enumerate(emails)]
    lead = factories.UserFactory(username="lead-n", email="lead@example.org")
    provider = factories.ProviderFactory(name="O'Brien & Sons CRC")
    return factories.InspectionFactory(
        provider=provider, team={lead: Role.LEAD_INSPECTOR, **dict.fromkeys(readers,
                                                                        Role.PROVIDER_READER)})


def test_one_plain_text_email_per_reader_with_an_address(settings: Any) -> None:
    settings.SITE_URL = "https://inspect.example.org"
    inspection = _inspection_with_readers("a@example.org", "", "b@example.org")
    version = type("Version", (), {"number": 1})()
    assert notify.factual_accuracy_started(inspection, version) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert "O'Brien & Sons CRC" in message.subject and "&amp;" not in message.body
    assert f"https://inspect.example.org/inspections/{inspection.pk}/report/" in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_failing_mail_server_is_logged_not_raised(settings: Any,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    settings.EMAIL_BACKEND = "tests_notify_missing.Backend"  # importing it fails
    inspection = _inspection_with_readers("a@example.org")
    version = type("Version", (), {"number": 1})()
    with caplog.at_level(logging.INFO, logger="probation_inspection.web.notify"):
        assert notify.factual_accuracy_started(inspection, version) == 0
    assert "could not be sent" in caplog.text


def test_cases_assigned_lists_the_cases_once(settings: Any) -> None:
    inspection = _inspection_with_readers()
    inspector = factories.UserFactory(username="insp-n", email="i@example.org")
    assert notify.cases_assigned(inspection, inspector, []) == 0
    assert notify.cases_assigned(inspection, inspector, ["C2", "C1"]) == 1
    assert mail.outbox[0].subject.startswith("2 cases assigned to you")
    assert mail.outbox[0].body.index("- C1") < mail.outbox[0].body.index("- C2")
