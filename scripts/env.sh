# Sourced (not run) by the Makefile, scripts/*.sh and anyone's shell: `. scripts/env.sh`.
# Why: cargo-leptos (built with `no_downloads`) takes wasm-opt and wasm-bindgen from PATH, and
# Debian's own binaryen (wasm-opt 108) silently breaks the wasm. Putting the project's npm
# binaryen and ~/.cargo/bin first makes sure the proven versions win over anything on the system.
TIERLINK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TIERLINK_ROOT
export PATH="$TIERLINK_ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
