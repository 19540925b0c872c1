"""The sign-in limit: django-axes' database handler with one limit per username and address and
a larger one per address alone, so guessing at many accounts from one place is stopped too.

django-axes compares the largest count over all lockout parameters with one limit; this
handler gives the address-only parameter its own, larger limit (AXES_ADDRESS_FAILURE_LIMIT).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.db.models import Sum
from django.http import HttpRequest

#: The lockout parameter that counts failures from one address whatever the usernames.
BY_ADDRESS = "ip_address"


def client_address(request: HttpRequest) -> str:
    """The address a sign-in attempt came from (AXES_CLIENT_IP_CALLABLE).

    Directly served, REMOTE_ADDR. Behind AXES_TRUSTED_PROXY_COUNT trusted proxies that each
    append to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), the entry that many places
    from the right: a client can put anything at the left of that header but cannot change what the
    proxies append. Without this every attempt would come from the proxy's address, and the
    per-address limit would lock everyone out at once.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "AXES_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in
                 str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _by_address(parameter: str | list[str]) -> bool:
    return parameter == BY_ADDRESS or parameter == [BY_ADDRESS]


class UserAndAddressLockout(AxesDatabaseHandler):  # type: ignore[misc]
    """Locks out a username at one address after AXES_FAILURE_LIMIT failures, and the whole
    address after AXES_ADDRESS_FAILURE_LIMIT failures over any usernames."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                     ) -> int:
        user_limit = get_failure_limit(request, credentials)
        address_limit = int(getattr(settings, "AXES_ADDRESS_FAILURE_LIMIT", user_limit))
        parameters = get_lockout_parameters(request, credentials)
        per_user = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials),
                                       strict=True):
            total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
            failures = total or 0
            if _by_address(parameter):
                if failures >= address_limit:
                    # axes compares this count with the per-user limit: report "locked".
                    return max(failures, int(user_limit))
            else:
                per_user = max(per_user, failures)
        return per_user

    def reset_user_attempts(self, request: HttpRequest,
                            credentials: dict[str, Any] | None = None) -> int:
        """On a successful sign-in forget that username's failures only: one valid account
        must not wipe the count of guesses made from its address at other accounts."""
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(parameters, self.filter_user_attempts(request,
                                                                             credentials),
                                       strict=True):
            if not _by_address(parameter):
                deleted, _ = attempts.delete()
                count += deleted
        return count
