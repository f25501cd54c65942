#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# HTTP throughput of a wasm function, side by side with a plain JAX-RS resource on the same
# Liberty server and with nginx, all three answering the same bytes:
#   200, body "Hello empty", Content-Type: text/plain; charset=utf-8, X-Guest: capsule-0.1.3, Message: hello
#
#   function  GET http://127.0.0.1:9095/wasm/functions/hello   (lib-api/src/test/guests/hello-http.wasm, Chicory)
#   jax-rs    GET http://127.0.0.1:9095/reference/hello        (bench/reference-war, dropped into dropins/)
#   nginx     GET http://127.0.0.1:9096/hello                  (return 200 "Hello empty")
#
# Each target: WARMUP seconds of wrk load (not counted), a check of status, body and headers, then
# `wrk -t1 -c32 -dDURATION` (counted; any non-2xx response fails the run). Prints requests/s of each,
# then last the ratios function / jax-rs and function / nginx.
#
# Prerequisite (once, from the repository root):  mvn verify -DskipTests -DskipITs
#   (builds capa-ee.ear, extracts Open Liberty into liberty-config/target/liberty and creates the server `capa`
#   there, whose configuration the script's own server copies)
#
# Usage:  bench/http-hello.sh                      # 30 s warm-up + 30 s measurement per target
#         WARMUP=5 DURATION=5 bench/http-hello.sh  # quick smoke run (numbers not meaningful: cold JIT)
#         PROFILE=20 bench/http-hello.sh           # also: 20 s JFR execution samples of the function
#                                                  #   under load, after the measurements (bench/profile/JfrTop.java)
#
# Ports: Liberty server `capahello` on 9095 (HTTPS 9495), nginx on 9096 (127.0.0.1). They must be free.
# The server is always stopped at the end (also on failure); nginx too.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
PROFILE=${PROFILE:-0}
HTTP_PORT=9095
HTTPS_PORT=9495
NGINX_PORT=9096
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER=capahello
SERVER_DIR=$WLP/usr/servers/$SERVER
# wrk sends nothing but Host by default; the host drops Host, and hello-http.wasm traps on an empty
# header string (as the TinyGo SDK does). Real clients send headers: all three targets get these two.
WRK_HEADERS=(-H 'User-Agent: wrk' -H 'Accept: */*')

log() { printf '[http-hello] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_tool wrk wrk
bench_tool nginx nginx-light
bench_tool curl curl
command -v mvn >/dev/null || die "mvn not found"
[ -x "$WLP/bin/server" ] && [ -f "$WLP/usr/servers/capa/server.xml" ] || die "no server capa in liberty-config/target: run 'mvn verify -DskipTests -DskipITs' first"

ls "$ROOT"/ear/target/*.ear >/dev/null 2>&1 || die "no EAR in ear/target: run 'mvn verify -DskipTests -DskipITs' first"
bench_ports_free $HTTP_PORT $HTTPS_PORT $NGINX_PORT

# ---------------------------------------------------------------- cleanup, always
WORK=$(mktemp -d /tmp/capa-bench-http.XXXXXX)
NGINX_STARTED=0
LIBERTY_STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$NGINX_STARTED" = 1 ] && [ -s "$WORK/nginx.pid" ]; then
    kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  fi
  if [ "$LIBERTY_STARTED" = 1 ]; then
    log "stopping Liberty server $SERVER"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || log "server stop failed, see $WORK/liberty-stop.log"
  fi
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers
# check URL: 200, exact body, the three headers (Liberty writes "text/plain;charset=utf-8")
check() {
  local name=$1 url=$2 out
  out=$(curl -s -i -m 5 -H 'User-Agent: wrk' -H 'Accept: */*' "$url" | tr -d '\r') || die "$name: $url does not answer"
  local status body
  status=$(printf '%s\n' "$out" | head -1 | awk '{print $2}')
  body=$(printf '%s\n' "$out" | awk 'f{print} /^$/{f=1}')
  [ "$status" = 200 ] || die "$name: $url answered status '$status', expected 200:\n$out"
  [ "$body" = "Hello empty" ] || die "$name: $url answered body '$body', expected 'Hello empty'"
  printf '%s\n' "$out" | grep -qi '^x-guest: capsule-0.1.3$' || die "$name: header X-Guest missing:\n$out"
  printf '%s\n' "$out" | grep -qi '^message: hello$' || die "$name: header Message missing:\n$out"
  printf '%s\n' "$out" | tr -d ' ' | grep -qi '^content-type:text/plain;charset=utf-8$' || die "$name: Content-Type not text/plain; charset=utf-8:\n$out"
}

# wait_for NAME URL SECONDS: until check passes
wait_for() {
  local name=$1 url=$2 limit=$3 i
  for ((i = 0; i < limit * 4; i++)); do
    if (check "$name" "$url") 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  check "$name" "$url" # once more, loudly
}

