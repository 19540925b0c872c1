"""Security headers on every response the application makes (not the static files WhiteNoise
serves before it): Content-Security-Policy, Permissions-Policy and Cache-Control: no-store;
and the deployment rules settings.py reads: the secret key, the TLS proxy header, file modes.

Owns the policy text and those rules; settings.MIDDLEWARE puts the middleware near the top.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseFileResponse

#: Scripts and styles only from this site (the GOV.UK Frontend bundle, web/static/); nothing
#: inline at all, so no 'unsafe-inline', no hash and no nonce. The service's templates carry
#: no <script> without src, no on...= handler and no style attribute (a test walks them), and
#: the report's SVG charts are written with presentation attributes instead of inline style
#: (reporting.html.strict_svg).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
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
        static = isinstance(response, WhiteNoiseFileResponse)  # untyped: keep response's type
        if static:
            # A static file (stylesheet, script, font): public, the same for everyone, and
            # cacheable for as long as WhiteNoise says; no page of case data.
            return response
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        patch_cache_control(response, no_store=True)
        return response


#: Host names that reach only this computer: the demo's address, never a deployment's.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
#: The demo's key. "django-insecure-" makes ``check --deploy`` warn (security.W009) if it is
#: ever in use, and ``secret_key`` refuses it anywhere but loopback.
DEMO_SECRET_KEY = "django-insecure-loopback-demo-only-set-DJANGO_SECRET_KEY-for-any-deployment"


def secret_key(environ: Mapping[str, str], allowed_hosts: Sequence[str], secure: bool) -> str:
    """DJANGO_SECRET_KEY, or the demo key when the app can only be reached from this computer.

    The rule: with no DJANGO_SECRET_KEY the app starts only if every DJANGO_ALLOWED_HOSTS
    entry is a loopback name (localhost, 127.0.0.1, ::1) and DJANGO_SECURE is off. Anything
    else is a deployment, where a key known to everyone would let anyone forge sessions,
    password-reset links and signed values.
    """
    configured = environ.get("DJANGO_SECRET_KEY", "").strip()
    if configured:
        return configured
    outside = [host for host in allowed_hosts if host.lower() not in LOOPBACK_HOSTS]
    if outside or secure:
        reason = (f"DJANGO_ALLOWED_HOSTS names {', '.join(outside)}" if outside
                  else "DJANGO_SECURE is on")
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is not set, and {reason}: the built-in key is only for the "
            "demo on this computer (every allowed host a loopback name and DJANGO_SECURE off). "
            "Set DJANGO_SECRET_KEY to a long random value, e.g. the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    return DEMO_SECRET_KEY


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from DJANGO_SECURE_PROXY_SSL_HEADER, e.g.
    ``HTTP_X_FORWARDED_PROTO,https``; None when it is unset or empty.

    Only set it behind a proxy that always sets (and so overwrites) that header: otherwise a
    client could claim HTTPS over plain HTTP.
    """
    if not value.strip():
        return None
    header, _, secure_value = (part.strip() for part in value.partition(","))
    if not header.startswith("HTTP_") or not secure_value or "," in secure_value:
        raise ImproperlyConfigured(
            f"DJANGO_SECURE_PROXY_SSL_HEADER is {value!r}: it must be the header as Django "
            "sees it and the value that means HTTPS, separated by a comma, e.g. "
            "HTTP_X_FORWARDED_PROTO,https"
        )
    return header, secure_value


#: Modes for what the app writes itself: case data, evidence and keys are its owner's only.
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def _owned(path: Path) -> bool:
    return path.stat().st_uid == os.geteuid()


def private_folder(path: Path) -> Path:
    """Create ``path`` readable by its owner only; tighten it if it exists and is ours."""
    path.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if _owned(path) and path.stat().st_mode & 0o777 != PRIVATE_FOLDER_MODE:
        path.chmod(PRIVATE_FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and readable by its owner only (or tighten it if it is ours).

    For the SQLite database: SQLite gives its -wal, -shm and -journal files the mode of the
    database file, so a database created 0600 keeps every companion file 0600 too.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        if _owned(path) and path.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
            path.chmod(PRIVATE_FILE_MODE)
    return path
