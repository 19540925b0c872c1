"""The Wales demo stored as rows and built back: published results, idempotence, snapshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.demo import wales as wales_demo
from probation_inspection.reporting import build_report
from probation_inspection.web.casework.models import Answer, Assessment, SampledCase
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import RatingDecision
from probation_inspection.web.reports import services
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.models import (
    NarrativeSection,
    ReportIsFrozen,
    ReportState,
    ReportVersion,
)
from probation_inspection.web.reports.wales import PROVIDER, load_wales


def _published(fixtures: Path) -> dict[str, Any]:
    records = json.loads((fixtures / "published-results.json").read_text(encoding="utf-8"))
    return next(record for record in records if record["seed"].startswith("000_"))


def test_the_stored_wales_demo_builds_back_to_the_published_results(
    wales: Inspection, fixtures: Path
) -> None:
    model = build_report(inspection_input(wales)).to_json()
    expected = _published(fixtures)
    assert model["summary_of_ratings"] == {"overall": expected["overall"],
                                           "standards": expected["standards"]}
    assert model["annex"] == expected["key_questions"]
    version = ReportVersion.objects.get(inspection=wales)
    assert version.state == ReportState.PUBLISHED
    assert version.snapshot["summary_of_ratings"] == model["summary_of_ratings"]
    assert version.snapshot["annex"] == model["annex"]
    _same_parts_as_the_core_demo(model)
    _stored_as_rows(wales)


def _same_parts_as_the_core_demo(built: dict[str, Any]) -> None:
    """The builder maps every part as the core demo holds it (the cover's team aside)."""
    core = build_report(wales_demo.inspection()).to_json()
    for part in ("foreword", "overall_findings", "recommendations", "background",
                 "operating_model", "contextual_facts", "methodology", "results", "ratings",
                 "glossary"):
        assert built[part] == core[part], part
    for ours, theirs in zip(built["domains"], core["domains"], strict=True):
        assert ours["strengths"] == theirs["strengths"]
        assert ours["areas_for_improvement"] == theirs["areas_for_improvement"]
        for standard, other in zip(ours["standards"], theirs["standards"], strict=True):
            assert standard["findings"] == other["findings"]
            assert standard["rationale"] == other["rationale"]
            assert sorted(map(str, standard["practice"])) == sorted(map(str, other["practice"]))


def _stored_as_rows(wales: Inspection) -> None:
    assert wales.provider.name == PROVIDER == wales_demo.inspection().provider
    assert wales.stage == "published"
    sizes = {s.sample_type: s.cases.count() for s in wales.samples.all()}
    assert sizes == {"case-supervision": 130, "unpaid-work": 53, "through-the-gate": 33}
    assert Assessment.objects.filter(sampled_case__sample__inspection=wales,
                                     status="submitted").count() == 216
    decisions = {d.standard_id: (d.kind, d.rating) for d in
                 RatingDecision.objects.filter(inspection=wales)}
    assert decisions["2.2"] == ("discretion", "Requires improvement")
    assert decisions["1.1"] == ("judgement", "Good")
    assert Answer.objects.filter(assessment__sampled_case__sample__inspection=wales,
                                 practice_example=True).count() == 4


def test_loading_twice_changes_nothing(wales: Inspection) -> None:
    counts = (Inspection.objects.count(), SampledCase.objects.count(), Answer.objects.count(),
              ReportVersion.objects.count(), NarrativeSection.objects.count())
    again, created = load_wales()
    assert (again.pk, created) == (wales.pk, False)
    assert counts == (Inspection.objects.count(), SampledCase.objects.count(),
                      Answer.objects.count(), ReportVersion.objects.count(),
                      NarrativeSection.objects.count())


def test_a_published_snapshot_never_changes(wales: Inspection) -> None:
    version = ReportVersion.objects.get(inspection=wales)
    frozen = version.snapshot
    version.snapshot = {"summary_of_ratings": {}}
    with pytest.raises(ReportIsFrozen):
        version.save()
    with pytest.raises(ReportIsFrozen):
        ReportVersion.objects.filter(pk=version.pk).update(snapshot={})
    with pytest.raises(ReportIsFrozen):
        ReportVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(ReportIsFrozen):
        version.delete()
    version.refresh_from_db()
    assert version.snapshot == frozen


def test_a_later_edit_makes_a_new_version_and_leaves_the_published_one(
    wales: Inspection, django_user_model: Any
) -> None:
    lead = django_user_model.objects.get(username="lead")
    published = ReportVersion.objects.get(inspection=wales)
    before = published.snapshot["foreword"]
    section = NarrativeSection.objects.get(inspection=wales, key="foreword")
    services.edit_section(wales, "foreword", "A corrected foreword.", section.version, lead)
    current = services.current_version(wales)
    assert current is not None and current.number == 2 and current.state == ReportState.DRAFT
    published.refresh_from_db()
    assert published.snapshot["foreword"] == before
    assert services.live_report(wales).foreword == "A corrected foreword."
    assert services.snapshot_report(published).foreword == before
