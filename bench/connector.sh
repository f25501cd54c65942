#!/usr/bin/env bash
# JetStream -> Kafka, 1 KB messages, through a Connect connector (outlet consumer.stream -> sink kafka,
# deployed over /v1.0-alpha1/connectors) against a plain jnats -> kafka-clients loop doing the same (fetch
# 100, the batch sent to an idempotent acks=all producer with linger 0, each message acked in order after
# its Kafka ack), in one run. Uses the
# build's test harness: the Kafka broker (KRaft) and the Liberty server start as for the end-to-end tests.
# Needs NATS (JetStream) on 127.0.0.1:4222 and Redis on 127.0.0.1:6379 (.ci/run starts them).
#   MESSAGES=20000 WARMUP=3000 HTTP_PORT=9182 bench/connector.sh
#   PROFILE=1 bench/connector.sh   # also JFR CPU samples of the Liberty JVM for the whole run, summarised below
#                                  # the connector's work (bench/profile/JfrTop.java); kept in bench/results/connector.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-3000}
HTTP_PORT=${HTTP_PORT:-9182}
PROFILE=${PROFILE:-}
log=$(mktemp)
jfr="$PWD/bench/results/connector.jfr"
if [ -n "$PROFILE" ]; then
  mkdir -p bench/results && rm -f "$jfr"
  # this worktree's Liberty JVM, once the build started it; recorded until it exits
  ( server="$PWD/liberty-config/target/liberty/wlp"
    for _ in $(seq 900); do
      pid=$(pgrep -f "$server.*ws-server" | head -1 || true)
      if [ -n "$pid" ]; then
        jcmd "$pid" JFR.start name=bench settings=profile dumponexit=true filename="$jfr" >/dev/null 2>&1 && exit 0
      fi
      sleep 1
    done ) &
  watcher=$!
fi
mvn verify -pl liberty-config -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ConnectorBench -Dcapa.bench=true -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  -Dit.http.port="$HTTP_PORT" -Dit.https.port=$((HTTP_PORT + 300)) \
  >"$log" 2>&1 || { tail -60 "$log"; echo "benchmark run failed, log: $log"; [ -z "$PROFILE" ] || kill "$watcher" 2>/dev/null; exit 1; }
grep '^BENCH' "$log" | sed 's/^BENCH //'
if [ -n "$PROFILE" ]; then
  kill "$watcher" 2>/dev/null || true
  if [ -f "$jfr" ]; then
    java bench/profile/JfrTop.java "$jfr" 25 io.capaee.connector.connect.ConnectorWork.turn || echo "JfrTop failed"
  else
    echo "PROFILE: no recording (Liberty JVM not found)"
  fi
fi
