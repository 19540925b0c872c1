"""Django settings for the web application, read from the environment with safe defaults.

SQLite in ``var/`` (WAL) unless ``DATABASE_URL`` names another database (PostgreSQL).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from probation_inspection.web.security import (
    PRIVATE_FILE_MODE,
    PRIVATE_FOLDER_MODE,
    private_file,
    private_folder,
    proxy_ssl_header,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
#: The repository root (``src/probation_inspection/web`` is three levels below it).
BASE_DIR = PACKAGE_DIR.parents[2]
VAR_DIR = Path(os.environ.get("PROBATION_INSPECTION_VAR", BASE_DIR / "var"))
NODE_MODULES = BASE_DIR / "node_modules"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
# The built-in key only for the loopback demo; anything else without DJANGO_SECRET_KEY stops
# here with ImproperlyConfigured (the rule is security.secret_key's).
SECRET_KEY = secret_key(os.environ, ALLOWED_HOSTS, _flag("DJANGO_SECURE", False))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "probation_inspection.web.accounts",
    "probation_inspection.web.audit",
    "probation_inspection.web.inspections",
    "django_tasks",
    "django_tasks_db",
    "probation_inspection.web.jobs",
    "probation_inspection.web.casework",
    "probation_inspection.web.quality",
    "probation_inspection.web.reports",
    "probation_inspection.web.benchmarking",
    "probation_inspection.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer early (the 413 below, error pages), so every answer
    # of the app gets the Content-Security-Policy, Permissions-Policy and Cache-Control:
    # no-store; WhiteNoise's static files are recognised and left cacheable.
    "probation_inspection.web.security.SecurityHeadersMiddleware",
    # Refuses an oversized request body before anything reads it.
    "probation_inspection.web.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audits every API call signed with a personal token, once the call is answered.
    "probation_inspection.web.api.middleware.ApiAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "probation_inspection.web.urls"
WSGI_APPLICATION = "probation_inspection.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Words for stored values, in every template (`web.labels`).
            "builtins": ["probation_inspection.web.labels"],
        },
    },
]


def database_settings(url: str, var_dir: Path) -> dict[str, dict[str, object]]:
    """PostgreSQL (or any database) from a URL; otherwise SQLite in ``var_dir``."""
    if url.strip():
        # Persistent connections: a PostgreSQL connection costs a server process and a
        # round of authentication, too much to pay on every save; each gunicorn thread keeps
        # its own (size max_connections for instances x workers x threads, plus the job
        # workers). Checked before reuse, so one a database restart dropped fails no request.
        return {"default": dict(dj_database_url.parse(
            url.strip(),
            conn_max_age=int(os.environ.get("PROBATION_INSPECTION_DB_CONN_MAX_AGE", 600)),
            conn_health_checks=True))}
    # Case data: the folder and the database (and so its -wal and -shm) are the owner's only.
    private_folder(var_dir)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": private_file(var_dir / "probation-inspection.sqlite3"),
            "OPTIONS": {
                # WAL lets readers carry on while an inspector saves; IMMEDIATE takes the write
                # lock at the start of a transaction, so concurrent saves queue on busy_timeout
                # instead of failing with "database is locked" on lock upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = database_settings(os.environ.get("DATABASE_URL", ""), VAR_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new passwords and any re-hash on sign-in use it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "inspections:list"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Sign-in rate limit (django-axes): five failures for one username from one address lock that
# pair out for fifteen minutes; a successful sign-in resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# And twenty failures from one address over any usernames lock the address out, so four
# guesses at every account every fifteen minutes are stopped (accounts/lockout.py).
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_HANDLER = "probation_inspection.web.accounts.lockout.UserAndAddressLockout"
# Behind a reverse proxy the client's address is in X-Forwarded-For: set
# AXES_TRUSTED_PROXY_COUNT to the number of proxies in front of the app (1 behind nginx).
AXES_CLIENT_IP_CALLABLE = "probation_inspection.web.accounts.lockout.client_address"
AXES_TRUSTED_PROXY_COUNT = int(os.environ.get("AXES_TRUSTED_PROXY_COUNT", "0"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Django's database sessions, read without the ORM's per-request query building (web/sessions.py).
SESSION_ENGINE = "probation_inspection.web.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind TLS (any deployment off loopback) cookies must be secure; the demo runs on plain HTTP.
_SECURE = _flag("DJANGO_SECURE", False)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_SSL_REDIRECT = _SECURE
SECURE_HSTS_SECONDS = 31536000 if _SECURE else 0
# On by default with DJANGO_SECURE; switch off only if some subdomain of the service's domain
# is not served over HTTPS.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", _SECURE)
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD", _SECURE)
# Behind a TLS-terminating proxy: which header says the original request was HTTPS, e.g.
# DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https" (docs/deployment.md).
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", ""))
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
# Anything saved through Django's storage (collectstatic, any future FileField) is the
# owner's only, like the evidence files quality/evidence.py writes itself.
FILE_UPLOAD_PERMISSIONS = PRIVATE_FILE_MODE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = PRIVATE_FOLDER_MODE

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# var/ holds the evidence and the pseudonym key as well as SQLite's files: the owner's only,
# with PostgreSQL too (where database_settings does not create it).
private_folder(VAR_DIR)
# WhiteNoise warns on every request when this folder is missing, even though it serves from
# the finders; an empty folder keeps the logs clean.
private_folder(STATIC_ROOT)
STATICFILES_DIRS = [
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    PACKAGE_DIR / "static",
]
# Serve straight from node_modules through the finders, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# GOV.UK Frontend's compiled stylesheet asks for its fonts and images at /assets/.
WHITENOISE_ROOT = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"

# Files from outside (issue 10): uploads over 2.5 MB stream to temporary files rather than
# the request's memory; form fields (not files) may hold 10 MB in all.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Limits per kind of file and per parse (probation_inspection.untrusted.Limits fields; any
# left out keeps the core's default). Parsing runs in a child process under the last two.
UNTRUSTED_FILE_LIMITS = {
    "case_list_bytes": 50 * 1024 * 1024,
    "case_list_rows": 200_000,
    "report_bytes": 20 * 1024 * 1024,
    "report_pages": 400,
    "report_characters": 5_000_000,
    "evidence_bytes": 20 * 1024 * 1024,
    "facts_bytes": 1024 * 1024,
    "facts_rows": 1_000,
    "seconds": 60.0,
    "memory_mib": 1024,
}
# A request body over this is refused (413) before it is read; None: the largest file limit
# above plus 1 MB for the form's other fields.
UPLOAD_REQUEST_MAX_BYTES = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Email (web/notify.py): printed to the console unless DJANGO_EMAIL_BACKEND names another
# backend (SMTP: django.core.mail.backends.smtp.EmailBackend with the EMAIL_* values below).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND",
                               "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "probation-inspection@localhost")
#: The address emails link to (scheme and host, no trailing slash).
SITE_URL = os.environ.get("PROBATION_INSPECTION_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background jobs (issue 15; decision 8): django-tasks with its database backend, so the queue
# is a table in the database above (SQLite needs nothing more; on PostgreSQL any number of
# `manage.py db_worker` processes share it). The tests run tasks in-process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PROBATION_INSPECTION_TASK_BACKEND",
                                  "django_tasks_db.DatabaseBackend"),
    }
}
# Jobs' files (PDFs, exports) are kept in VAR_DIR/jobs, outside the web root (JOBS_DIR, if
# set, names another folder).
# A running job that reports no progress for this many seconds has lost its worker (killed,
# or its machine restarted): its page, or the next job a worker starts, marks it failed.
JOBS_STALE_AFTER = int(os.environ.get("PROBATION_INSPECTION_JOBS_STALE_AFTER", 30 * 60))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
