"""Issue 13: eligibility is visible on the draw page (the window as dates, the cases included
and excluded by reason) and a draw that would be empty or smaller than asked stores nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from helpers import upload_case_list as upload
from probation_inspection.sampling import SamplingError
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import CaseList, Sample, SampledCase
from probation_inspection.web.casework.sampling import draw_sample
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db

DRAW = {"seed": "42", "confidence": "80", "margin": "5", "size": ""}


def draw_url(inspection: Inspection) -> str:
    return reverse("casework:draw", args=[inspection.pk, "case-supervision"])


def test_the_draw_page_shows_the_window_and_the_exclusions(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    assert upload(client, inspection, case_list_csv(inspection.fieldwork_start, 150,
                                                    seed=3)).status_code == 302
    body = client.get(draw_url(inspection)).content.decode()
    # Fieldwork starts 2 November 2026: sentences begun seven to six months before.
    assert "from 2 April 2026 to 2 May 2026" in body
    assert 'id="eligibility-report"' in body and "Included (eligible)" in body
    assert "no-eligible" not in body


def test_a_draw_with_no_eligible_case_is_refused_and_stores_nothing(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    # A list made for fieldwork a year later: every sentence began after the window.
    late = case_list_csv(inspection.fieldwork_start + dt.timedelta(days=365), 40, seed=3)
    assert upload(client, inspection, late).status_code == 302
    page = client.get(draw_url(inspection)).content.decode()
    assert 'id="no-eligible"' in page
    assert "Excluded: Start date after 2 May 2026" in page
    response = client.post(draw_url(inspection), DRAW)
    assert response.status_code == 400
    body = response.content.decode()
    assert "The sample was not drawn: no case on cases.csv is eligible for fieldwork " \
           "starting 2 November 2026 (the window is from 2 April 2026 to 2 May 2026" in body
    assert "Nothing was drawn" in body and "Sample drawn" not in body
    assert not Sample.objects.exists() and not SampledCase.objects.exists()
    assert not AuditEvent.objects.filter(action="sample-drawn").exists()


def test_a_draw_smaller_than_asked_is_refused(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    assert upload(client, inspection, case_list_csv(inspection.fieldwork_start, 150,
                                                    seed=3)).status_code == 302
    eligible = int(client.get(draw_url(inspection)).context["eligible"])
    # The page checks the size against the eligible count it showed; the draw itself refuses
    # too, for a list that changed between the page and the draw (the core would cap it).
    case_list = CaseList.objects.get(inspection=inspection)
    with pytest.raises(SamplingError, match=f"only {eligible} cases are eligible, fewer than "
                                            f"the {eligible + 5} asked. Nothing was drawn"):
        draw_sample(inspection, case_list, users["lead"], seed=1, confidence=0.8, margin=5,
                    size=eligible + 5)
    assert not Sample.objects.exists()
    too_big = client.post(draw_url(inspection), {**DRAW, "size": str(eligible + 5)})
    assert too_big.status_code == 400 and not Sample.objects.exists()


def test_a_re_upload_says_the_drawn_sample_is_unchanged(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    assert upload(client, inspection, case_list_csv(inspection.fieldwork_start, 150,
                                                    seed=3)).status_code == 302
    assert client.post(draw_url(inspection), {**DRAW, "size": "6"}).status_code == 302
    drawn = set(SampledCase.objects.values_list("case_reference", flat=True))
    again = upload(client, inspection, case_list_csv(inspection.fieldwork_start, 90, seed=9),
                   name="newer.csv")
    assert again.status_code == 302
    page = client.get(again.url, follow=True).content.decode()
    assert "newer.csv: 90 cases imported" in page
    assert ("The drawn case supervision sample is unchanged: it is still the one drawn from "
            "cases.csv with seed 42. This list is not used by it.") in page
    assert set(SampledCase.objects.values_list("case_reference", flat=True)) == drawn
