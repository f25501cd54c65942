#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Dapr's gRPC API against Dapr's HTTP API, the same calls on the same server in one run (state in the real
# Redis):
#
#   state get     gRPC GetState {statestore, bench-N}                  HTTP GET  /v1.0/state/statestore/bench-N
#   state save    gRPC SaveState {statestore, [bench-N = VALUE]}       HTTP POST /v1.0/state/statestore [{"key":"bench-N","value":VALUE}]
#   actor invoke  gRPC InvokeActor {counter, bench-N, add, 1}          HTTP POST /v1.0/actors/counter/bench-N/method/add  1
#
# N runs over 100 keys and 100 actors (the example Java `counter` actor: one state read and one
# compare-and-set per call). gRPC: grpc-java blocking stubs of io.dapr:dapr-sdk-autogen on one plaintext
# channel (one HTTP/2 connection, as a Dapr SDK holds it); HTTP: the JDK's HttpClient, HTTP/1.1 keep-alive
# (one connection per request in flight, as bench/actors.sh). bench/java's GrpcBench first checks that a
# value saved over one protocol reads back over the other, then per call and protocol, the two protocols
# taking turns:
#
#   1. WARMUP s of CONNECTIONS closed-loop clients (not counted);
#   2. fixed rate RATE/s for DURATION s: p50/p90/p99 from each request's intended send time (no
#      coordinated omission);
#   3. saturation with CONNECTIONS closed-loop clients for DURATION s: requests/s, p50/p99.
#
# Any failed call (a gRPC status, an HTTP status or body other than the expected one) fails the run. Prints
# one line per call and protocol (with the CPU time a call cost the server's process and the client's, at
# saturation), then last the ratios gRPC / HTTP (throughput, p50, p99, CPU per call).
#
# Builds what it needs first (bench/java/server.sh: `mvn package -Pbench,sample -pl bench/java -am -DskipTests
# -DskipITs`, the EAR with the example actors, bench/java and its class path, the Liberty runtime in
# liberty-config/target/liberty; MVN_ARGS=-o builds offline). Runs its own server `capabench-grpc` (liberty-config's server.xml) on
# HTTP 9093/9493 and gRPC 50093 (capa.grpc.port), with Redis 127.0.0.1:6379 (state keys of a random app
# id and actor keys capa:bench:grpc:*, removed at the end). Hold /work/it.lock (flock) on shared machines.
#
# Usage:  bench/grpc.sh                              # 30 s warm-up, 30 s per measurement (about 10 minutes)
#         WARMUP=5 DURATION=5 bench/grpc.sh          # smoke run (cold JIT: numbers not meaningful)
#         RATE=500 CONNECTIONS=16 bench/grpc.sh      # another fixed rate, fewer closed-loop clients
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
RATE=${RATE:-1000}
CONNECTIONS=${CONNECTIONS:-32}
HTTP_PORT=9093
HTTPS_PORT=9493
GRPC_PORT=50093
SERVER=capabench-grpc
APP_ID=bench-grpc-$RANDOM$RANDOM
PREFIX=capa:bench:grpc:

log() { printf '[grpc] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/java/server.sh
. "$ROOT/bench/java/server.sh"
bench_redis_up
bench_ports_free $HTTP_PORT $HTTPS_PORT $GRPC_PORT

WORK=$(mktemp -d /tmp/capa-bench-grpc.XXXXXX)
trap 'bench_cleanup $? "${PREFIX}*" "$APP_ID||*"' EXIT
trap 'exit 130' INT TERM

bench_build

# ---------------------------------------------------------------- Liberty
log "starting Liberty server $SERVER on HTTP $HTTP_PORT, gRPC $GRPC_PORT (state and actors on Redis, app id $APP_ID)"
bench_server_start "http.port=$HTTP_PORT" "https.port=$HTTPS_PORT" "capa.grpc.port=$GRPC_PORT" "capa.app.id=$APP_ID" \
  "capa.state.backend=redis" "capa.kv.backend=redis" "capa.kv.pool-size=$CONNECTIONS" "capa.actors.key-prefix=$PREFIX" \
  "capa.actors.classes=io.capaee.actors.examples.CounterActor"
for ((i = 0; ; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$HTTP_PORT/v1.0/healthz")" = 204 ] \
    && grep -q "Dapr gRPC API (dapr.proto.runtime.v1.Dapr) on .*:$GRPC_PORT" "$SERVER_DIR/logs/messages.log" 2>/dev/null && break
  [ "$i" -lt 480 ] || die "the server did not answer on $HTTP_PORT with its gRPC API on $GRPC_PORT within 4 minutes; see $SERVER_DIR/logs"
  sleep 0.5
done

# ---------------------------------------------------------------- measure
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
log "warm-up ${WARMUP}s, then fixed rate $RATE/s and saturation with $CONNECTIONS clients, ${DURATION}s each, per call and protocol"
START=$(date +%s)
# the HTTP client keeps its connections across the phases, so it drops an idle one after 10 s, before Liberty does
# (persistTimeout, 30 s): a request sent on a connection that the server closes at that moment would fail
java -Djdk.httpclient.keepalive.timeout=10 -cp "$CP" io.capaee.bench.grpc.GrpcBench "$HTTP_PORT" "$GRPC_PORT" "$WARMUP" "$DURATION" \
  "$RATE" "$CONNECTIONS" "$(cat "$WLP/usr/servers/.pid/$SERVER.pid")" \
  || die "GrpcBench (server log: $SERVER_DIR/logs/messages.log)"
log "measured in $(($(date +%s) - START)) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
