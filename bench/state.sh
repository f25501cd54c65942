#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# State API throughput: Dapr's state save, get, bulk get and transaction over HTTP on Capa EE (war-proxy ->
# resource adapter -> Redis), side by side with two references in one run: a plain JAX-RS resource making
# the same jedis calls on the SAME server (bench/reference-war's StateResource, in dropins/: what the runtime
# itself costs), and redis-benchmark SET and GET on the SAME Redis with the same concurrency:
#
#   capa-ee get          wrk GET  /v1.0/state/statestore/KEY            (one HMGET)
#   capa-ee save         wrk POST /v1.0/state/statestore  [{"key":KEY,"value":...}]  (one EVAL)
#   capa-ee bulk         wrk POST /v1.0/state/statestore/bulk  {"keys":[BULK_KEYS keys]}  (one HMGET per key)
#   capa-ee transaction  wrk POST /v1.0/state/statestore/transaction  TX_OPS upserts  (one EVAL)
#   jax-rs ...           the same four on /reference/state, /reference/state/bulk, /reference/state/transaction
#   redis get/set        redis-benchmark -c CONNECTIONS GET/SET on a key of its own
#   postgresql get/save  the same two requests on the state store `pgstate` (backend postgresql: a table
#                  of a pooled Liberty data source on 127.0.0.1:5432, database test), when PostgreSQL
#                  answers (else skipped); no reference loop: the figures stand alone
#
# Every HTTP target first gets WARMUP seconds of wrk load (not counted), all of them before any is measured;
# then each `wrk -t1 -cCONNECTIONS -dDURATION` (any non-2xx fails the run), with the server's CPU time per
# request (from /proc: what a request costs the server, whatever share of the 2 cores wrk takes). Prints
# requests/s and CPU per request of each, then last the ratios capa-ee / jax-rs (target >= 0.8) and
# capa-ee / redis-benchmark. Keys are namespaced with a random app id and deleted
# after; the PostgreSQL table (bench_state_NNNN) is dropped after.
#
# Prerequisites: Redis on 127.0.0.1:6379 (or REDIS_HOST/REDIS_PORT), the EAR and Liberty runtime
# built once (`mvn verify -DskipTests -DskipITs`). The script builds bench/reference-war (MVN_ARGS=-o:
# offline) and runs its own server `capastate` (ports 9096/9496).
#
# Usage:  bench/state.sh                          # 30 s warm-up per target (all first), then 30 s measurement each
#         WARMUP=5 DURATION=5 bench/state.sh      # quick smoke run (numbers not meaningful: cold JIT)
#         PROFILE=20 bench/state.sh               # also: 20 s JFR execution samples of each get (Capa EE and the
#                                                 # reference) under the same load, summarised (bench/profile/JfrTop.java)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
REQUESTS=${REQUESTS:-1000000}
BULK_KEYS=${BULK_KEYS:-10}
TX_OPS=${TX_OPS:-3}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
PROFILE=${PROFILE:-0}
HTTP_PORT=9096
HTTPS_PORT=9496
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER=capastate
SERVER_DIR=$WLP/usr/servers/$SERVER
APP_ID=bench-$RANDOM$RANDOM
KEY=order
VALUE='{"item":"tea","qty":3}'
PSQL=(psql -h 127.0.0.1 -U postgres -d test -w -qAt)
PG_TABLE=bench_state_$RANDOM$RANDOM

