#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Memory: the server's live heap (bytes of the objects still reachable after a full GC:
# `jcmd PID GC.class_histogram`, which collects first) at four points, each against the one before:
#
#   reference   the same server (liberty-config's configuration, the same features) without capa-ee.ear
#   start       with capa-ee.ear and everything configured (actors and state on Redis, the example actors,
#               functions directory), once it answers and has settled, nothing called yet
#   actors      after ACTORS (10,000) counter actors were activated through Dapr's actor API, a small state each
#               (POST /v1.0/actors/counter/mem-N/method/add): growth per active actor
#   functions   after FUNCTIONS (100) functions were deployed (hello-http.wasm, each copy made distinct by a custom
#               section so that no compiled module is shared) and called once each: growth per function
#
# then waits for the actors' idle timeout (IDLE_TIMEOUT seconds, set short here; the server's default is
# capa.actors.idle-timeout=PT60M) and measures again: idle actors are deactivated and their memory is given
# back. Active actors are bounded by capa.actors.max-active (100,000: a further activation answers 429), so
# the script prints that bound too. The classes that grew most at each step are in the log.
#
# Builds what it needs first (bench/java/server.sh: the EAR with the example actors; MVN_ARGS=-o builds
# offline). Runs its own server `capabench-memory` on 9150/9650 with Redis on 127.0.0.1:6379 (keys
# capa:bench:memory:*, removed at the end).
#
# Usage:  bench/memory.sh                                     # ACTORS=10000 FUNCTIONS=100 IDLE_TIMEOUT=300 SETTLE=20
#         ACTORS=2000 FUNCTIONS=20 IDLE_TIMEOUT=60 SETTLE=5 bench/memory.sh   # smoke run
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ACTORS=${ACTORS:-10000}
FUNCTIONS=${FUNCTIONS:-100}
IDLE_TIMEOUT=${IDLE_TIMEOUT:-300}
SETTLE=${SETTLE:-20}
MAX_ACTIVE=100000 # capa.actors.max-active's default, left as it is
HTTP_PORT=9150
HTTPS_PORT=9650
SERVER=capabench-memory
PREFIX=capa:bench:memory:
BASE=http://127.0.0.1:$HTTP_PORT

