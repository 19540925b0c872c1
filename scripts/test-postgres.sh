#!/usr/bin/env bash
# Runs the database-backed tests (tests/web unless told otherwise) on PostgreSQL: the server
# DATABASE_URL names, or a throwaway cluster that scripts/with-postgres.sh starts and removes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
    set -- tests/web
fi
exec scripts/with-postgres.sh "${PYTEST:-.venv/bin/pytest}" -q "$@"
