"""Fixtures for the report pages: the Wales demo stored in the database, and signed-in clients.

Runs on SQLite and, through scripts/test-postgres.sh, on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports.wales import load_wales


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    """A fresh var/ so a generated pseudonym key never lands in the working tree."""
    settings.VAR_DIR = tmp_path
    settings.PSEUDONYM_KEY = ""
    return tmp_path


@pytest.fixture
def wales(db: None, var_dir: Path) -> Inspection:
    inspection, created = load_wales()
    assert created
    return inspection
