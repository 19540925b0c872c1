"""The framework library in a real browser: a programme manager opens it from the menu,
uploads a broken framework file and reads its problems with their lines, then publishes a
good one and finds it in the library; the same with a workbook (XLSX), whose problems name
sheet, row and column; axe on every page (issue 12)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from probation_inspection.framework.library import library_directory
from probation_inspection.framework.loader import load_framework_file
from probation_inspection.framework.xlsx import framework_to_workbook
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.inspections.models import FrameworkVersion

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def manager(transactional_db: None, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_user("manager", password=PASSWORD)
    ProgrammeMembership.objects.create(user=user, role=ProgrammeRole.PROGRAMME_MANAGER)
    return user


def _own(tmp_path: Path, name: str, extra: str = "") -> Path:
    text = (library_directory() / "hmip-crc-2018.yaml").read_text(encoding="utf-8")
    lines = [("id: our-own-audit\n" if line.startswith("id: ") else
              'version: "1"\n' if line.startswith("version: ") else
              f"title: Our own casework audit\n{extra}" if line.startswith("title: ") else line)
             for line in text.splitlines(keepends=True)]
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_upload_a_broken_file_then_publish_a_good_one(
    pages: Pages, manager: Any, tmp_path: Path
) -> None:
    page = pages.sign_in("manager", PASSWORD)
    page.click(".govuk-service-navigation__link:has-text('Frameworks')")
    page.wait_for_selector("h1:has-text('Framework library')")
    pages.axe(page)
    assert page.locator("h2:has-text('Our own casework audit')").count() == 0

    page.click("text=Upload a framework")
    page.wait_for_selector("h1:has-text('Upload a framework')")
    pages.axe(page)
    # Nothing chosen: the error summary links to the file input.
    page.click("button:has-text('Check and publish')")
    page.wait_for_selector(".govuk-error-summary")
    pages.axe(page)

    broken = _own(tmp_path, "broken.yaml", extra="colour: blue\n")
    page.set_input_files("#framework_file", str(broken))
    page.click("button:has-text('Check and publish')")
    page.wait_for_selector("#problems")
    pages.axe(page)
    line = broken.read_text(encoding="utf-8").splitlines().index("colour: blue") + 1
    row = page.locator("#problems tbody tr", has_text="FW103")
    assert row.locator("td").first.inner_text() == str(line)
    assert not FrameworkVersion.objects.exists()

    page.set_input_files("#framework_file", str(_own(tmp_path, "ours.yaml")))
    page.click("button:has-text('Check and publish')")
    page.wait_for_selector("h1:has-text('Framework library')")
    pages.axe(page)
    assert "is published" in page.inner_text(".govuk-notification-banner")
    assert page.locator("h2:has-text('Our own casework audit')").count() == 1
    assert FrameworkVersion.objects.get().framework_id == "our-own-audit"


def _own_workbook(tmp_path: Path, name: str, edit: dict[tuple[str, str], object]) -> Path:
    data = framework_to_workbook(load_framework_file(_own(tmp_path, "source.yaml")))
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in edit.items():
        book[sheet][cell] = value
    path = tmp_path / name
    book.save(path)
    return path


def test_upload_a_broken_workbook_then_publish_a_good_one(
    pages: Pages, manager: Any, tmp_path: Path
) -> None:
    page = pages.sign_in("manager", PASSWORD)
    page.goto("/frameworks/upload/")
    page.wait_for_selector("h1:has-text('Upload a framework')")
    # Column E of the standards sheet is rating_method; row 3 is the second standard.
    broken = _own_workbook(tmp_path, "broken.xlsx", {("standards", "E3"): "guesswork"})
    page.set_input_files("#framework_file", str(broken))
    page.click("button:has-text('Check and publish')")
    page.wait_for_selector("#problems")
    pages.axe(page)
    cells = page.locator("#problems tbody tr", has_text="FW106").first.locator("td")
    assert [cells.nth(n).inner_text() for n in range(3)] == ["standards", "3",
                                                             "E (rating_method)"]
    assert not FrameworkVersion.objects.exists()

    page.set_input_files("#framework_file", str(_own_workbook(tmp_path, "ours.xlsx", {})))
    page.click("button:has-text('Check and publish')")
    page.wait_for_selector("h1:has-text('Framework library')")
    pages.axe(page)
    assert "is published" in page.inner_text(".govuk-notification-banner")
    assert page.locator("h2:has-text('Our own casework audit')").count() == 1
    row = FrameworkVersion.objects.get()
    assert (row.framework_id, row.file_name) == ("our-own-audit", "ours.xlsx")
    assert "id: our-own-audit" in row.text
