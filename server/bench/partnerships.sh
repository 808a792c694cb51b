#!/usr/bin/env bash
# Partnership benchmark (issue 3): on a database with 1,000 providers and 10,000 resellers made by
# `server bench-data`, measures /healthz, the acceptance page and accepting, with wrk, in one run.
# Usage: server/bench/partnerships.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/server
dir=$(mktemp -d)
port=${BENCH_PORT:-3200}
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
export TIERLINK_DATABASE_URL="sqlite://$dir/bench.db" TIERLINK_LISTEN="127.0.0.1:$port" \
  TIERLINK_PUBLIC_URL="http://127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  TIERLINK_RESPOND_MAX_PER_MINUTE=100000000
"$bin" bench-data --providers "${PROVIDERS:-1000}" --resellers "${RESELLERS:-10000}" --out "$dir/pairs.txt"
"$bin" serve & pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
token=$(head -1 "$dir/pairs.txt" | cut -d' ' -f1)
url="http://127.0.0.1:$port"
run() { echo "== $1"; shift; wrk -t2 -c50 -d"${DURATION:-10s}" --latency "$@" | grep -E "Requests/sec|^\s+(50|99)%|Non-2xx|accept:"; }
run "/healthz" "$url/healthz"
run "acceptance page GET /invite/<token>" "$url/invite/$token"
# Accepting uses each pair once; the first pair was looked at above but not used.
run "accepting POST /api/respond_invitation" -s server/bench/accept.lua "$url" -- "$dir/pairs.txt"
echo "== partnerships after the run: $(sqlite3 "$dir/bench.db" 'SELECT COUNT(*) FROM partnerships' 2>/dev/null || echo '(sqlite3 not installed)')"
