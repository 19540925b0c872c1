"""Signing in, signing out and failed sign-ins, written to the audit log from Django's signals.

django-axes keeps its own table of failures, which a superuser can empty; this log cannot be.
A failed sign-in records the username tried and the address, never the password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record

#: The longest username kept from a failed attempt (Django's own limit is 150).
USERNAME_KEPT = 150


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    # django-axes has already resolved the client address (proxies included) on this request.
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")
    return str(address)[:64]


def signed_in(sender: Any, request: HttpRequest | None = None, user: Any = None,
              **kwargs: Any) -> None:
    record(user, None, AuditAction.SIGNED_IN, target=user.get_username(),
           after={"address": _address(request)})


def signed_out(sender: Any, request: HttpRequest | None = None, user: Any = None,
               **kwargs: Any) -> None:
    if user is None:  # signing out with no session: nobody to name
        return
    record(user, None, AuditAction.SIGNED_OUT, target=user.get_username(),
           after={"address": _address(request)})


def sign_in_failed(sender: Any, credentials: dict[str, Any] | None = None,
                   request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Only the username: Django masks the password in ``credentials``, and we keep none of it.
    # PostgreSQL refuses NUL in text and jsonb: a hostile username must not turn into a 500.
    tried = str((credentials or {}).get("username", "")).replace("\x00", "")[:USERNAME_KEPT]
    record(None, None, AuditAction.SIGN_IN_FAILED, target=tried,
           after={"username": tried, "address": _address(request)})


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="audit-signed-in")
    user_logged_out.connect(signed_out, dispatch_uid="audit-signed-out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit-sign-in-failed")
