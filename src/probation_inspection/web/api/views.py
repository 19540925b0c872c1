"""The API token pages under the account (make, list, revoke: each user their own only) and
the API's reference page, rendered on the server from the OpenAPI document.

The token text is shown once, in the answer to the POST that makes it, and never again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probation_inspection.web.api.forms import TokenForm
from probation_inspection.web.api.models import ApiToken
from probation_inspection.web.api.operations import api
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import error_list


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TokenForm(request.POST if request.method == "POST" else None)
    made = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            expires = (timezone.now() + dt.timedelta(days=int(data["expires"]))
                       if data["expires"] else None)
            with transaction.atomic():
                row, token = ApiToken.issue(user, data["name"], data["scope"], expires)
                record(request.user, None, AuditAction.API_TOKEN_CREATED, target=row.name,
                       after={"token": row.pk, "scope": row.scope,
                              "expires_at": expires.isoformat() if expires else None})
            made = {"row": row, "token": token}
            form = TokenForm()
        else:
            status = 400
    return render(request, "api/tokens.html", {
        "form": form, "made": made, "error_list": error_list(form) if form.is_bound else [],
        "tokens": ApiToken.objects.filter(user=user, revoked_at__isnull=True),
    }, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Another user's token does not exist for this one.
    user: Any = request.user
    row = get_object_or_404(ApiToken, pk=token_id, user=user, revoked_at__isnull=True)
    with transaction.atomic():
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        record(request.user, None, AuditAction.API_TOKEN_REVOKED, target=row.name,
               after={"token": row.pk})
    return redirect("api-pages:tokens")


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, methods in document.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {"name": parameter["name"], "where": parameter["in"],
                 "required": parameter.get("required", False),
                 "type": parameter.get("schema", {}).get("type", "")}
                for parameter in operation.get("parameters", [])]
            body = operation.get("requestBody", {}).get("content", {})
            found.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "id": operation.get("operationId", ""), "tags": operation.get("tags", []),
                "parameters": parameters, "body": ", ".join(body),
                "responses": sorted({str(code) for code in operation.get("responses", {})}),
                # A POST that only reads (starting an export) says so in the document.
                "write": method.upper() != "GET"
                and operation.get("x-token-scope") != "read",
            })
    return found


def reference(request: HttpRequest) -> HttpResponse:
    """The API's operations listed from the same OpenAPI document /api/v1/openapi.json serves;
    a plain page (no script), so it works under the service's Content-Security-Policy."""
    document = api.get_openapi_schema()
    return render(request, "api/reference.html", {
        "document": document, "operations": _operations(document),
        "schemas": sorted(document.get("components", {}).get("schemas", {}).items()),
    })
