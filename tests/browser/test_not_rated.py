"""Issues 12 and 13 in a real browser: at rating, a CRC inspection with only a case
supervision sample shows standards 4.1 and 4.2 as not rated with the reason, and the decision
page explains that none is needed. axe-core checks every page visited.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Pages
from .steps import PASSWORD, one_case_inspection, users


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    lead = users(settings, [("lead", "Lena")])["lead"]
    inspection, _ = one_case_inspection("Not Rated Test CRC", "rating", lead)
    return {"inspection": inspection, "lead": lead}


def test_not_rated_standards_show_their_reason_and_need_no_decision(
        pages: Pages, world: dict[str, Any]) -> None:
    pk = world["inspection"].pk
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{pk}/ratings/")
    lead.wait_for_selector("#ratings")
    pages.axe(lead)
    assert lead.inner_text("#not-rated-4\\.1") == "No unpaid work sample was drawn"
    assert lead.inner_text("#not-rated-4\\.2") == "No Through the Gate sample was drawn"
    row = lead.inner_text("tr[data-standard='4.1']")
    assert "Not rated" in row and "No decision needed" in row
    lead.click("tr[data-standard='4.1'] a")
    lead.wait_for_selector("#not-rated")
    pages.axe(lead)
    assert "It needs no decision" in lead.inner_text("#not-rated")
    assert lead.query_selector("#decision") is None
