# Shared by the benchmark scripts: a fresh database in a temporary folder, the release server
# on a port of its own, and wrk with the numbers a closing note quotes. Source it, don't run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# The production build (`make production`) when there is one, as the figures in docs/ are;
# BENCH_BIN picks another build, e.g. target/release/server.
if [ -x target/release-lto/server ]; then bin=${BENCH_BIN:-target/release-lto/server}; else bin=${BENCH_BIN:-target/release/server}; fi
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
url="http://127.0.0.1:$port"
# BENCH_DATABASE_URL: another (empty) database, e.g. a PostgreSQL one (server/bench/postgres.sh).
export TIERLINK_DATABASE_URL="${BENCH_DATABASE_URL:-sqlite://$dir/bench.db}" TIERLINK_LISTEN="127.0.0.1:$port" \
  TIERLINK_PUBLIC_URL="$url" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn

# Starts the server and waits for /healthz.
start_server() {
  "$bin" serve & pid=$!
  for _ in $(seq 50); do curl -fsS "$url/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "the server did not start"; exit 1
}

# run TITLE WRK-ARGS…: requests/s, p50, p99 and any non-2xx count.
run() { echo "== $1"; shift; wrk -t2 -c50 -d"${DURATION:-10s}" --latency "$@" | grep -E "Requests/sec|^\s+(50|99)%|Non-2xx|accept:"; }

# fill_scale: the customers-at-scale database (`server bench-scale`); its facts (provider_email,
# password, reseller_mpn, deep_cursor, …) go to $dir/scale.env for the caller to source.
fill_scale() {
  "$bin" bench-scale --resellers "${RESELLERS:-1000}" --customers "${CUSTOMERS:-100000}" \
    --subscriptions "${SUBSCRIPTIONS:-1000000}" --out "$dir/scale.env"
}

# session_cookie EMAIL PASSWORD: signs in and prints "tierlink_session=…" (nothing on failure).
session_cookie() {
  curl -fsS -o /dev/null -D - -X POST "$url/api/sign_in" -H 'Accept: application/json' \
    -H 'Sec-Fetch-Site: same-origin' --data "email=$1&password=$2" \
    | grep -i '^set-cookie: tierlink_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/'
}

# invitation_link COOKIE: a new reseller-relationship link made by the signed-in reseller (its URL).
invitation_link() {
  curl -fsS -X POST "$url/api/request_relationship" -H 'Accept: application/json' \
    -H 'Sec-Fetch-Site: same-origin' -H "Cookie: $1" --data 'ask_delegated_admin=on' \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).link))'
}
