#!/usr/bin/env bash
# Walking-skeleton benchmark (issue 2): requests/s and latency of the signed-in shell page next to
# /healthz, with wrk -t2 -c50 on the same machine, and the server's memory at idle and after load.
# Usage: server/bench/shell.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/server
dir=$(mktemp -d)
port=${BENCH_PORT:-3201}
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
export TIERLINK_DATABASE_URL="sqlite://$dir/bench.db" TIERLINK_LISTEN="127.0.0.1:$port" \
  TIERLINK_PUBLIC_URL="http://127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
"$bin" demo >/dev/null
"$bin" serve & pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
sleep 1
echo "== memory at idle: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
cookie=$(curl -fsS -o /dev/null -D - -X POST "$url/api/sign_in" -H 'Accept: application/json' \
  -H 'Sec-Fetch-Site: same-origin' --data 'email=anna@contoso-distribution.example&password=tierlink-demo' \
  | grep -i '^set-cookie: tierlink_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/')
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
curl -fsS -H "Cookie: $cookie" "$url/" | grep -q "Welcome, Anna" || { echo "the shell page did not render"; exit 1; }
run() { echo "== $1"; shift; wrk -t2 -c50 -d"${DURATION:-10s}" --latency "$@" | grep -E "Requests/sec|^\s+(50|99)%|Non-2xx"; }
run "/healthz" "$url/healthz"
run "signed-in shell page GET / (session lookup + SSR)" -H "Cookie: $cookie" "$url/"
run "signed-in shell page GET / with brotli" -H "Cookie: $cookie" -H "Accept-Encoding: br" "$url/"
echo "== memory after load: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
echo "== page size: $(curl -fsS -H "Cookie: $cookie" "$url/" | wc -c) bytes raw, $(curl -fsS -H "Cookie: $cookie" -H 'Accept-Encoding: br' "$url/" | wc -c) brotli"
