"""Fixtures for the API tests: a personal token for a team member, and a client sending it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from probation_inspection.web.api.models import ApiToken, TokenScope

#: The API's root, as the docs give it.
API = "/api/v1"


@pytest.fixture
def token_for(db: None) -> Callable[..., str]:
    """Make a token for a user (scope write unless told) and give its text."""
    def make(user: Any, scope: str = TokenScope.WRITE, **kwargs: Any) -> str:
        return ApiToken.issue(user, f"{user.username}'s token", scope, **kwargs)[1]
    return make


@pytest.fixture
def api_client(token_for: Callable[..., str]) -> Callable[..., Client]:
    """A test client whose every request carries the user's token (no session)."""
    def make(user: Any, scope: str = TokenScope.WRITE) -> Client:
        return Client(headers={"Authorization": f"Bearer {token_for(user, scope)}"})
    return make
