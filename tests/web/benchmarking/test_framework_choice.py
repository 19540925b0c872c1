"""The comparisons page compares one framework's inspections at a time: the framework with the
most by default, another when chosen; an unknown one is refused with a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.benchmarking.comparison import comparison_framework
from probation_inspection.web.benchmarking.store import store_report

pytestmark = pytest.mark.django_db


def test_the_stored_reports_framework_is_the_default(data_team: Any,
                                                     seed: Callable[[str], Path]) -> None:
    store_report(seed("000").read_bytes(), "000.txt", comparison_framework("hmip-crc-2018"))
    client = signed_in(data_team)
    data = client.get(reverse("benchmarking:export")).json()
    assert data["framework"] == {"id": "hmip-crc-2018", "version": "2018.1"}
    assert "hmip-crc-2018" in data["frameworks"]
    page = client.get(reverse("benchmarking:comparisons")).content.decode()
    assert "all inspected under" in page and "(hmip-crc-2018)" in page


def test_another_framework_compares_only_its_own_inspections(
        data_team: Any, seed: Callable[[str], Path]) -> None:
    store_report(seed("000").read_bytes(), "000.txt", comparison_framework("hmip-crc-2018"))
    client = signed_in(data_team)
    data = client.get(reverse("benchmarking:export"), {"framework": "hmip-pdu-2021"}).json()
    assert data["framework"]["id"] == "hmip-pdu-2021"
    # The CRC report is not among the PDU inspections.
    assert all(entry["source"] != "published" for entry in data["inspections"])


def test_an_unknown_or_unrated_framework_is_refused(data_team: Any) -> None:
    client = signed_in(data_team)
    for name in ("no-such-framework", "hmip-tr-ei5-2016"):
        response = client.get(reverse("benchmarking:comparisons"), {"framework": name},
                              follow=True)
        assert "There is no rated framework of that name" in response.content.decode()
        assert client.get(reverse("benchmarking:export"),
                          {"framework": name}).status_code == 404
