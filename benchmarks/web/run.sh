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

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}
if ! PGBIN=$(find_bin); then
    echo "PostgreSQL server binaries not found: installing Debian's postgresql package" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    $SUDO service postgresql stop >/dev/null 2>&1 || true
    PGBIN=$(find_bin)
fi
# initdb refuses to run as root, so as root the cluster belongs to the postgres user.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    AS_OWNER=(runuser -u postgres --)
    DB_USER=postgres
else
    AS_OWNER=()
    DB_USER=$(id -un)
fi
WORK=$(mktemp -d "${BENCH_PG_PARENT:-/tmp}/bench-pg.XXXXXX")
chmod 755 "$WORK"
DATA="$WORK/data"
mkdir "$DATA"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$WORK" "$DATA"; fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
    (cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast stop) >/dev/null 2>&1 \
        || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
(cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/initdb" -D "$DATA" -U "$DB_USER" --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1) || { cat "$WORK/initdb.log" >&2; exit 1; }
# max_connections: instances x workers x threads persistent connections, and room to spare.
(cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $PORT -k $WORK -c fsync=on -c synchronous_commit=on \
        -c full_page_writes=on -c max_connections=300 -c shared_buffers=256MB \
        -c wal_buffers=16MB -c max_wal_size=4GB -c checkpoint_timeout=30min -c jit=off" \
    >/dev/null) || { cat "$WORK/server.log" >&2; exit 1; }
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT," \
    "data on $(stat -f -c %T "$DATA"), fsync and synchronous_commit on" >&2
DATABASE_URL="postgres://$DB_USER@127.0.0.1:$PORT/postgres" \
    .venv/bin/python benchmarks/web/save_latency.py "$@"
