"""Issue 13's "done when": a whole NEW inspection, from creation to publication, in one browser
journey as the people who run it, each signed in in their own browser context: the lead
creates it; uploads a realistic case-list export whose date column needs the mapping step and
maps it in the page; reads the eligibility report; draws, redraws once (the first draw kept in
the history) and allocates automatically; moves to fieldwork. The inspectors assess and submit
their cases; one inspector, with the same case open on two devices, resolves a conflict field
by field (only a case's assignee may change it, so the second editor is the same inspector's
other window). The lead reopens a stage with a reason. The QA inspector moderates every queued
case; the lead records domain-one evidence, decides every rating, edits the report draft and
sends it for the factual-accuracy check; the provider reader comments; the lead answers, signs
off and publishes; the provider reader reads the published report. axe-core checks every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

import factories
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.casework.models import (
    Assessment,
    CaseStatus,
    Sample,
    SampledCase,
)
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import QueueEntry
from probation_inspection.web.reports.models import ReportComment, ReportState, ReportVersion

from .conftest import Pages, screenshot
from .steps import FIELDWORK, PASSWORD, keep_mine, open_case, two_device_conflict

PROVIDER = "Whole Journey CRC"
#: username, first name: the lead, two inspectors, a QA inspector and the provider's reader.
PEOPLE = (("lead", "Lena"), ("ian", "Ian"), ("ivy", "Ivy"), ("quinn", "Quinn"),
          ("pat", "Pat"))


@pytest.fixture
def people(transactional_db: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    model = get_user_model()
    people = {name: model.objects.create_user(name, password=PASSWORD, first_name=first,
                                              last_name="Tester")
              for name, first in PEOPLE}
    # Creating an inspection is a programme manager's right; this lead holds it.
    ProgrammeMembership.objects.create(user=people["lead"],
                                       role=ProgrammeRole.PROGRAMME_MANAGER)
    return people


def create(pages: Pages) -> tuple[Any, str]:
    lead = pages.sign_in("lead", PASSWORD)
    lead.click("text=Create an inspection")
    pages.axe(lead)
    lead.fill("#id_provider", PROVIDER)
    lead.select_option("#id_framework", "hmip-crc-2018@2018.1")
    lead.fill("#id_fieldwork_start", FIELDWORK.isoformat())
    lead.fill("#id_fieldwork_end", (FIELDWORK + dt.timedelta(days=18)).isoformat())
    lead.fill("#id_lead", "lead")
    lead.fill("#id_inspectors", "ian\nivy")
    lead.fill("#id_quality_assurance", "quinn")
    lead.fill("#id_provider_readers", "pat")
    lead.click("button:has-text('Create inspection')")
    lead.wait_for_selector(f"h1:has-text('{PROVIDER}')")
    pages.axe(lead)
    return lead, lead.url


def upload_map_and_draw(pages: Pages, lead: Any, tmp_path: Path) -> None:
    """The case supervision list: an export whose date header needs the mapping step."""
    lead.click("text=Upload a case list for case supervision")
    pages.axe(lead)
    export = tmp_path / "delius-export.csv"
    export.write_bytes(case_list_csv(FIELDWORK, 40, seed=11).replace(
        b"Sentence start date", b"Order commenced (dd/mm)", 1))
    lead.set_input_files("#case_list", str(export))
    lead.click("button:has-text('Upload and check')")
    lead.wait_for_selector("h1:has-text('Choose the columns in delius-export.csv')")
    pages.axe(lead)
    assert "--map" not in lead.content()
    lead.select_option("#id_start_date", "Order commenced (dd/mm)")
    screenshot(lead, "case-list-mapping.png", height=1100)
    lead.click("button:has-text('Import with these columns')")
    lead.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(lead)
    assert "delius-export.csv: 40 cases imported" in lead.inner_text("main")

    # The eligibility report: the window as dates, and what was left out, with the reason.
    assert "from" in lead.inner_text("#window") and "2026" in lead.inner_text("#window")
    eligible = int(lead.inner_text("#eligible"))
    assert 0 < eligible < 40
    assert lead.locator("#eligibility-report tbody tr").count() >= 2
    screenshot(lead, "eligibility-report.png", height=1300)
    lead.fill("#size", "2")
    lead.fill("#seed", "7")
    lead.click("button:has-text('Draw the sample')")
    lead.wait_for_selector("#methodology")
    pages.axe(lead)

    # Redraw once, with a reason: the first draw stays in the history.
    lead.click("#redraw-link")
    lead.wait_for_selector("h1:has-text('Redraw the sample')")
    pages.axe(lead)
    lead.fill("#seed", "99")
    lead.fill("#size", "2")
    lead.fill("#reason", "The export missed the north office's transfers")
    lead.click("button:has-text('Redraw the sample')")
    lead.wait_for_selector("#draw-history")
    pages.axe(lead)
    assert lead.inner_text("#seed-in-force") == "99"
    assert "missed the north office" in lead.inner_text("#draw-history")


def upload_and_draw(pages: Pages, lead: Any, inspection_url: str, tmp_path: Path,
                    sample_type: str, label: str) -> None:
    """The framework's other samples: exports the defaults read, one case each."""
    lead.goto(inspection_url)
    lead.click(f"text=Upload a case list for {label}")
    pages.axe(lead)
    path = tmp_path / f"{sample_type}.csv"
    path.write_bytes(factories.case_list_content(sample_type, FIELDWORK, 20, seed=5))
    lead.set_input_files("#case_list", str(path))
    lead.click("button:has-text('Upload and check')")
    lead.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(lead)
    lead.fill("#size", "1")
    lead.fill("#seed", "3")
    lead.click("button:has-text('Draw the sample')")
    lead.wait_for_selector("#methodology")
    pages.axe(lead)


