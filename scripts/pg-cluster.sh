#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for tests and benchmarks, on a unix socket and
# 127.0.0.1 only. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
#   eval "$(scripts/pg-cluster.sh start)"   # exports PGHOST PGPORT PGUSER PGDATABASE ATLANTE_PG_DIR
#   scripts/pg-cluster.sh stop "$ATLANTE_PG_DIR"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg-cluster: PostgreSQL server binaries not found" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
    port=${ATLANTE_PG_PORT:-55432}
    dir=$(mktemp -d /tmp/atlante-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres atlante
    as_owner "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d atlante -c "CREATE EXTENSION postgis" >/dev/null
    echo "export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=atlante ATLANTE_PG_DIR=$dir"
    ;;
stop)
    dir=${2:?usage: pg-cluster.sh stop DIR}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
