#!/usr/bin/env bash
# The save-latency benchmark on SQLite and then on a throwaway PostgreSQL cluster, loopback only.
# Usage: benchmarks/web/run.sh [--inspectors 50] [--duration 300] [--think 5] [--instances 2]
#        [--workers 2] [--threads 8] [--proxy haproxy|python|none] [--mode save|autosave]
# With --instances N (more than one), N gunicorn instances run behind one address on PostgreSQL
# only (several app servers need a database server): haproxy, installed from Debian here when
# missing, balances connections in turn as a load balancer would (--proxy none: the client
# spreads inspectors over the instances' ports instead).
#
# The PostgreSQL cluster is set as a production server is: every commit flushed to disk
# (fsync, synchronous_commit and full_page_writes on; no answer may be lost), shared buffers
# sized for the data, checkpoints spaced so none lands in a run of a few minutes. Its data
# lives under $BENCH_PG_PARENT (default: a new folder under /tmp); the run prints the file
# system, since a tmpfs would make flushing free. With DATABASE_URL set, that server is used
# as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
instances=1
proxy=""
previous=""
for argument in "$@"; do
    if [ "$previous" = "--instances" ]; then instances="$argument"; fi
    if [ "$previous" = "--proxy" ]; then proxy="$argument"; fi
    previous="$argument"
done

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if [ "$instances" -gt 1 ] && [ -z "$proxy" ] && ! command -v haproxy >/dev/null; then
    echo "haproxy not found: installing Debian's haproxy package" >&2
    if $SUDO apt-get install -y -qq haproxy >/dev/null 2>&1 \
        || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq haproxy >/dev/null; }; then
        $SUDO service haproxy stop >/dev/null 2>&1 || true  # this run starts its own
    else
        echo "haproxy could not be installed: inspectors are spread over the ports" >&2
    fi
fi

if [ "$instances" -le 1 ]; then
    .venv/bin/python benchmarks/web/save_latency.py "$@"
fi
if [ -n "${DATABASE_URL:-}" ]; then
    exec .venv/bin/python benchmarks/web/save_latency.py "$@"
fi

# The cluster as scripts/with-postgres.sh makes it, set for durability (PG_DURABLE).
PG_DURABLE=1 PG_PARENT="${BENCH_PG_PARENT:-/tmp}" \
    scripts/with-postgres.sh .venv/bin/python benchmarks/web/save_latency.py "$@"
