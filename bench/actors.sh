#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Actor method invocation over Dapr's HTTP API (POST /v1.0/actors/counter/{id}/method/add, state in the
# real Redis: one read and one compare-and-set per call, spread over 100 actors), in one run with two
# references: a plain JAX-RS resource doing the same Redis work on the same server (bench/reference-war's
# CounterResource, POST /reference/counter/{id}/add: a GET and the compare-and-set script; the saturation
# target, issue 18: actor >= 0.8 of it), and a plain JAX-RS GET of the same WAR that calls the same EJB but
# runs no actor turn and touches no store (GET /v1.0/actors/counter, the operator view).
#
#   1. fixed rate RATE/s (default 1000) for DURATION s: p50/p90/p99 measured from each request's
#      intended send time (no coordinated omission), actor and reference;
#   2. saturation with CONNECTIONS closed-loop clients: throughput and latency, actor and reference;
#   3. in-process Java calls per second (the runtime with the in-memory store, no HTTP:
#      bench/java's InProcessBench).
# Prints the ratios last. Dapr publishes p90 3 ms / p99 6.2 ms at 500 requests/s (different
# hardware: 3-node Kubernetes, mTLS); our aim is p99 < 2 ms at 1,000/s.
#
# Builds what it needs first (bench/java/server.sh: `mvn package -Pbench,sample -pl bench/java -am -DskipTests
# -DskipITs`, the EAR with the example actors, bench/java and its class path with the load driver's Load class,
# the Liberty runtime in liberty-config/target/liberty; MVN_ARGS=-o builds offline).
# Runs its own server `capabench-actors` (liberty-config's server.xml) on 9096/9496 with Redis
# 127.0.0.1:6379 (keys capa:bench:actors:*, removed at the end).
#
# Usage:  bench/actors.sh                              # 30 s warm-up, 30 s per measurement
#         BENCH_DIAGNOSE=1 bench/actors.sh             # also the server's own percentiles of the fixed-rate runs
#                                                      # (access log, %D) and its GC pauses, to place a tail
#         LOAD_WARMUP=0 bench/actors.sh                # no warm-up in the load's own JVM (10 s by default)
#         LOAD_CLIENT=jdk bench/actors.sh              # the load on java.net.http instead of Apache HttpCore's blocking
#                                                      # client (two thread hand-overs more per request in the load)
#         WARMUP=5 DURATION=5 bench/actors.sh          # smoke run (cold JIT: numbers not meaningful)
#         PROFILE=20 bench/actors.sh                   # also: 20 s JFR execution samples of the server at saturation,
#                                                      # actor then Redis reference, with the server's CPU per call
#                                                      # (bench/profile/JfrTop.java; recordings in bench/results)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
RATE=${RATE:-1000}
CONNECTIONS=${CONNECTIONS:-32}
HTTP_PORT=9096
HTTPS_PORT=9496
SERVER=capabench-actors
PREFIX=capa:bench:actors:

