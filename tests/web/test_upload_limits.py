"""Request bodies over the upload limit are refused before they are read; limits from settings.

Uploads stream to temporary files above FILE_UPLOAD_MAX_MEMORY_SIZE, never the request's memory.
"""

from __future__ import annotations

import html
import time
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hostile_files import xlsx_bomb
from probation_inspection.web.casework.models import CaseList
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import DeliveryUnit, Inspection
from probation_inspection.web.limits import request_limit, untrusted_limits


class _Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the oversized body was read")

    readline = read


def test_oversized_request_is_refused_with_413_unread(users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["lead"])
    size = request_limit() + 1
    response = client.generic(
        "POST", reverse("benchmarking:import"), data=b"", content_type="multipart/form-data; "
        "boundary=x", CONTENT_LENGTH=str(size), **{"wsgi.input": _Unreadable()})
    assert response.status_code == 413
    body = response.content.decode()
    assert "There is a problem" in body
    assert "more than the 51 MB a request may carry. Nothing was uploaded" in body


def test_limits_come_from_settings(settings: Any) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {"case_list_rows": 10, "memory_mib": 300}
    limits = untrusted_limits()
    assert (limits.case_list_rows, limits.memory_mib) == (10, 300)
    settings.UNTRUSTED_FILE_LIMITS = {"case_list_row": 10}
    with pytest.raises(ValueError, match="unknown limits"):
        untrusted_limits()


def test_request_limit_setting_overrides_the_largest_file_limit(settings: Any) -> None:
    settings.UPLOAD_REQUEST_MAX_BYTES = 5000
    assert request_limit() == 5000


def test_uploads_stream_to_temporary_files() -> None:
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert request_limit() < 100 * 1024 * 1024


# Case lists ------------------------------------------------------------------------------

def _lead(users: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(users["lead"])
    return client


def _upload(client: Client, inspection: Inspection, content: bytes, name: str) -> Any:
    return client.post(
        reverse("casework:upload", args=[inspection.pk, "case-supervision"]),
        {"case_list": SimpleUploadedFile(name, content)},
    )


def _page_says(response: Any, *texts: str) -> None:
    body = html.unescape(response.content.decode())
    for text in texts:
        assert text in body, text


def test_case_list_with_carriage_return_line_ends_is_read(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    content = case_list_csv(inspection.fieldwork_start, 40, seed=5).replace(b"\r\n", b"\n")
    response = _upload(_lead(users), inspection, content.replace(b"\n", b"\r"), "mac.csv")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CaseList.objects.get().row_count == 40


def test_case_list_with_a_header_and_no_rows_is_a_clear_error(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    header = case_list_csv(inspection.fieldwork_start, 1, seed=5).splitlines()[0] + b"\n"
    response = _upload(_lead(users), inspection, header, "empty.csv")
    assert response.status_code == 400
    _page_says(response, "the case list has a header but no cases")
    assert not CaseList.objects.exists()


def test_a_nul_character_in_a_header_is_a_clear_error_and_stores_nothing(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    # On PostgreSQL the header once reached a JSON column and failed with a 500.
    content = case_list_csv(inspection.fieldwork_start, 5, seed=5).replace(b"CRN", b"C\x00RN", 1)
    response = _upload(_lead(users), inspection, content, "nul.csv")
    assert response.status_code == 400
    _page_says(response, "the header contains a NUL character")
    assert not CaseList.objects.exists()


def test_delivery_unit_over_200_characters_is_refused_at_upload(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    long_unit = "North " * 40  # 240 characters; DeliveryUnit.name holds 200
    content = case_list_csv(inspection.fieldwork_start, 30, seed=5, units=(long_unit.strip(),))
    response = _upload(_lead(users), inspection, content, "long.csv")
    assert response.status_code == 400
    _page_says(response, '<td class="govuk-table__cell">LDU</td>',
               "delivery unit is 239 characters long; at most 200 are allowed")
    assert not CaseList.objects.exists()


def test_a_delivery_unit_of_exactly_200_characters_is_stored_when_drawn(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    # On PostgreSQL (scripts/test-postgres.sh) this is the column's real bound.
    unit = "U" * 200
    client = _lead(users)
    content = case_list_csv(inspection.fieldwork_start, 40, seed=5, units=(unit,))
    assert _upload(client, inspection, content, "units.csv").status_code == 302
    response = client.post(reverse("casework:draw", args=[inspection.pk, "case-supervision"]),
                           {"seed": "42", "confidence": "80", "margin": "5", "size": "6"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(DeliveryUnit.objects.values_list("name", flat=True)) == {unit}


def test_case_list_over_the_row_limit_is_refused(
    inspection: Inspection, users: dict[str, Any], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "case_list_rows": 20}
    content = case_list_csv(inspection.fieldwork_start, 21, seed=5)
    response = _upload(_lead(users), inspection, content, "many.csv")
    assert response.status_code == 400
    _page_says(response, "the case list has more than the 20-row limit for a case list")
    assert not CaseList.objects.exists()


def test_case_list_over_the_size_limit_is_refused_unread(
    inspection: Inspection, users: dict[str, Any], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "case_list_bytes": 1024}
    content = case_list_csv(inspection.fieldwork_start, 60, seed=5)
    response = _upload(_lead(users), inspection, content, "big.csv")
    assert response.status_code == 400
    _page_says(response, "big.csv: the file is larger than the 1 KB limit for a case list")
    assert not CaseList.objects.exists()


@pytest.mark.slow
def test_xlsx_bomb_is_refused_with_the_limit_named(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    started = time.monotonic()
    response = _upload(_lead(users), inspection, xlsx_bomb(), "bomb.xlsx")
    assert time.monotonic() - started < 30
    assert response.status_code == 400
    _page_says(response, "unpacks", "times over, more than the 200-times limit")
    assert not CaseList.objects.exists()


def test_a_stored_case_list_refused_at_draw_sends_the_lead_back_to_upload(
    inspection: Inspection, users: dict[str, Any], settings: Any
) -> None:
    client = _lead(users)
    content = case_list_csv(inspection.fieldwork_start, 30, seed=5)
    assert _upload(client, inspection, content, "cases.csv").status_code == 302
    # A limit lowered after the upload: the list is read again for the draw and refused.
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "case_list_rows": 5}
    draw = reverse("casework:draw", args=[inspection.pk, "case-supervision"])
    response = client.get(draw, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "casework:upload", args=[inspection.pk, "case-supervision"])
    _page_says(response, "cases.csv could not be read again: the case list has more than the "
                         "5-row limit for a case list. Upload the case list again.")
