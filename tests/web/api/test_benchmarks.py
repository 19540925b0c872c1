"""The benchmark store through the API: published records and the comparisons, as the pages
show them to the same user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.benchmarking.comparison import comparison_framework
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.benchmarking.store import store_report

from .conftest import API

pytestmark = pytest.mark.django_db
REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def test_published_records_and_comparisons(users: dict[str, Any],
                                           api_client: Callable[..., Client]) -> None:
    report = next(REPORTS.glob("000_*.txt"))
    store_report(report.read_bytes(), report.name, comparison_framework("hmip-crc-2018"),
                 by=users["lead"])
    stored = PublishedInspection.objects.get()
    client = api_client(users["outsider"])
    listed = client.get(f"{API}/published").json()
    assert [item["id"] for item in listed] == [stored.pk]
    record = client.get(f"{API}/published/{stored.pk}").json()
    assert record["record"] == stored.record and record["sha256"] == stored.sha256
    assert client.get(f"{API}/published/{stored.pk + 1}").status_code == 404
    page = signed_in(users["outsider"]).get(reverse("benchmarking:export"))
    compared = client.get(f"{API}/comparisons").json()
    assert compared == page.json()
    assert compared["inspections"][0]["key"] == f"published-{stored.pk}"