log() { printf '[state] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
command -v redis-benchmark >/dev/null || die "redis-benchmark is not installed (apt-get install redis-tools)"
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null || die "no Redis at $REDIS_HOST:$REDIS_PORT"
[ -x "$WLP/bin/server" ] || die "no Liberty runtime in liberty-config/target: build first (mvn verify)"
EAR=$WLP/usr/servers/capa/apps/capa-ee.ear
[ -f "$ROOT/ear/target/capa-ee.ear" ] && EAR=$ROOT/ear/target/capa-ee.ear
[ -f "$EAR" ] || die "no capa-ee.ear: build first (mvn verify)"
# the state store on PostgreSQL: with the driver the server ships, when PostgreSQL answers
PG=0
DRIVER=$WLP/usr/servers/capa/jdbc/postgresql.jar
if command -v psql >/dev/null && "${PSQL[@]}" -c 'select 1' >/dev/null 2>&1 && [ -f "$DRIVER" ]; then
  PG=1
else
  log "no PostgreSQL with trust auth at 127.0.0.1:5432 (database test) or no $DRIVER: the postgresql targets are skipped"
fi
bench_ports_free $HTTP_PORT $HTTPS_PORT

WORK=$(mktemp -d /tmp/capa-bench-state.XXXXXX)
LIBERTY_STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$LIBERTY_STARTED" = 1 ]; then
    log "stopping Liberty server $SERVER"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || log "server stop failed, see $WORK/liberty-stop.log"
  fi
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "$APP_ID*" | xargs -r redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del >/dev/null
  if [ "$PG" = 1 ]; then
    "${PSQL[@]}" -c "DROP TABLE IF EXISTS $PG_TABLE" -c "DROP SEQUENCE IF EXISTS ${PG_TABLE}_version" >/dev/null
  fi
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# warm NAME URL [SCRIPT]: WARMUP seconds of the same wrk load, not counted. Every target is warmed before any
# is measured: measured right after its own warm-up, the first target ran while the JIT was still compiling the
# server's shared request path for the others, and looked slower than it is
warm() {
  local name=$1 url=$2 script=${3:-} args=()
  [ -n "$script" ] && args=(-s "$script")
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" "$url" >"$WORK/$name-warmup.txt"
}

# the server's CPU time so far, in clock ticks
server_ticks() {
  bench_cpu_ticks "$(cat "$WLP/usr/servers/.pid/$SERVER.pid")"
}

# wrk_rps NAME URL [SCRIPT]: measures DURATION seconds; prints requests/s, keeps the server's CPU microseconds
# per request in $WORK/NAME.cpu (what the request costs the server, whatever the load generator's share of the cores)
wrk_rps() {
  local name=$1 url=$2 script=${3:-} out rps non2xx requests t0 t1 args=()
  [ -n "$script" ] && args=(-s "$script")
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s  (load $(cut -d' ' -f1-3 /proc/loadavg))"
  t0=$(server_ticks)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" "$url")
  t1=$(server_ticks)
  printf '%s\n' "$out" >"$WORK/$name.txt"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  [ -z "$non2xx" ] || die "$name: wrk saw $non2xx non-2xx/3xx responses"
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$rps" ] || die "$name: no Requests/sec in wrk output"
  requests=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
  bench_us_per $((t1 - t0)) "$requests" >"$WORK/$name.cpu"
  log "$name: $rps requests/s, server CPU $(cat "$WORK/$name.cpu") us per request"
  echo "$rps"
}

redis_rps() {
  # custom commands, so that the reference writes only a key of its own: SET/GET APP_ID:redis-bench
  local out
  out=$(redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c "$CONNECTIONS" -n "$REQUESTS" -q "$@" 2>&1 | tr '\r' '\n' | grep 'requests per second' | tail -1)
  log "redis-benchmark $*: $out"
  printf '%s\n' "$out" | awk '{for (i = 1; i <= NF; i++) if ($(i+1) == "requests") {print $i; exit}}'
}

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(redis-server --version 2>/dev/null | cut -d' ' -f1-3)"

# ---------------------------------------------------------------- Liberty
log "starting Liberty server $SERVER on $HTTP_PORT (state store on redis $REDIS_HOST:$REDIS_PORT, app id $APP_ID)"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR/apps"
bench_server_config "$SERVER_DIR"
cp "$EAR" "$SERVER_DIR/apps/capa-ee.ear"
if [ "$PG" = 1 ]; then
  mkdir -p "$SERVER_DIR/jdbc"
  cp "$DRIVER" "$SERVER_DIR/jdbc/"
  # databases.xml: the file capa.database.config-file names by default
  cat >"$SERVER_DIR/databases.xml" <<XML
<server>
  <dataSource id="bench-state-db" jndiName="jdbc/bench/state">
    <jdbcDriver libraryRef="capa-jdbc-postgresql"/>
    <properties.postgresql serverName="127.0.0.1" portNumber="5432" databaseName="test" user="postgres"/>
    <connectionManager maxPoolSize="$CONNECTIONS" connectionTimeout="5s"/>
  </dataSource>
  <connectionFactory id="pgstate" jndiName="eis/capa/state/pgstate">
    <properties.capa-ee.jca-bindings.StateConnectionFactory backend="postgresql" dataSource="jdbc/bench/state"
        table="$PG_TABLE" appId="$APP_ID"/>
  </connectionFactory>
</server>
XML
fi
printf 'http.port=%s\nhttps.port=%s\ncapa.grpc.enabled=false\ncapa.app.id=%s\ncapa.state.backend=redis\ncapa.kv.host=%s\ncapa.kv.port=%s\ncapa.kv.pool-size=%s\n' \
  "$HTTP_PORT" "$HTTPS_PORT" "$APP_ID" "$REDIS_HOST" "$REDIS_PORT" "$CONNECTIONS" >"$SERVER_DIR/bootstrap.properties"
# the JAX-RS reference, beside the EAR, on Redis and a namespace of its own under the app id
log "building bench/reference-war"
# shellcheck disable=SC2086 # MVN_ARGS: words for mvn
mvn -q ${MVN_ARGS:-} -f "$ROOT/bench/reference-war/pom.xml" package >"$WORK/reference-build.log" 2>&1 \
  || { cat "$WORK/reference-build.log" >&2; die "reference WAR build"; }
mkdir -p "$SERVER_DIR/dropins"
cp "$ROOT/bench/reference-war/target/reference.war" "$SERVER_DIR/dropins/reference.war"
printf 'BENCH_REDIS_HOST=%s\nBENCH_REDIS_PORT=%s\nBENCH_REDIS_POOL=%s\nBENCH_STATE_NAMESPACE=%s\n' \
  "$REDIS_HOST" "$REDIS_PORT" "$CONNECTIONS" "$APP_ID-reference" >>"$SERVER_DIR/server.env"
LIBERTY_STARTED=1
"$WLP/bin/server" start "$SERVER" >"$WORK/liberty-start.log" 2>&1 || { cat "$WORK/liberty-start.log" >&2; die "server start"; }
BASE=http://127.0.0.1:$HTTP_PORT/v1.0/state/statestore
for ((i = 0; ; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$HTTP_PORT/v1.0/healthz")" = 204 ] && break
  [ "$i" -lt 600 ] || die "the server did not answer /v1.0/healthz within 5 minutes; see $SERVER_DIR/logs"
  sleep 0.5
done
status=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H 'Content-Type: application/json' \
  -d "[{\"key\":\"$KEY\",\"value\":$VALUE}]" "$BASE") || die "save"
[ "$status" = 204 ] || die "save answered $status"
[ "$(curl -s -m 5 "$BASE/$KEY")" = "$VALUE" ] || die "get did not answer the saved value"
[ -n "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" hget "$APP_ID||$KEY" data)" ] || die "the value is not in Redis"

PG_BASE=http://127.0.0.1:$HTTP_PORT/v1.0/state/pgstate
if [ "$PG" = 1 ]; then
  status=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H 'Content-Type: application/json' \
    -d "[{\"key\":\"$KEY\",\"value\":$VALUE}]" "$PG_BASE") || die "save on postgresql"
  [ "$status" = 204 ] || die "save on postgresql answered $status"
  [ "$(curl -s -m 5 "$PG_BASE/$KEY")" = "$VALUE" ] || die "get on postgresql did not answer the saved value"
  [ "$("${PSQL[@]}" -c "SELECT value FROM $PG_TABLE WHERE id = '$APP_ID||$KEY'")" = "$VALUE" ] || die "the value is not in PostgreSQL"
