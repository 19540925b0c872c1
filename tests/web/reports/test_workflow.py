"""The web application's report states are the core's (the rules themselves are tested in
tests/reporting/test_workflow.py and tests/test_access.py)."""

from __future__ import annotations

from probation_inspection.reporting.workflow import State
from probation_inspection.web.reports.models import ReportState


def test_states_match_the_web_choices() -> None:
    assert [s.value for s in State] == [s.value for s in ReportState]
