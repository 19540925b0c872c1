"""The API token pages: each user makes, sees and revokes their own tokens; a token is shown
once and stored as its digest only; both are audited."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.api.models import ApiToken
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent

from .conftest import API

pytestmark = pytest.mark.django_db
URL = "/account/api-tokens/"


def _make(client: Any, **data: str) -> Any:
    return client.post(URL, {"name": "Extract job", "scope": "write", "expires": "30", **data})


def test_a_token_is_shown_once_and_stored_as_its_digest(users: dict[str, Any]) -> None:
    client = signed_in(users["lead"])
    response = _make(client)
    assert response.status_code == 200
    token = re.search(r'id="token-text">(pit_[\w-]+)<', response.content.decode())
    assert token is not None
    row = ApiToken.objects.get(user=users["lead"])
    assert row.digest == hashlib.sha256(token[1].encode()).hexdigest()
    assert token[1] not in str(list(ApiToken.objects.values()))
    assert row.scope == "write" and row.expires_at is not None
    # Shown once: the list page afterwards names it by its first characters only.
    listing = client.get(URL).content.decode()
    assert "Extract job" in listing and token[1] not in listing and row.hint in listing
    event = AuditEvent.objects.get(action=AuditAction.API_TOKEN_CREATED)
    assert event.actor == users["lead"] and token[1] not in str(event.after)
    assert reverse("api-pages:tokens") == URL


def test_the_form_says_what_is_missing(users: dict[str, Any]) -> None:
    response = signed_in(users["lead"]).post(URL, {"name": "", "scope": "admin"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a name for the token" in page and "Choose what the token may do" in page
    assert not ApiToken.objects.exists()


def test_a_revoked_token_signs_nothing(users: dict[str, Any]) -> None:
    client = signed_in(users["lead"])
    token = re.search(r'id="token-text">(pit_[\w-]+)<', _make(client).content.decode())
    assert token is not None
    api = signed_in(users["lead"])
    api.logout()
    headers = {"Authorization": f"Bearer {token[1]}"}
    assert api.get(f"{API}/inspections", headers=headers).status_code == 200
    row = ApiToken.objects.get()
    assert client.post(reverse("api-pages:revoke", args=[row.pk])).status_code == 302
    assert api.get(f"{API}/inspections", headers=headers).status_code == 401
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKED).count() == 1


def test_nobody_revokes_another_users_token(users: dict[str, Any]) -> None:
    _make(signed_in(users["lead"]))
    row = ApiToken.objects.get()
    other = signed_in(users["inspector"])
    assert other.post(reverse("api-pages:revoke", args=[row.pk])).status_code == 404
    assert "Extract job" not in other.get(URL).content.decode()
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_pages_need_sign_in(db: None) -> None:
    from django.test import Client
    assert Client().get(URL).status_code == 302


def test_the_reference_page_lists_every_operation(users: dict[str, Any]) -> None:
    from probation_inspection.web.api.operations import api
    page = signed_in(users["lead"]).get(f"{API}/docs/").content.decode()
    for path in api.get_openapi_schema()["paths"]:
        assert path in page
    assert "<script>" not in page
