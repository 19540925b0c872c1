#!/usr/bin/env bash
# The save-latency benchmark on SQLite and then on a throwaway PostgreSQL cluster, loopback only.
# Usage: benchmarks/web/run.sh [--inspectors 50] [--duration 300]
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python benchmarks/web/save_latency.py "$@"
scripts/with-postgres.sh .venv/bin/python benchmarks/web/save_latency.py "$@"
