"""The framework library page takes a framework authored as an XLSX workbook (issue 12): it
is checked in the limited child process as a YAML upload is, its problems are listed by
sheet, row and column, and it is published as the framework file (YAML) it converts to."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from helpers import signed_in
from hostile_files import xlsx_bomb
from probation_inspection.framework import load_framework
from probation_inspection.framework.loader import load_framework_text
from probation_inspection.framework.serialise import framework_to_yaml
from probation_inspection.framework.xlsx import framework_to_workbook
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.frameworks import framework
from probation_inspection.web.inspections.models import FrameworkVersion

pytestmark = pytest.mark.django_db

LIBRARY = reverse("inspections:frameworks")
UPLOAD = reverse("inspections:framework-upload")


def own_workbook(edit: dict[tuple[str, str], object] | None = None) -> bytes:
    """The PDU 2023 framework as a provider's own workbook, with ``edit``'s cells changed."""
    text = framework_to_yaml(load_framework("hmip-pdu-2023"))
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("id: "):
            line = "id: our-workbook-audit\n"
        elif line.startswith("version: "):
            line = 'version: "1"\n'
        elif line.startswith("title: "):
            line = "title: Our audit from a spreadsheet\n"
        lines.append(line)
    data = framework_to_workbook(load_framework_text("".join(lines), "ours.yaml"))
    if not edit:
        return data
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in edit.items():
        book[sheet][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Client, data: bytes, name: str = "ours.xlsx") -> Any:
    return client.post(UPLOAD, {"framework_file": SimpleUploadedFile(name, data)})


@pytest.fixture
def manager(users: dict[str, Any]) -> Client:
    ProgrammeMembership.objects.create(user=users["other"],
                                       role=ProgrammeRole.PROGRAMME_MANAGER)
    return signed_in(users["other"])


def test_the_upload_page_offers_workbooks(manager: Client) -> None:
    body = manager.get(UPLOAD).content.decode()
    assert 'accept=".yaml,.yml,.xlsx"' in body and "workbook (XLSX)" in body


def test_a_good_workbook_is_published_as_the_yaml_it_converts_to(manager: Client) -> None:
    response = upload(manager, own_workbook())
    assert response.status_code == 302 and response["Location"] == LIBRARY
    row = FrameworkVersion.objects.get()
    assert (row.framework_id, row.version, row.title) == (
        "our-workbook-audit", "1", "Our audit from a spreadsheet")
    assert row.file_name == "ours.xlsx"
    # Stored as the framework file the workbook converts to, which loads as the same one.
    assert "id: our-workbook-audit\n" in row.text
    loaded = framework("our-workbook-audit", "1")
    assert framework_to_yaml(loaded) == row.text
    shipped = load_framework("hmip-pdu-2023")
    assert [s.id for s in loaded.standards()] == [s.id for s in shipped.standards()]
    assert loaded.maximum_score == shipped.maximum_score
    assert AuditEvent.objects.filter(action="framework-published",
                                     target="our-workbook-audit 1").exists()
    assert "Our audit from a spreadsheet" in manager.get(LIBRARY).content.decode()
    # The same workbook again changes nothing: its YAML is the version already published.
    again = upload(manager, own_workbook())
    assert again.status_code == 302 and FrameworkVersion.objects.count() == 1


def test_a_workbook_with_a_shipped_id_is_refused(manager: Client) -> None:
    data = framework_to_workbook(load_framework("hmip-pdu-2023"))
    body = upload(manager, data).content.decode()
    assert "is a shipped framework and cannot be replaced" in body
    assert not FrameworkVersion.objects.exists()


def test_a_broken_workbook_lists_problems_by_sheet_row_and_column(manager: Client) -> None:
    # Column E of the standards sheet is rating_method; row 3 is the second standard.
    data = own_workbook({("standards", "E3"): "guesswork",
                         ("domains", "B2"): '=UPPER("Organisational delivery")'})
    response = upload(manager, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "problems: nothing was published" in body
    assert '<th scope="col" class="govuk-table__header">Sheet</th>' in body
    cells = '<td class="govuk-table__cell">{}</td>'
    assert (cells.format("standards") + "\n      " + cells.format("3") + "\n      "
            + cells.format("E (rating_method)")) in body
    assert "FW106" in body and "guesswork" in body
    assert (cells.format("domains") + "\n      " + cells.format("2") + "\n      "
            + cells.format("B (title)")) in body and "formula" in body
    assert not FrameworkVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="framework-published").exists()


def test_a_file_that_is_not_a_workbook_is_one_problem(manager: Client) -> None:
    body = upload(manager, b"PK\x03\x04 not really a zip").content.decode()
    assert "nothing was published" in body and "FW0" in body
    assert "whole workbook" in body
    assert not FrameworkVersion.objects.exists()


def test_a_workbook_bomb_is_refused_without_being_inflated(manager: Client) -> None:
    response = upload(manager, xlsx_bomb(), "bomb.xlsx")
    assert response.status_code == 200
    body = response.content.decode()
    assert "nothing was published" in body and "FW006" in body
    assert "more than the 50 MB limit for an unpacked workbook" in body
    assert not FrameworkVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="framework-published").exists()
