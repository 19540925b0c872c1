"""The draw page names the eligibility date field by its label, not its stored name
("Startdate" was `start_date` with the underscore cut out)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from helpers import upload_case_list as upload
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.labels import field_label

pytestmark = pytest.mark.django_db


def test_the_window_names_the_date_field_by_its_label(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    assert upload(client, inspection, case_list_csv(inspection.fieldwork_start, 150,
                                                    seed=3)).status_code == 302
    body = client.get(reverse("casework:draw", args=[inspection.pk, "case-supervision"])
                      ).content.decode()
    assert "Sentence or licence start date from 2 April 2026" in body
    assert "Startdate" not in body


def test_field_label_falls_back_to_words() -> None:
    assert field_label("release_date") == "Release date"
    assert field_label("not_a_field") == "Not a field"
