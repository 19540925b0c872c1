"""The access gate for views of one sampled case, built on the inspection gate.

Team members may look as the role/stage matrix allows; only its assignee may change it, and
only while the stage allows assessment (the core matrix's ``is_assessor`` rule). Non-members
get 404, refusals 403 with the core's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from probation_inspection.access import Action
from probation_inspection.web.casework.models import Sample, SampledCase
from probation_inspection.web.inspections.gate import (
    Member,
    View,
    annotated_role,
    hidden_from,
    team_role,
)

P = ParamSpec("P")


@dataclass(frozen=True)
class CaseMember(Member):
    """A team member looking at one sampled case; ``is_assessor`` when it is assigned to them."""

    case: SampledCase
    is_assessor: bool

    def may(self, action: Action, *, is_assessor: bool | None = None) -> bool:
        mine = self.is_assessor if is_assessor is None else is_assessor
        return super().may(action, is_assessor=mine)

    def require(self, action: Action, *, is_assessor: bool | None = None) -> None:
        mine = self.is_assessor if is_assessor is None else is_assessor
        super().require(action, is_assessor=mine)


def case_member_of(user: Any, pk: int, action: Action = Action.VIEW_CASES) -> CaseMember:
    """The user's membership of the inspection of sampled case ``pk``, when ``action`` on it
    is allowed now; else 404 (not on the team) or 403."""
    # One query: the case, its sample, inspection, provider and assignee, and the user's role
    # on the inspection's team (what `Inspection.role_of` reads) beside them.
    case = get_object_or_404(
        SampledCase.objects.select_related("sample__inspection__provider", "assigned_to")
        .annotate(member_role=team_role(user, Sample, "inspection_id")), pk=pk)
    inspection = case.sample.inspection
    role = annotated_role(case)
    if role is None or hidden_from(role, inspection.stage):
        # Not on the team: the case does not exist as far as this user can tell.
        raise Http404("no such case")
    member = CaseMember(user, inspection, role, case,
                        is_assessor=case.assigned_to_id == getattr(user, "pk", None))
    member.require(action)
    return member


def case_view(action: Action = Action.VIEW_CASES
              ) -> Callable[[Callable[Concatenate[HttpRequest, CaseMember, P], HttpResponseBase]],
                            View]:
    """Wrap a view of sampled case ``pk``: it is called as ``view(request, member, ...)``."""
    def decorate(view: Callable[Concatenate[HttpRequest, CaseMember, P], HttpResponseBase]) -> View:
        @login_required
        @wraps(view)
        def gated(request: HttpRequest, pk: int, *args: P.args, **kwargs: P.kwargs
                  ) -> HttpResponseBase:
            return view(request, case_member_of(request.user, pk, action), *args, **kwargs)
        return gated
    return decorate
