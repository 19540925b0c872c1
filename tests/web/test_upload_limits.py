"""Request bodies over the upload limit are refused before they are read; limits from settings.

Uploads stream to temporary files above FILE_UPLOAD_MAX_MEMORY_SIZE, never the request's memory.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

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
