#!/usr/bin/env bash
# Walking-skeleton benchmark (issue 2): requests/s and latency of the signed-in shell page next to
# /healthz, with wrk -t2 -c50 on the same machine, and the server's memory at idle and after load.
# Usage: server/bench/shell.sh   (needs the release build: `make build`; and Debian's wrk)
# Prints numbers only; it asserts nothing.
port=${BENCH_PORT:-3201}
. "$(dirname "$0")/common.sh"
"$bin" demo >/dev/null
start_server
sleep 1
echo "== memory at idle: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
cookie=$(session_cookie anna@contoso-distribution.example tierlink-demo)
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
curl -fsS -H "Cookie: $cookie" "$url/" | grep -q "Welcome, Anna" || { echo "the shell page did not render"; exit 1; }
run "/healthz" "$url/healthz"
run "signed-in shell page GET / (session lookup + SSR)" -H "Cookie: $cookie" "$url/"
run "signed-in shell page GET / with brotli" -H "Cookie: $cookie" -H "Accept-Encoding: br" "$url/"
echo "== memory after load: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
echo "== page size: $(curl -fsS -H "Cookie: $cookie" "$url/" | wc -c) bytes raw, $(curl -fsS -H "Cookie: $cookie" -H 'Accept-Encoding: br' "$url/" | wc -c) brotli"
