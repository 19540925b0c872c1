"""What the apps above this one add to an inspection's own pages, registered from their
``AppConfig.ready()``.

Apps depend one way (inspections <- casework <- quality <- reports), so this app imports none
of them; yet the stage rules read counts of their rows (sampled cases, the moderation queue,
rating decisions) and the overview lists the samples. Each app above counts its own facts and
registers the function here: casework the sample and assessment counts and the overview's
sample rows, quality the queue, the decisions and the evidence. A registry was chosen over
moving the stage and overview views up into quality: their URL names live in this app's
namespace, moving a stage is the inspection's own rule (with its row lock and audit), and the
views stay where their templates are.

Every fact of the core's `Progress` must be counted by exactly one app: a fact nobody counts
would silently read as zero (nothing awaiting moderation, say) and let a stage move on, so it
is refused as a configuration error instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from probation_inspection import stages as core
from probation_inspection.framework.model import Framework
from probation_inspection.web.inspections.gate import Member
from probation_inspection.web.inspections.models import Inspection

#: Counts some of the facts the stage rules read: field name of `core.Progress` -> value.
ProgressFacts = Callable[[Inspection, Framework], Mapping[str, Any]]
#: Adds to the overview page's context for this member (e.g. the sample rows).
OverviewPanel = Callable[[Member, Framework], Mapping[str, Any]]

#: Every fact of `core.Progress`: each must be counted by one registered app.
PROGRESS_FACTS = frozenset(item.name for item in dataclasses.fields(core.Progress))

#: How many cases of this inspection the user holds (assigned to assess), for the team page.
HeldCases = Callable[[Inspection, Any], int]

_facts: dict[str, ProgressFacts] = {}
_panels: dict[str, OverviewPanel] = {}
_held: dict[str, HeldCases] = {}


def count_progress(app: str, facts: ProgressFacts) -> None:
    """Register ``app``'s counter of stage facts (again under the same name: replaced)."""
    _facts[app] = facts


def add_overview(app: str, panel: OverviewPanel) -> None:
    """Register ``app``'s part of the overview page's context (again: replaced)."""
    _panels[app] = panel


def _merged(parts: Mapping[str, Mapping[str, Any]], what: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for app, values in parts.items():
        for name, value in values.items():
            if name in merged:
                raise ImproperlyConfigured(f"both {owner[name]} and {app} give {what} {name!r}")
            merged[name] = value
            owner[name] = app
    return merged


def progress_facts(inspection: Inspection, framework: Framework) -> dict[str, Any]:
    """Every registered app's facts for the stage rules, merged; refused when a fact of
    `core.Progress` is counted by no app or by two, or one is not a fact at all."""
    merged = _merged({app: facts(inspection, framework) for app, facts in _facts.items()},
                     "the stage fact")
    missing, unknown = PROGRESS_FACTS - merged.keys(), merged.keys() - PROGRESS_FACTS
    if missing or unknown:
        raise ImproperlyConfigured(
            f"stage facts counted by no app: {sorted(missing)}; not stage facts: "
            f"{sorted(unknown)} (apps register their counts in AppConfig.ready())")
    return merged


def overview_context(member: Member, framework: Framework) -> dict[str, Any]:
    """Every registered app's part of the overview page's context, merged."""
    return _merged({app: panel(member, framework) for app, panel in _panels.items()},
                   "the overview entry")


def count_held_cases(app: str, held: HeldCases) -> None:
    """Register ``app``'s count of the cases a member holds (again: replaced)."""
    _held[app] = held


def held_cases(inspection: Inspection, user: Any) -> int:
    """The cases of ``inspection`` assigned to ``user``, over every registered app: a member
    holding any cannot be taken off the team until they are reassigned."""
    return sum(held(inspection, user) for held in _held.values())
