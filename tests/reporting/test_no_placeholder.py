"""The whole report, rendered, has no placeholder and no count at odds with its noun, at 0, 1
and many of each count (evidence, moderation, team names)."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest

from probation_inspection.reporting import Inspection, build_report, render_html
from probation_inspection.reporting.inputs import EvidenceCounts, Moderation, Team

#: What a placeholder or a count at odds with its noun prints.
PLACEHOLDER = re.compile(
    r"\bis \.|\s,|\s\.(?!\d)|\{\{|\}\}|\bNone\b|\bzero\b|\bnull\b|\(0 per cent\)"
    r"|\b100 per cent of the cases|\[\d\.\d\.\d"
    r"|\bone (meetings|cases|officers|individual responsible officers|custodial cases)\b"
    r"|\b(0|1) (cases|meetings|officers)\b|\b(two|three|[2-9]|\d\d+) (meeting|case|officer)\b(?!s)"
)

COUNTS = [(0, 0), (1, 1), (1, 0), (0, 1), (83, 31)]


def _text(inspection: Inspection) -> str:
    html = render_html(build_report(inspection), charts=False)
    body = re.sub(r"<style.*?</style>|<script.*?</script>", " ", html, flags=re.S)
    # Blocks end with a space; inline tags go without one, so "<strong>x</strong>." stays "x.".
    body = re.sub(r"</?(p|li|h\d|td|th|dd|dt|div|tr|section|header|footer|ol|ul|br)\b[^>]*>",
                  " ", body)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())


@pytest.mark.parametrize(("officers", "meetings"), COUNTS)
@pytest.mark.parametrize("moderated", [None, 0, 1, 12])
def test_no_placeholder_at_any_count(
    wales_inspection: Inspection, officers: int, meetings: int, moderated: int | None
) -> None:
    inspection = dataclasses.replace(
        wales_inspection,
        evidence=EvidenceCounts(officers, meetings),
        moderation=None if moderated is None else Moderation(moderated),
    )
    text = _text(inspection)
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in PLACEHOLDER.finditer(text)]
    assert found == []


@pytest.mark.parametrize("team", [
    Team(""),
    Team("Joseph Simpson"),
    Team("Joseph Simpson", programme_manager="Helen Rinaldi", chief_inspector="Justin Russell",
         inspectors=("An Inspector", "Another Inspector")),
])
def test_no_placeholder_whoever_is_named(wales_inspection: Inspection, team: Team) -> None:
    text = _text(dataclasses.replace(wales_inspection, team=team, evidence=None, publication=""))
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in PLACEHOLDER.finditer(text)]
    assert found == []
