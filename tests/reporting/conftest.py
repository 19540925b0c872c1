"""Shared fixtures for the reporting tests: the Wales demo inspection and its report model."""

from __future__ import annotations

import pytest

from probation_inspection.demo import wales
from probation_inspection.reporting import Inspection, Report, build_report


@pytest.fixture(scope="session")
def wales_inspection() -> Inspection:
    return wales.inspection()


@pytest.fixture(scope="session")
def wales_report(wales_inspection: Inspection) -> Report:
    return build_report(wales_inspection)
