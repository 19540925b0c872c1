"""Shared test fixtures: paths to the fixture files copied from the published reports; and the
hypothesis profile CI runs under."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

FIXTURES = Path(__file__).parent / "fixtures"

# CI decides whether a change lands, so there every property and fuzz test draws the examples
# derived from the test itself (derandomize): a run is reproducible and a red CI is never a
# new random find. On a developer's machine examples are random and explore further; what they
# find becomes a regression test (as the NUL characters the upload fuzz test found did).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
