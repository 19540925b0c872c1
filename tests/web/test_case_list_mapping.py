"""The upload's mapping step: a column the headers do not name is chosen on the page (with
sample values), the file kept server-side for its uploader, the choice saved per provider."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import (
    CaseList,
    CaseListMappingPreset,
    PendingCaseList,
    Sample,
)
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

pytestmark = pytest.mark.django_db


def export(inspection: Inspection, header: str = "Commencement", cases: int = 150) -> bytes:
    """A realistic export whose start date column has a header the defaults do not know."""
    content = case_list_csv(inspection.fieldwork_start, cases, seed=3)
    return content.replace(b"Sentence start date", header.encode(), 1)


def url(inspection: Inspection) -> str:
    return reverse("casework:upload", args=[inspection.pk, "case-supervision"])


def upload(client: Client, inspection: Inspection, content: bytes) -> Any:
    return client.post(url(inspection), {
        "case_list": SimpleUploadedFile("export.csv", content, content_type="text/csv")})


def choose(client: Client, inspection: Inspection, **columns: str) -> Any:
    pending = PendingCaseList.objects.get(inspection=inspection)
    return client.post(url(inspection), {"pending": str(pending.pk), **columns})


def test_unknown_header_is_mapped_on_the_page_imported_drawn_and_reused_next_time(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    page = upload(client, inspection, export(inspection))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose the columns in export.csv" in text
    assert '<label class="govuk-label govuk-label--s" for="id_start_date">Sentence or licence ' \
           "start date</label>" in text
    assert '<option value="Commencement">Commencement (for example 2026-' in text
    assert "--map" not in text
    assert not CaseList.objects.exists()

    response = choose(client, inspection, start_date="Commencement")
    assert response.status_code == 302, response.content.decode()[:3000]
    case_list = CaseList.objects.get(inspection=inspection)
    assert case_list.column_map == {"start_date": "Commencement"}
    assert case_list.row_count == 150
    assert not PendingCaseList.objects.exists()
    preset = CaseListMappingPreset.objects.get(provider=inspection.provider)
    assert preset.column_map == {"start_date": "Commencement"}
    event = AuditEvent.objects.get(action="case-list-uploaded")
    assert event.after["columns"] == {"start_date": "Commencement"}

    # The stored file is read again with its columns for the draw.
    drawn = client.post(reverse("casework:draw", args=[inspection.pk, "case-supervision"]),
                        {"seed": "42", "confidence": "80", "margin": "5", "size": "6"})
    assert drawn.status_code == 302, drawn.content.decode()[:3000]
    assert Sample.objects.get(inspection=inspection).size == 6

    # The provider's next inspection: the saved columns are offered, and can be changed.
    later = Inspection.objects.create(
        provider=inspection.provider, framework_id=inspection.framework_id,
        framework_version=inspection.framework_version, fieldwork_start=dt.date(2027, 5, 3),
        fieldwork_end=dt.date(2027, 5, 21), stage="planning", created_by=users["lead"])
    TeamMember.objects.create(inspection=later, user=users["lead"], role=Role.LEAD_INSPECTOR)
    again = upload(client, later, export(later)).content.decode()
    assert "These choices are the columns saved for Cumbria and Lancashire CRC" in again
    assert '<option value="Commencement" selected>' in again
    assert "--map" not in again
    assert choose(client, later, start_date="Commencement").status_code == 302


def test_an_impossible_date_is_reported_alongside_the_missing_column(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    content = export(inspection, cases=5)
    lines = [line.rsplit(",", 1)[0] + "," for line in content.decode().splitlines()]
    lines[0] += "Release date"
    lines[2] += "2026-02-31"
    lines[3] = lines[3].replace("Male", "Robot", 1)
    client = signed_in(users["lead"])
    page = upload(client, inspection, "\n".join(lines).encode())
    text = page.content.decode()
    assert "Other problems in export.csv" in text
    assert "release date &quot;2026-02-31&quot; is not a real date" in text
    assert "unknown gender &quot;Robot&quot;" in text
    assert "--map" not in text

    # Mapped, the file is read again and every problem is named, the page kept to change it.
    lines[4] = lines[4].replace(lines[4].split(",")[4], "2026-13-01")
    PendingCaseList.objects.all().delete()
    upload(client, inspection, "\n".join(lines).encode())
    mapped = choose(client, inspection, start_date="Commencement")
    text = mapped.content.decode()
    assert mapped.status_code == 400
    assert "With these columns the case list has 3 problems" in text
    assert "sentence or licence start date &quot;2026-13-01&quot; is not a real date" in text
    assert '<option value="Commencement" selected>' in text
    assert "--map" not in text
    assert not CaseList.objects.exists()


def test_choices_must_be_the_files_own_columns_and_each_used_once(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    client = signed_in(users["lead"])
    content = export(inspection).replace(b"RoSH", b"Risk band", 1)
    upload(client, inspection, content)
    unknown = choose(client, inspection, start_date="Nope", rosh="Risk band")
    assert unknown.status_code == 400
    assert "Choose the column that holds the sentence or licence start date from the file" \
           in unknown.content.decode()
    twice = choose(client, inspection, start_date="Risk band", rosh="Risk band")
    assert twice.status_code == 400
    assert "The column Risk band is already chosen for the RoSH level; choose another" in \
           twice.content.decode()
    blank = choose(client, inspection, start_date="", rosh="Risk band")
    assert "Choose the column that holds the sentence or licence start date" in \
           blank.content.decode()
    assert not CaseList.objects.exists()
    assert choose(client, inspection, start_date="Commencement",
                  rosh="Risk band").status_code == 302


def test_the_kept_file_is_only_for_its_uploader_and_is_discarded_when_replaced_or_dropped(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    lead = signed_in(users["lead"])
    upload(lead, inspection, export(inspection))
    first = PendingCaseList.objects.get()
    TeamMember.objects.filter(inspection=inspection, user=users["other"]).update(
        role=Role.LEAD_INSPECTOR)
    other = signed_in(users["other"])
    refused = other.post(url(inspection), {"pending": str(first.pk),
                                           "start_date": "Commencement"})
    assert refused.status_code == 400
    assert "no longer waiting for its columns" in refused.content.decode()
    assert not CaseList.objects.exists()

    upload(lead, inspection, export(inspection))
    assert list(PendingCaseList.objects.values_list("pk", flat=True)) != [first.pk]
    assert PendingCaseList.objects.count() == 1
    dropped = choose(lead, inspection, discard="1")
    assert dropped.status_code == 302
    assert not PendingCaseList.objects.exists()
    assert not CaseList.objects.exists()


def test_the_mapped_read_is_still_within_the_untrusted_file_limits(
    inspection: Inspection, users: dict[str, Any], settings: Any
) -> None:
    client = signed_in(users["lead"])
    upload(client, inspection, export(inspection))
    # A limit lowered between the two steps applies to the kept file's second read.
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "case_list_rows": 20}
    refused = choose(client, inspection, start_date="Commencement")
    assert refused.status_code == 400
    assert "the case list has more than the 20-row limit for a case list" in \
           refused.content.decode()
    assert not CaseList.objects.exists()


def test_two_columns_that_could_each_be_the_start_date_are_named_and_one_is_chosen(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    content = export(inspection, header="Sentence start date").replace(
        b"RO grade", b"Start date (sentence)", 1)
    client = signed_in(users["lead"])
    page = upload(client, inspection, content).content.decode()
    assert ('The columns &quot;Sentence start date&quot; (column 5) and &quot;Start date '
            "(sentence)&quot; (column 7) could each be the sentence or licence start date; say "
            "which one to use.") in page
    assert "--map" not in page
    response = choose(client, inspection, start_date="Sentence start date")
    assert response.status_code == 302
    assert CaseList.objects.get().column_map == {"start_date": "Sentence start date"}
