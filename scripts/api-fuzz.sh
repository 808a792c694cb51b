#!/usr/bin/env bash
# The API fuzzed against its own OpenAPI document (issue 22): schemathesis (pinned in
# scripts/api-fuzz-requirements.txt, installed into .tools/venv by install-tools.sh test) sends
# every operation valid and invalid input as a script with the demo's API token would, and
# fails on any 5xx, any answer its document does not describe (status, content type, headers,
# schema), and any invalid input accepted. Not checked: that every schema-valid request is
# accepted (a taken domain or an unknown offer is valid JSON and still refused, 422, by the
# rules). On a fresh demo database with the release build.
# Usage: scripts/api-fuzz.sh   (EXAMPLES per operation, 40 by default; the same cases every run)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/server
st=.tools/venv/bin/st
[ -x "$bin" ] || { echo "api-fuzz: $bin is missing: run make build" >&2; exit 1; }
[ -x "$st" ] || { echo "api-fuzz: $st is missing: run scripts/install-tools.sh test" >&2; exit 1; }
dir=$(mktemp -d)
port=${FUZZ_PORT:-3160}
url="http://127.0.0.1:$port"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export TIERLINK_DATABASE_URL="sqlite://$dir/fuzz.db" TIERLINK_PUBLIC_URL="$url" \
  TIERLINK_LISTEN="127.0.0.1:$port" TIERLINK_API_MAX_PER_MINUTE=100000000 \
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tierlink
# The demo prints Contoso's live token in its curl line.
token=$("$bin" demo | grep -o "Bearer tl_[A-Za-z0-9_-]*" | cut -d' ' -f2)
[ -n "$token" ] || { echo "api-fuzz: the demo printed no API token" >&2; exit 1; }
RUST_LOG=error "$bin" serve > "$dir/server.log" 2>&1 & pid=$!
for _ in $(seq 100); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
status=0
"$st" run "$url/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --max-examples "${EXAMPLES:-40}" \
  --generation-deterministic \
  --no-color \
  --suppress-health-check all || status=$?
if grep -q "panicked" "$dir/server.log"; then
  echo "api-fuzz: the server panicked:" >&2
  grep -A5 "panicked" "$dir/server.log" >&2
  exit 1
fi
exit $status
