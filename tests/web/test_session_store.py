"""The session store (web/sessions.py) reads sessions from the database as Django's does:
a live session signs its user in, an expired or unknown one does not, and signing out ends
the session for every server (it is gone from the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from helpers import signed_in
from probation_inspection.web.sessions import SessionStore


def test_a_live_session_reads_as_django_reads_it(users: dict[str, Any]) -> None:
    client = signed_in(users["inspector"])
    key = client.session.session_key
    assert SessionStore(key).load() == DjangoStore(key).load() != {}


def test_an_expired_or_unknown_session_is_empty_and_forgotten(users: dict[str, Any]) -> None:
    client = signed_in(users["inspector"])
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1))
    for missing in (key, "no0such0session0key0at0all00000", None):
        store = SessionStore(missing)
        assert store.load() == {}
        assert store.session_key is None
    assert client.get("/").status_code in (200, 302)
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session_everywhere(users: dict[str, Any]) -> None:
    client = signed_in(users["lead"])
    key = client.session.session_key
    other_server = SessionStore(key)
    assert other_server.load()
    client.post(reverse("accounts:sign-out"))
    assert SessionStore(key).load() == {}
    assert not Session.objects.filter(session_key=key).exists()