fi

REF=http://127.0.0.1:$HTTP_PORT/reference/state
for ((i = 0; ; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST -H 'Content-Type: application/json' \
    -d "[{\"key\":\"$KEY\",\"value\":$VALUE}]" "$REF")" = 204 ] && break
  [ "$i" -lt 120 ] || die "the JAX-RS reference did not answer at $REF within a minute; see $SERVER_DIR/logs"
  sleep 0.5
done
[ "$(curl -s -m 5 "$REF/$KEY")" = "$VALUE" ] || die "the JAX-RS reference's get did not answer the saved value"
[ -n "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" hget "$APP_ID-reference||$KEY" data)" ] || die "the reference's value is not in Redis"

# the request bodies: a save, a bulk get of BULK_KEYS keys (saved first, in both namespaces), a transaction of TX_OPS upserts
lua() { printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'$2'" >"$WORK/$1.lua"; }
SAVE_BODY="[{\"key\":\"$KEY\",\"value\":$VALUE}]"
lua save "$SAVE_BODY"
BULK_SAVE=$(for ((i = 0; i < BULK_KEYS; i++)); do printf '%s{"key":"%s-%d","value":%s}' "$([ "$i" = 0 ] || echo ,)" "$KEY" "$i" "$VALUE"; done)
for url in "$BASE" "$REF"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H 'Content-Type: application/json' -d "[$BULK_SAVE]" "$url")" = 204 ] \
    || die "saving the bulk keys at $url"
done
BULK_BODY="{\"keys\":[$(for ((i = 0; i < BULK_KEYS; i++)); do printf '%s"%s-%d"' "$([ "$i" = 0 ] || echo ,)" "$KEY" "$i"; done)]}"
lua bulk "$BULK_BODY"
TX_BODY="{\"operations\":[$(for ((i = 0; i < TX_OPS; i++)); do
  printf '%s{"operation":"upsert","request":{"key":"%s-tx-%d","value":%s}}' "$([ "$i" = 0 ] || echo ,)" "$KEY" "$i" "$VALUE"; done)]}"
