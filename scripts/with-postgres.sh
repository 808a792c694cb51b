#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: a new cluster in a temporary folder, listening only
# on a Unix socket there (no port to collide with), deleted when the command ends however it
# ends. The command finds the server's URL in TIERLINK_TEST_POSTGRES (the server tests make a
# database of their own on it per test) and PGHOST (for psql).
#
#   scripts/with-postgres.sh cargo test -p server --test api
set -euo pipefail

bin=""
# The newest installed version (by number, not by name: 9.6 is older than 16).
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do [ -x "$d/initdb" ] && bin="$d"; done
if [ -z "$bin" ]; then
  initdb_path="$(command -v initdb || true)"
  [ -n "$initdb_path" ] && bin="$(dirname "$(readlink -f "$initdb_path")")"
fi
if [ -z "$bin" ]; then
  echo "with-postgres: no initdb found; run scripts/install-tools.sh test" >&2
  exit 1
fi

dir="$(mktemp -d /tmp/tierlink-pg.XXXXXX)"
as=()
stop() {
  [ -d "$dir/data" ] && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop EXIT
# PostgreSQL refuses to run as root: then the cluster belongs to the package's postgres user.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi

"${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: a throwaway cluster need not survive a power cut, and the tests commit a lot.
# PG_FSYNC=on keeps it (benchmarks compare it with SQLite, which syncs every commit).
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300 -c fsync=${PG_FSYNC:-off}" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export PGHOST="$dir" PGUSER=postgres
export TIERLINK_TEST_POSTGRES="postgres://postgres@localhost/postgres?host=$dir"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $dir"
"$@"
