"""Comparisons (issue 13): an unfinished inspection's partial score is shown apart from rated
ones and never ranks above them; an inspection both run on the platform and imported as a
published report is one row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.inspections.models import Inspection, Provider, Stage

#: The framework the seed reports were inspected under, as the import form names it.
CRC = {"framework": "hmip-crc-2018@2018.1"}

pytestmark = pytest.mark.django_db


def _import(user: Any, path: Path) -> PublishedInspection:
    response = signed_in(user).post(reverse("benchmarking:import"), {**CRC,
        "reports": [SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")]})
    assert response.status_code == 302, response.status_code  # to the import's job
    return PublishedInspection.objects.get()


def _export(user: Any) -> dict[str, Any]:
    data: dict[str, Any] = signed_in(user).get(reverse("benchmarking:export")).json()
    return data


def test_an_inspection_in_rating_is_provisional_and_not_ranked(
    assessed: Inspection, users: dict[str, Any], data_team: Any,
    seed: Callable[[str], Path]
) -> None:
    _import(data_team, seed("000"))
    Inspection.objects.filter(pk=assessed.pk).update(stage=Stage.RATING)
    data = _export(users["lead"])
    key = f"platform-{assessed.pk}"
    assert key not in {row["inspection"] for row in data["league_table"]}
    assert [row["inspection"] for row in data["provisional_table"]] == [key]
    own = next(item for item in data["inspections"] if item["key"] == key)
    assert own["provisional"] is True
    page = signed_in(users["lead"]).get(reverse("benchmarking:comparisons")).content.decode()
    assert 'id="provisional-table"' in page and "Provisional" in page
    # Once reporting, its ratings are decided: ranked with the rest.
    Inspection.objects.filter(pk=assessed.pk).update(stage=Stage.REPORTING)
    data = _export(users["lead"])
    assert key in {row["inspection"] for row in data["league_table"]}
    assert data["provisional_table"] == []


def test_a_published_inspection_with_its_report_imported_is_one_row(
    assessed: Inspection, users: dict[str, Any], data_team: Any,
    seed: Callable[[str], Path]
) -> None:
    stored = _import(data_team, seed("000"))
    report_month = stored.record.get("published") or stored.published
    assert report_month
    # The platform ran the same inspection: same provider, fieldwork months before.
    year = int(str(report_month)[-4:])
    provider = Provider.objects.create(name=stored.provider)
    Inspection.objects.filter(pk=assessed.pk).update(
        provider=provider, stage=Stage.PUBLISHED,
        fieldwork_start=dt.date(year - 1, 11, 1), fieldwork_end=dt.date(year - 1, 11, 20))
    data = _export(users["lead"])
    keys = [item["key"] for item in data["inspections"]]
    assert f"platform-{assessed.pk}" not in keys
    assert keys == [f"published-{stored.pk}"]
    assert "also run on the platform" in data["inspections"][0]["detail"]