# bench NAME URL: warm up, check, measure; prints requests/s on stdout
bench() {
  local name=$1 url=$2 out rps non2xx
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${WRK_HEADERS[@]}" "$url" >"$WORK/$name-warmup.txt"
  check "$name" "$url"
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s"
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${WRK_HEADERS[@]}" "$url")
  printf '%s\n' "$out" >"$WORK/$name.txt"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  [ -z "$non2xx" ] || die "$name: wrk saw $non2xx non-2xx/3xx responses"
  if printf '%s\n' "$out" | grep -q 'Socket errors'; then log "$name: WARNING: $(printf '%s\n' "$out" | grep 'Socket errors')"; fi
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$rps" ] || die "$name: no Requests/sec in wrk output"
  echo "$rps"
}

# ---------------------------------------------------------------- machine
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "java: $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $(nginx -v 2>&1)"
log "warm-up ${WARMUP}s, measurement ${DURATION}s, wrk -t1 -c$CONNECTIONS"

# ---------------------------------------------------------------- reference WAR
log "building bench/reference-war"
mvn -q -f "$ROOT/bench/reference-war/pom.xml" package >"$WORK/reference-build.log" 2>&1 || { cat "$WORK/reference-build.log" >&2; die "reference WAR build"; }

# ---------------------------------------------------------------- Liberty
# a server of its own, with the configuration of the server `capa` that the build created, and the EAR just built
# (liberty:create/deploy would resolve the EAR from the local Maven repository, which only `mvn install` fills)
log "starting Liberty server $SERVER on $HTTP_PORT"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR/apps" "$SERVER_DIR/functions" "$SERVER_DIR/dropins"
bench_server_config "$SERVER_DIR"
cp "$(ls "$ROOT"/ear/target/*.ear | head -1)" "$SERVER_DIR/apps/capa-ee.ear"
printf 'http.port=%s\nhttps.port=%s\ncapa.grpc.enabled=false\n' "$HTTP_PORT" "$HTTPS_PORT" >"$SERVER_DIR/bootstrap.properties"
LIBERTY_STARTED=1
"$WLP/bin/server" start "$SERVER" >"$WORK/liberty-start.log" 2>&1 || { cat "$WORK/liberty-start.log" >&2; die "server start"; }
cp "$ROOT/lib-api/src/test/guests/hello-http.wasm" "$SERVER_DIR/functions/hello.wasm"
cp "$ROOT/bench/reference-war/target/reference.war" "$SERVER_DIR/dropins/reference.war"
FUNCTION_URL=http://127.0.0.1:$HTTP_PORT/wasm/functions/hello
JAXRS_URL=http://127.0.0.1:$HTTP_PORT/reference/hello
NGINX_URL=http://127.0.0.1:$NGINX_PORT/hello
wait_for function "$FUNCTION_URL" 60
wait_for jax-rs "$JAXRS_URL" 60

# ---------------------------------------------------------------- nginx
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
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type "text/plain; charset=utf-8";
      add_header X-Guest "capsule-0.1.3";
      add_header Message "hello";
      return 200 "Hello empty";
    }
  }
}
EOF
log "starting nginx on 127.0.0.1:$NGINX_PORT"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" || die "nginx did not start"
NGINX_STARTED=1
wait_for nginx "$NGINX_URL" 10

# ---------------------------------------------------------------- measure
FUNCTION_RPS=$(bench function "$FUNCTION_URL")
JAXRS_RPS=$(bench jax-rs "$JAXRS_URL")
NGINX_RPS=$(bench nginx "$NGINX_URL")

if [ "$PROFILE" -gt 0 ] 2>/dev/null; then
  pid=$(cat "$SERVER_DIR/../.pid/$SERVER.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    log "profiling the function: JFR on pid $pid for ${PROFILE}s under the same load"
    bench_jfr_start "$pid" function
    wrk -t1 -c"$CONNECTIONS" -d"${PROFILE}s" "${WRK_HEADERS[@]}" "$FUNCTION_URL" >/dev/null
    bench_jfr_stop "$pid" function 25
  else
    log "PROFILE: Liberty JVM not found, skipped"
  fi
fi

# ---------------------------------------------------------------- report
echo
printf '%-34s %12s\n' "target (wrk -t1 -c$CONNECTIONS -d${DURATION}s)" "requests/s"
printf '%-34s %12.0f\n' "function (Chicory, hello-http)" "$FUNCTION_RPS"
printf '%-34s %12.0f\n' "jax-rs (plain resource, Liberty)" "$JAXRS_RPS"
printf '%-34s %12.0f\n' "nginx (return 200)" "$NGINX_RPS"
echo
awk -v f="$FUNCTION_RPS" -v j="$JAXRS_RPS" -v n="$NGINX_RPS" 'BEGIN {
  printf "function / jax-rs = %.2f   (target >= 0.70: %s)\n", f / j, (f / j >= 0.70 ? "met" : "NOT met")
  printf "function / nginx  = %.2f\n", f / n
}'
for name in function jax-rs nginx; do bench_wrk_pctl http-hello "$name" "$WORK/$name.txt"; done
bench_result http-hello.function-vs-jaxrs "$FUNCTION_RPS" "$JAXRS_RPS" req/s 1.0
bench_result http-hello.function-vs-nginx "$FUNCTION_RPS" "$NGINX_RPS" req/s
