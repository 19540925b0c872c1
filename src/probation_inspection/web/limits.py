"""The web application's limits on files from outside, and the refusal of oversized requests.

Owns reading ``UNTRUSTED_FILE_LIMITS`` from the settings into the core's ``Limits`` and the
middleware that refuses a request body over ``UPLOAD_REQUEST_MAX_BYTES`` before it is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from probation_inspection.untrusted import DEFAULT_LIMITS, Limits, megabytes


def untrusted_limits() -> Limits:
    """The core's limits with the settings' ``UNTRUSTED_FILE_LIMITS`` laid over the defaults."""
    configured = dict(getattr(settings, "UNTRUSTED_FILE_LIMITS", {}))
    known = {item.name for item in fields(Limits)}
    unknown = set(configured) - known
    if unknown:
        # A misspelt limit would otherwise silently leave the default in force.
        raise ValueError(f"UNTRUSTED_FILE_LIMITS: unknown limits {sorted(unknown)}")
    return replace(DEFAULT_LIMITS, **configured)


def request_limit() -> int:
    """The largest request body accepted: the setting, else the largest file limit plus 1 MB."""
    configured = getattr(settings, "UPLOAD_REQUEST_MAX_BYTES", None)
    return int(configured) if configured else untrusted_limits().largest_upload + 1024 * 1024


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is over the limit, before reading a byte of it.

    Django would otherwise stream the whole body to a temporary file before any view could
    check a file's size: a 10 GB upload would fill the disk before being refused.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = request_limit()
        if declared > limit:
            message = (f"The upload is {megabytes(declared)}, more than the {megabytes(limit)} "
                       "a request may carry. Nothing was uploaded: upload a smaller file, or "
                       "fewer files at a time.")
            body = render_to_string("web/upload_too_large.html", {"message": message},
                                    request=None)
            # The body is left unread; the server closes the connection after the answer.
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