def allocate(pages: Pages, lead: Any) -> None:
    """Automatic allocation on the sample page: preview, then confirm."""
    lead.wait_for_selector("#workload")
    lead.fill("#seed", "5")
    lead.click("#preview-allocation")
    lead.wait_for_selector("#allocation-preview")
    pages.axe(lead)
    lead.click("#confirm-allocation")
    lead.wait_for_selector(".govuk-notification-banner--success:has-text('assigned')")
    pages.axe(lead)
    assert lead.locator("#unassigned-count").count() == 0


def assess_and_submit(pages: Pages, page: Any, reference: str) -> None:
    """Say yes to every case question (so every key question has relevant cases for the
    ratings), answer every question then shown yes, and submit."""
    open_case(pages, page, reference)
    for radio in page.locator("input[name^='attribute-'][value='true']").all():
        radio.check()
    page.click(".app-save-bar button:has-text('Save draft')")
    page.wait_for_selector("text=Draft saved")
    for radio in page.locator("input[name^='answer-'][value='yes']").all():
        if radio.is_visible():
            radio.check()
    for radio in page.locator(".app-judgement input[value='yes']").all():
        if radio.is_visible():
            radio.check()
    page.click(".app-save-bar button:has-text('Submit assessment')")
    page.wait_for_selector("text=submitted")
    pages.axe(page)


def conflict_field_by_field(pages: Pages, case: SampledCase) -> None:
    """The case's inspector has it open on two devices; both change it; the stale one keeps
    its answer nobody else changed and chooses, field by field, for the one both changed."""
    mine, theirs = two_device_conflict(pages, case)
    assert "Yours: No" in mine.inner_text("#conflicts")
    keep_mine(pages, mine, case)
    mine.context.close()
    theirs.context.close()
    pages.contexts.remove(mine.context)
    pages.contexts.remove(theirs.context)


def move_stage(pages: Pages, lead: Any, inspection_url: str, to: str) -> None:
    lead.goto(inspection_url + "stage/")
    lead.wait_for_selector("h1:has-text('Stage of the inspection')")
    pages.axe(lead)
    lead.click(f"button:has-text('Move to {to}')")
    lead.wait_for_selector("text=The inspection has moved from")
    pages.axe(lead)


def moderate_all(pages: Pages, qa: Any, inspection: Inspection) -> None:
    qa.goto(f"/inspections/{inspection.pk}/moderation/")
    qa.wait_for_selector("#queue")
    pages.axe(qa)
    entries = list(QueueEntry.objects.filter(queue__inspection=inspection).order_by("pk"))
    assert entries
    for entry in entries:
        assessment = entry.assessment
        qa.goto(f"/moderation/{assessment.pk}/")
        qa.wait_for_selector("#judgements")
        pages.axe(qa)
        for answer in assessment.answers.filter(kind="key-question").exclude(
                value="not-relevant"):
            suffix = "" if answer.value == "yes" else f"-{answer.value}"
            qa.check(f"#judgement-{answer.question_id}{suffix}".replace(".", "\\."))
        qa.click("button:has-text('Save my judgements')")
        qa.wait_for_selector("#comparison")
        pages.axe(qa)
        qa.fill("#comment", "")
        qa.click("button:has-text('Record the moderation')")
        qa.wait_for_selector("h1:has-text('Moderation queue')")
        pages.axe(qa)


