#!/usr/bin/env bash
# Production's shape for the browser tests (tests/behind-proxy.spec.ts): Debian's nginx, with the
# proxy configuration of docs/deploy/nginx-proxy.conf, in front of two instances of the release
# build on one fresh PostgreSQL database, mail over SMTP to `ateliers smtp-sink` in
# $E2E_PROXY_SINK_DIR. Run by Playwright's webServer.
#   E2E_PROXY_PORT   nginx's port (the instances take the two next ones, the sink the third)
#   $E2E_PROXY_SINK_DIR/instances   "port pid" of each instance, for the test to stop one
# nginx reaches the instances from 127.0.0.2 (proxy_bind), the one TRUSTED_PROXIES address.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
proxy_port="${E2E_PROXY_PORT:?}"
sink_dir="${E2E_PROXY_SINK_DIR:?}"
admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
database="ateliers_e2e_proxy_$$"
work="$(mktemp -d -t ateliers-e2e-proxy-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
psql -q "$admin" -c "CREATE DATABASE $database" >/dev/null
first=$((proxy_port + 1)); second=$((proxy_port + 2)); sink=$((proxy_port + 3))
mkdir -p "$sink_dir"
"$target_dir/release/ateliers" smtp-sink --port "$sink" --keep-in "$sink_dir" &
pids+=($!)
export DATABASE_URL="${admin%/*}/$database"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export ATELIERS_DEMO=true ATELIERS_DEMO_PAST_YEAR=false
export MAIL_BACKEND=smtp SMTP_URL="smtp://127.0.0.1:$sink" MAIL_DISPATCH_INTERVAL_MS=300
export ATELIERS_PUBLIC_URL="http://127.0.0.1:$proxy_port" TRUSTED_PROXIES=127.0.0.2
export RUST_LOG="${RUST_LOG:-warn}"
: > "$sink_dir/instances"
# The first loads the demo; the second starts once it is there.
for port in "$first" "$second"; do
  LEPTOS_SITE_ADDR="127.0.0.1:$port" "$target_dir/release/ateliers" serve &
  pids+=($!)
  echo "$port $!" >> "$sink_dir/instances"
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
user=""; [ "$(id -u)" = 0 ] && user="user root;"
cat > "$work/nginx.conf" <<CONF
$user
worker_processes 1;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  upstream ateliers {
    server 127.0.0.1:$first max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$second max_fails=1 fail_timeout=30s;
    keepalive 8;
  }
  server {
    listen 127.0.0.1:$proxy_port;
    location / {
      proxy_bind 127.0.0.2;
      include $PWD/docs/deploy/nginx-proxy.conf;
    }
  }
}
CONF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait "${pids[-1]}"
