"""Browser-test fixtures: Debian's Chromium driven by Playwright against the live server,
with axe-core injected to check each page. A missing Chromium fails the tests; never skips.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPOSITORY / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-setup` (Debian's chromium)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which Django takes for async
    # code; the ORM calls the tests make between browser steps are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Pages:
    """Opens signed-in browser pages and checks each page it lands on with axe-core."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.checked: list[str] = []
        self.contexts: list[Any] = []

    def new(self) -> Any:
        context = self.browser.new_context(base_url=self.base_url,
                                           viewport={"width": 1200, "height": 900})
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def sign_in(self, username: str, password: str) -> Any:
        page = self.new()
        page.goto("/account/sign-in/")
        self.axe(page)
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button:has-text('Sign in')")
        page.wait_for_url("**/")
        self.axe(page)
        return page

    def axe(self, page: Any) -> None:
        """No serious or critical accessibility violation on the page as it stands."""
        # Evaluated through the DevTools protocol, not added as a <script>: the service's
        # Content-Security-Policy refuses inline script, and must not be loosened for a test.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} - "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, f"accessibility violations on {page.url}:\n" + "\n".join(serious)
        self.checked.append(page.url)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture(autouse=True)
def _jobs_run_in_the_request(settings: Any) -> None:
    # Background jobs run inside the request that starts them (the live server's thread);
    # tests/browser/test_jobs.py runs the worker's loop itself to see a job in progress.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def pages(browser: Any, live_server: Any) -> Iterator[Pages]:
    opened = Pages(browser, live_server.url)
    yield opened
    opened.close()


def screenshot(page: Any, name: str, top: float = 0, height: float = 2200) -> None:
    """Refresh the screenshots in docs/ only when asked, so test runs leave the tree clean."""
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True,
                        clip={"x": 0, "y": top, "width": 1200, "height": height})


@pytest.fixture
def wales(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    """The Wales demo stored and published, as `make run` loads it (demo users' passwords)."""
    from probation_inspection.web.reports.wales import load_wales

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    inspection, _ = load_wales()
    return inspection


def sign_in(pages: Pages, username: str) -> Any:
    """A page signed in as the demo user ``username`` with its demo password."""
    from probation_inspection.web.demo import USERS

    return pages.sign_in(username, {demo.username: demo.password for demo in USERS}[username])
