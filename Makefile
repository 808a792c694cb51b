# Two commands: `make run` (or `make demo`) to use Tierlink, `make test` to check it.
# Tools are installed on demand by scripts/install-tools.sh (skipped when already present).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c

# Same PATH as scripts/env.sh: project wasm-opt and ~/.cargo/bin before the system's.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

# Server settings; override from the environment or the command line, e.g.
# `make run TIERLINK_LISTEN=0.0.0.0:8080`. Passed only to the server, never exported globally,
# so `cargo test` under `make test` can never pick up the real database URL.
TIERLINK_LISTEN ?= 127.0.0.1:3000
TIERLINK_DATABASE_URL ?= sqlite://data/tierlink.db
TIERLINK_PUBLIC_URL ?= http://$(TIERLINK_LISTEN)
# `make production` builds target/release-lto/server; `make run SERVER_BIN=target/release-lto/server`
# serves it.
SERVER_BIN ?= target/release/server
SERVER := env TIERLINK_LISTEN=$(TIERLINK_LISTEN) TIERLINK_DATABASE_URL=$(TIERLINK_DATABASE_URL) \
  TIERLINK_PUBLIC_URL=$(TIERLINK_PUBLIC_URL) LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=tierlink $(SERVER_BIN)

.PHONY: run demo test lint fmt tools build production
.DEFAULT_GOAL := run

tools:
	scripts/install-tools.sh build

# The wasm (target/front) and the server (target/release) are built side by side: with
# `hash-files`, a plain `cargo leptos build` builds them one after the other, and the wasm's
# link-time optimization and wasm-opt leave a core idle for minutes. The server needs nothing
# of the wasm to compile (it reads the hash file beside it at start). `--split` cuts the wasm
# into the page groups of app/src/pages/split.rs (the server names a page's chunks in its head:
# both halves must come from the same source). The brotli and gzip copies of the built files are
# made once here, at the best levels.
build: tools
	cargo leptos build --release --frontend-only --split & front=$$!; \
	  if ! cargo leptos build --release --server-only; then kill $$front 2>/dev/null; exit 1; fi; \
	  wait $$front
	mkdir -p target/site/api-docs
	cp .tools/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
	  .tools/node_modules/swagger-ui-dist/swagger-ui.css target/site/api-docs/
	node scripts/precompress.mjs target/site

# The same site, with the server built with fat LTO (~11% fewer instructions per page, minutes
# more to build). cargo-leptos has one release profile for the server, so cargo builds this one;
# Leptos reads the hash file beside the binary, so it goes there too.
production: build
	cargo build --package=server --no-default-features --profile=release-lto
	cp target/release/hash.txt target/release-lto/hash.txt

# DEMO=1 (or `make demo`) first fills an empty database with demo data and prints the sign-ins.
run: build
	mkdir -p data
	if [ "$(DEMO)" = 1 ]; then $(SERVER) demo; fi
	exec $(SERVER) serve

demo:
	$(MAKE) run DEMO=1

test:
	scripts/test.sh

# rustfmt first, then leptosfmt for the view! macros (in this order both agree).
fmt:
	scripts/install-tools.sh lint
	cargo fmt --all
	leptosfmt -q app/src

lint:
	scripts/install-tools.sh lint
	cargo fmt --all --check
	leptosfmt --check app/src >/dev/null
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings
