"""schemathesis over every API operation, against the app itself through WSGI, signed with a
valid token of a lead inspector whose inspection has a drawn sample: generated inputs, bad ones
included, never get a 500, and every answer matches the OpenAPI document.

Examples per operation are limited so the whole run stays well under two minutes in
``make test``; the path ids are steered to the real inspection and case half the time, so
operations are exercised past the 404 as well as at it.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from helpers import assign
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.inspections.models import Inspection

from .conftest import API

# Committed rows: the requests go through the WSGI handler, as a server runs them, and its
# request signals close the connection after each one, which ends an open test transaction
# on PostgreSQL ("the connection is closed").
pytestmark = pytest.mark.django_db(transaction=True)


# Read once, when the module is collected (pytest-django has set Django up by then); serving
# the document touches no database.
schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())


@pytest.fixture
def signed(inspection: Inspection, users: dict[str, Any], drawn: Sample,
           token_for: Any) -> dict[str, Any]:
    case = drawn.cases.filter(status="sampled").order_by("case_reference").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["lead"])
    return {"headers": {"Authorization": f"Bearer {token_for(users['lead'])}"},
            "inspection": inspection.pk, "case": case.pk}


@schema.parametrize()
@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_operation_answers_as_documented(case: Any, signed: dict[str, Any]) -> None:
    if case.path_parameters and "pk" in case.path_parameters and isinstance(
            case.path_parameters["pk"], int) and case.path_parameters["pk"] % 2 == 0:
        real = signed["case"] if case.path.startswith("/api/v1/cases") else signed["inspection"]
        case.path_parameters["pk"] = real
        if "sample_type" in case.path_parameters:
            case.path_parameters["sample_type"] = "case-supervision"
    # Bad inputs are sent all the same and must get no 500 and a documented answer; two
    # checks are left out. positive_data_acceptance: a request the document allows may still
    # be refused with a 400 by rules the document cannot say (a PNG is a valid file, not a
    # case list; a seed in range may ask more cases than are eligible), as the pages refuse
    # it. negative_data_rejection: unknown query parameters are ignored, as HTTP APIs
    # commonly do, and the token sent here turns the generated "no Authorization" cases valid
    # (the 401 without a token is tested in test_operations).
    case.call_and_validate(headers=signed["headers"], excluded_checks=[
        schemathesis.checks.positive_data_acceptance,
        schemathesis.checks.negative_data_rejection])
