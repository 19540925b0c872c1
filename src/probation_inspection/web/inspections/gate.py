"""The web application's one access gate: every view that belongs to an inspection or to the
programme is wrapped by a decorator from here (a sampled case's, by `casework.access`).

The decorator signs the user in, loads the inspection (or case) once, answers 404 to anyone
not on its team (and to a provider reader before publication, so an unpublished inspection
does not exist for them) and 403, with a sentence saying who may and when, to a member whose
role may not take the action at this stage. The rules themselves are the core matrix in
`probation_inspection.access`; nothing here decides who may do what.

Views of one sampled case use `casework.access.case_view`, built on `Member`. The view
receives a `Member` in place of the primary key, and asks it about
any further action (``member.may(...)`` for a link, ``member.require(...)`` before a change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import CharField, Model, Value
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from probation_inspection.access import Action, PermissionRefused, ProgrammeAction, can, require
from probation_inspection.web.accounts.access import require as programme_require
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

P = ParamSpec("P")
View = Callable[..., HttpResponseBase]


def team_role(user: Any, model: type[Model] = Inspection, column: str = "id"
              ) -> RawSQL | Value:
    """The user's role on the team of the inspection whose id is in ``column`` of ``model``'s
    table (the model queried, or one it joins once, under its table's name), as an
    annotation: None for anyone not on it (as `Inspection.role_of`), so a gate reads the
    object and the role in one query.

    The subquery is SQL written once per column (the user's id its only parameter): built
    through the ORM (``Subquery`` of ``OuterRef``) it took a third of the gate's CPU, on
    every request of every gated page."""
    if not getattr(user, "is_authenticated", False):
        return Value(None, output_field=CharField())
    return RawSQL(_team_role_sql(model, column), (user.pk,), output_field=CharField())


@cache
def _team_role_sql(model: type[Model], column: str) -> str:
    quote = connection.ops.quote_name
    return (f"SELECT {quote('role')} FROM {quote(TeamMember._meta.db_table)} "
            f"WHERE {quote('inspection_id')} = {quote(model._meta.db_table)}.{quote(column)} "
            f"AND {quote('user_id')} = %s LIMIT 1")


def annotated_role(found: Any) -> Role | None:
    """The role `team_role` annotated a row with (as ``member_role``)."""
    return Role(found.member_role) if found.member_role else None


def hidden_from(role: Role | str, stage: str) -> bool:
    """Whether the inspection does not exist for this role yet (the provider before publishing)."""
    return not can(role, Action.VIEW_INSPECTION, stage)


def refusal(refused: PermissionRefused, action: Action) -> PermissionDenied:
    """The 403 a member sees: the core's reason in words (who cannot do what, and when
    they could), never the matrix's internal names."""
    return PermissionDenied(f"{refused.human}.")


@dataclass(frozen=True)
class Member:
    """A signed-in user on an inspection's team, in one role; what a gated view receives."""

    user: Any
    inspection: Inspection
    role: Role

    @property
    def stage(self) -> str:
        return str(self.inspection.stage)

    def may(self, action: Action, *, is_assessor: bool = False) -> bool:
        """Whether this member may take ``action`` now (for showing a link or a button)."""
        return can(self.role, action, self.stage, is_assessor=is_assessor)

    def require(self, action: Action, *, is_assessor: bool = False) -> None:
        """403 with the core's reason unless this member may take ``action`` now."""
        try:
            require(self.role, action, self.stage, is_assessor=is_assessor)
        except PermissionRefused as refused:
            raise refusal(refused, action) from None


def member_of(user: Any, pk: int, action: Action | None = None, *,
              visible: Callable[[Inspection, Role], bool] | None = None) -> Member:
    """The user's membership of inspection ``pk``, when ``action`` is allowed now.

    404 when the user is not on the team, or when the inspection is hidden from their role
    (``visible`` may widen that, e.g. a provider reader checking a draft for factual
    accuracy); 403 when the role may not take ``action`` at this stage.
    """
    # One query: the inspection, its provider and the user's role on its team.
    inspection = get_object_or_404(
        Inspection.objects.select_related("provider").annotate(member_role=team_role(user)),
        pk=pk)
    role = annotated_role(inspection)
    if role is None:
        raise Http404("no such inspection")
    if hidden_from(role, inspection.stage) and not (visible and visible(inspection, role)):
        raise Http404("no such inspection")
    member = Member(user, inspection, role)
    if action is not None:
        member.require(action)
    return member


def inspection_view(action: Action | None, *,
                    visible: Callable[[Inspection, Role], bool] | None = None
                    ) -> Callable[[Callable[Concatenate[HttpRequest, Member, P], HttpResponseBase]],
                                  View]:
    """Wrap a view of inspection ``pk``: it is called as ``view(request, member, ...)``.

    ``action`` is what opening the view needs (None: membership alone, for views that decide
    per method with ``member.require``).
    """
    def decorate(view: Callable[Concatenate[HttpRequest, Member, P], HttpResponseBase]) -> View:
        @login_required
        @wraps(view)
        def gated(request: HttpRequest, pk: int, *args: P.args, **kwargs: P.kwargs
                  ) -> HttpResponseBase:
            return view(request, member_of(request.user, pk, action, visible=visible),
                        *args, **kwargs)
        return gated
    return decorate


def programme_view(action: ProgrammeAction, what: str
                   ) -> Callable[[Callable[Concatenate[HttpRequest, P], HttpResponseBase]], View]:
    """Wrap a programme-level view (no inspection): signed in, and ``action`` allowed."""
    def decorate(view: Callable[Concatenate[HttpRequest, P], HttpResponseBase]) -> View:
        @login_required
        @wraps(view)
        def gated(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            programme_require(request.user, action, what)
            return view(request, *args, **kwargs)
        return gated
    return decorate
