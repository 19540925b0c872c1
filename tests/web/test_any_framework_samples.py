"""Any framework's own sample types, through the web pages (issue 12): a youth inspection's
court and out-of-court disposal samples, an NPS division's case supervision, court report and
victim samples, and a provider's own audit framework uploaded to the library from a file, which
is then rated and reported.

For each: a case list generated from the framework's definition is uploaded on the page, the
eligibility report shows its window and exclusions, the sample is drawn, redrawn, a case
substituted and assigned, and the case is assessed and submitted on the assessment page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpers import case_list_for, set_stage, signed_in, upload_case_list_for
from probation_inspection.framework.model import Framework
from probation_inspection.reporting import build_report, render_html
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.forms import slug
from probation_inspection.web.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseStatus,
    Sample,
)
from probation_inspection.web.casework.questions import questions, relevance_attributes
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import (
    FrameworkVersion,
    Inspection,
    Provider,
    Role,
    TeamMember,
)
from probation_inspection.web.quality.ratings import decide, move_to_reporting
from probation_inspection.web.reports.builder import inspection_input

pytestmark = pytest.mark.django_db

FIELDWORK = dt.date(2026, 11, 2)
DRAW = {"seed": "42", "confidence": "80", "margin": "5", "size": "4"}

#: A provider's own audit, written only as a file: three key questions, its own bands, a
#: decimal attribute a relevance rule compares, a sample type of its own and its own window.
OWN_FRAMEWORK = """\
id: riverside-casework-audit
version: "2026.1"
title: Riverside probation casework audit
attributes:
  - name: ogrs
    type: decimal
    label: OGRS score
    min: 0
    max: 99.99
  - name: housing_need
    type: boolean
    label: The person has a housing need
rating:
  labels: [Weak, Adequate, Strong]
  percentage_bands:
    - {label: Weak, minimum: 0, maximum: 59}
    - {label: Adequate, minimum: 60, maximum: 84}
    - {label: Strong, minimum: 85, maximum: 100}
  scores: {Weak: 0, Adequate: 1, Strong: 2}
  overall_bands:
    - {label: Weak, minimum: 0, maximum: 0}
    - {label: Adequate, minimum: 1, maximum: 1}
    - {label: Strong, minimum: 2, maximum: 2}
sample_types:
  - id: recent-pso-cases
    label: Recent PSO-held cases
    description: >-
      Cases held by a probation services officer that started between four and twenty weeks
      before the audit.
    fields: [crn, gender, officer_grade, start_date]
    eligibility:
      date: start_date
      from: 20 weeks
      to: 4 weeks
      where:
        - {field: officer_grade, in: [PSO]}
    strata: [gender]
domains:
  - id: "1"
    title: Casework
    standards:
      - id: "1.1"
        title: Assessment and planning
        statement: Assessment and planning are well-informed and personalised.
        rating_method: lowest-key-question
        sample_type: recent-pso-cases
        key_questions:
          - id: "1.1.1"
            text: Does assessment take enough account of the likelihood of reoffending?
            relevance: ogrs >= 50.5
          - id: "1.1.2"
            text: Does planning address the person's housing need?
            relevance: housing_need
          - id: "1.1.3"
            text: Was the person involved in their plan?
"""


def _inspection(framework: tuple[str, str], users: dict[str, Any]) -> Inspection:
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Anytown"), framework_id=framework[0],
        framework_version=framework[1], fieldwork_start=FIELDWORK,
        fieldwork_end=FIELDWORK + dt.timedelta(days=18), stage="planning",
        created_by=users["lead"])
    for name, role in (("lead", Role.LEAD_INSPECTOR), ("inspector", Role.INSPECTOR),
                       ("reader", Role.PROVIDER_READER)):
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    return inspection


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _attribute_value(attribute: Any) -> str:
    """A value for the page's attribute field under which every question applies."""
    kind = attribute.type.value
    if kind == "boolean":
        return "true"
    if kind == "decimal":
        return "62.5"
    if kind == "integer":
        return "1"
    return attribute.values[0] if attribute.values else "text"


