"""Quality assurance and ratings in a real browser: a QA inspector moderates, disagrees and
returns a case; its inspector revises and resubmits; kappa on the agreement page updates; the
lead inspector records a discretion with a rationale and the overall rating changes.
axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    CaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.casework.questions import questions, relevance_attributes
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember
from probation_inspection.web.quality.models import Meeting, QueueEntry
from probation_inspection.web.quality.ratings import decide

from .conftest import Pages, screenshot

PASSWORD = "a-long-browser-test-passphrase"
FRAMEWORK = framework_for("hmip-crc-2018", "2018.1")


def add_cases(inspection: Inspection, sample_type: str, plan: list[tuple[Any, str]]) -> None:
    """Submitted assessments: every prompt yes, every key question as planned."""
    case_list = CaseList.objects.create(inspection=inspection, sample_type=sample_type,
                                        filename="cases.csv", row_count=0, content=b"")
    sample = Sample.objects.create(inspection=inspection, sample_type=sample_type,
                                   case_list=case_list, seed=1, eligible=10, size=10,
                                   fieldwork_start=inspection.fieldwork_start, methodology="-")
    attributes = {a.name: True if a.type.value == "boolean" else a.values[0]
                  for a in relevance_attributes(FRAMEWORK, sample_type)}
    for number, (assessor, value) in enumerate(plan, start=1):
        case = SampledCase.objects.create(sample=sample, attributes=attributes, status="sampled",
                                          case_reference=f"{sample_type[:2].upper()}{number}",
                                          assigned_to=assessor)
        assessment = Assessment.objects.create(
            sampled_case=case, assessor=assessor, status="submitted",
            framework_id=FRAMEWORK.id, framework_version=FRAMEWORK.version,
            submitted_at=dt.datetime(2026, 11, 5, tzinfo=dt.UTC))
        Answer.objects.bulk_create(
            Answer(assessment=assessment, question_id=q.id, kind=q.kind,
                   value="not-relevant" if q.applies(attributes) is False
                   else (value if q.kind == "key-question" else "yes"))
            for q in questions(FRAMEWORK, sample_type))


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    model = get_user_model()
    people = {name: model.objects.create_user(name, password=PASSWORD, first_name=first,
                                              last_name="Tester")
              for name, first in (("lead", "Lena"), ("inspector", "Ian"), ("qa", "Quinn"))}
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Quality Test CRC"), framework_id=FRAMEWORK.id,
        framework_version=FRAMEWORK.version, fieldwork_start=dt.date(2026, 11, 2),
        fieldwork_end=dt.date(2026, 11, 20), stage="moderation", created_by=people["lead"])
    for name, role in (("lead", "lead-inspector"), ("inspector", "inspector"),
                       ("qa", "quality-assurance")):
        TeamMember.objects.create(inspection=inspection, user=people[name], role=role)
    # Two cases: the inspector's minimum of two is both of them, so the queue is known.
    add_cases(inspection, "case-supervision", [(people["inspector"], "yes"),
                                               (people["inspector"], "no")])
    for sample_type in ("unpaid-work", "through-the-gate"):
        add_cases(inspection, sample_type, [(people["lead"], "yes")] * 2)
    return {"inspection": inspection, **people}


def moderate(pages: Pages, qa: Any, assessment: Assessment, flip: str | None,
             comment: str = "", give_back: bool = False, shot: bool = False) -> None:
    qa.goto(f"/moderation/{assessment.pk}/")
    qa.wait_for_selector("#judgements")
    pages.axe(qa)
    for answer in assessment.answers.filter(kind="key-question").exclude(value="not-relevant"):
        value = answer.value
        if answer.question_id == flip:
            value = "no" if value == "yes" else "yes"
        suffix = "" if value == "yes" else f"-{value}"
        qa.check(f"#judgement-{answer.question_id}{suffix}".replace(".", "\\."))
    if shot:
        screenshot(qa, "quality-moderation-form.png", height=1400)
    qa.click("button:has-text('Save my judgements')")
    qa.wait_for_selector("#comparison")
    pages.axe(qa)
    if shot:
        screenshot(qa, "quality-moderation-compared.png", height=1500)
    if give_back:
        qa.check("#return-yes")
    qa.fill("#comment", comment)
    qa.click("button:has-text('Record the moderation')")
    qa.wait_for_selector("h1:has-text('Moderation queue')")
    pages.axe(qa)


def kappa(pages: Pages, page: Any, inspection: Inspection) -> str:
    page.goto(f"/inspections/{inspection.pk}/agreement/")
    page.wait_for_selector("#by-key-question")
    pages.axe(page)
    return str(page.locator("#by-key-question tbody tr").first.locator(".app-kappa").inner_text())


def test_moderate_return_revise_agree_and_decide_with_discretion(
    pages: Pages, world: dict[str, Any]
) -> None:
    inspection = world["inspection"]
    qa = pages.sign_in("qa", PASSWORD)
    qa.goto(f"/inspections/{inspection.pk}/moderation/")
    qa.wait_for_selector("#queue")
    pages.axe(qa)
    queued = [e.assessment for e in QueueEntry.objects.filter(
        assessment__assessor=world["inspector"]).order_by("assessment__sampled_case__pk")]
    assert len(queued) == 2
    first, second = queued
    # The QA inspector disagrees on 2.1.1 and returns the case with a comment.
    moderate(pages, qa, first, flip="2.1.1", comment="2.1.1: the sentence plan is not there",
             give_back=True, shot=True)
    first.refresh_from_db()
    assert first.status == "returned"

    # The inspector sees the comment, revises 2.1.1 and resubmits.
    inspector = pages.sign_in("inspector", PASSWORD)
    inspector.goto(f"/cases/{first.sampled_case.pk}/")
    inspector.wait_for_selector("#returned")
    pages.axe(inspector)
    assert "the sentence plan is not there" in inspector.inner_text("#returned")
    inspector.check("#answer-2-1-1-no")
    inspector.click("button:has-text('Submit assessment')")
    inspector.wait_for_selector("h1:has-text('My cases')")
    first.refresh_from_db()
    assert first.status == "submitted"
    assert first.answers.get(question_id="2.1.1").value == "no"

    # One moderated case: kappa is not yet meaningful; after the second it is computed.
    before = kappa(pages, qa, inspection)
    assert "fewer than two cases" in before.lower()
    moderate(pages, qa, second, flip=None)
    after = kappa(pages, qa, inspection)
    assert after != before and after == "0.00"
    # The resubmitted case is moderated again (a second, blind round).
    moderate(pages, qa, first, flip=None)
    first.refresh_from_db()
    assert first.status == "moderated"

    # Rating: domain one judged beforehand; the lead applies discretion on 2.1.
    inspection.stage = "rating"
    inspection.save()
    meeting = Meeting.objects.create(inspection=inspection, kind="meeting",
                                     held_on=dt.date(2026, 11, 4), role_group="senior-managers",
                                     participants="Chief executive", notes="Clear plans")
    for standard, judged in (("1.1", "Good"), ("1.2", "Requires improvement"),
                             ("1.3", "Requires improvement"), ("1.4", "Requires improvement")):
        decide(inspection, FRAMEWORK, world["lead"], "lead-inspector", standard,
               kind="judgement", rating=judged, rationale="Seen in the meetings",
               evidence=[meeting.evidence_id])
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{inspection.pk}/ratings/")
    lead.wait_for_selector("#overall")
    pages.axe(lead)
    overall_before = lead.inner_text("#overall")
    # 2 + 1 + 1 + 1 (domain one), 0 + 1 + 1 + 1 (case supervision: 2.1.1 at 0%), 3 + 3.
    assert "Overall: Requires improvement" in overall_before
    assert "Score 14 of 30" in overall_before
    # Each rule rating says how sure it is, in plain words, beside the rating.
    assert "At 80% confidence the percentage lies between" in lead.inner_text(
        "[data-standard='2.1'] .app-uncertainty")
    lead.click("a:has-text('Decide') >> nth=4")  # standard 2.1
    lead.wait_for_selector("#decision")
    pages.axe(lead)
    reasons = lead.inner_text("#decision")
    assert "Small number of relevant cases" in reasons and "Score at a band edge" in reasons
    lead.check("#id_kind-discretion")
    lead.select_option("#id_rating", "Good")
    lead.click("button:has-text('Record decision')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "needs a rationale" in lead.inner_text(".govuk-error-summary")
    lead.fill("#id_rationale", "The one case without a plan had just started")
    lead.click("button:has-text('Record decision')")
    lead.wait_for_selector("#ratings")
    pages.axe(lead)
    overall_after = lead.inner_text("#overall")
    assert "Overall: Good" in overall_after and "Score 16 of 30" in overall_after
    assert "Discretion" in lead.inner_text("[data-standard='2.1']")
    screenshot(lead, "quality-ratings.png", height=1500)
    lead.goto(f"/inspections/{inspection.pk}/ratings/2.1/")
    lead.wait_for_selector("#history")
    pages.axe(lead)
    assert "had just started" in lead.inner_text("#history")


def test_domain_one_evidence_pages(pages: Pages, world: dict[str, Any], tmp_path: Any,
                                   settings: Any) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    inspection = world["inspection"]
    inspection.stage = "fieldwork"
    inspection.save()
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{inspection.pk}/")
    lead.click("text=Domain one evidence")
    lead.wait_for_selector("h1:has-text('Domain one evidence')")
    pages.axe(lead)

    lead.click("text=Record or review interviews")
    lead.wait_for_selector("#interview-form")
    pages.axe(lead)
    for reference, answer in (("RO-1", "yes"), ("RO-2", "no")):
        lead.fill("#interviewee", reference)
        lead.check(f"#answer-ro-interviewworkload-{answer}")
        lead.click("button:has-text('Save interview')")
        lead.wait_for_selector(".govuk-notification-banner--success")
    pages.axe(lead)
    row = lead.inner_text("#interview-ro-interviewworkload")
    assert "50%" in row and "1 of 2 who answered" in row

    lead.goto(f"/inspections/{inspection.pk}/evidence/meetings/new/")
    lead.click("button:has-text('Save meeting')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    lead.check("#id_kind-focus-group")
    lead.fill("#id_held_on", "2026-11-04")
    lead.select_option("#id_role_group", "responsible-officers")
    lead.fill("#id_participants", "Six responsible officers")
    lead.fill("#id_notes", "Workloads are high but manageable")
    lead.click("button:has-text('Save meeting')")
    lead.wait_for_selector("#meetings")

    lead.click("text=Upload a document")
    lead.wait_for_selector("h1:has-text('Upload a provider document')")
    pages.axe(lead)
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"this is not a PDF")
    lead.fill("#id_title", "Business plan")
    lead.set_input_files("#id_file", str(fake))
    lead.click("button:has-text('Upload')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    assert "Nothing was stored" in lead.inner_text(".govuk-error-summary")
    fake.write_bytes(b"%PDF-1.4 a business plan")
    lead.fill("#id_title", "Business plan")
    lead.set_input_files("#id_file", str(fake))
    lead.click("button:has-text('Upload')")
    lead.wait_for_selector("#documents")
    assert "plan.pdf" in lead.inner_text("#documents")

    lead.click("text=Write presentation notes")
    lead.wait_for_selector("#notes-1")
    pages.axe(lead)
    lead.fill("#notes-1", "A clear vision, shared with staff")
    lead.click("button:has-text('Save notes')")
    lead.wait_for_selector("h1:has-text('Domain one evidence')")

    lead.click("text=Enter or import contextual facts")
    lead.wait_for_selector("#facts_file")
    pages.axe(lead)
    bad = tmp_path / "facts.csv"
    bad.write_text("measure,provider_figure,national_figure,target,period,source\n"
                   "order-completions,lots,,,,\n")
    lead.set_input_files("#facts_file", str(bad))
    lead.click("button:has-text('Import')")
    lead.wait_for_selector("#problems")
    pages.axe(lead)
    assert "provider_figure" in lead.inner_text("#problems")
    lead.fill("#order-completions-provider_figure", "77")
    lead.click("button:has-text('Save figures')")
    lead.wait_for_selector("#facts")
    pages.axe(lead)
    assert "77%" in lead.inner_text("#facts")
