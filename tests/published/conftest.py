"""Fixtures for the published-report reader."""

from __future__ import annotations

import pytest

from probation_inspection.framework import Framework, load_framework


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("hmip-crc-2018")
