#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Traffic-rule routing cost: a request routed by a traffic rule (canary weights, breakers, stats and
# metrics) against the same request through the plain reverse proxy (a Capsule route) and through
# nginx proxy_pass, all to the SAME upstream, in one run:
#
#   upstream      nginx on 127.0.0.1:9109, GET /hello -> 200 "Hello upstream" (static, in memory)
#   routed        GET http://127.0.0.1:9108/bench-routed/hello  (traffic rule: v1 95 % / v2 5 %, both the upstream)
#   proxied       GET http://127.0.0.1:9108/functions/bench/hello (route bench -> http://127.0.0.1:9109)
#   nginx proxy   GET http://127.0.0.1:9110/hello               (proxy_pass http://127.0.0.1:9109, keepalive 64)
#
# Each target first gets WARMUP seconds of wrk load (not counted) and a check of status and body; then
# each is measured with `wrk -t1 -c32 -dDURATION` (any non-2xx response fails the run). Prints requests/s of the three,
# then last the ratios routed / proxied and routed / nginx.
#
# Prerequisite: the EAR and the Liberty runtime built once (`mvn verify`): uses
# liberty-config/target/liberty/wlp and ear/target/capa-ee.ear. The script runs its own server
# `capatraffic` (a copy of `capa`, ports 9108/9508, memory key/value store).
#
# Usage:  bench/traffic.sh                        # 30 s warm-up + 30 s measurement per target
#         WARMUP=5 DURATION=5 bench/traffic.sh    # quick smoke run (numbers not meaningful: cold JIT)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
HTTP_PORT=9108
HTTPS_PORT=9508
UPSTREAM_PORT=9109
NGINX_PROXY_PORT=9110
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER=capatraffic
SERVER_DIR=$WLP/usr/servers/$SERVER
BODY="Hello upstream"

