#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Database API throughput: query and exec over HTTP on Capa EE (war-proxy -> Liberty's pooled data source
# -> PostgreSQL), side by side with a plain JDBC loop (bench/database/JdbcLoop.java, the same driver, no
# server) on the SAME database and table, with the same concurrency, in one run:
#
#   capa-ee query  wrk POST /v1.0-alpha1/database/bench/query {"sql":"SELECT id, name, qty FROM bench_items WHERE id = ?","params":[RANDOM]}
#   capa-ee exec   wrk POST /v1.0-alpha1/database/bench/exec  {"sql":"UPDATE bench_items SET qty = qty + 1 WHERE id = ?","params":[RANDOM]}
#   jdbc query/exec  the same statements, CONNECTIONS threads, each with its own connection and prepared statement
#
# Each target: WARMUP seconds of load (not counted), then DURATION seconds (any non-2xx fails the run).
# Prints statements/s of all four, then last the ratios capa-ee / jdbc for query and for exec. The table
# bench_items (ROWS rows) is made in database test and dropped after.
#
# Prerequisites: PostgreSQL on 127.0.0.1:5432 with trust authentication for user postgres and a database
# "test" (.ci/run sets that up), the EAR and Liberty runtime built once (`mvn verify -DskipTests -DskipITs`
# or `mvn verify`); the PostgreSQL driver is the server's (jdbc/postgresql.jar) or the local repository's.
# The script runs its own server `capadb` (ports 9097/9497). Hold /work/it.lock (flock) on shared machines.
#
# Usage:  bench/database.sh                          # 30 s warm-up + 30 s measurement per target
#         WARMUP=5 DURATION=5 bench/database.sh      # quick smoke run (numbers not meaningful: cold JIT)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-8}
ROWS=${ROWS:-1000}
HTTP_PORT=9097
HTTPS_PORT=9497
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER=capadb
SERVER_DIR=$WLP/usr/servers/$SERVER
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/test
PSQL=(psql -h 127.0.0.1 -U postgres -d test -w -qAt)

log() { printf '[database] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
"${PSQL[@]}" -c 'select 1' >/dev/null || die "no PostgreSQL with trust auth at 127.0.0.1:5432, database test"
[ -x "$WLP/bin/server" ] || die "no Liberty runtime in liberty-config/target: build first (mvn verify)"
# the driver the server ships (copied by liberty-config's copyDependencies), else the one in the local repository
DRIVER=$WLP/usr/servers/capa/jdbc/postgresql.jar
if [ ! -f "$DRIVER" ]; then
  version=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$ROOT/pom.xml")
  DRIVER=$HOME/.m2/repository/org/postgresql/postgresql/$version/postgresql-$version.jar
fi
[ -f "$DRIVER" ] || die "no PostgreSQL JDBC driver: build first (mvn verify)"
EAR=$WLP/usr/servers/capa/apps/capa-ee.ear
[ -f "$ROOT/ear/target/capa-ee.ear" ] && EAR=$ROOT/ear/target/capa-ee.ear
[ -f "$EAR" ] || die "no capa-ee.ear: build first (mvn verify)"
bench_ports_free $HTTP_PORT $HTTPS_PORT

WORK=$(mktemp -d /tmp/capa-bench-database.XXXXXX)
LIBERTY_STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$LIBERTY_STARTED" = 1 ]; then
    log "stopping Liberty server $SERVER"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || log "server stop failed, see $WORK/liberty-stop.log"
  fi
  "${PSQL[@]}" -c 'DROP TABLE IF EXISTS bench_items' >/dev/null
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $("${PSQL[@]}" -c 'show server_version')"
"${PSQL[@]}" -c 'DROP TABLE IF EXISTS bench_items' \
  -c 'CREATE TABLE bench_items (id integer PRIMARY KEY, name text NOT NULL, qty integer NOT NULL)' \
  -c "INSERT INTO bench_items SELECT n, 'item ' || n, 0 FROM generate_series(1, $ROWS) AS n" >/dev/null

# ---------------------------------------------------------------- Liberty
log "starting Liberty server $SERVER on $HTTP_PORT (database bench: PostgreSQL 127.0.0.1:5432/test, pool of $CONNECTIONS)"
rm -rf "$SERVER_DIR"
mkdir -p "$SERVER_DIR/apps" "$SERVER_DIR/jdbc"
bench_server_config "$SERVER_DIR"
cp "$EAR" "$SERVER_DIR/apps/capa-ee.ear"
cp "$DRIVER" "$SERVER_DIR/jdbc/"
cat >"$SERVER_DIR/databases.xml" <<XML
<server>
  <dataSource id="capa-db-bench" jndiName="jdbc/capa/bench">
    <jdbcDriver libraryRef="capa-jdbc-postgresql"/>
    <properties.postgresql serverName="127.0.0.1" portNumber="5432" databaseName="test" user="postgres"/>
    <connectionManager maxPoolSize="$CONNECTIONS" connectionTimeout="10s"/>
  </dataSource>
</server>
XML
printf 'http.port=%s\nhttps.port=%s\ncapa.grpc.enabled=false\n' "$HTTP_PORT" "$HTTPS_PORT" >"$SERVER_DIR/bootstrap.properties"
LIBERTY_STARTED=1
"$WLP/bin/server" start "$SERVER" >"$WORK/liberty-start.log" 2>&1 || { cat "$WORK/liberty-start.log" >&2; die "server start"; }
BASE=http://127.0.0.1:$HTTP_PORT/v1.0-alpha1/database/bench
for ((i = 0; ; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$HTTP_PORT/v1.0/healthz")" = 204 ] && break
  [ "$i" -lt 600 ] || die "the server did not answer /v1.0/healthz within 5 minutes; see $SERVER_DIR/logs"
  sleep 0.5
done
answer=$(curl -s -m 10 "$BASE/query" -d '{"sql":"SELECT id, name, qty FROM bench_items WHERE id = ?","params":[7]}')
case "$answer" in *'"rows":[[7,"item 7",0]]'*) ;; *) die "the query did not answer row 7: $answer" ;; esac

