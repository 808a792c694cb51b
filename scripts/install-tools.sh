#!/usr/bin/env bash
# Installs what building and testing Tierlink needs, skipping whatever is already at the right
# version, because a machine may come back with tools from an earlier session or be brand new.
#
#   scripts/install-tools.sh [build] [test] [rust]
#     build (default)  wasm32 target, rustfmt/clippy, cargo-leptos, wasm-bindgen-cli, wasm-opt
#     test             Debian chromium + end2end/ npm packages (Playwright), Debian postgresql,
#                      schemathesis (PyPI, into .tools/venv)
#     rust             only the rustup target and components
#     lint             rust, plus leptosfmt (the view! macro formatter; `make lint`, `make fmt`)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TIERLINK_ROOT"

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs rustc 1.96 (see shared/TOOLCHAIN.md)
LEPTOSFMT_VERSION=0.1.33
BINARYEN_VERSION=132          # must match .tools/package.json; Debian's 108 breaks hydration

say() { printf '\033[1m[install-tools]\033[0m %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

rust_target_and_components() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    say "adding rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if [ ${#missing[@]} -gt 0 ]; then
    say "adding rustup components: ${missing[*]}"
    rustup component add "${missing[@]}"
  else
    say "rustfmt + clippy: present"
  fi
}

leptosfmt() {
  if command leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
    say "leptosfmt $LEPTOSFMT_VERSION: present"
  else
    say "installing leptosfmt $LEPTOSFMT_VERSION (~3 min)"
    cargo install "leptosfmt@$LEPTOSFMT_VERSION" --locked
  fi
}

cargo_leptos() {
  # A 13-minute compile: never start a second one next to one that is already running
  # (e.g. a machine-setup job), wait for it and look again.
  while ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION" \
        && pgrep -f "cargo install cargo-leptos" >/dev/null; do
    say "a cargo-leptos install is already running; waiting for it (checking every 30 s)"
    sleep 30
  done
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "cargo-leptos $CARGO_LEPTOS_VERSION: present"
  else
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles for ~13 minutes on 2 cores)"
    # no_downloads: cargo-leptos must not fetch its own wasm-bindgen/wasm-opt/sass (no network here).
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
}

wasm_bindgen_cli() {
  # The CLI must equal the wasm-bindgen crate that Cargo.lock resolved, or the build fails.
  local want
  want="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [ -z "$want" ]; then
    say "ERROR: no wasm-bindgen package in Cargo.lock"; exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$want" ]; then
    say "wasm-bindgen-cli $want: present"
  else
    say "installing wasm-bindgen-cli $want (about 2 minutes)"
    # No --locked: its published lock names a crate version the registry does not have.
    cargo install "wasm-bindgen-cli@$want" --force
  fi
}

binaryen() {
  # wasm-opt, and Swagger UI for /api/docs, from npm (.tools/package-lock.json); the stamp
  # records which lock node_modules was installed from.
  local stamp=.tools/node_modules/.tierlink-lock.sha256
  if .tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b" \
    && (cd .tools && sha256sum --quiet -c node_modules/.tierlink-lock.sha256) 2>/dev/null; then
    say "wasm-opt (binaryen $BINARYEN_VERSION), swagger-ui-dist: present in .tools/"
  else
    say "installing binaryen $BINARYEN_VERSION and swagger-ui-dist into .tools/ (npm ci from the committed lock)"
    (cd .tools && npm ci --no-audit --no-fund && sha256sum package-lock.json > node_modules/.tierlink-lock.sha256)
  fi
}

chromium() {
  # Playwright's own browser download cannot work here; Debian's chromium does.
  if [ -x /usr/bin/chromium ]; then
    say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null))"
  else
    say "installing Debian chromium"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}

end2end_packages() {
  # The stamp records which package-lock.json node_modules was installed from.
  local stamp=end2end/node_modules/.tierlink-lock.sha256
  if [ -f "$stamp" ] && (cd end2end && sha256sum --quiet -c node_modules/.tierlink-lock.sha256) 2>/dev/null; then
    say "end2end/node_modules: up to date with package-lock.json"
  else
    say "installing end2end/ npm packages (npm ci, no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
      && sha256sum package-lock.json > node_modules/.tierlink-lock.sha256)
  fi
}

postgresql() {
  # The server tests also run on a throwaway PostgreSQL (scripts/with-postgres.sh): Debian's
  # server package, whose initdb and pg_ctl live under /usr/lib/postgresql/<version>/bin.
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
    say "postgresql: present"
  else
    say "installing Debian postgresql (server tests run on it too)"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  fi
}

schemathesis() {
  # The API fuzzer (scripts/api-fuzz.sh), from PyPI, pinned, in a venv of its own.
  local stamp=.tools/venv/.tierlink-requirements.sha256
  if [ -x .tools/venv/bin/st ] && sha256sum --quiet -c "$stamp" 2>/dev/null; then
    say "schemathesis: present ($(.tools/venv/bin/st --version))"
  else
    say "installing schemathesis into .tools/venv (pip, pinned in scripts/api-fuzz-requirements.txt)"
    mkdir -p .tools
    python3 -m venv .tools/venv
    .tools/venv/bin/pip install --quiet --disable-pip-version-check -r scripts/api-fuzz-requirements.txt
    sha256sum scripts/api-fuzz-requirements.txt > "$stamp"
  fi
}

groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=(build)
for g in "${groups[@]}"; do
  case "$g" in
    build) rust_target_and_components; cargo_leptos; wasm_bindgen_cli; binaryen ;;
    test)  chromium; end2end_packages; postgresql; schemathesis ;;
    rust)  rust_target_and_components ;;
    lint)  rust_target_and_components; leptosfmt ;;
    *) echo "usage: $0 [build] [test] [rust] [lint]" >&2; exit 2 ;;
  esac
done
