"""The framework library page: shipped and published frameworks listed; a programme manager
uploads a framework file, sees every problem with its line, and publishes an immutable
version new inspections can choose (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.framework.library import library_directory
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.frameworks import framework
from probation_inspection.web.inspections.models import (
    FrameworkVersion,
    ImmutableFrameworkVersion,
    Inspection,
)

pytestmark = pytest.mark.django_db

LIBRARY = reverse("inspections:frameworks")
UPLOAD = reverse("inspections:framework-upload")
CRC = (library_directory() / "hmip-crc-2018.yaml").read_text(encoding="utf-8")


def own_framework(version: str = "1", title: str = "Our own casework audit") -> str:
    """The CRC framework as a provider's own: its own id, version and title."""
    lines = []
    for line in CRC.splitlines(keepends=True):
        if line.startswith("id: "):
            line = "id: our-own-audit\n"
        elif line.startswith("version: "):
            line = f'version: "{version}"\n'
        elif line.startswith("title: "):
            line = f"title: {title}\n"
        lines.append(line)
    return "".join(lines)


def upload(client: Client, text: str | bytes, name: str = "ours.yaml") -> Any:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(UPLOAD, {"framework_file": SimpleUploadedFile(name, content)})


@pytest.fixture
def manager(users: dict[str, Any]) -> Client:
    ProgrammeMembership.objects.create(user=users["other"],
                                       role=ProgrammeRole.PROGRAMME_MANAGER)
    return signed_in(users["other"])


def test_the_library_lists_each_shipped_framework_with_its_standards(
    users: dict[str, Any],
) -> None:
    page = signed_in(users["inspector"]).get(LIBRARY)
    assert page.status_code == 200
    body = page.content.decode()
    assert "hmip-crc-2018" in body and "2018.1" in body and "hmip-tr-ei5-2016" in body
    assert "Maximum score" in body and ">30<" in body
    assert "1.1 Leadership" in body and "Judgement" in body
    assert "Case data: its lowest key question" in body
    # Only a programme manager is offered the upload.
    assert UPLOAD not in body


def test_a_good_file_is_published_audited_and_offered_to_new_inspections(
    manager: Client, users: dict[str, Any],
) -> None:
    assert UPLOAD in manager.get(LIBRARY).content.decode()
    response = upload(manager, own_framework())
    assert response.status_code == 302 and response["Location"] == LIBRARY
    row = FrameworkVersion.objects.get()
    assert (row.framework_id, row.version, row.title) == ("our-own-audit", "1",
                                                          "Our own casework audit")
    assert row.text == own_framework() and len(row.sha256) == 64
    assert row.published_by == users["other"]
    event = AuditEvent.objects.get(action="framework-published")
    assert event.inspection is None and event.target == "our-own-audit 1"
    library = manager.get(LIBRARY).content.decode()
    assert "Our own casework audit" in library and "Published" in library
    # New inspections may choose it, and the web app loads it like a shipped one.
    create = manager.get(reverse("inspections:create")).content.decode()
    assert 'value="our-own-audit@1"' in create
    response = manager.post(reverse("inspections:create"), {
        "provider": "A provider's own audit", "framework": "our-own-audit@1",
        "fieldwork_start": "2026-11-02", "fieldwork_end": "2026-11-20", "lead": "lead"})
    assert response.status_code == 302
    inspection = Inspection.objects.get(provider__name="A provider's own audit")
    assert (inspection.framework_id, inspection.framework_version) == ("our-own-audit", "1")
    assert framework("our-own-audit", "1").title == "Our own casework audit"
    detail = signed_in(users["lead"]).get(reverse("inspections:detail", args=[inspection.pk]))
    assert detail.status_code == 200