lua transaction "$TX_BODY"
for url in "$BASE" "$REF"; do
  [ "$(curl -s -m 5 -X POST -H 'Content-Type: application/json' -d "{\"keys\":[\"$KEY-0\"]}" "$url/bulk" | grep -c '"data"')" = 1 ] \
    || die "bulk get at $url did not answer the saved value"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H 'Content-Type: application/json' -d "$TX_BODY" "$url/transaction")" = 204 ] \
    || die "transaction at $url"
done

# profile NAME URL FOCUS: JFR on the server for PROFILE seconds of the same wrk load, summarised below FOCUS
profile() {
  local name=$1 url=$2 focus=$3 pid
  pid=$(cat "$WLP/usr/servers/.pid/$SERVER.pid" 2>/dev/null || true)
  [ -n "$pid" ] || { log "PROFILE: Liberty JVM not found, skipped"; return; }
  log "profiling $name: JFR on pid $pid for ${PROFILE}s under the same load"
  bench_jfr_start "$pid" "$name"
  wrk -t1 -c"$CONNECTIONS" -d"${PROFILE}s" "$url" >/dev/null
  bench_jfr_stop "$pid" "$name" 25 "$focus"
}

# ---------------------------------------------------------------- measure
warm capa-get "$BASE/$KEY"
warm jax-rs-get "$REF/$KEY"
warm capa-save "$BASE" "$WORK/save.lua"
warm jax-rs-save "$REF" "$WORK/save.lua"
warm capa-bulk "$BASE/bulk" "$WORK/bulk.lua"
warm jax-rs-bulk "$REF/bulk" "$WORK/bulk.lua"
warm capa-transaction "$BASE/transaction" "$WORK/transaction.lua"
warm jax-rs-transaction "$REF/transaction" "$WORK/transaction.lua"
CAPA_GET=$(wrk_rps capa-get "$BASE/$KEY")
JAXRS_GET=$(wrk_rps jax-rs-get "$REF/$KEY")
if [ "$PROFILE" -gt 0 ] 2>/dev/null; then
  profile state-get "$BASE/$KEY" jakarta.servlet.http.HttpServlet.service
  profile reference-get "$REF/$KEY" jakarta.servlet.http.HttpServlet.service
fi
CAPA_SAVE=$(wrk_rps capa-save "$BASE" "$WORK/save.lua")
JAXRS_SAVE=$(wrk_rps jax-rs-save "$REF" "$WORK/save.lua")
CAPA_BULK=$(wrk_rps capa-bulk "$BASE/bulk" "$WORK/bulk.lua")
JAXRS_BULK=$(wrk_rps jax-rs-bulk "$REF/bulk" "$WORK/bulk.lua")
CAPA_TX=$(wrk_rps capa-transaction "$BASE/transaction" "$WORK/transaction.lua")
JAXRS_TX=$(wrk_rps jax-rs-transaction "$REF/transaction" "$WORK/transaction.lua")
REDIS_GET=$(redis_rps GET "$APP_ID:redis-bench")
REDIS_SET=$(redis_rps SET "$APP_ID:redis-bench" "$VALUE")
if [ "$PG" = 1 ]; then
  warm postgresql-get "$PG_BASE/$KEY"
  PG_GET=$(wrk_rps postgresql-get "$PG_BASE/$KEY")
  warm postgresql-save "$PG_BASE" "$WORK/save.lua"
  PG_SAVE=$(wrk_rps postgresql-save "$PG_BASE" "$WORK/save.lua")
