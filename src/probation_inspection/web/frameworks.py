"""The web application's one door to the framework library.

Looks frameworks up through the core library; a recorded version never falls back to another.
"""

from __future__ import annotations

from probation_inspection.framework import (
    FrameworkSummary,
    available_frameworks,
    load_framework,
)
from probation_inspection.framework.model import Framework


def shipped_frameworks() -> list[FrameworkSummary]:
    """Every framework version in the shipped library, by id then version."""
    return available_frameworks()


def framework(framework_id: str, version: str) -> Framework:
    """The exact framework version an inspection or assessment recorded."""
    return load_framework(framework_id, version)
