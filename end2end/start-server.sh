#!/usr/bin/env bash
# Starts the release build of Ateliers for the browser tests, on a fresh SQLite database with
# the demo data. Run by Playwright's webServer, twice:
#   E2E_MAIL=folder  mail written to a folder beside the database (as `make run`, shown at /courriels)
#   E2E_MAIL=smtp    mail sent over SMTP to `ateliers smtp-sink`, which keeps it in $E2E_SINK_DIR,
#                    and SMS over SMPP to `ateliers smsc-sink`, which keeps them in $E2E_SMS_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
data_dir="$(mktemp -d -t ateliers-e2e-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data_dir"
}
trap cleanup EXIT INT TERM
export DATABASE_URL="sqlite://$data_dir/ateliers.db?mode=rwc"
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export ATELIERS_DEMO=true ATELIERS_DEMO_PAST_YEAR=true
export MAIL_DISPATCH_INTERVAL_MS=300
# Every request of the browser tests comes from 127.0.0.1: the sign-in rate limits (per address
# and per network, demo only) are raised so that specs sign in as the same accounts freely.
export ATELIERS_TEST_RATE_LIMITS="account=1000,network=10000"
export RUST_LOG="${RUST_LOG:-warn}"
if [ "${E2E_MAIL:-folder}" = smtp ]; then
  "$target_dir/release/ateliers" smtp-sink --port "${E2E_SMTP_PORT:-2526}" --keep-in "${E2E_SINK_DIR:?}" &
  pids+=($!)
  export MAIL_BACKEND=smtp SMTP_URL="smtp://127.0.0.1:${E2E_SMTP_PORT:-2526}"
  "$target_dir/release/ateliers" smsc-sink --port "${E2E_SMPP_PORT:-2776}" --keep-in "${E2E_SMS_DIR:?}" &
  pids+=($!)
  export SMS_URL="smpp://ateliers:secret@127.0.0.1:${E2E_SMPP_PORT:-2776}"
  # This server's programme was paid for the last time this year: /conservation says when its
  # evidence goes (the folder server keeps the year unknown, as a new installation does).
  PROGRAMME_LAST_PAYMENT_YEAR="$(date +%Y)"
  export PROGRAMME_LAST_PAYMENT_YEAR
else
  export MAIL_BACKEND=folder MAIL_FOLDER="$data_dir/mail"
fi
"$target_dir/release/ateliers" serve &
pids+=($!)
wait "${pids[-1]}"
