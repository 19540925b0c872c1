"""Every URL pattern answers with the Content-Security-Policy, Permissions-Policy and
Cache-Control: no-store, whoever asks and whatever the status; static files stay cacheable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from helpers import PASSWORD
from probation_inspection.demo import wales as demo_wales
from probation_inspection.reporting import build_report, render_html
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Every route the project serves, as a path template ("inspections/<int:pk>/")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def sample_path(template: str, pk: int) -> str:
    """A concrete path for a route: integers become the inspection's key, strings a word."""
    def value(match: re.Match[str]) -> str:
        return str(pk) if match.group(1) == "int" else "x"

    path = _CONVERTER.sub(value, template)
    # The admin's two regular-expression routes: the first app label, and any catch-all.
    path = re.sub(r"\(\?P<app_label>(\w+)[^)]*\)", r"\1", path)
    path = path.replace("(?P<url>.*)", "anything").replace("^", "").replace("$", "")
    return "/" + path


def assert_secure_headers(response: Any, where: str) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives.get("default-src") == ["'self'"], where
    assert directives.get("script-src") == ["'self'"], where
    assert directives.get("object-src") == ["'none'"], where
    assert directives.get("base-uri") == ["'self'"], where
    assert directives.get("frame-ancestors") == ["'none'"], where
    assert directives.get("form-action") == ["'self'"], where
    assert directives.get("style-src") == ["'self'"], where
    assert "'unsafe-inline'" not in policy, where
    assert "'unsafe-eval'" not in policy, where
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in permissions, where
    assert "no-store" in response.headers.get("Cache-Control", ""), where


@pytest.fixture
def lead_client(inspection: Inspection, users: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(users["lead"])
    return client


@pytest.fixture
def admin_client_(db: None) -> Client:
    root = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(root)
    return client


def test_the_walk_covers_the_service_and_the_admin() -> None:
    templates = list(url_patterns())
    assert len(templates) > 40
    assert "inspections/<int:pk>/report/" in templates
    assert "account/sign-in/" in templates
    assert any(template.startswith("admin/") for template in templates)


@pytest.mark.slow
def test_every_url_pattern_carries_the_security_headers(
    inspection: Inspection, lead_client: Client, admin_client_: Client
) -> None:
    statuses = []
    for template in url_patterns():
        path = sample_path(template, inspection.pk)
        for who, client in (("anonymous", Client()), ("lead", lead_client),
                            ("admin", admin_client_)):
            response = client.get(path)
            statuses.append(response.status_code)
            assert_secure_headers(response, f"GET {path} as {who} ({response.status_code})")
        response = lead_client.post(path, {})
        assert_secure_headers(response, f"POST {path} as lead ({response.status_code})")
    # The walk reached real pages, not only redirects to sign in.
    assert statuses.count(200) > 20


def test_a_page_of_case_data_is_not_stored_by_any_cache(
    inspection: Inspection, lead_client: Client
) -> None:
    response = lead_client.get(f"/inspections/{inspection.pk}/")
    assert response.status_code == 200
    assert_secure_headers(response, "inspection page")


def test_a_static_file_stays_cacheable_and_is_not_marked_no_store() -> None:
    response = Client().get("/static/web/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_a_static_file_under_assets_stays_cacheable_too() -> None:
    response = Client().get("/assets/images/govuk-crest.svg")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_an_answer_made_before_the_views_carries_the_headers_too(lead_client: Client) -> None:
    # The request-size middleware answers 413 before the body is read or any view runs.
    response = lead_client.post("/comparisons/import/", data=b"x", content_type="text/plain",
                                CONTENT_LENGTH=str(10 * 1024 * 1024 * 1024))
    assert response.status_code == 413
    assert_secure_headers(response, "413 for an oversized request")


def test_no_page_template_carries_inline_script() -> None:
    from pathlib import Path

    import probation_inspection.web as web

    inline = []
    for template in Path(web.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        inline += [f"{template.name}: {tag}" for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>",
                                                                    text)]
        inline += [f"{template.name}: {handler}"
                   for handler in re.findall(r"\son[a-z]+\s*=", text)]
        inline += [f"{template.name}: {style}" for style in re.findall(r"\sstyle=\"", text)]
    assert inline == []


def test_the_report_page_carries_no_inline_style_for_its_charts() -> None:
    # The report page embeds the core's <main>, charts included (reports.views._body).
    html = render_html(build_report(demo_wales.inspection()))
    main = html[html.index("<main"):]
    assert main.count("<svg") > 0
    assert "<style" not in main
    assert not re.search(r"\sstyle=", main)