log() { printf '[traffic] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_tool wrk wrk
bench_tool nginx nginx-light
bench_tool curl curl

[ -x "$WLP/bin/server" ] || die "no Liberty runtime in liberty-config/target: build first (mvn verify)"
EAR=$WLP/usr/servers/capa/apps/capa-ee.ear
[ -f "$ROOT/ear/target/capa-ee.ear" ] && EAR=$ROOT/ear/target/capa-ee.ear
[ -n "${CAPA_EAR:-}" ] && EAR=$CAPA_EAR # another build to compare, e.g. the previous commit's EAR
[ -f "$EAR" ] || die "no capa-ee.ear: build first (mvn verify)"
bench_ports_free $HTTP_PORT $HTTPS_PORT $UPSTREAM_PORT $NGINX_PROXY_PORT

WORK=$(mktemp -d /tmp/capa-bench-traffic.XXXXXX)
NGINX_STARTED=0
LIBERTY_STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$NGINX_STARTED" = 1 ] && [ -s "$WORK/nginx.pid" ]; then kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; fi
  if [ "$LIBERTY_STARTED" = 1 ]; then
    log "stopping Liberty server $SERVER"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || log "server stop failed, see $WORK/liberty-stop.log"
  fi
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check() {
  local name=$1 url=$2 out status body
  out=$(curl -s -i -m 5 "$url" | tr -d '\r') || die "$name: $url does not answer"
  status=$(printf '%s\n' "$out" | head -1 | awk '{print $2}')
  body=$(printf '%s\n' "$out" | awk 'f{print} /^$/{f=1}')
  [ "$status" = 200 ] || die "$name: $url answered status '$status', expected 200:\n$out"
  [ "$body" = "$BODY" ] || die "$name: $url answered body '$body', expected '$BODY'"
}

wait_for() {
  local name=$1 url=$2 limit=$3 i
  for ((i = 0; i < limit * 4; i++)); do
    if (check "$name" "$url") 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  check "$name" "$url"
}

warm() {
  local name=$1 url=$2
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >"$WORK/$name-warmup.txt"
  check "$name" "$url"
}

# every target is warmed before any is measured: the routed and the proxied path share most of their
# code, and the one measured first would otherwise pay for the JIT's warm-up of both
bench() {
  local name=$1 url=$2 out rps non2xx
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s (load $(cut -d' ' -f1-3 /proc/loadavg))"
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  printf '%s\n' "$out" >"$WORK/$name.txt"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  [ -z "$non2xx" ] || die "$name: wrk saw $non2xx non-2xx/3xx responses"
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$rps" ] || die "$name: no Requests/sec in wrk output"
  echo "$rps"
}

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(nginx -v 2>&1)"

# ---------------------------------------------------------------- nginx: upstream and proxy_pass reference
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  keepalive_requests 1000000;
  upstream origin { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / { default_type "text/plain; charset=utf-8"; return 200 "$BODY"; }
  }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" || die "nginx did not start"
NGINX_STARTED=1
wait_for upstream "http://127.0.0.1:$UPSTREAM_PORT/hello" 10

# ---------------------------------------------------------------- Liberty
log "starting Liberty server $SERVER on $HTTP_PORT"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR/apps"
bench_server_config "$SERVER_DIR"
cp "$EAR" "$SERVER_DIR/apps/capa-ee.ear"
printf 'http.port=%s\nhttps.port=%s\ncapa.kv.backend=memory\n' "$HTTP_PORT" "$HTTPS_PORT" >"$SERVER_DIR/bootstrap.properties"
LIBERTY_STARTED=1
"$WLP/bin/server" start "$SERVER" >"$WORK/liberty-start.log" 2>&1 || { cat "$WORK/liberty-start.log" >&2; die "server start"; }
for ((i = 0; i < 240; i++)); do
  curl -s -f -o /dev/null -m 2 "http://127.0.0.1:$HTTP_PORT/memory/functions/list" && break # -f: not while the app still deploys (404)
  sleep 0.5
done
curl -s -m 30 -X POST -H 'Content-Type: application/json' \
  -d "{\"function\":\"bench\",\"revision\":\"default\",\"url\":\"http://127.0.0.1:$UPSTREAM_PORT\"}" \
  "http://127.0.0.1:$HTTP_PORT/memory/functions/registration" >"$WORK/register.txt" || die "route registration"
grep -q '"code":"OK"' "$WORK/register.txt" || die "route registration: $(cat "$WORK/register.txt")"
curl -s -m 5 -X PUT -H 'Content-Type: application/json' \
  -d "{\"match\":{\"path\":\"/bench-routed\"},\"strip-prefix\":true,\"upstreams\":[{\"name\":\"v1\",\"url\":\"http://127.0.0.1:$UPSTREAM_PORT\",\"weight\":95},{\"name\":\"v2\",\"url\":\"http://127.0.0.1:$UPSTREAM_PORT/\",\"weight\":5}]}" \
  "http://127.0.0.1:$HTTP_PORT/v1.0-alpha1/traffic/rules/bench" >"$WORK/rule.txt" || die "traffic rule"
grep -q '"name":"bench"' "$WORK/rule.txt" || die "traffic rule: $(cat "$WORK/rule.txt")"
ROUTED_URL=http://127.0.0.1:$HTTP_PORT/bench-routed/hello
PROXIED_URL=http://127.0.0.1:$HTTP_PORT/functions/bench/hello
NGINX_URL=http://127.0.0.1:$NGINX_PROXY_PORT/hello
wait_for proxied "$PROXIED_URL" 30
wait_for routed "$ROUTED_URL" 10

# ---------------------------------------------------------------- measure
warm routed "$ROUTED_URL"
warm proxied "$PROXIED_URL"
warm nginx-proxy "$NGINX_URL"
ROUTED_RPS=$(bench routed "$ROUTED_URL")
PROXIED_RPS=$(bench proxied "$PROXIED_URL")
NGINX_RPS=$(bench nginx-proxy "$NGINX_URL")
curl -s -m 5 "http://127.0.0.1:$HTTP_PORT/v1.0-alpha1/traffic/stats" | sed 's/^/[traffic] stats: /' >&2
echo

echo
printf 'capa-ee routed by rule  %10.0f requests/s   (%s)\n' "$ROUTED_RPS" "$ROUTED_URL"
printf 'capa-ee plain proxied   %10.0f requests/s   (%s)\n' "$PROXIED_RPS" "$PROXIED_URL"
printf 'nginx proxy_pass        %10.0f requests/s   (%s)\n' "$NGINX_RPS" "$NGINX_URL"
awk -v r="$ROUTED_RPS" -v p="$PROXIED_RPS" -v n="$NGINX_RPS" 'BEGIN { printf "ratio routed / proxied = %.2f\nratio proxied / nginx proxy_pass = %.2f\nratio routed / nginx proxy_pass = %.2f\n", r / p, p / n, r / n }'
for name in routed proxied nginx-proxy; do bench_wrk_pctl traffic "$name" "$WORK/$name.txt"; done
bench_result traffic.routed-vs-proxied "$ROUTED_RPS" "$PROXIED_RPS" req/s 1.0
bench_result traffic.proxied-vs-nginx "$PROXIED_RPS" "$NGINX_RPS" req/s 0.5