log() { printf '[actors] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/java/server.sh
. "$ROOT/bench/java/server.sh"
bench_redis_up
bench_ports_free $HTTP_PORT $HTTPS_PORT

WORK=$(mktemp -d /tmp/capa-bench-actors.XXXXXX)
trap 'bench_cleanup $? "${PREFIX}*" "capa:bench:reference:counter:*"' EXIT
trap 'exit 130' INT TERM

bench_build
# the load driver with its client (bench/java's class path: Load and Apache HttpCore)
LOAD="java -cp $CP $ROOT/bench/actors/ActorLoad.java"
log "building bench/reference-war (the Redis reference)"
# shellcheck disable=SC2086 # MVN_ARGS: words for mvn
mvn -q ${MVN_ARGS:-} -f "$ROOT/bench/reference-war/pom.xml" package >"$WORK/reference-build.log" 2>&1 \
  || { tail -40 "$WORK/reference-build.log" >&2; die "reference-war build (log: $WORK/reference-build.log)"; }
BENCH_DROPINS="$ROOT/bench/reference-war/target/reference.war"

# ---------------------------------------------------------------- in-process
log "in-process calls (ejb-actors runtime, in-memory store)"
INPROC_ADD=$(java -cp "$CP" io.capaee.bench.actors.InProcessBench 2 "$DURATION" add)
INPROC_GET=$(java -cp "$CP" io.capaee.bench.actors.InProcessBench 2 "$DURATION" get)

# ---------------------------------------------------------------- Liberty
log "starting Liberty server $SERVER on $HTTP_PORT"
bench_server_start "http.port=$HTTP_PORT" "https.port=$HTTPS_PORT" "capa.kv.backend=redis" "capa.actors.key-prefix=$PREFIX" \
  "capa.actors.classes=io.capaee.actors.examples.CounterActor"
for ((i = 0; i < 240; i++)); do
  curl -s -o /dev/null -m 2 -f "http://127.0.0.1:$HTTP_PORT/v1.0/actors/counter" && break
  sleep 0.5
done
ACTOR="http://127.0.0.1:$HTTP_PORT/v1.0/actors/counter/bench-{n}/method/add"
REFERENCE="GET http://127.0.0.1:$HTTP_PORT/v1.0/actors/counter"
REDIS_REFERENCE="http://127.0.0.1:$HTTP_PORT/reference/counter/bench-{n}/add"
[ "$(curl -s -m 5 -X POST -d 1 "${ACTOR/\{n\}/check}")" = 1 ] || die "the counter actor does not answer"

log "warm-up ${WARMUP}s"
$LOAD saturate "$ACTOR" "$CONNECTIONS" "$WARMUP" 1 >/dev/null
$LOAD saturate "$REFERENCE" "$CONNECTIONS" "$WARMUP" >/dev/null
[ "$(curl -s -m 5 -X POST -d 1 "${REDIS_REFERENCE/\{n\}/check}")" = 1 ] || die "the Redis reference does not answer"
$LOAD saturate "$REDIS_REFERENCE" "$CONNECTIONS" "$WARMUP" 1 >/dev/null

log "fixed rate $RATE/s for ${DURATION}s (each after ${LOAD_WARMUP:-10}s of the same in the load's JVM)"
logged() { [ -f "$WORK/access.log" ] && wc -l <"$WORK/access.log" || echo 0; }
from=$(logged)
ACTOR_RATE=$($LOAD rate "$ACTOR" "$RATE" "$DURATION" 1)
bench_diagnose "$((from + ${LOAD_WARMUP:-10} * RATE))" # the measured requests, not the load's warm-up
from=$(logged)
REF_RATE=$($LOAD rate "$REFERENCE" "$RATE" "$DURATION")
bench_diagnose "$((from + ${LOAD_WARMUP:-10} * RATE))"
from=$(logged)
REDIS_RATE=$($LOAD rate "$REDIS_REFERENCE" "$RATE" "$DURATION" 1)
bench_diagnose "$((from + ${LOAD_WARMUP:-10} * RATE))"
log "saturation, $CONNECTIONS connections, ${DURATION}s"
ACTOR_SAT=$($LOAD saturate "$ACTOR" "$CONNECTIONS" "$DURATION" 1)
REF_SAT=$($LOAD saturate "$REFERENCE" "$CONNECTIONS" "$DURATION")
REDIS_SAT=$($LOAD saturate "$REDIS_REFERENCE" "$CONNECTIONS" "$DURATION" 1)

# profile NAME URL_PATTERN [BODY]: JFR on the server for PROFILE seconds of the saturating load, its CPU per call
# (from /proc, whatever share of the cores the load takes) and a summary below the servlet
profile() {
  local name=$1 pid t0 t1 out
  pid=$(cat "$WLP/usr/servers/.pid/$SERVER.pid" 2>/dev/null || true)
  [ -n "$pid" ] || { log "PROFILE: Liberty JVM not found, skipped"; return; }
  log "profiling $name: JFR on pid $pid for ${PROFILE}s at saturation"
  bench_jfr_start "$pid" "$name"
  t0=$(bench_cpu_ticks "$pid")
  out=$(LOAD_WARMUP=0 $LOAD saturate "$2" "$CONNECTIONS" "$PROFILE" ${3:+"$3"})
  t1=$(bench_cpu_ticks "$pid")
  log "$name: server CPU $(bench_us_per $((t1 - t0)) "$(field "$out" requests)") us per call"
  bench_jfr_stop "$pid" "$name" 25 jakarta.servlet.http.HttpServlet.service
}

field() { printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { sub(/ms$|\/s$/, "", $2); print $2 }'; }
if [ "${PROFILE:-0}" -gt 0 ] 2>/dev/null; then
  profile actors-actor "$ACTOR" 1
  profile actors-redis-reference "$REDIS_REFERENCE" 1
fi

echo
echo "actor method (HTTP, Redis state)   $ACTOR_RATE"
echo "reference (JAX-RS, no actor)       $REF_RATE"
echo "reference (JAX-RS, same Redis work) $REDIS_RATE"
echo "actor method (HTTP, Redis state)   $ACTOR_SAT"
echo "reference (JAX-RS, no actor)       $REF_SAT"
echo "reference (JAX-RS, same Redis work) $REDIS_SAT"
echo "$INPROC_ADD"
echo "$INPROC_GET"
P99=$(field "$ACTOR_RATE" p99)
awk -v a="$P99" -v r="$(field "$REF_RATE" p99)" -v rate="$RATE" \
  'BEGIN { printf "p99 at %d/s: actor %.2f ms (aim < 2 ms: %s; Dapr publishes 6.2 ms at 500/s), reference %.2f ms, ratio actor / reference = %.2f\n", rate, a, (a < 2 ? "met" : "NOT met"), r, a / r }'
awk -v a="$(field "$ACTOR_SAT" throughput)" -v r="$(field "$REF_SAT" throughput)" -v d="$(field "$REDIS_SAT" throughput)" \
  'BEGIN { printf "saturation throughput: actor %.0f/s; same Redis work in plain JAX-RS %.0f/s, ratio %.2f (target >= 0.8: %s); no-actor GET %.0f/s, ratio %.2f\n", a, d, a / d, (a / d >= 0.8 ? "met" : "NOT met"), r, a / r }'
pctl() { printf 'PCTL name=%s who=%s p50=%s p90=%s p99=%s max=%s\n' "$1" "$2" "$(field "$3" p50)" "$(field "$3" p90)" "$(field "$3" p99)" "$(field "$3" max)"; }
pctl "actors.rate-$RATE" actor "$ACTOR_RATE"
pctl "actors.rate-$RATE" reference "$REF_RATE"
pctl actors.saturation actor "$ACTOR_SAT"
pctl "actors.rate-$RATE" redis-reference "$REDIS_RATE"
pctl actors.saturation reference "$REF_SAT"
pctl actors.saturation redis-reference "$REDIS_SAT"
bench_result actors.p99-at-rate "$P99" "$(field "$REF_RATE" p99)" ms "" lower 2
bench_result actors.saturation "$(field "$ACTOR_SAT" throughput)" "$(field "$REDIS_SAT" throughput)" calls/s 0.8
