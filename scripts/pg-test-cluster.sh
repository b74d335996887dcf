#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (used by .ci/run; handy locally too).
#
#   eval "$(scripts/pg-test-cluster.sh start DIR)"   # initdb in DIR, start on a free port,
#                                                    # prints `export TEST_POSTGRES_URL=…` lines
#   scripts/pg-test-cluster.sh stop DIR              # stop it (DIR can then be deleted)
#
# Finds initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin. initdb refuses to run as
# root, so as root the cluster runs as the `postgres` user (created if missing).
set -euo pipefail
action="${1:?usage: $0 start|stop DIR}"
dir="$(cd "${2:?usage: $0 start|stop DIR}" && pwd)"

bindir=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
else
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then bindir="$d"; break; fi
  done
fi
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_owner=(runuser -u postgres --)
fi
ctl=("${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60)

case "$action" in
  start)
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    mkdir -p "$dir/socket"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U archive -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U archive -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/socket'
fsync = off
full_page_writes = off
max_connections = 200
CONF
    "${ctl[@]}" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    "$bindir/psql" -h 127.0.0.1 -p "$port" -U archive -d postgres -qc "CREATE DATABASE archive_test" >/dev/null 2>&1 \
      || "${as_owner[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U archive -d postgres -qc "CREATE DATABASE archive_test" >/dev/null
    echo "export TEST_POSTGRES_URL='postgresql+psycopg://archive@127.0.0.1:$port/archive_test'"
    printf 'export TEST_POSTGRES_CTL=%q\n' "${ctl[*]}"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then "${ctl[@]}" stop -m fast >/dev/null || true; fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