def run_through_the_pages(inspection: Inspection, sample_type: str,
                          users: dict[str, Any]) -> Assessment:
    """Upload, eligibility, draw, redraw, substitute, assign, assess and submit a case of
    ``sample_type`` on the pages, checking each step; returns the submitted assessment."""
    framework: Framework = framework_for(inspection.framework_id, inspection.framework_version)
    definition = framework.sample_type(sample_type)
    lead = signed_in(users["lead"])
    pk = inspection.pk

    # The upload page says which columns this sample type's list needs.
    page = lead.get(reverse("casework:upload", args=[pk, sample_type])).content.decode()
    assert definition.label.lower() in page and 'id="case-list-needs"' in page
    content, eligible = case_list_for(definition, FIELDWORK, 80, seed=7)
    uploaded = upload_case_list_for(lead, inspection, sample_type, content)
    assert uploaded.status_code == 302, uploaded.content.decode()[:3000]
    assert uploaded["Location"] == reverse("casework:draw", args=[pk, sample_type])
    assert CaseList.objects.get(inspection=inspection).sample_type == sample_type

    # The eligibility report: the window from the framework, the cases in and out.
    draw_page = lead.get(uploaded["Location"])
    assert draw_page.status_code == 200
    report = draw_page.context["report"]
    earliest, latest = definition.eligibility.bounds(FIELDWORK)
    assert (report.earliest, report.latest) == (earliest, latest)
    assert (report.listed, report.included) == (80, eligible)
    body = draw_page.content.decode()
    window = (f"from {_day(earliest)} to {_day(latest)}" if earliest
              else f"on or before {_day(latest)}")
    assert window in body and "Excluded: " in body
    assert 'id="strata"' in body

    drawn = lead.post(uploaded["Location"], DRAW)
    assert drawn.status_code == 302, drawn.content.decode()[:3000]
    sample = Sample.objects.get(inspection=inspection)
    assert (sample.sample_type, sample.size, sample.eligible) == (sample_type, 4, eligible)
    sample_page = lead.get(reverse("casework:sample", args=[pk, sample_type]))
    assert sample_page.status_code == 200
    assert f"{definition.label} sample" in sample_page.content.decode()

    # Redrawn before fieldwork with a new seed: the first draw is kept as history.
    redrawn = lead.post(reverse("casework:redraw", args=[pk, sample_type]),
                        {**DRAW, "seed": "43", "reason": "The list was re-exported"})
    assert redrawn.status_code == 302, redrawn.content.decode()[:3000]
    assert Sample.draws.filter(inspection=inspection).count() == 2
    sample = Sample.objects.get(inspection=inspection)
    assert sample.seed == 43

    # A case substituted by a reserve of its stratum, when the sample has one.
    cases = sample.cases.filter(status=CaseStatus.SAMPLED).order_by("case_reference")
    if sample.cases.filter(status=CaseStatus.RESERVE).exists():
        first = cases.first()
        assert first is not None
        substituted = lead.post(reverse("casework:substitute", args=[first.pk]),
                                {"reason": "transferred", "detail": ""})
        assert substituted.status_code == 302, substituted.content.decode()[:3000]
        first.refresh_from_db()
        assert first.status == CaseStatus.SUBSTITUTED

    case = sample.cases.filter(status=CaseStatus.SAMPLED).order_by("case_reference").first()
    assert case is not None
    assigned = lead.post(reverse("casework:assign", args=[pk, sample_type]),
                         {f"assign-{case.pk}": str(users["inspector"].pk)})
    assert assigned.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == users["inspector"]

    # The overview lists the framework's own sample type with its label and link.
    overview = lead.get(reverse("inspections:detail", args=[pk])).content.decode()
    assert definition.label in overview
    assert reverse("casework:sample", args=[pk, sample_type]) in overview

    # Fieldwork: the inspector assesses the case on the page and submits it.
    set_stage(inspection, "fieldwork")
    assessment = submit_on_the_page(signed_in(users["inspector"]), case, framework)
    assert (assessment.framework_id, assessment.framework_version) == (
        inspection.framework_id, inspection.framework_version)
    results = lead.get(reverse("casework:results", args=[pk]))
    assert results.status_code == 200
    assert f"{definition.label}: 1 of 4 cases submitted" in results.content.decode()
    return assessment


def submit_on_the_page(inspector: Any, case: Any, framework: Framework) -> Assessment:
    """The assigned inspector opens the case's assessment page, answers every question yes
    with the case's attributes set, and submits it."""
    url = reverse("casework:assess", args=[case.pk])
    opened = inspector.get(url)
    assert opened.status_code == 200
    assessment = Assessment.objects.get(sampled_case=case)
    sample_type = case.sample.sample_type
    data = {"version": str(assessment.version), "action": "submit"}
    for attribute in relevance_attributes(framework, sample_type):
        data[f"attribute-{attribute.name}"] = _attribute_value(attribute)
    for question in questions(framework, sample_type):
        data[f"answer-{slug(question.id)}"] = "yes"
    submitted = inspector.post(url, data)
    assert submitted.status_code == 302, submitted.content.decode()[:3000]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    return assessment


