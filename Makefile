# Ateliers — the two commands a newcomer needs:
#   make run    install what is missing, build (release), start on SQLite with demo data
#   make test   everything CI checks: format, lints (server and wasm), tests on SQLite and
#               PostgreSQL, browser tests

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Tools installed by npm (wasm-opt from binaryen, Playwright) and cargo come first on PATH.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# CI starts from a fresh clone: keep the build cache outside it so later runs stay warm.
ifeq ($(CI),true)
export CARGO_TARGET_DIR ?= $(HOME)/.cache/ateliers/target
endif
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
STAGE := ./.ci/stage

SITE_ADDR ?= $(or $(LEPTOS_SITE_ADDR),127.0.0.1:3000)
POSTGRES_URL ?= $(or $(TEST_POSTGRES_URL),postgres://postgres@127.0.0.1:5432/test)

.PHONY: run build dist test-bundle test-on-dates check test tools fmt fmt-check lint lint-server lint-wasm postgres-check test-rust test-e2e clean

## run: build in release mode and start Ateliers on SQLite (data/) with demo data
run: build
	@mkdir -p data/mail
	@printf '\n  Ateliers démarre sur http://%s\n  Ouvrez d'"'"'abord http://%s/ateliers (les ateliers à venir).\n  Données : data/ateliers.db (SQLite) · Courriels : data/mail/\n  Arrêt : Ctrl-C\n\n' "$(SITE_ADDR)" "$(SITE_ADDR)"
	DATABASE_URL="$${DATABASE_URL:-sqlite://data/ateliers.db?mode=rwc}" \
	LEPTOS_SITE_ADDR="$(SITE_ADDR)" LEPTOS_SITE_ROOT=target/site ATELIERS_DEMO=true ATELIERS_DEMO_PAST_YEAR=true \
	MAIL_BACKEND="$${MAIL_BACKEND:-folder}" MAIL_FOLDER="$${MAIL_FOLDER:-data/mail}" \
	  "$(TARGET_DIR)/release/ateliers" serve

build: tools
	cargo leptos build --release --split

tools:
	@./.ci/install-tools build

## dist: the release bundle for a server without Rust (docs/deploy.md)
dist: build
	./.ci/make-dist

# The bundle unpacked alone and started on PostgreSQL (after `cargo leptos build --release --split`).
test-bundle:
	./.ci/make-dist
	TEST_POSTGRES_URL="$(POSTGRES_URL)" ./.ci/test-bundle

## test: everything, stopping at the first failure; prints the time of each stage
test:
	@export STAGE_LOG=$$(mktemp); start=$$(date +%s); \
	$(STAGE) "install tools" ./.ci/install-tools test && \
	$(STAGE) "format" $(MAKE) --no-print-directory fmt-check && \
	$(STAGE) "postgresql reachable" $(MAKE) --no-print-directory postgres-check && \
	$(STAGE) "lint server" $(MAKE) --no-print-directory lint-server && \
	$(STAGE) "lint wasm" $(MAKE) --no-print-directory lint-wasm && \
	$(STAGE) "unit + integration tests" $(MAKE) --no-print-directory test-rust && \
	$(STAGE) "release build" cargo leptos build --release --split && \
	$(STAGE) "release bundle" $(MAKE) --no-print-directory test-bundle && \
	$(STAGE) "browser tests" $(MAKE) --no-print-directory test-e2e; \
	status=$$?; \
	printf '\n--- stage times ---\n'; cat "$$STAGE_LOG"; \
	printf 'total: %ds\n' $$(( $$(date +%s) - start )); rm -f "$$STAGE_LOG"; exit $$status

## check: the fast loop while working — format, lints of the server build, unit tests
check: fmt-check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo nextest run --workspace --lib --bins

# rustfmt leaves macro bodies alone; leptosfmt formats the `view!` markup (leptosfmt.toml).
fmt-check:
	cargo fmt --all -- --check
	leptosfmt --check --quiet app/src

## fmt: format the Rust code and the `view!` markup
fmt:
	leptosfmt --quiet app/src
	cargo fmt --all

lint: lint-server lint-wasm

lint-server:
	cargo clippy --workspace --all-targets -- -D warnings

# The wasm bundle compiles app + shared without the server features: leaks show up here.
lint-wasm:
	cargo clippy -p ateliers-app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

postgres-check:
	@if pg_isready -q -d "$(POSTGRES_URL)" 2>/dev/null || psql "$(POSTGRES_URL)" -c 'select 1' >/dev/null 2>&1; then \
	  echo "PostgreSQL reachable at $(POSTGRES_URL)"; \
	else \
	  printf '\n!!!!!!!!\n!!! PostgreSQL is NOT reachable at %s.\n!!! Database tests will run on SQLite only.\n!!!!!!!!\n\n' "$(POSTGRES_URL)"; \
	  if [ "$${CI:-}" = true ]; then echo "CI=true: this is a failure."; exit 1; fi; \
	fi

## test-on-dates: the Rust suite with its clock set to a day in each season of 2027 and 2028
## (or DAYS="2027-12-29 ..."); not part of `make test`
test-on-dates:
	TEST_POSTGRES_URL="$(POSTGRES_URL)" ./.ci/test-on-dates $(DAYS)

# Every database test runs twice, on SQLite and on PostgreSQL (see server/tests/api/support).
test-rust:
	TEST_POSTGRES_URL="$(POSTGRES_URL)" cargo nextest run --workspace --no-fail-fast --failure-output final

test-e2e:
	cd end2end && CARGO_TARGET_DIR="$(abspath $(TARGET_DIR))" npx playwright test

clean:
	cargo clean
	rm -rf target/site end2end/test-results end2end/playwright-report
