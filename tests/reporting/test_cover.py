"""The cover names only the people whose names are known: no placeholder ever prints."""

from __future__ import annotations

import dataclasses
import re

import pytest

from probation_inspection.reporting import Inspection, build_report, render_html
from probation_inspection.reporting.build import cover_credit
from probation_inspection.reporting.inputs import Team

STAFF = "supported by a team of inspectors, operations, communications and corporate staff."


def test_a_known_manager_is_named() -> None:
    credit = cover_credit(Team("Joseph Simpson", programme_manager="Helen Rinaldi"))
    assert credit == (f"This inspection was led by HM Inspector Joseph Simpson, {STAFF} The "
                      "manager responsible for this inspection programme is Helen Rinaldi.")


@pytest.mark.parametrize("manager", ["", "   "])
def test_an_unknown_manager_leaves_the_sentence_out(manager: str) -> None:
    credit = cover_credit(Team("Joseph Simpson", programme_manager=manager))
    assert credit == f"This inspection was led by HM Inspector Joseph Simpson, {STAFF}"
    assert "manager" not in credit


def test_an_unknown_lead_is_not_printed_as_a_gap() -> None:
    assert cover_credit(Team("")) == ("This inspection was carried out by a team of "
                                      "inspectors, operations, communications and corporate "
                                      "staff.")


def test_the_wales_cover_with_no_names_has_no_placeholder(wales_inspection: Inspection) -> None:
    inspection = dataclasses.replace(
        wales_inspection, team=Team("", programme_manager="", chief_inspector="",
                                    inspectors=("", "  ")),
        publication="",
    )
    report = build_report(inspection)
    assert report.cover.team == ()
    html = render_html(report, charts=False)
    assert "is ." not in html
    assert "HM Inspector ," not in html
    assert not re.search(r'<dd class="govuk-summary-list__value">\s*</dd>', html)
    assert "<strong></strong>" not in html
    assert "Chief Inspector of Probation" not in html  # no unsigned foreword signature


def test_the_wales_cover_names_everyone_it_knows(wales_inspection: Inspection) -> None:
    report = build_report(wales_inspection)
    assert [member.role for member in report.cover.team] == [
        "Lead inspector", "Inspection programme manager", "Chief Inspector of Probation"]
    assert report.cover.credit.endswith("this inspection programme is Helen Rinaldi.")
