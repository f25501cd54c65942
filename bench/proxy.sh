#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Reverse-proxy throughput: war-proxy forwarding to an upstream, side by side with nginx
# proxy_pass (keep-alive upstream pool) to the SAME upstream, in one run:
#
#   upstream      nginx on 127.0.0.1:9099, GET /hello -> 200 "Hello upstream" (static, in memory)
#   capa-ee       GET http://127.0.0.1:9098/functions/bench/hello  (route bench -> http://127.0.0.1:9099)
#   nginx proxy   GET http://127.0.0.1:9100/hello                  (proxy_pass http://127.0.0.1:9099, keepalive 64)
#
# Each target: WARMUP seconds of wrk load (not counted), a check of status and body, then
# `wrk -t1 -c32 -dDURATION` (any non-2xx response fails the run). Prints requests/s of both, then
# last the ratio capa-ee / nginx (target >= 0.3).
#
# Prerequisite: the EAR and the Liberty runtime built once, e.g. `mvn verify` (or
# `mvn verify -DskipTests -DskipITs`): uses liberty-config/target/liberty/wlp and ear/target/capa-ee.ear.
# The script runs its own server `capabench` (a copy of `capa`, ports 9098/9498, memory key/value store).
#
# Usage:  bench/proxy.sh                        # 30 s warm-up + 30 s measurement per target
#         WARMUP=5 DURATION=5 bench/proxy.sh    # quick smoke run (numbers not meaningful: cold JIT)
#         CAPA_EAR=/tmp/old.ear bench/proxy.sh  # measure another EAR (default: ear/target/capa-ee.ear)
#         CORE_THREADS=16 bench/proxy.sh        # pin Liberty's executor baseline (capa.executor.core-threads;
#                                               # default: server.xml's -1 = Liberty's own, 2 per core)
#         INPUT_BINDINGS=1 bench/proxy.sh       # the same with the NATS, JetStream, Redis-stream and cron input
#                                               # bindings switched on (idle: what they cost the proxy)
#         PROFILE=20 bench/proxy.sh             # then 20 s of JFR on the server under proxy load,
#                                               # summarised by bench/profile/JfrTop.java; kept in bench/results/proxy.jfr
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
PROFILE=${PROFILE:-0}
CORE_THREADS=${CORE_THREADS:-}
INPUT_BINDINGS=${INPUT_BINDINGS:-0}
HTTP_PORT=9098
HTTPS_PORT=9498
UPSTREAM_PORT=9099
NGINX_PROXY_PORT=9100
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER=capabench
SERVER_DIR=$WLP/usr/servers/$SERVER
BODY="Hello upstream"

log() { printf '[proxy] %s\n' "$*" >&2; }
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

WORK=$(mktemp -d /tmp/capa-bench-proxy.XXXXXX)
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

bench() {
  local name=$1 url=$2 out rps non2xx
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >"$WORK/$name-warmup.txt"
  check "$name" "$url"
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s"
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
log "starting Liberty server $SERVER on $HTTP_PORT${CORE_THREADS:+ (executor core threads $CORE_THREADS)}"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR/apps"
bench_server_config "$SERVER_DIR"
cp "$EAR" "$SERVER_DIR/apps/capa-ee.ear"
printf 'http.port=%s\nhttps.port=%s\ncapa.grpc.enabled=false\ncapa.kv.backend=memory\n' "$HTTP_PORT" "$HTTPS_PORT" >"$SERVER_DIR/bootstrap.properties"
[ -z "$CORE_THREADS" ] || printf 'capa.executor.core-threads=%s\n' "$CORE_THREADS" >>"$SERVER_DIR/bootstrap.properties"
if [ "$INPUT_BINDINGS" = 1 ]; then
  log "with the NATS, JetStream, Redis-stream and cron input bindings on (needs NATS and Redis on 127.0.0.1)"
  cat >>"$SERVER_DIR/bootstrap.properties" <<PROPS
capa.bindings.nats-input.enabled=true
capa.bindings.nats-input.subject=capa.bench.input
capa.bindings.jetstream-input.enabled=true
capa.bindings.jetstream-input.stream=CAPA_BENCH_INPUT
capa.bindings.jetstream-input.subject=capa.bench.jsinput
capa.bindings.jetstream-input.durable=capa-bench
capa.bindings.jetstream-input.create-stream=true
capa.bindings.redis-input.enabled=true
capa.bindings.redis-input.stream=capa:bench:input
capa.bindings.cron-input.enabled=true
PROPS
fi
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
CAPA_URL=http://127.0.0.1:$HTTP_PORT/functions/bench/hello
NGINX_URL=http://127.0.0.1:$NGINX_PROXY_PORT/hello
wait_for capa-ee "$CAPA_URL" 30

# ---------------------------------------------------------------- measure
CAPA_RPS=$(bench capa-ee "$CAPA_URL")
NGINX_RPS=$(bench nginx-proxy "$NGINX_URL")

if [ "$PROFILE" -gt 0 ] 2>/dev/null; then
  pid=$(cat "$WLP/usr/servers/.pid/$SERVER.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    log "profiling the proxy: JFR on pid $pid for ${PROFILE}s under the same load"
    bench_jfr_start "$pid" proxy
    wrk -t1 -c"$CONNECTIONS" -d"${PROFILE}s" "$CAPA_URL" >/dev/null
    bench_jfr_stop "$pid" proxy 30
  else
    log "PROFILE: Liberty JVM not found, skipped"
  fi
fi

echo
printf 'capa-ee war-proxy  %10.0f requests/s   (%s)\n' "$CAPA_RPS" "$CAPA_URL"
printf 'nginx proxy_pass   %10.0f requests/s   (%s)\n' "$NGINX_RPS" "$NGINX_URL"
awk -v c="$CAPA_RPS" -v n="$NGINX_RPS" 'BEGIN { printf "ratio capa-ee / nginx proxy_pass = %.2f  (target >= 0.3: %s)\n", c / n, (c / n >= 0.3 ? "met" : "NOT met") }'
for name in capa-ee nginx-proxy; do bench_wrk_pctl proxy "$name" "$WORK/$name.txt"; done
bench_result proxy.capa-vs-nginx "$CAPA_RPS" "$NGINX_RPS" req/s 0.5
