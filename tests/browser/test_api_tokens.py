"""API tokens in a real browser: a user makes a token (after the form's errors), copies it from
the page, calls the API with it, and revokes it; the API reference page is read under the
Content-Security-Policy. axe on every page (issue 15)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.contrib.auth import get_user_model

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def analyst(transactional_db: None, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("analyst", password=PASSWORD)


def test_make_use_and_revoke_a_token(pages: Pages, analyst: Any) -> None:
    page = pages.sign_in("analyst", PASSWORD)
    page.goto("/account/api-tokens/")
    page.wait_for_selector("h1:has-text('API tokens')")
    assert page.locator("#no-tokens").count() == 1
    pages.axe(page)

    page.click("button:has-text('Make token')")
    page.wait_for_selector(".govuk-error-summary")
    assert "Enter a name for the token" in page.inner_text(".govuk-error-summary")
    pages.axe(page)

    page.fill("#name", "Analysts' notebook")
    page.check("#scope")
    page.select_option("#expires", "30")
    page.click("button:has-text('Make token')")
    page.wait_for_selector("#new-token")
    pages.axe(page)
    token = page.inner_text("#token-text").strip()
    assert token.startswith("pit_")

    api = httpx.Client(base_url=pages.base_url, headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/inspections").json() == []

    # Shown once: reloading the list shows only its first characters.
    page.goto("/account/api-tokens/")
    assert token not in page.content() and "Analysts' notebook" in page.content()
    page.click("button:has-text('Revoke')")
    page.wait_for_selector("#no-tokens")
    pages.axe(page)
    assert api.get("/api/v1/inspections").status_code == 401


def test_the_reference_page_works_under_the_policy(pages: Pages, analyst: Any) -> None:
    page = pages.sign_in("analyst", PASSWORD)
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/api/v1/docs/")
    page.wait_for_selector("h1:has-text('Probation Inspection Platform API')")
    assert page.locator("code:has-text('PUT /api/v1/cases/{pk}/assessment')").count() == 1
    pages.axe(page)
    page.click("a:has-text('openapi.json')")
    assert "openapi" in page.content()
    assert not violations