log() { printf '[memory] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/java/server.sh
. "$ROOT/bench/java/server.sh"
command -v jcmd >/dev/null || die "jcmd not found (a JDK, not a JRE)"
bench_redis_up
bench_ports_free $HTTP_PORT $HTTPS_PORT

WORK=$(mktemp -d /tmp/capa-bench-memory.XXXXXX)
SAMPLER=
trap 'rc=$?; [ -z "$SAMPLER" ] || kill "$SAMPLER" 2>/dev/null; bench_cleanup "$rc" "${PREFIX}*"' EXIT
trap 'exit 130' INT TERM

server_pid() { cat "$WLP/usr/servers/.pid/$SERVER.pid"; }

# live NAME: full GC and a class histogram of what survives (kept as WORK/NAME.histo); prints the live bytes
live() {
  jcmd "$(server_pid)" GC.class_histogram >"$WORK/$1.histo" || die "jcmd GC.class_histogram"
  awk '$1 == "Total" { print $3 }' "$WORK/$1.histo"
}

# grew FROM TO: the classes whose live bytes grew most between two histograms, for the log
grew() {
  awk 'FNR == NR { if ($1 ~ /:$/) before[$4] = $3; next } $1 ~ /:$/ { d = $3 - before[$4]; if (d > 0) printf "%12d bytes  %9d instances  %s\n", d, $2, $4 }' \
    "$WORK/$1.histo" "$WORK/$2.histo" | sort -rn | awk 'NR <= 8 { print "[memory]   " $0 }' >&2 # awk, not head: all of sort's output is read (pipefail)
}

active_actors() { curl -s -m 10 "$BASE/v1.0-alpha1/actors/counter/active?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

SETTINGS=("http.port=$HTTP_PORT" "https.port=$HTTPS_PORT" "capa.kv.backend=redis" "capa.state.backend=redis" "capa.actors.key-prefix=$PREFIX"
  "capa.actors.classes=io.capaee.actors.examples.CounterActor" "capa.actors.idle-timeout=PT${IDLE_TIMEOUT}S" "capa.actors.scan-interval=PT5S")

bench_build
log "machine: $(bench_machine)"

# ---------------------------------------------------------------- reference: no EAR
log "reference: server $SERVER without capa-ee.ear, settling ${SETTLE}s"
BENCH_NO_EAR=1 bench_server_start "${SETTINGS[@]}"
sleep "$SETTLE"
REF=$(live reference)
log "reference: $(mib "$REF") MiB live"
"$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || die "server stop"

# ---------------------------------------------------------------- start: everything configured
log "start: server $SERVER with capa-ee.ear"
bench_server_start "${SETTINGS[@]}"
for ((i = 0; ; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$BASE/v1.0/healthz")" = 204 ] && curl -s -o /dev/null -f -m 2 "$BASE/v1.0/actors/counter" && break
  [ "$i" -lt 480 ] || die "the server did not answer within 4 minutes; see $SERVER_DIR/logs"
  sleep 0.5
done
sleep "$SETTLE"
# the live heap, sampled every second from here to the end (jstat: used, garbage not yet collected included)
jstat -gc "$(server_pid)" 1000 | awk 'NR > 1 { print ($3 + $4 + $6 + $8) / 1024; fflush() }' >"$WORK/heap-series" &
SAMPLER=$!
START=$(live start)
log "start: $(mib "$START") MiB live"
grew reference start

# ---------------------------------------------------------------- actors
log "activating $ACTORS actors"
java "$ROOT/bench/memory/Populate.java" actors "$BASE" "$ACTORS" >&2 || die "activating actors"
ACTIVE=$(active_actors)
[ "${ACTIVE:-0}" -gt 0 ] || die "no active actors counted"
[ "$ACTIVE" = "$ACTORS" ] || log "WARNING: $ACTIVE active actors, not $ACTORS (idle timeout ${IDLE_TIMEOUT}s too short for this machine?)"
WITH_ACTORS=$(live actors)
PER_ACTOR=$(( (WITH_ACTORS - START) / ACTIVE ))
log "actors: $ACTIVE active, $(mib "$WITH_ACTORS") MiB live, $PER_ACTOR bytes per actor; grew most:"
grew start actors

# ---------------------------------------------------------------- functions
log "deploying $FUNCTIONS functions"
mkdir -p "$WORK/functions"
for ((i = 1; i <= FUNCTIONS; i++)); do
  # a custom section (id 0; size 9: name length 5, "bench", three digits) makes each module's bytes its own
  { cat "$ROOT/lib-api/src/test/guests/hello-http.wasm"; printf '\x00\x09\x05bench%03d' "$i"; } >"$WORK/functions/f$i.wasm"
done
mkdir -p "$SERVER_DIR/functions"
mv "$WORK"/functions/*.wasm "$SERVER_DIR/functions/"
java "$ROOT/bench/memory/Populate.java" functions "$BASE" "$FUNCTIONS" >&2 || die "deploying functions (log: $SERVER_DIR/logs/messages.log)"
WITH_FUNCTIONS=$(live functions)
PER_FUNCTION=$(( (WITH_FUNCTIONS - WITH_ACTORS) / FUNCTIONS ))
log "functions: $(mib "$WITH_FUNCTIONS") MiB live, $PER_FUNCTION bytes per function; grew most:"
grew actors functions

# ---------------------------------------------------------------- idle deactivation
log "waiting for the idle timeout (${IDLE_TIMEOUT}s, scanned every 5 s)"
for ((i = 0; i < IDLE_TIMEOUT + 60; i += 5)); do
  sleep 5
  [ "$(active_actors)" = 0 ] && break
done
IDLE_ACTIVE=$(active_actors)
AFTER_IDLE=$(live idle)
log "after the idle timeout: $IDLE_ACTIVE active actors, $(mib "$AFTER_IDLE") MiB live"
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=

echo
printf '%-62s %8s MiB\n' "reference: the same server without capa-ee.ear" "$(mib "$REF")"
printf '%-62s %8s MiB  (+%s MiB)\n' "start: capa-ee.ear, everything configured" "$(mib "$START")" "$(mib $((START - REF)))"
printf '%-62s %8s MiB  (+%s MiB: %s bytes per actor)\n' "+ $ACTIVE active actors" "$(mib "$WITH_ACTORS")" "$(mib $((WITH_ACTORS - START)))" "$PER_ACTOR"
printf '%-62s %8s MiB  (+%s MiB: %s bytes per function)\n' "+ $FUNCTIONS deployed functions, called once each" "$(mib "$WITH_FUNCTIONS")" \
  "$(mib $((WITH_FUNCTIONS - WITH_ACTORS)))" "$PER_FUNCTION"
printf '%-62s %8s MiB\n' "after the actors' idle timeout ($IDLE_ACTIVE active)" "$(mib "$AFTER_IDLE")"
echo "bound: capa.actors.max-active=$MAX_ACTIVE active actors x $PER_ACTOR bytes = $(mib $((MAX_ACTIVE * PER_ACTOR))) MiB; idle actors leave after capa.actors.idle-timeout (default PT60M)"
echo "       per 10,000 actors $(mib $((PER_ACTOR * 10000))) MiB; per 100 functions $(mib $((PER_FUNCTION * 100))) MiB"

awk 'BEGIN { printf "SERIES name=memory.heap who=capa-ee unit=MiB values=" } { printf "%s%.1f", (NR > 1 ? "," : ""), $1 } END { printf "\n" }' "$WORK/heap-series"
bench_result memory.start-vs-no-ear "$(mib "$START")" "$(mib "$REF")" MiB "" lower
bench_result memory.actors-$ACTIVE "$(mib "$WITH_ACTORS")" "$(mib "$START")" MiB "" lower
bench_result memory.functions-$FUNCTIONS "$(mib "$WITH_FUNCTIONS")" "$(mib "$WITH_ACTORS")" MiB "" lower
bench_result memory.after-idle-timeout "$(mib "$AFTER_IDLE")" "$(mib "$WITH_FUNCTIONS")" MiB "" lower
