#!/usr/bin/env bash
# PostgreSQL next to SQLite, in one run (issue 21). On a throwaway PostgreSQL cluster (fsync on,
# as SQLite syncs every commit) started by scripts/with-postgres.sh:
#   1. the customers-at-scale benchmark (server/bench/customers_scale.sh: fill, then the
#      Customers pages and the expanded record against /healthz) on SQLite, then on PostgreSQL;
#   2. accepting invitations (bench-data pairs, wrk with accept.lua) on PostgreSQL with one
#      instance, then with two instances on one database, each taking half the connections.
# Usage: server/bench/postgres.sh   (needs the release build, Debian's wrk and postgresql)
# RESELLERS, CUSTOMERS, SUBSCRIPTIONS, DURATION as in customers_scale.sh; PAIRS accept pairs.
# Prints numbers only; it asserts nothing.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/../.."
if [ -z "${TIERLINK_TEST_POSTGRES:-}" ]; then
  PG_FSYNC=on exec scripts/with-postgres.sh "$self" "$@"
fi
# database NAME: a new empty database on the cluster, its URL.
database() {
  psql -Xq -v ON_ERROR_STOP=1 -d "$TIERLINK_TEST_POSTGRES" -c "CREATE DATABASE $1" >&2
  echo "${TIERLINK_TEST_POSTGRES/\/postgres\?/\/$1?}"
}
scale_url=$(database bench_scale)
accept_url=$(database bench_accept)

echo "######## customers at scale: SQLite"
BENCH_PORT=3210 server/bench/customers_scale.sh
echo "######## customers at scale: PostgreSQL"
BENCH_PORT=3211 BENCH_DATABASE_URL=$scale_url server/bench/customers_scale.sh

echo "######## accepting invitations on PostgreSQL"
port=3212
. server/bench/common.sh
export TIERLINK_DATABASE_URL=$accept_url TIERLINK_RESPOND_MAX_PER_MINUTE=100000000
pairs=${PAIRS:-40000}
"$bin" bench-data --providers 1000 --resellers "$pairs" --out "$dir/pairs.txt"
split -n l/2 -d "$dir/pairs.txt" "$dir/half."
start_server
run "/healthz, one instance" "$url/healthz"
run "accepting POST /api/respond_invitation, one instance" -s server/bench/accept.lua "$url" -- "$dir/half.00"
# A second instance on the same database; each wrk sends half the connections to one instance.
second=$((port + 1))
TIERLINK_LISTEN="127.0.0.1:$second" "$bin" serve & pid2=$!
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; kill $pid2 2>/dev/null; rm -rf "$dir"' EXIT
up=""
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$second/healthz" >/dev/null 2>&1 && up=1 && break; sleep 0.2; done
[ -n "$up" ] || { echo "the second instance did not start"; exit 1; }
split -n l/2 -d "$dir/half.01" "$dir/quarter."
echo "== accepting POST /api/respond_invitation, two instances (-c25 each, at once)"
wrk -t2 -c25 -d"${DURATION:-10s}" -s server/bench/accept.lua "$url" -- "$dir/quarter.00" > "$dir/a.txt" & first=$!
wrk -t2 -c25 -d"${DURATION:-10s}" -s server/bench/accept.lua "http://127.0.0.1:$second" -- "$dir/quarter.01" > "$dir/b.txt"
wait "$first"
grep -E "Requests/sec|accept:" "$dir/a.txt" "$dir/b.txt"
awk '/Requests\/sec/ {s += $2} END {printf "== two instances together: %.0f accepts/s\n", s}' "$dir/a.txt" "$dir/b.txt"
echo "== partnerships after the run: $(psql -XAtc 'SELECT COUNT(*) FROM partnerships' "$TIERLINK_DATABASE_URL")"
