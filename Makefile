# Set-up, run and test. `make run` and `make test` are the two commands a newcomer needs;
# both depend on `setup`, which is idempotent: it re-installs Python packages only when
# pyproject.toml changes and npm packages only when package-lock.json changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
# Test processes (pytest-xdist, decision 7): one per core; 0 runs the tests in this process.
PYTEST_WORKERS ?= auto
PORT ?= 8000

.PHONY: setup browser-setup run test lint typecheck pytest pytest-postgres clean

setup: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# GOV.UK Frontend and axe-core, exactly as package-lock.json pins them.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Debian's Chromium for the browser tests; Playwright never downloads a browser here.
browser-setup:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: install Debian's chromium" >&2; exit 1; }
	@command -v pdftoppm >/dev/null || { if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# The demo, with a worker beside the server for the background jobs (PDFs, exports, imports)
# from the database's queue; the worker stops with the server (Ctrl+C reaches both).
run: setup
	$(BIN)/probation-inspection frameworks list
	$(BIN)/probation-inspection rate tests/fixtures/published-results.json --framework hmip-crc-2018
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo --address http://$(HOST):$(PORT)/
	$(BIN)/python manage.py load_wales_demo --address http://$(HOST):$(PORT)/
	$(BIN)/python manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

lint: setup
	$(BIN)/ruff check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup browser-setup
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# The database-backed tests again, on a throwaway PostgreSQL cluster (or DATABASE_URL).
pytest-postgres: setup
	scripts/test-postgres.sh -n $(PYTEST_WORKERS) tests/web

test: lint typecheck pytest pytest-postgres

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
