"""The sign-in limit per username and address, and per address alone (guessing at many accounts).

Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helpers import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _try(client: Client, username: str, password: str = "wrong",
         address: str = "203.0.113.7") -> Any:
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_guessing_at_many_accounts_from_one_address_is_locked_out(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for number in range(4):
        make_user(f"inspector{number}")
    client = Client()
    # Two guesses at each of three accounts: under the per-user limit every time, but the
    # sixth failure from the address reaches the address limit and is answered "too many".
    answers = [_try(client, f"inspector{number}").status_code
               for number in range(3) for _ in range(2)]
    assert answers == [200, 200, 200, 200, 200, 429]
    # Even a right password for a fourth account now waits.
    refused = _try(client, "inspector3", PASSWORD)
    assert refused.status_code == 429
    assert b"Too many attempts to sign in" in refused.content
    # Another address is not affected.
    allowed = _try(Client(), "inspector3", PASSWORD, address="198.51.100.9")
    assert allowed.status_code == 302


def test_under_the_address_limit_other_accounts_still_sign_in(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    make_user("lead")
    make_user("inspector")
    client = Client()
    for _ in range(3):
        _try(client, "lead")
    # The username is locked at this address; the address itself is not yet.
    assert _try(client, "lead", PASSWORD).status_code == 429
    assert _try(Client(), "inspector", PASSWORD).status_code == 302


def test_a_successful_sign_in_does_not_clear_the_address_count(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    for name in ("one", "two", "mine", "three"):
        make_user(name)
    for name in ("one", "one", "two"):
        _try(Client(), name)
    # The attacker's own valid account signs in from the same address...
    assert _try(Client(), "mine", PASSWORD).status_code == 302
    # ...and the fourth failure from the address still locks it out.
    _try(Client(), "two")
    assert _try(Client(), "three", PASSWORD).status_code == 429


def test_behind_a_proxy_each_client_address_is_counted_apart(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    settings.AXES_TRUSTED_PROXY_COUNT = 1
    make_user("lead")

    def through_proxy(forwarded: str, password: str = "wrong") -> Any:
        return Client().post(reverse("accounts:sign-in"),
                             {"username": "lead", "password": password},
                             REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    # One client guesses four times, prepending made-up addresses: still one address.
    for n in range(4):
        through_proxy(f"10.0.0.{n}, 203.0.113.7")
    assert through_proxy("203.0.113.7", PASSWORD).status_code == 429
    # Another client behind the same proxy is not locked out with it.
    assert through_proxy("198.51.100.9", PASSWORD).status_code == 302