def domain_one_evidence(pages: Pages, lead: Any, inspection_url: str) -> None:
    lead.goto(inspection_url)
    lead.click("text=Domain one evidence")
    lead.wait_for_selector("h1:has-text('Domain one evidence')")
    pages.axe(lead)
    lead.click("text=Record a meeting or focus group")
    pages.axe(lead)
    lead.check("input[name='kind'][value='meeting']")
    lead.fill("#id_held_on", "2026-11-04")
    lead.select_option("#id_role_group", "senior-managers")
    lead.fill("#id_participants", "Chief executive\nHead of operations")
    lead.fill("#id_notes", "The operating model is known to staff; risks are on the register.")
    for box in lead.locator("input[name='standards']").all():
        box.check()
    lead.click("button:has-text('Save meeting')")
    lead.wait_for_selector("text=recorded")
    pages.axe(lead)
    # Any key questions of the judgement standards, answered citing the meeting.
    while lead.locator("a:has-text('Answer key question')").count():
        lead.locator("a:has-text('Answer key question')").first.click()
        lead.wait_for_selector("#id_judgement")
        pages.axe(lead)
        lead.fill("#id_judgement", "Seen in the meeting with senior managers.")
        lead.check("#evidence input[type='checkbox'] >> nth=0")
        lead.click("button:has-text('Save answer')")
        lead.wait_for_selector("text=answered (version 1)")
        pages.axe(lead)


def decide_every_rating(pages: Pages, lead: Any, inspection_url: str) -> None:
    lead.goto(inspection_url + "ratings/")
    lead.wait_for_selector("#ratings")
    pages.axe(lead)
    standards = [row.get_attribute("data-standard")
                 for row in lead.locator("#ratings tbody tr[data-standard]").all()]
    assert standards
    for standard in standards:
        lead.goto(f"{inspection_url}ratings/{standard}/")
        lead.wait_for_selector("#decision")
        pages.axe(lead)
        if lead.locator("#id_rating").count() and lead.is_checked("#id_kind"):
            judged = lead.get_attribute("#id_kind", "value") == "judgement"
        else:
            judged = False
        if judged:
            lead.select_option("#id_rating", "Good")
            lead.fill("#id_rationale", "The meeting showed sound leadership and plans.")
            lead.check("#evidence input[type='checkbox'] >> nth=0")
        lead.click("button:has-text('Record decision')")
        lead.wait_for_selector("#ratings, .govuk-error-summary")
        assert lead.locator(".govuk-error-summary").count() == 0, (
            standard, lead.inner_text(".govuk-error-summary"))
    pages.axe(lead)
    lead.click("button:has-text('Move to the reporting stage')")
    lead.wait_for_selector("text=reporting")
    pages.axe(lead)


