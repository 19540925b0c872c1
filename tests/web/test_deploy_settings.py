"""Deployment settings: the demo secret key only on loopback, the TLS proxy header from the
environment, and what the app writes (database, var/, evidence) readable by its owner only.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.evidence import store_document
from probation_inspection.web.security import (
    DEMO_SECRET_KEY,
    private_file,
    private_folder,
    proxy_ssl_header,
    secret_key,
)

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The common umask 022, under which a plain open() makes files world-readable."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def run_django(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Python with the project's settings in a fresh process, under umask 022."""
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "PROBATION_INSPECTION_"))}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**base, "DJANGO_SETTINGS_MODULE": "probation_inspection.web.settings",
             **environment},
        preexec_fn=lambda: os.umask(0o022), check=False,
    )


# The secret key rule ---------------------------------------------------------------------

@pytest.mark.parametrize("hosts", [["127.0.0.1", "localhost"], ["::1"], ["[::1]", "LOCALHOST"]])
def test_the_demo_key_is_used_when_every_allowed_host_is_loopback(hosts: list[str]) -> None:
    assert secret_key({}, hosts, secure=False) == DEMO_SECRET_KEY


@pytest.mark.parametrize("hosts", [["inspection.example.gov.uk"], ["localhost", "10.0.0.5"],
                                   ["*"], ["0.0.0.0"]])
def test_without_a_key_any_other_host_is_refused_naming_the_variable(hosts: list[str]) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set") as refused:
        secret_key({}, hosts, secure=False)
    assert "DJANGO_ALLOWED_HOSTS names" in str(refused.value)
    assert hosts[-1] in str(refused.value)


def test_without_a_key_tls_is_refused_even_on_loopback() -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECURE is on"):
        secret_key({}, ["localhost"], secure=True)


def test_a_configured_key_is_used_wherever_the_app_runs() -> None:
    key = "k" * 60
    assert secret_key({"DJANGO_SECRET_KEY": f" {key} "}, ["*"], secure=True) == key


def test_the_app_refuses_to_start_off_loopback_without_a_key() -> None:
    result = run_django("import django; django.setup()",
                        {"DJANGO_ALLOWED_HOSTS": "inspection.example.gov.uk"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr
    assert "inspection.example.gov.uk" in result.stderr


def test_check_deploy_flags_the_demo_key_when_it_is_in_use(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, capture_output=True,
        text=True, timeout=120, check=False,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
             "PROBATION_INSPECTION_VAR": str(tmp_path / "var")},
    )
    assert "security.W009" in result.stdout + result.stderr


# The TLS proxy header ---------------------------------------------------------------------

def test_the_proxy_header_is_read_from_the_environment() -> None:
    assert proxy_ssl_header("HTTP_X_FORWARDED_PROTO,https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header(" HTTP_X_FORWARDED_PROTO , https ") == (
        "HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None


@pytest.mark.parametrize("value", ["X-Forwarded-Proto,https", "HTTP_X_FORWARDED_PROTO",
                                   "HTTP_X_FORWARDED_PROTO,", "HTTP_X,https,http"])
def test_a_malformed_proxy_header_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECURE_PROXY_SSL_HEADER"):
        proxy_ssl_header(value)


def test_behind_the_proxy_a_forwarded_https_request_counts_as_secure(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import RequestFactory\n"
        "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(settings.SECURE_PROXY_SSL_HEADER, request.is_secure())\n"
    )
    result = run_django(code, {"DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
                               "PROBATION_INSPECTION_VAR": str(tmp_path / "var")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "True"]


def test_tls_settings_and_trusted_origins_follow_the_environment(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings as s\n"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_HSTS_PRELOAD, s.CSRF_TRUSTED_ORIGINS)\n"
    )
    common = {"DJANGO_SECRET_KEY": "k" * 60, "DJANGO_ALLOWED_HOSTS": "example.org",
              "PROBATION_INSPECTION_VAR": str(tmp_path / "var")}
    secure = run_django(code, {**common, "DJANGO_SECURE": "1"})
    assert secure.stdout.strip() == "True 31536000 True True []", secure.stderr
    narrowed = run_django(code, {**common, "DJANGO_SECURE": "1",
                                 "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "0",
                                 "DJANGO_HSTS_PRELOAD": "0",
                                 "DJANGO_CSRF_TRUSTED_ORIGINS": "https://a.example.org, "
                                                                "https://b.example.org"})
    assert narrowed.stdout.strip() == (
        "True 31536000 False False ['https://a.example.org', 'https://b.example.org']"
    ), narrowed.stderr
    plain = run_django(code, common)
    assert plain.stdout.strip() == "False 0 False False []", plain.stderr


# File modes ---------------------------------------------------------------------------

def test_the_database_and_its_wal_files_and_var_are_the_owners_only(tmp_path: Path) -> None:
    var = tmp_path / "var"
    code = (
        "import django, json, os, stat; django.setup()\n"
        "from django.conf import settings\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('create table mode_probe (x integer)')\n"
        "    cursor.execute('insert into mode_probe values (1)')\n"
        "    # the connection stays open, so the -wal and -shm files exist now\n"
        "    names = sorted(os.listdir(settings.VAR_DIR))\n"
        "    print(json.dumps({name: stat.S_IMODE(os.stat(os.path.join(settings.VAR_DIR, name))"
        ".st_mode) for name in ['.', *names]}))\n"
    )
    result = run_django(code, {"PROBATION_INSPECTION_VAR": str(var)})
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout)
    database = "probation-inspection.sqlite3"
    assert {database, f"{database}-wal", f"{database}-shm", "static"} <= set(modes)
    assert modes["."] == 0o700
    assert modes["static"] == 0o700
    for name in (database, f"{database}-wal", f"{database}-shm"):
        assert modes[name] == 0o600, f"{name} is {oct(modes[name])}"


def test_an_existing_world_readable_var_and_database_are_tightened(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    database = var / "probation-inspection.sqlite3"
    database.touch()
    database.chmod(0o644)
    result = run_django("import django; django.setup()", {"PROBATION_INSPECTION_VAR": str(var)})
    assert result.returncode == 0, result.stderr
    assert _mode(var) == 0o700
    assert _mode(database) == 0o600


def test_private_file_and_folder_under_an_open_umask(tmp_path: Path, open_umask: None) -> None:
    folder = private_folder(tmp_path / "a")
    file = private_file(folder / "b")
    assert (_mode(folder), _mode(file)) == (0o700, 0o600)
    assert file.read_bytes() == b""
    file.write_bytes(b"kept")
    private_file(file)  # again: the content stays, the mode too
    assert file.read_bytes() == b"kept"


@pytest.mark.django_db
def test_an_uploaded_evidence_document_and_its_folder_are_the_owners_only(
    inspection: Inspection, users: dict[str, Any], settings: Any, tmp_path: Path,
    open_umask: None,
) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    document = store_document(inspection, users["lead"], framework, title="Plan",
                              document_type="other", file_name="plan.pdf",
                              content=b"%PDF-1.4 plan", standards=[])
    stored = tmp_path / "evidence" / document.stored_name
    assert stored.read_bytes() == b"%PDF-1.4 plan"
    assert _mode(stored) == 0o600
    assert _mode(tmp_path / "evidence") == 0o700


def test_django_storage_writes_with_the_same_modes() -> None:
    from django.conf import settings

    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700
