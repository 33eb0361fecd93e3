#!/usr/bin/env bash
# Starts the release build of Ateliers for the browser tests, on a fresh SQLite database with
# the demo data, its mail written to a folder beside it. Run by Playwright's webServer.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
data_dir="$(mktemp -d -t ateliers-e2e-XXXXXX)"
trap 'rm -rf "$data_dir"' EXIT
export DATABASE_URL="sqlite://$data_dir/ateliers.db?mode=rwc"
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export ATELIERS_DEMO=true
export MAIL_BACKEND=folder
export MAIL_FOLDER="$data_dir/mail"
export RUST_LOG="${RUST_LOG:-warn}"
"$target_dir/release/ateliers" serve &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data_dir"' EXIT INT TERM
wait "$server"