@pytest.mark.parametrize(("framework", "sample_type"), [
    (("hmip-yjs-2021", "2021.1"), "out-of-court-disposals"),
    (("hmip-yjs-2021", "2021.1"), "court-disposals"),
    (("hmip-nps-2018", "2018.1"), "case-supervision"),
    (("hmip-nps-2018", "2018.1"), "court-reports"),
    (("hmip-nps-2018", "2018.1"), "victim-work"),
])
def test_a_shipped_frameworks_own_sample_type_runs_through_the_pages(
    framework: tuple[str, str], sample_type: str, users: dict[str, Any],
) -> None:
    inspection = _inspection(framework, users)
    assessment = run_through_the_pages(inspection, sample_type, users)
    assert AuditEvent.objects.filter(action="sample-drawn", target=sample_type).exists()
    assert assessment.answers.filter(value="yes").exists()


def test_a_providers_own_framework_from_a_file_runs_through_the_pages(
    users: dict[str, Any], tmp_path: Path,
) -> None:
    path = tmp_path / "riverside-audit.yaml"
    path.write_text(OWN_FRAMEWORK, encoding="utf-8")
    ProgrammeMembership.objects.create(user=users["other"], role=ProgrammeRole.PROGRAMME_MANAGER)
    published = signed_in(users["other"]).post(reverse("inspections:framework-upload"), {
        "framework_file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert published.status_code == 302, published.content.decode()[:3000]
    row = FrameworkVersion.objects.get()
    assert (row.framework_id, row.version) == ("riverside-casework-audit", "2026.1")
    inspection = _inspection((row.framework_id, row.version), users)
    assessment = run_through_the_pages(inspection, "recent-pso-cases", users)
    # The decimal attribute was read from the page as a decimal and decided relevance.
    assert str(assessment.sampled_case.attributes["ogrs"]) == "62.5"
    assert assessment.answers.get(question_id="1.1.1").value == "yes"

    # Rating and the report, with no code that knows this framework: the lead accepts the
    # rule rating of its one standard (every answer yes: its top band), moves to reporting,
    # and the report prints the provider's own words, bands and score.
    framework = framework_for(row.framework_id, row.version)
    inspector = signed_in(users["inspector"])
    for case in assessment.sampled_case.sample.cases.filter(status=CaseStatus.SAMPLED):
        if case.pk != assessment.sampled_case.pk:
            case.assigned_to = users["inspector"]
            case.save(update_fields=["assigned_to"])
            submit_on_the_page(inspector, case, framework)
    set_stage(inspection, "rating")
    decide(inspection, framework, users["lead"], Role.LEAD_INSPECTOR, "1.1",
           kind="accepted", rating="", rationale="", evidence=[])
    readiness = move_to_reporting(inspection, framework, users["lead"], Role.LEAD_INSPECTOR)
    assert readiness.ready, readiness
    inspection.refresh_from_db()
    assert inspection.stage == "reporting"
    report = build_report(inspection_input(inspection))
    [row_printed] = [r for d in report.summary_of_ratings.domains for r in d.rows]
    assert (row_printed.standard_id, row_printed.rating) == ("1.1", "Strong")
    assert (report.summary_of_ratings.score, report.summary_of_ratings.maximum) == (2, 2)
    html = render_html(report, charts=False)
    assert "Assessment and planning" in html and "Strong" in html
    # A provider's own audit names no publisher, so the report never claims the inspectorate's.
    assert report.cover.publisher == "" and "HM Inspectorate of Probation" not in html
    page = signed_in(users["lead"]).get(reverse("reports:report", args=[inspection.pk]))
    assert page.status_code == 200 and "Strong" in page.content.decode()


def test_a_sample_type_the_framework_does_not_declare_is_a_404(
    users: dict[str, Any],
) -> None:
    inspection = _inspection(("hmip-yjs-2021", "2021.1"), users)
    lead = signed_in(users["lead"])
    for name in ("upload", "draw", "sample", "redraw"):
        # A CRC sample type is not one of the youth framework's.
        response = lead.get(reverse(f"casework:{name}", args=[inspection.pk, "unpaid-work"]))
        assert response.status_code == 404, name


def test_the_draw_page_refuses_a_list_with_no_eligible_case_for_a_youth_sample(
    users: dict[str, Any],
) -> None:
    """The eligibility window and filters are the framework's: an out-of-court list of court
    disposals has nothing eligible, and the page says why before anything is drawn."""
    inspection = _inspection(("hmip-yjs-2021", "2021.1"), users)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    court, _ = case_list_for(framework.sample_type("court-disposals"), FIELDWORK, 30, seed=2)
    lead = signed_in(users["lead"])
    uploaded = upload_case_list_for(lead, inspection, "out-of-court-disposals", court)
    assert uploaded.status_code == 302, uploaded.content.decode()[:3000]
    page = lead.get(uploaded["Location"])
    assert page.context["report"].included == 0
    assert 'id="no-eligible"' in page.content.decode()
    refused = lead.post(uploaded["Location"], DRAW)
    assert refused.status_code == 400 and not Sample.objects.exists()