fi

echo
printf '%-22s %10s   %10s   %s\n' "" "capa-ee/s" "jax-rs/s" "(same server, same jedis calls)"
printf '%-22s %10.0f   %10.0f   GET %s/%s\n' "state get" "$CAPA_GET" "$JAXRS_GET" "$BASE" "$KEY"
printf '%-22s %10.0f   %10.0f   POST %s\n' "state save" "$CAPA_SAVE" "$JAXRS_SAVE" "$BASE"
printf '%-22s %10.0f   %10.0f   POST %s/bulk (%s keys)\n' "state bulk get" "$CAPA_BULK" "$JAXRS_BULK" "$BASE" "$BULK_KEYS"
printf '%-22s %10.0f   %10.0f   POST %s/transaction (%s upserts)\n' "state transaction" "$CAPA_TX" "$JAXRS_TX" "$BASE" "$TX_OPS"
if [ "$PG" = 1 ]; then
  printf 'capa-ee pg get      %10.0f requests/s   (GET %s/%s)\n' "$PG_GET" "$PG_BASE" "$KEY"
  printf 'capa-ee pg save     %10.0f requests/s   (POST %s)\n' "$PG_SAVE" "$PG_BASE"
fi
printf 'redis-benchmark GET %10.0f requests/s\n' "$REDIS_GET"
printf 'redis-benchmark SET %10.0f requests/s\n' "$REDIS_SET"
for op in get save bulk transaction; do
  case $op in get) c=$CAPA_GET j=$JAXRS_GET ;; save) c=$CAPA_SAVE j=$JAXRS_SAVE ;; bulk) c=$CAPA_BULK j=$JAXRS_BULK ;; *) c=$CAPA_TX j=$JAXRS_TX ;; esac
  awk -v o="$op" -v c="$c" -v j="$j" 'BEGIN { printf "ratio capa-ee %s / jax-rs %s = %.2f  (target >= 0.8: %s)\n", o, o, c / j, (c / j >= 0.8 ? "met" : "NOT met") }'
done
echo
printf '%-22s %10s   %10s   %s\n' "server CPU per request" "capa-ee us" "jax-rs us" "jax-rs / capa-ee"
for op in get save bulk transaction; do
  awk -v o="$op" -v c="$(cat "$WORK/capa-$op.cpu")" -v j="$(cat "$WORK/jax-rs-$op.cpu")" \
    'BEGIN { printf "state %-16s %10.1f   %10.1f   %.2f\n", o, c, j, j / c }'
done
awk -v c="$CAPA_GET" -v r="$REDIS_GET" 'BEGIN { printf "ratio capa-ee get / redis GET = %.2f\n", c / r }'
awk -v c="$CAPA_SAVE" -v r="$REDIS_SET" 'BEGIN { printf "ratio capa-ee save / redis SET = %.2f\n", c / r }'
for name in get save bulk transaction; do
  bench_wrk_pctl "state.$name" capa-ee "$WORK/capa-$name.txt"
  bench_wrk_pctl "state.$name" jax-rs "$WORK/jax-rs-$name.txt"
done
bench_result state.get-vs-jaxrs "$CAPA_GET" "$JAXRS_GET" req/s 0.8
bench_result state.save-vs-jaxrs "$CAPA_SAVE" "$JAXRS_SAVE" req/s 0.8
bench_result state.bulk-vs-jaxrs "$CAPA_BULK" "$JAXRS_BULK" req/s 0.8
bench_result state.transaction-vs-jaxrs "$CAPA_TX" "$JAXRS_TX" req/s 0.8
for op in get save bulk transaction; do
  bench_result "state.$op-server-cpu" "$(cat "$WORK/capa-$op.cpu")" "$(cat "$WORK/jax-rs-$op.cpu")" us/request "" lower
done
bench_result state.get-vs-redis "$CAPA_GET" "$REDIS_GET" req/s
bench_result state.save-vs-redis "$CAPA_SAVE" "$REDIS_SET" req/s
