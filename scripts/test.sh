#!/usr/bin/env bash
# `make test`: tools, the lint checks of `make lint`, one release build, Rust tests, browser tests. Stops at the first failing
# stage and always prints how long each stage took (CI has a 90-minute budget to watch).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TIERLINK_ROOT"

timings=()
current=""
started=0
report() {
  local rc=$?
  [ -n "$current" ] && timings+=("$(printf '%-12s %5ds  FAILED' "$current" $(( SECONDS - started )))")
  echo
  echo "== stage timings =="
  printf '%s\n' "${timings[@]}"
  exit "$rc"
}
trap report EXIT

stage() {
  current="$1"; shift
  echo; echo "== $current: $* =="
  started=$SECONDS
  "$@"
  timings+=("$(printf '%-12s %5ds  ok' "$current" $(( SECONDS - started )))")
  current=""
}

stage tools      scripts/install-tools.sh build test lint
# Formatting and clippy (-D warnings, for ssr, hydrate and the server with its tests) first: the
# cheapest way to fail, and CI then checks what a developer's `make lint` checks.
stage lint       make --no-print-directory lint
# cargo-leptos builds the server (release profile) and the wasm (wasm-release profile) once;
# `cargo test --release` then reuses the release-profile dependencies instead of a debug build.
stage build      make --no-print-directory build
stage cargo-test cargo test --release --workspace
# The server tests again, each on a database of its own on a throwaway PostgreSQL.
stage pg-test    scripts/with-postgres.sh cargo test --release -p server --test api
# The API fuzzed against its own OpenAPI document (schemathesis), on the release build.
stage api-fuzz   scripts/api-fuzz.sh
stage e2e-types  bash -c 'cd end2end && npx --no-install tsc --noEmit'
# The country names are generated from CLDR (installed with the browser tests): still what CLDR says.
stage countries  node scripts/gen-countries.mjs --check
stage e2e        bash -c 'cd end2end && npx --no-install playwright test'
# Two instances on one throwaway PostgreSQL behind a proxy that alternates the browser's
# requests: the instance spec and the workflows that cross instances most (accounts,
# partnerships, the bell's live count).
stage e2e-pg     scripts/with-postgres.sh bash -c 'cd end2end && E2E_POSTGRES="$TIERLINK_TEST_POSTGRES" \
  npx --no-install playwright test tests/instances.spec.ts tests/accounts.spec.ts \
  tests/partnerships.spec.ts tests/notifications.spec.ts'
