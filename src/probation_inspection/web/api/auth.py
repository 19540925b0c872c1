"""Signing an API call: ``Authorization: Bearer <token>`` read as a personal token, and the
write scope asked of operations that change anything.

The caller becomes ``request.user`` (so the access gate sees the token's owner, exactly as a
page sees who signed in) and ``request.api_token``, which the audit middleware records.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from probation_inspection.web.api.models import ApiToken


class TokenAuth(HttpBearer):
    """A personal token; with ``write``, only one scoped to write (else 403)."""

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.find(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        if self.write and not found.may_write:
            raise AuthorizationError(message="This token may only read: make a token scoped "
                                             "to read and write for this operation.")
        return found


READ: Any = TokenAuth()
WRITE: Any = TokenAuth(write=True)
