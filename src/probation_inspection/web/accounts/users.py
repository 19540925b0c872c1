"""The users pages: a programme manager lists accounts, creates one (its one-time password is
shown once, never stored in the clear or sent), deactivates or reactivates it and gives or
takes programme roles. Every change is audited. Django's admin stays for administrators.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from probation_inspection.access import ProgrammeAction
from probation_inspection.web.accounts.access import require
from probation_inspection.web.accounts.forms import NewUserForm, UserAccessForm
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import error_list

#: How many accounts the list shows at once: a directory, not a dump.
PAGE = 200


def _managing_users(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and the programme role that manages users (checked before any GET too)."""
    @login_required
    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, ProgrammeAction.MANAGE_USERS, "manage users")
        return view(request, *args, **kwargs)
    return gated


def _roles_of(user: Any) -> list[str]:
    return sorted(ProgrammeMembership.objects.filter(user=user).values_list("role", flat=True))


@_managing_users
def user_list(request: HttpRequest) -> HttpResponse:
    users = list(get_user_model().objects.order_by("username")
                 .prefetch_related("programme_roles")[:PAGE])
    rows = [(user, [ProgrammeRole(held.role).label for held in user.programme_roles.all()])
            for user in users]
    return render(request, "accounts/users.html", {"rows": rows, "limit": PAGE})


@_managing_users
def create_user(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Shown once on the response page and never again: only its hash is stored.
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=data["username"], email=data["email"], password=password,
                first_name=data["first_name"].strip(), last_name=data["last_name"].strip())
            record(request.user, None, AuditAction.USER_CREATED, target=user.get_username(),
                   after={"username": user.get_username(), "email": data["email"],
                          "name": user.get_full_name()})
        return render(request, "accounts/user_created.html",
                      {"created": user, "password": password})
    return render(request, "accounts/user_new.html",
                  {"form": form, "error_list": error_list(form) if form.is_bound else []},
                  status=400 if form.is_bound else 200)


@_managing_users
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    held = _roles_of(user)
    # Every box unticked posts nothing: a POST is bound even when empty.
    form = UserAccessForm(request.POST if request.method == "POST" else None,
                          initial={"roles": held, "active": user.is_active})
    errors = error_list(form) if form.is_bound and not form.is_valid() else []
    if request.method == "POST" and not errors:
        roles, active = form.chosen_roles(), bool(form.cleaned_data["active"])
        if user.pk == request.user.pk and (
                not active or ProgrammeRole.PROGRAMME_MANAGER not in roles):
            form.add_error("active" if not active else "roles",
                           "You cannot deactivate your own account or take your own programme "
                           "manager role: ask another programme manager")
            errors = error_list(form)
        else:
            _change(request, user, held, roles, active)
            return redirect("accounts:user", pk=user.pk)
    return render(request, "accounts/user.html", {
        "account": user, "form": form, "held": held, "error_list": errors,
        "role_choices": ProgrammeRole.choices}, status=400 if errors else 200)


def _change(request: HttpRequest, user: Any, held: list[str], roles: set[ProgrammeRole],
            active: bool) -> None:
    after_roles = sorted(role.value for role in roles)
    before = {"roles": held, "active": user.is_active}
    after = {"roles": after_roles, "active": active}
    if before == after:
        messages.info(request, "Nothing was changed")
        return
    with transaction.atomic():
        ProgrammeMembership.objects.filter(user=user).exclude(role__in=after_roles).delete()
        for role in roles:
            ProgrammeMembership.objects.get_or_create(user=user, role=role)
        if user.is_active != active:
            user.is_active = active
            user.save(update_fields=["is_active"])
        record(request.user, None, AuditAction.USER_CHANGED, target=user.get_username(),
               before=before, after=after)
    messages.success(request, f"{user.get_full_name() or user.get_username()}'s account has "
                              "been changed")
