"""Security headers on every response the application makes (not the static files WhiteNoise
serves before it): Content-Security-Policy, Permissions-Policy and Cache-Control: no-store.

Owns the policy text; settings.MIDDLEWARE puts the middleware just after WhiteNoise.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

#: The one inline stylesheet a page may carry: the rule matplotlib writes at the top of every
#: SVG chart (backend_svg), allowed by its hash rather than by 'unsafe-inline'.
#: tests/web/test_security_headers.py checks a freshly drawn chart carries no other.
CHART_STYLESHEETS = ("*{stroke-linejoin: round; stroke-linecap: butt}",)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_CHART_HASHES = " ".join(_hash(text) for text in CHART_STYLESHEETS)

#: Scripts only from this site (the GOV.UK Frontend bundle and web/static/web/*.js); no inline
#: script exists, so none is allowed and no nonce is needed. Style attributes are allowed
#: (style-src-attr) because matplotlib's SVG charts colour every bar and label with one; an
#: attribute cannot hold a selector, so it cannot read the page, and users cannot write one
#: (narrative Markdown has raw HTML switched off). <style> elements are limited to the
#: charts' hashed rule. Browsers without style-src-elem/-attr fall back to style-src, which
#: still admits the charts' rule and loses only the chart colours.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    f"style-src 'self' {_CHART_HASHES}",
    f"style-src-elem 'self' {_CHART_HASHES}",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])

#: Powerful browser features the service never uses, switched off for it and anything it
#: might embed.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb",
))


class SecurityHeadersMiddleware:
    """Adds the policy headers; ``Cache-Control: no-store`` because every page of the service
    (and every download) may show case or inspection data that must not stay in a shared or
    browser cache after sign-out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        patch_cache_control(response, no_store=True)
        return response
