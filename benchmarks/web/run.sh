#!/usr/bin/env bash
# The save-latency benchmark on SQLite and then on a throwaway PostgreSQL cluster, loopback only.
# Usage: benchmarks/web/run.sh [--inspectors 50] [--duration 300] [--think 5] [--instances 2]
# With --instances N (more than one), N gunicorn instances run behind one round-robin address
# (benchmarks/web/proxy.py) on PostgreSQL only: several app servers need a database server.
set -euo pipefail
cd "$(dirname "$0")/../.."
instances=1
previous=""
for argument in "$@"; do
    if [ "$previous" = "--instances" ]; then instances="$argument"; fi
    previous="$argument"
done
if [ "$instances" -le 1 ]; then
    .venv/bin/python benchmarks/web/save_latency.py "$@"
fi
scripts/with-postgres.sh .venv/bin/python benchmarks/web/save_latency.py "$@"
