#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# State API throughput: Dapr's state save and get over HTTP on Capa EE (war-proxy -> resource
# adapter -> Redis), side by side with redis-benchmark SET and GET on the SAME Redis, with the same
# concurrency, in one run:
#
#   capa-ee get    wrk GET  http://127.0.0.1:9096/v1.0/state/statestore/KEY        (one HMGET)
#   capa-ee save   wrk POST http://127.0.0.1:9096/v1.0/state/statestore  [{"key":KEY,"value":...}]  (one EVAL)
#   redis get/set  redis-benchmark -c CONNECTIONS GET/SET on a key of its own (16-byte value)
#   postgresql get/save  the same two requests on the state store `pgstate` (backend postgresql: a table
#                  of a pooled Liberty data source on 127.0.0.1:5432, database test), when PostgreSQL
#                  answers (else skipped); no reference loop: the figures stand alone
#
# Each Capa EE target: WARMUP seconds of wrk load (not counted), then `wrk -t1 -cCONNECTIONS
# -dDURATION` (any non-2xx fails the run). Prints requests/s of all four, then last the ratios
# capa-ee / redis for get and for save. Keys are namespaced with a random app id and deleted after;
# the PostgreSQL table (bench_state_NNNN) is dropped after.
#
# Prerequisites: Redis on 127.0.0.1:6379 (or REDIS_HOST/REDIS_PORT), the EAR and Liberty runtime
# built once (`mvn verify`). The script runs its own server `capastate` (ports 9096/9496).
#
# Usage:  bench/state.sh                          # 30 s warm-up + 30 s measurement per Capa EE target
#         WARMUP=5 DURATION=5 bench/state.sh      # quick smoke run (numbers not meaningful: cold JIT)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
REQUESTS=${REQUESTS:-1000000}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
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

wrk_rps() {
  local name=$1 url=$2 script=${3:-} out rps non2xx args=()
  [ -n "$script" ] && args=(-s "$script")
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" "$url" >"$WORK/$name-warmup.txt"
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s"
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" "$url")
  printf '%s\n' "$out" >"$WORK/$name.txt"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  [ -z "$non2xx" ] || die "$name: wrk saw $non2xx non-2xx/3xx responses"
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$rps" ] || die "$name: no Requests/sec in wrk output"
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
# server.xml includes the fragment capa-ee.xml, which holds the features and the application
cp "$WLP/usr/servers/capa/server.xml" "$WLP/usr/servers/capa/capa-ee.xml" "$SERVER_DIR/"
[ -f "$WLP/usr/servers/capa/jvm.options" ] && cp "$WLP/usr/servers/capa/jvm.options" "$SERVER_DIR/"
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

printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' \
  "'[{\"key\":\"$KEY\",\"value\":$VALUE}]'" >"$WORK/save.lua"

# ---------------------------------------------------------------- measure
CAPA_GET=$(wrk_rps capa-get "$BASE/$KEY")
CAPA_SAVE=$(wrk_rps capa-save "$BASE" "$WORK/save.lua")
REDIS_GET=$(redis_rps GET "$APP_ID:redis-bench")
REDIS_SET=$(redis_rps SET "$APP_ID:redis-bench" "$VALUE")
if [ "$PG" = 1 ]; then
  PG_GET=$(wrk_rps postgresql-get "$PG_BASE/$KEY")
  PG_SAVE=$(wrk_rps postgresql-save "$PG_BASE" "$WORK/save.lua")
fi

echo
printf 'capa-ee state get   %10.0f requests/s   (GET %s/%s)\n' "$CAPA_GET" "$BASE" "$KEY"
printf 'capa-ee state save  %10.0f requests/s   (POST %s)\n' "$CAPA_SAVE" "$BASE"
if [ "$PG" = 1 ]; then
  printf 'capa-ee pg get      %10.0f requests/s   (GET %s/%s)\n' "$PG_GET" "$PG_BASE" "$KEY"
  printf 'capa-ee pg save     %10.0f requests/s   (POST %s)\n' "$PG_SAVE" "$PG_BASE"
fi
printf 'redis-benchmark GET %10.0f requests/s\n' "$REDIS_GET"
printf 'redis-benchmark SET %10.0f requests/s\n' "$REDIS_SET"
awk -v c="$CAPA_GET" -v r="$REDIS_GET" 'BEGIN { printf "ratio capa-ee get / redis GET = %.2f\n", c / r }'
awk -v c="$CAPA_SAVE" -v r="$REDIS_SET" 'BEGIN { printf "ratio capa-ee save / redis SET = %.2f\n", c / r }'
for name in capa-get capa-save; do bench_wrk_pctl "state.$name" "$name" "$WORK/$name.txt"; done
bench_result state.get-vs-redis "$CAPA_GET" "$REDIS_GET" req/s
bench_result state.save-vs-redis "$CAPA_SAVE" "$REDIS_SET" req/s
