#!/usr/bin/env bash
# Partnership benchmark (issue 3): on a database with 1,000 providers and 10,000 resellers made by
# `server bench-data`, measures /healthz, the acceptance page and accepting, with wrk, in one run.
# Usage: server/bench/partnerships.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3200}
. "$(dirname "$0")/common.sh"
export TIERLINK_RESPOND_MAX_PER_MINUTE=100000000
"$bin" bench-data --providers "${PROVIDERS:-1000}" --resellers "${RESELLERS:-10000}" --out "$dir/pairs.txt"
# SQLite's single-row commit rate on the same file, through the same pool, just before: an
# acceptance that costs one durable commit can approach it (issue 19: at least 0.8 of it).
commits=$("$bin" bench-commits --total "${COMMITS:-5000}" --concurrency 50 | tee /dev/stderr | grep -oE '[0-9]+/s' | tr -d '/s')
start_server
token=$(head -1 "$dir/pairs.txt" | cut -d' ' -f1)
run "/healthz" "$url/healthz"
run "acceptance page GET /invite/<token>" "$url/invite/$token"
# Accepting uses each pair once; the first pair was looked at above but not used.
accepts=$(run "accepting POST /api/respond_invitation" -s server/bench/accept.lua "$url" -- "$dir/pairs.txt" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
echo "== accepts per second / single-row commits per second: $accepts / $commits = $(awk -v a="$accepts" -v c="$commits" 'BEGIN { printf "%.2f", a / c }')"
echo "== partnerships after the run: $(sqlite3 "$dir/bench.db" 'SELECT COUNT(*) FROM partnerships' 2>/dev/null || echo '(sqlite3 not installed)')"
