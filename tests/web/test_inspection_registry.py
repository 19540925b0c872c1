"""The inspections app reads the stage facts and the overview's sample rows from the apps above
it through its registry: every fact counted by exactly one app, or a configuration error."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from probation_inspection import stages as core
from probation_inspection.framework.model import Framework
from probation_inspection.web.casework.models import Assessment, AssessmentStatus
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections import registry
from probation_inspection.web.inspections.gate import Member
from probation_inspection.web.inspections.models import Inspection, Role
from probation_inspection.web.inspections.stages import progress


def _framework(inspection: Inspection) -> Framework:
    return framework_for(inspection.framework_id, inspection.framework_version)


def test_casework_and_quality_count_every_stage_fact_between_them(
        inspection: Inspection) -> None:
    facts = registry.progress_facts(inspection, _framework(inspection))
    assert facts.keys() == registry.PROGRESS_FACTS
    assert progress(inspection, _framework(inspection)) == core.Progress(
        queue_drawn=False, relevant_cases=None, drawn_sample_types=frozenset())


def test_a_fact_no_app_counts_is_a_configuration_error(
        inspection: Inspection, monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as zero it would say nothing awaits moderation, and let the stage move on.
    monkeypatch.setattr(registry, "_facts", {"casework": registry._facts["casework"]})
    with pytest.raises(ImproperlyConfigured, match="awaiting_moderation"):
        registry.progress_facts(inspection, _framework(inspection))


def test_a_fact_two_apps_count_is_a_configuration_error(
        inspection: Inspection, monkeypatch: pytest.MonkeyPatch) -> None:
    def again(inspection: Inspection, framework: Framework) -> dict[str, Any]:
        return {"returned": 0}

    monkeypatch.setattr(registry, "_facts", {**registry._facts, "reports": again})
    with pytest.raises(ImproperlyConfigured, match="both casework and reports give"):
        registry.progress_facts(inspection, _framework(inspection))


def test_a_name_that_is_no_fact_is_refused(
        inspection: Inspection, monkeypatch: pytest.MonkeyPatch) -> None:
    def stray(inspection: Inspection, framework: Framework) -> dict[str, Any]:
        return {"drawn_sample": 1}

    monkeypatch.setattr(registry, "_facts", {**registry._facts, "reports": stray})
    with pytest.raises(ImproperlyConfigured, match="not stage facts: \\['drawn_sample'\\]"):
        registry.progress_facts(inspection, _framework(inspection))


def test_casework_gives_the_overview_its_sample_rows(
        inspection: Inspection, users: dict[str, Any]) -> None:
    member = Member(users["lead"], inspection, Role.LEAD_INSPECTOR)
    context = registry.overview_context(member, _framework(inspection))
    assert list(context) == ["sample_rows"]
    # The 2018 framework uses all three sample types; none is drawn yet.
    assert [(kind.id, sample, counts) for kind, sample, counts in context["sample_rows"]] == [
        ("case-supervision", None, None), ("unpaid-work", None, None),
        ("through-the-gate", None, None)]


def test_the_overview_counts_moderated_assessments_as_submitted(
        rating_stage: Any) -> None:
    # Every case is assessed and submitted, and the queued ones moderated: by the one counting
    # rule (`results.counted`) all count, where counting the status "submitted" alone would
    # leave the moderated ones out of the overview's figure.
    inspection = rating_stage.inspection
    assert Assessment.objects.filter(sampled_case__sample__inspection=inspection,
                                     status=AssessmentStatus.MODERATED).exists()
    member = Member(rating_stage.team["lead"], inspection, Role.LEAD_INSPECTOR)
    rows = registry.overview_context(member, rating_stage.framework)["sample_rows"]
    drawn = [counts for _, sample, counts in rows if sample is not None]
    assert drawn and all(counts.submitted == counts.sampled for counts in drawn)
