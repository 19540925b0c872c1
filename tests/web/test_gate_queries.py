"""The access gates read what they decide on in one query: the inspection (or the sampled case
with its sample and inspection) and the user's role on its team together. A save of the
assessment page pays for the gate on every background save."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from helpers import add_case
from probation_inspection.access import Action
from probation_inspection.web.casework.access import case_member_of
from probation_inspection.web.inspections.gate import member_of
from probation_inspection.web.inspections.models import Inspection, Role


def test_the_case_gate_is_one_query(inspection: Inspection, users: dict[str, Any],
                                    django_assert_num_queries: Any) -> None:
    case = add_case(inspection, users["inspector"], None)
    with django_assert_num_queries(1):
        member = case_member_of(users["inspector"], case.pk)
        assert member.role == Role.INSPECTOR
        assert member.is_assessor and member.case.sample.inspection.provider.name
    with django_assert_num_queries(1):
        lead = case_member_of(users["lead"], case.pk, Action.VIEW_CASES)
    assert lead.role == Role.LEAD_INSPECTOR and not lead.is_assessor
    with django_assert_num_queries(1), pytest.raises(Http404):
        case_member_of(users["outsider"], case.pk)


def test_the_inspection_gate_is_one_query(inspection: Inspection, users: dict[str, Any],
                                          django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        member = member_of(users["lead"], inspection.pk, Action.VIEW_INSPECTION)
        assert member.role == Role.LEAD_INSPECTOR and member.inspection.provider.name
    with django_assert_num_queries(1), pytest.raises(Http404):
        member_of(users["outsider"], inspection.pk)
