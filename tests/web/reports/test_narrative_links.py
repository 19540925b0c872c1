"""A script link typed into the narrative is inert on every page that shows it: the editor's
preview, the team's report page and the provider reader's factual-accuracy view.
"""

from __future__ import annotations

import re

from helpers import client_for
from helpers import move_report as move
from helpers import report_url as url
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports.models import NarrativeSection

NARRATIVE = (
    "Read the provider's [response](javascript:alert(document.cookie)), "
    "[its plan](&#106;avascript:alert(1)), ![a chart](data:image/svg+xml;base64,PHN2Zz4=) "
    "and the [published report](https://www.justiceinspectorates.gov.uk/hmiprobation/)."
)


def _urls(html: bytes) -> list[str]:
    return re.findall(r'\s(?:href|src)="([^"]*)"', html.decode("utf-8"))


def _assert_inert(html: bytes, where: str) -> None:
    for address in _urls(html):
        assert not re.match(r"\s*(javascript|vbscript|data|&#)", address, re.I), (where, address)
    assert b"response" in html and b"its plan" in html and b"a chart" in html, where
    assert b'href="https://www.justiceinspectorates.gov.uk/hmiprobation/"' in html, where


def test_a_script_link_in_the_narrative_is_inert_in_every_view(wales: Inspection) -> None:
    lead = client_for("lead")
    version = NarrativeSection.objects.get(inspection=wales, key="foreword").version
    saved = lead.post(url("section", wales, key="foreword"),
                      {"text": NARRATIVE, "version": version})
    assert saved.status_code == 302
    _assert_inert(lead.get(url("section", wales, key="foreword")).content, "preview")
    _assert_inert(lead.get(url("report", wales)).content, "report page")
    # The new version goes to the provider for the factual-accuracy check.
    assert move(lead, wales, "draft").status_code == 302
    page = client_for("provider").get(url("report", wales))
    assert b"Comment on factual accuracy" in page.content
    _assert_inert(page.content, "factual-accuracy view")
