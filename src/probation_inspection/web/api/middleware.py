"""Every API call signed with a token is audited: who, which token, what was asked and how it
was answered, on the inspection it was about (when it was about one)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record


class ApiAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            record(token.user, getattr(request, "api_inspection", None), AuditAction.API_CALL,
                   target=f"{request.method} {request.path}"[:200],
                   after={"token": token.pk, "status": response.status_code})
        return response
