"""docs/deployment.md tells the truth: its production environment passes
``check --deploy --fail-level WARNING``, and its nginx body cap is the app's own request limit.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import subprocess
import sys
from pathlib import Path

from probation_inspection.web.limits import request_limit

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deployment.md"
ENVIRONMENT_FILE = "# /etc/probation-inspection/environment"


def documented_environment() -> dict[str, str]:
    """The KEY=VALUE lines of the page's environment file, exactly as written."""
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    [block] = [block for block in blocks if block.startswith(ENVIRONMENT_FILE)]
    environment = {}
    for line in block.splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            environment[name] = value
    return environment


def production_environment(var: Path) -> dict[str, str]:
    """The documented environment with each <placeholder> given a random value and the var
    folder moved somewhere this test may write; nothing else of the machine's environment."""
    environment = {
        name: re.sub(r"<[^>]+>", lambda _: secrets.token_urlsafe(50), value)
        for name, value in documented_environment().items()
    }
    environment["PROBATION_INSPECTION_VAR"] = str(var)
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(var), **environment}


def manage(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=180, check=False)


def test_the_page_gives_every_variable_a_deployment_needs() -> None:
    environment = documented_environment()
    assert {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SECURE",
            "DJANGO_SECURE_PROXY_SSL_HEADER", "DATABASE_URL", "PROBATION_INSPECTION_VAR",
            "PSEUDONYM_KEY"} <= set(environment)
    assert environment["DATABASE_URL"].startswith("postgres://")
    # Every variable it gives is one the app reads.
    sources = "".join(
        (ROOT / "src" / "probation_inspection" / "web" / path).read_text(encoding="utf-8")
        for path in ("settings.py", "security.py", "reports/keys.py")
    )
    for name in environment:
        assert f'"{name}"' in sources, name


def test_the_documented_production_environment_passes_check_deploy(tmp_path: Path) -> None:
    result = manage(["check", "--deploy", "--fail-level", "WARNING"],
                    production_environment(tmp_path / "var"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # With PostgreSQL the var folder (evidence, pseudonym key) is still the owner's only.
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700


def test_the_same_environment_without_the_secret_key_does_not_start(tmp_path: Path) -> None:
    environment = production_environment(tmp_path / "var")
    del environment["DJANGO_SECRET_KEY"]
    result = manage(["check", "--deploy"], environment)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_nginx_caps_the_body_at_the_apps_own_request_limit() -> None:
    text = DOC.read_text(encoding="utf-8")
    [size] = re.findall(r"client_max_body_size\s+(\d+)m;", text)
    assert int(size) * 1024 * 1024 == request_limit()


def test_the_documented_gunicorn_target_is_the_projects_wsgi_application() -> None:
    text = DOC.read_text(encoding="utf-8")
    [target] = re.findall(r"gunicorn (\S+):application", text)
    assert target == "probation_inspection.web.wsgi"
    assert (ROOT / "src" / "probation_inspection" / "web" / "wsgi.py").is_file()