def test_a_broken_file_shows_every_problem_with_its_line_and_publishes_nothing(
    manager: Client,
) -> None:
    text = own_framework().replace("title: Our own casework audit\n",
                                   "title: Our own casework audit\ncolour: blue\n")
    line = text.splitlines().index("colour: blue") + 1
    text = text.replace("rating_method: judgement", "rating_method: guesswork", 1)
    method_line = next(n for n, content in enumerate(text.splitlines(), start=1)
                       if "guesswork" in content)
    response = upload(manager, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "problems: nothing was published" in body
    assert "FW103" in body and f'<td class="govuk-table__cell">{line}</td>' in body
    assert "FW106" in body and f'<td class="govuk-table__cell">{method_line}</td>' in body
    assert not FrameworkVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="framework-published").exists()


def test_a_file_over_the_size_limit_is_refused_unread(manager: Client, settings: Any) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {"framework_bytes": 1024}
    response = upload(manager, own_framework())
    body = response.content.decode()
    assert response.status_code == 200
    assert "larger than the 1 KB limit for a framework file" in body
    assert not FrameworkVersion.objects.exists()


def test_a_nul_character_is_a_problem_with_its_line(manager: Client) -> None:
    text = own_framework().replace("title: Our own casework audit",
                                   "title: Our own\x00 casework audit")
    body = upload(manager, text).content.decode()
    assert "FW004" in body and "nothing was published" in body
    assert not FrameworkVersion.objects.exists()


def test_a_yaml_bomb_is_refused_without_being_expanded(manager: Client) -> None:
    anchors = "".join(
        f"  - &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}" if i else '"lol"'] * 9) + "]\n"
        for i in range(9))
    text = own_framework().replace("\nid: ", "\nglossary:\n" + anchors + "id: ", 1)
    body = upload(manager, text).content.decode()
    assert "nothing was published" in body
    assert not FrameworkVersion.objects.exists()


def test_text_that_is_not_utf8_is_refused(manager: Client) -> None:
    body = upload(manager, "title: caf\u00e9".encode("latin-1")).content.decode()
    assert "not UTF-8 text" in body
    assert not FrameworkVersion.objects.exists()


def test_a_published_version_never_changes_and_a_new_version_is_a_new_row(
    manager: Client,
) -> None:
    assert upload(manager, own_framework()).status_code == 302
    # The same text again changes nothing.
    assert upload(manager, own_framework()).status_code == 302
    assert FrameworkVersion.objects.count() == 1
    changed = upload(manager, own_framework(title="Our audit, reworded"))
    assert changed.status_code == 200
    assert "a published version never changes" in changed.content.decode()
    assert FrameworkVersion.objects.get().title == "Our own casework audit"
    assert upload(manager, own_framework("2", "Our audit, reworded")).status_code == 302
    assert list(FrameworkVersion.objects.values_list("version", flat=True)) == ["1", "2"]
    row = FrameworkVersion.objects.get(version="1")
    row.text = own_framework(title="Changed behind the page")
    with pytest.raises(ImmutableFrameworkVersion):
        row.save()


def test_a_shipped_id_and_version_cannot_be_replaced(manager: Client) -> None:
    response = upload(manager, CRC)
    assert response.status_code == 200
    assert "is a shipped framework and cannot be replaced" in response.content.decode()
    assert not FrameworkVersion.objects.exists()


@pytest.mark.parametrize("name", ["lead", "inspector", "reader", "outsider"])
def test_only_a_programme_manager_may_upload(users: dict[str, Any], name: str) -> None:
    client = signed_in(users[name])
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, own_framework()).status_code == 403
    assert not FrameworkVersion.objects.exists()


def test_the_data_team_may_read_the_library_but_not_upload(users: dict[str, Any]) -> None:
    ProgrammeMembership.objects.create(user=users["other"], role=ProgrammeRole.DATA_TEAM)
    client = signed_in(users["other"])
    assert client.get(LIBRARY).status_code == 200
    assert client.get(UPLOAD).status_code == 403


def test_the_library_asks_anyone_signed_out_to_sign_in() -> None:
    assert Client().get(LIBRARY).status_code == 302
    assert Client().get(UPLOAD).status_code == 302
