#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start time with worker deployments and connectors: a second Liberty server made by the end-to-end
# test harness (desired state in files, routes in memory) is restarted once without deployments (the
# reference), then gets FUNCTIONS deployments through the worker API, each of its own module
# (lib-api/src/test/guests/hello-http.wasm with a custom section that makes it another module to
# compile; SAME_MODULE=true deploys one module FUNCTIONS times) and CONNECTORS connectors (NATS core subject to a Redis stream) through the connectors
# API, is stopped and started again, then killed (kill -9) and started again. Prints, for each
# restart, the time from the start command until the server answers, until all FUNCTIONS answer
# through the proxy (/functions/bN/v1) and until all CONNECTORS run connected, with Liberty's own
# start time and the worker's reconcile time from messages.log, and last the ratio to the reference. The claim: ready within 15 s of
# a restart on this machine; Liberty's own start is most of it, so run it on a quiet machine.
#   FUNCTIONS=100 CONNECTORS=20 HTTP_PORT=9186 bench/restart.sh      (the measured server uses HTTP_PORT + 4)
#   COMPILED_CACHE_MAX_BYTES=0 bench/restart.sh      (without the compiled-module cache: every module compiled again)
# The benchmark (liberty-config/src/bench/java, compiled only in the profile bench-restart) uses the
# end-to-end tests' harness. Needs Redis on 127.0.0.1:6379 and NATS on 127.0.0.1:4222 for the test server the harness starts first.
set -euo pipefail
cd "$(dirname "$0")/.."
FUNCTIONS=${FUNCTIONS:-100}
CONNECTORS=${CONNECTORS:-20}
SAME_MODULE=${SAME_MODULE:-false}
COMPILED_CACHE_MAX_BYTES=${COMPILED_CACHE_MAX_BYTES:-268435456}
HTTP_PORT=${HTTP_PORT:-9186}
log=$(mktemp)
mvn verify -Pbench-restart -pl liberty-config -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=WorkerRestartBench -Dcapa.bench=true -Dcapa.bench.functions="$FUNCTIONS" -Dcapa.bench.connectors="$CONNECTORS" -Dcapa.bench.same-module="$SAME_MODULE" \
  -Dcapa.bench.compiled-cache-max-bytes="$COMPILED_CACHE_MAX_BYTES" \
  -Dit.extra-server.jvm-options= \
  -Dit.http.port="$HTTP_PORT" -Dit.https.port=$((HTTP_PORT + 300)) \
  >"$log" 2>&1 || { tail -60 "$log"; echo "benchmark run failed, log: $log"; exit 1; }
grep '^BENCH' "$log" | sed 's/^BENCH //'
