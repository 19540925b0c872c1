"""Personal API tokens: a user's own keys to the API, stored as a SHA-256 digest only.

The token itself is shown once, when made; a lost token is revoked and a new one made.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

#: Every token starts with this, so a leaked one is recognisable in logs and secret scanners.
PREFIX = "pit_"


class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    #: SHA-256 of the token, hex; the token is never stored.
    digest = models.CharField(max_length=64, unique=True)
    #: The first characters, so the owner can tell their tokens apart.
    hint = models.CharField(max_length=12)
    scope = models.CharField(max_length=10, choices=TokenScope.choices,
                             default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def may_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @classmethod
    def issue(cls, user: object, name: str, scope: str,
              expires_at: object = None) -> tuple[ApiToken, str]:
        """A new token for ``user``: the row, and the token text to show once."""
        token = PREFIX + secrets.token_urlsafe(32)
        row = cls.objects.create(user=user, name=name, digest=digest(token),
                                 hint=token[:len(PREFIX) + 4], scope=scope,
                                 expires_at=expires_at)
        return row, token

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The active token with this text, or None. Looked up by digest (a digest reveals
        nothing of the token), then compared in constant time all the same."""
        wanted = digest(token)
        row = cls.objects.select_related("user").filter(digest=wanted).first()
        if row is None or not hmac.compare_digest(row.digest, wanted):
            return None
        if not row.active or not row.user.is_active:
            return None
        return row
