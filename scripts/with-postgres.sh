#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a real PostgreSQL server.
# With DATABASE_URL already set, runs the command as it is; otherwise starts a throwaway
# cluster on 127.0.0.1 (installing Debian's postgresql package first when no server binaries
# are found), runs the command, and stops and removes the cluster on exit whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
if [ -n "${DATABASE_URL:-}" ]; then
    exec "$@"
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

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! PGBIN=$(find_bin); then
    echo "PostgreSQL server binaries not found: installing Debian's postgresql package" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    # Debian's package starts its own cluster; this script uses its own, so stop that one.
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

# PG_DURABLE=1 (the load benchmark): set as a production server is, every commit flushed to
# disk (no answer may be lost), shared buffers sized for the data, checkpoints spaced so none
# lands in a run of a few minutes; its data under $PG_PARENT (default /tmp). Otherwise the
# cluster lives only for a test run, so durability is off.
if [ "${PG_DURABLE:-}" = 1 ]; then
    SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300
        -c shared_buffers=256MB -c wal_buffers=16MB -c max_wal_size=4GB
        -c checkpoint_timeout=30min -c jit=off"
else
    SETTINGS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
fi

WORK=$(mktemp -d "${PG_PARENT:-/tmp}/pg.XXXXXX")
chmod 755 "$WORK"
DATA="$WORK/data"
mkdir "$DATA"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$WORK" "$DATA"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
    (cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m immediate stop) >/dev/null 2>&1 \
        || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The server's owner may not be able to enter the current folder, so it starts from $WORK.
(cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/initdb" -D "$DATA" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$WORK/initdb.log" 2>&1) || { cat "$WORK/initdb.log" >&2; exit 1; }
(cd "$WORK" && "${AS_OWNER[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $PORT -k $WORK $(echo $SETTINGS)" \
    >/dev/null) || { cat "$WORK/server.log" >&2; exit 1; }

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT," \
    "data on $(stat -f -c %T "$DATA"), durable: ${PG_DURABLE:-0}" >&2
DATABASE_URL="postgres://$DB_USER@127.0.0.1:$PORT/postgres" "$@"
