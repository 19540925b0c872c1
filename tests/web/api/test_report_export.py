"""The report's aggregate exports through the API: the report page's own download, with its
gate, its version choice and its audit event."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

import factories
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_exports_follow_the_matrix(published_stage: factories.Staged,
                                   api_client: Callable[..., Client]) -> None:
    inspection, team = published_stage.inspection, published_stage.team
    url = f"{API}/inspections/{inspection.pk}/report"
    lead = api_client(team["lead"])
    exported = lead.get(f"{url}/json")
    assert exported.status_code == 200
    assert exported["Content-Type"] == "application/json"
    assert exported.json()  # the report model as JSON
    assert lead.get(f"{url}/csv")["Content-Type"].startswith("text/csv")
    assert lead.get(f"{url}/docx").status_code == 404
    # Aggregate exports are the lead's, the data team's and (once published) the provider's.
    assert api_client(team["inspector"]).get(f"{url}/json").status_code == 403
    assert api_client(team["reader"]).get(f"{url}/json").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_DOWNLOADED).count() == 3