# wrk: a random id per request, so that the updates spread over the table as the JDBC loop's do
for op in query exec; do
  if [ "$op" = query ]; then sql='SELECT id, name, qty FROM bench_items WHERE id = ?'; else sql='UPDATE bench_items SET qty = qty + 1 WHERE id = ?'; fi
  cat >"$WORK/$op.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, '{"sql":"$sql","params":[' .. math.random(1, $ROWS) .. ']}')
end
LUA
done

wrk_rps() {
  local name=$1 script=$2 url=$3 out rps non2xx
  log "$name: warm-up ${WARMUP}s  ($url, load $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$url" >"$WORK/$name-warmup.txt"
  log "$name: measuring ${DURATION}s: wrk -t1 -c$CONNECTIONS -d${DURATION}s"
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url")
  printf '%s\n' "$out" >"$WORK/$name.txt"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  [ -z "$non2xx" ] || die "$name: wrk saw $non2xx non-2xx/3xx responses"
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$rps" ] || die "$name: no Requests/sec in wrk output"
  echo "$rps"
}

jdbc_rps() {
  local op=$1 out
  log "jdbc $op: $CONNECTIONS threads, warm-up ${WARMUP}s, measuring ${DURATION}s"
  out=$(java -cp "$DRIVER" "$ROOT/bench/database/JdbcLoop.java" "$JDBC_URL" postgres "$op" "$CONNECTIONS" "$WARMUP" "$DURATION" "$ROWS")
  log "jdbc $out"
  printf '%s\n' "$out" | awk '{print $2}'
}

# ---------------------------------------------------------------- measure
CAPA_QUERY=$(wrk_rps capa-query "$WORK/query.lua" "$BASE/query")
CAPA_EXEC=$(wrk_rps capa-exec "$WORK/exec.lua" "$BASE/exec")
JDBC_QUERY=$(jdbc_rps query)
JDBC_EXEC=$(jdbc_rps exec)
updated=$("${PSQL[@]}" -c 'select sum(qty) from bench_items')
[ "$updated" -gt 0 ] || die "no update reached the table"

echo
printf 'capa-ee database query  %10.0f requests/s   (POST %s/query, %s connections)\n' "$CAPA_QUERY" "$BASE" "$CONNECTIONS"
printf 'capa-ee database exec   %10.0f requests/s   (POST %s/exec)\n' "$CAPA_EXEC" "$BASE"
printf 'jdbc loop query         %10.0f statements/s (%s threads)\n' "$JDBC_QUERY" "$CONNECTIONS"
printf 'jdbc loop exec          %10.0f statements/s\n' "$JDBC_EXEC"
awk -v c="$CAPA_QUERY" -v r="$JDBC_QUERY" 'BEGIN { printf "ratio capa-ee query / jdbc query = %.2f\n", c / r }'
awk -v c="$CAPA_EXEC" -v r="$JDBC_EXEC" 'BEGIN { printf "ratio capa-ee exec / jdbc exec = %.2f\n", c / r }'
for name in capa-query capa-exec; do bench_wrk_pctl database "$name" "$WORK/$name.txt"; done
bench_result database.query-vs-jdbc "$CAPA_QUERY" "$JDBC_QUERY" statements/s
bench_result database.exec-vs-jdbc "$CAPA_EXEC" "$JDBC_EXEC" statements/s
