"""Emails (web/notify.py): one per recipient with an address, plain text, and a failing mail
server never fails the action that sent them, and nothing is sent before the change commits."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

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


def test_one_plain_text_email_per_reader_with_an_address(
        settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.SITE_URL = "https://inspect.example.org"
    inspection = _inspection_with_readers("a@example.org", "", "b@example.org")
    version = type("Version", (), {"number": 1})()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify.factual_accuracy_started(inspection, version) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    message = mail.outbox[0]
    assert "O'Brien & Sons CRC" in message.subject and "&amp;" not in message.body
    assert f"https://inspect.example.org/inspections/{inspection.pk}/report/" in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_failing_mail_server_is_logged_not_raised(
        settings: Any, caplog: pytest.LogCaptureFixture,
        django_capture_on_commit_callbacks: Any) -> None:
    settings.EMAIL_BACKEND = "tests_notify_missing.Backend"  # importing it fails
    inspection = _inspection_with_readers("a@example.org")
    version = type("Version", (), {"number": 1})()
    with (caplog.at_level(logging.INFO, logger="probation_inspection.web.notify"),
          django_capture_on_commit_callbacks(execute=True)):
        assert notify.factual_accuracy_started(inspection, version) == 1
    assert "could not be sent" in caplog.text
    assert mail.outbox == []


def test_nothing_is_sent_for_a_change_that_is_rolled_back(
        django_capture_on_commit_callbacks: Any) -> None:
    inspection = _inspection_with_readers("a@example.org")
    version = type("Version", (), {"number": 1})()
    with (django_capture_on_commit_callbacks(execute=True) as callbacks,
          contextlib.suppress(RuntimeError), transaction.atomic()):
        notify.factual_accuracy_started(inspection, version)
        raise RuntimeError("the change fails after the notice was asked for")
    assert callbacks == [] and mail.outbox == []
    # The same notice in a transaction that commits is sent once, after the commit.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notify.factual_accuracy_started(inspection, version)
        assert mail.outbox == []
    assert len(callbacks) == 1 and [m.to for m in mail.outbox] == [["a@example.org"]]


def test_cases_assigned_lists_the_cases_once(
        settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    inspection = _inspection_with_readers()
    inspector = factories.UserFactory(username="insp-n", email="i@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify.cases_assigned(inspection, inspector, []) == 0
        assert notify.cases_assigned(inspection, inspector, ["C2", "C1"]) == 1
    assert mail.outbox[0].subject.startswith("2 cases assigned to you")
    assert mail.outbox[0].body.index("- C1") < mail.outbox[0].body.index("- C2")
