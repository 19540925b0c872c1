"""Steps the browser tests share, so each test module says only what is its own: the team's
users, an inspection created through its form, a case list uploaded and drawn, cases
assigned, a case opened from My cases and assessed, and a one-case inspection stored directly
for tests that start part-way. Test modules import from here, never from one another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.casework.models import Answer, CaseList, Sample, SampledCase
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"
FIELDWORK = dt.date(2026, 11, 2)
FIELDWORK_END = FIELDWORK + dt.timedelta(days=18)
#: The assessment form's autosave has saved.
SAVED = "#autosave-status:has-text('Saved at')"


def users(settings: Any, people: Iterable[tuple[str, str]], *,
          manager: str | None = None) -> dict[str, Any]:
    """Users by username with the shared password, each (username, first name); ``manager``
    holds the programme manager's role (creating an inspection is theirs)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    model = get_user_model()
    made = {name: model.objects.create_user(name, password=PASSWORD, first_name=first,
                                            last_name="Tester")
            for name, first in people}
    if manager is not None:
        ProgrammeMembership.objects.create(user=made[manager],
                                           role=ProgrammeRole.PROGRAMME_MANAGER)
    return made


def create_inspection(pages: Pages, provider: str, framework: str,
                      inspectors: str) -> tuple[Any, str]:
    """The lead signs in and creates the inspection on its form (fieldwork from FIELDWORK);
    their page on the new inspection, and its address."""
    lead = pages.sign_in("lead", PASSWORD)
    lead.click("text=Create an inspection")
    pages.axe(lead)
    lead.fill("#id_provider", provider)
    lead.select_option("#id_framework", framework)
    lead.fill("#id_fieldwork_start", FIELDWORK.isoformat())
    lead.fill("#id_fieldwork_end", FIELDWORK_END.isoformat())
    lead.fill("#id_lead", "lead")
    lead.fill("#id_inspectors", inspectors)
    lead.click("button:has-text('Create inspection')")
    lead.wait_for_selector(f"h1:has-text('{provider}')")
    pages.axe(lead)
    return lead, lead.url


def upload_and_draw(pages: Pages, lead: Any, case_list: Path, size: int, seed: int) -> None:
    """On the upload page: upload the case list, then draw the sample from it."""
    lead.set_input_files("#case_list", str(case_list))
    lead.click("button:has-text('Upload and check')")
    lead.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(lead)
    lead.fill("#size", str(size))
    lead.fill("#seed", str(seed))
    lead.click("button:has-text('Draw the sample')")
    lead.wait_for_selector("#methodology")
    pages.axe(lead)


def assign_first(pages: Pages, lead: Any, cases: int, user: Any) -> None:
    """On the sample page: the first ``cases`` cases assigned to ``user``."""
    selects = lead.locator("#cases select")
    for index in range(cases):
        selects.nth(index).select_option(str(user.pk))
    lead.click("button:has-text('Save assignments')")
    lead.wait_for_selector(f"text={cases} case{'s' if cases != 1 else ''} assigned")
    pages.axe(lead)


def open_case(pages: Pages, page: Any, reference: str) -> None:
    """The case opened from My cases."""
    page.goto("/my-cases/")
    pages.axe(page)
    page.click(f"a:has-text('{reference}')")
    page.wait_for_selector(f"h1:has-text('Case {reference}')")
    pages.axe(page)


def assess(pages: Pages, page: Any, rosh: bool, judgement: str) -> None:
    """On the open case: no to every case question (yes to RoSH issues if ``rosh``), save,
    then yes to every question shown, ``judgement`` to every judgement, and submit."""
    for radio in page.locator("input[name^='attribute-'][value='false']").all():
        radio.check()
    if rosh:
        page.check("#attribute-rosh_issues")
    page.click("button:has-text('Save draft')")
    page.wait_for_selector("text=Draft saved")
    pages.axe(page)
    for radio in page.locator("input[name^='answer-'][value='yes']").all():
        radio.check()
    for radio in page.locator(f".app-judgement input[value='{judgement}']").all():
        radio.check()
    page.click("button:has-text('Submit assessment')")
    page.wait_for_selector("text=submitted")


def stored(case: SampledCase, question: str) -> str:
    """The stored answer to ``question`` in the case's assessment."""
    return str(Answer.objects.get(assessment__sampled_case=case, question_id=question).value)


def two_device_conflict(pages: Pages, case: SampledCase) -> tuple[Any, Any]:
    """The case's inspector has it open twice: "theirs" saves yes to 2.1.1, then "mine",
    stale, says no to 2.1.1 and 2.1.2. Autosave keeps 2.1.2, which nobody else changed, and
    offers the choice for 2.1.1; mine opens the comparison. The two pages, (mine, theirs)."""
    person = case.assigned_to.username
    mine = pages.sign_in(person, PASSWORD)
    mine.goto(f"/cases/{case.pk}/")
    mine.wait_for_selector("#assessment-form")
    theirs = pages.sign_in(person, PASSWORD)
    theirs.goto(f"/cases/{case.pk}/")
    theirs.check("#answer-2-1-1")
    theirs.wait_for_selector(SAVED, timeout=20_000)
    mine.check("#answer-2-1-1-no")
    mine.check("#answer-2-1-2-no")
    mine.wait_for_selector("#autosave-status button:has-text('Compare and choose')",
                           timeout=20_000)
    pages.axe(mine)
    assert stored(case, "2.1.2") == "no" and stored(case, "2.1.1") == "yes"
    mine.click("#autosave-status button:has-text('Compare and choose')")
    mine.wait_for_selector("#conflicts")
    pages.axe(mine)
    return mine, theirs


def keep_mine(pages: Pages, mine: Any, case: SampledCase) -> None:
    """On the comparison: my answer to 2.1.1 chosen and saved; both of mine stand."""
    mine.check("#choose-answer-2-1-1-mine")
    mine.click(".app-save-bar button:has-text('Save draft')")
    mine.wait_for_selector("text=Draft saved")
    pages.axe(mine)
    assert stored(case, "2.1.1") == "no" and stored(case, "2.1.2") == "no"


def one_case_inspection(provider: str, stage: str, lead: Any, *,
                        inspector: Any = None) -> tuple[Inspection, SampledCase]:
    """A CRC inspection at ``stage`` stored directly: ``lead`` its lead (and ``inspector``
    on its team, if given), a drawn case supervision sample of one case, CS1, assigned to the
    inspector, else the lead."""
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name=provider), framework_id="hmip-crc-2018",
        framework_version="2018.1", fieldwork_start=FIELDWORK, fieldwork_end=FIELDWORK_END,
        stage=stage, created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")
    if inspector is not None:
        TeamMember.objects.create(inspection=inspection, user=inspector, role="inspector")
    case_list = CaseList.objects.create(inspection=inspection, sample_type="case-supervision",
                                        filename="cases.csv", row_count=0, content=b"")
    sample = Sample.objects.create(inspection=inspection, sample_type="case-supervision",
                                   case_list=case_list, seed=1, eligible=10, size=1,
                                   fieldwork_start=inspection.fieldwork_start, methodology="-")
    case = SampledCase.objects.create(sample=sample, case_reference="CS1", attributes={},
                                      status="sampled", assigned_to=inspector or lead)
    return inspection, case
