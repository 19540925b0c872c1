"""Helpers for the published-report tests: the seed reports and their ground truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPORTS = Path(__file__).parent.parent / "fixtures" / "reports"
RESULTS = Path(__file__).parent.parent / "fixtures" / "published-results.json"


def expected_results() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(RESULTS.read_text(encoding="utf-8"))
    return entries


def rated_seed_names() -> list[str]:
    return [entry["seed"] for entry in expected_results()]


def seed_text(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


def thematic_seed() -> Path:
    rated = set(rated_seed_names())
    (thematic,) = [p for p in sorted(REPORTS.glob("*.txt")) if p.name not in rated]
    return thematic