@pytest.mark.slow
def test_a_whole_inspection_from_creation_to_publication(
    pages: Pages, people: dict[str, Any], tmp_path: Path
) -> None:
    lead, inspection_url = create(pages)
    inspection = Inspection.objects.get(provider__name=PROVIDER)

    upload_map_and_draw(pages, lead, tmp_path)
    allocate(pages, lead)
    top = lead.locator("#workload").evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY")
    screenshot(lead, "allocation-workload.png", top=max(0, top - 450), height=1100)
    for sample_type, label in (("unpaid-work", "unpaid work"),
                               ("through-the-gate", "through the gate")):
        upload_and_draw(pages, lead, inspection_url, tmp_path, sample_type, label)
        allocate(pages, lead)
    assert Sample.draws.filter(inspection=inspection).count() == 4
    # The cases in the draws in force (not the reserves kept for substitution).
    current = SampledCase.objects.filter(
        sample__in=Sample.objects.filter(inspection=inspection), status=CaseStatus.SAMPLED)
    assert current.exists() and not current.filter(assigned_to=None).exists()

    # The readiness checklist, then fieldwork.
    lead.goto(inspection_url + "stage/")
    lead.wait_for_selector("#stage-needs:has-text('Nothing holds up the move')")
    pages.axe(lead)
    screenshot(lead, "readiness-checklist.png", height=1100)
    lead.click("button:has-text('Move to fieldwork')")
    lead.wait_for_selector("text=The inspection has moved from planning to fieldwork")
    pages.axe(lead)

    cases = list(current
                 .select_related("assigned_to", "sample").order_by("pk"))
    supervision = [c for c in cases if c.sample.sample_type == "case-supervision"]
    # A conflict between two saves of one case supervision assessment, resolved field by field.
    conflict_field_by_field(pages, supervision[0])

    # The lead finds a sampling question and reopens planning, with a reason, then moves on.
    lead.goto(inspection_url + "stage/")
    lead.click("button:has-text('Move back to planning')")
    lead.wait_for_selector(".govuk-error-summary")
    pages.axe(lead)
    lead.fill("#reason", "Check the unpaid work list covers every office")
    lead.click("button:has-text('Move back to planning')")
    lead.wait_for_selector("text=The inspection has moved back from fieldwork to planning")
    pages.axe(lead)
    move_stage(pages, lead, inspection_url, "fieldwork")

    inspectors = {name: pages.sign_in(name, PASSWORD) for name in ("ian", "ivy")}
    for case in cases:
        assess_and_submit(pages, inspectors[case.assigned_to.username], case.case_reference)
    assert Assessment.objects.filter(sampled_case__sample__inspection=inspection,
                                     status="submitted").count() == len(cases)
    move_stage(pages, lead, inspection_url, "moderation")

    qa = pages.sign_in("quinn", PASSWORD)
    moderate_all(pages, qa, inspection)
    move_stage(pages, lead, inspection_url, "rating")

    domain_one_evidence(pages, lead, inspection_url)
    decide_every_rating(pages, lead, inspection_url)

    # The report draft: a narrative section edited, then the factual-accuracy check.
    report = inspection_url + "report/"
    lead.goto(report)
    lead.wait_for_selector("#report")
    pages.axe(lead)
    lead.click("text=Edit the narrative")
    lead.wait_for_selector("h1:has-text(\"The report's narrative\")")
    pages.axe(lead)
    lead.click("a:has-text('Change'):has(span:text-is(' foreword'))")
    lead.wait_for_selector("#id_text")
    pages.axe(lead)
    lead.fill("#id_text", "We thank the staff of Whole Journey CRC for their help.")
    lead.click("button:has-text('Save the section')")
    lead.wait_for_selector("text=Foreword saved")
    pages.axe(lead)
    lead.goto(report)
    lead.click("#move")
    lead.wait_for_selector("#report-state:has-text('Factual-accuracy check')")
    pages.axe(lead)

    reader = pages.sign_in("pat", PASSWORD)
    reader.click(f"a:has-text('{PROVIDER}')")
    reader.wait_for_selector("#comment-form")
    pages.axe(reader)
    reader.select_option("#id_section", "domain-1")
    reader.fill("#id_text", "Our operating model changed in April, not May.")
    reader.click("button:has-text('Send comment')")
    reader.wait_for_selector("text=Comment sent to the inspection team")
    pages.axe(reader)

    lead.goto(report)
    assert "1 factual-accuracy comment waits for an answer" in lead.inner_text("#unanswered")
    lead.click("#comments a:has-text('Answer')")
    lead.wait_for_selector("#answer-form")
    pages.axe(lead)
    lead.check("#answer-not-accepted")
    lead.fill("#reason", "The board minutes date the change to May.")
    lead.click("button:has-text('Save the answer')")
    lead.wait_for_selector("text=every comment is answered")
    pages.axe(lead)
    screenshot(lead, "factual-accuracy-answers.png", height=1400)
    lead.click("#move")
    lead.wait_for_selector("#report-state:has-text('Signed off')")
    pages.axe(lead)
    lead.click("#move")
    lead.wait_for_selector("#report-state:has-text('Published')")
    pages.axe(lead)
    inspection.refresh_from_db()
    assert inspection.stage == "published"
    comment = ReportComment.objects.get()
    assert comment.answer == "not-accepted"
    assert ReportVersion.objects.get(inspection=inspection).state == ReportState.PUBLISHED

    # The provider's reader reads the published report from their list.
    reader.goto("/")
    reader.click(f"a:has-text('{PROVIDER}')")
    pages.axe(reader)
    reader.click("text=Inspection report")
    reader.wait_for_selector("#report-status")
    pages.axe(reader)
    assert "published" in reader.inner_text("#report-status")
    assert "We thank the staff of Whole Journey CRC" in reader.inner_text("main")
    assert len(pages.checked) > 60
