"""The contextual facts page offers the measures of the inspection's framework version, and
under a framework that lists none says so and still takes facts of the inspection's own."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import factories
from helpers import signed_in
from probation_inspection.web.quality.models import ContextualFact
from probation_inspection.web.reports.builder import inspection_input

pytestmark = pytest.mark.django_db

PDU = ("hmip-pdu-2021", "2021.1")
CRC_KEYS = ["caseload-national", "caseload-provider", "proven-reoffending",
            "order-completions", "licence-compliance", "upw-completions"]


def test_a_crc_inspection_is_offered_the_six_crc_measures() -> None:
    staged = factories.fieldwork(cases=1)
    response = signed_in(staged.team["lead"]).get(
        reverse("quality:facts", args=[staged.inspection.pk]))
    assert response.status_code == 200
    assert [m.key for m, _ in response.context["measures"]] == CRC_KEYS
    page = response.content.decode()
    assert "Individuals supervised by this CRC" in page
    assert 'id="no-measures"' not in page
    assert 'value="75"' in page  # Service Level 8's target from the framework file


def test_a_pdu_inspection_is_offered_no_crc_measure_and_no_dead_end() -> None:
    staged = factories.fieldwork(cases=1, framework=PDU)
    client = signed_in(staged.team["lead"])
    url = reverse("quality:facts", args=[staged.inspection.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["measures"] == []
    page = response.content.decode()
    assert "CRC" not in page.replace(staged.inspection.provider.name, "")
    assert "Individuals supervised by this CRC" not in page
    assert 'id="no-measures"' in page and "lists no contextual measures" in page
    assert "Enter figures" not in page
    # A fact of the inspection's own, with its unit, is still recorded.
    own = ("measure,provider_figure,national_figure,target,period,source,unit\n"
           "Cases allocated within two days,83,,,2022,PDU data,percent\n")
    imported = client.post(url, {"action": "import", "facts_file": SimpleUploadedFile(
        "facts.csv", own.encode())})
    assert imported.status_code == 302
    fact = ContextualFact.objects.get(inspection=staged.inspection)
    assert (fact.name, fact.unit, fact.provider_figure) == (
        "Cases allocated within two days", "percent", 83)
    # A CRC key means nothing under this framework: without its unit it is refused.
    crc = ("measure,provider_figure,national_figure,target,period,source\n"
           "order-completions,77,,,2022,\n")
    refused = client.post(url, {"action": "import", "facts_file": SimpleUploadedFile(
        "facts.csv", crc.encode())})
    assert refused.status_code == 400
    assert [p.column for p in refused.context["problems"]] == ["unit"]
    # Typed figures have nowhere to go: the form is not offered, and a post is refused.
    typed = client.post(url, {"action": "enter", "order-completions-provider_figure": "77"})
    assert typed.status_code == 400
    assert ContextualFact.objects.filter(inspection=staged.inspection).count() == 1


def test_the_report_prints_the_frameworks_measures_in_its_order_then_the_inspections_own(
) -> None:
    staged = factories.fieldwork(cases=1)
    client = signed_in(staged.team["lead"])
    url = reverse("quality:facts", args=[staged.inspection.pk])
    assert client.post(url, {"action": "enter", "upw-completions-provider_figure": "92"}
                       ).status_code == 302
    rows = ("measure,provider_figure,national_figure,target,period,source,unit\n"
            "Offenders managed,9180,,,2018,CRC data,count\n"
            "order-completions,77,79,,2018,,\n")
    assert client.post(url, {"action": "import", "facts_file": SimpleUploadedFile(
        "facts.csv", rows.encode())}).status_code == 302
    printed = inspection_input(staged.inspection).contextual_facts
    assert [(f.figure, f.target) for f in printed] == [("77%", "75%"), ("92%", "90%"),
                                                       ("9,180", None)]
