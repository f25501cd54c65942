#!/usr/bin/env bash
# JetStream -> Kafka, 1 KB messages, through a Connect connector (outlet consumer.stream -> sink kafka,
# deployed over /v1.0-alpha1/connectors) against a plain jnats -> kafka-clients loop doing the same (fetch
# 100, the batch sent to an idempotent acks=all producer with linger 0, each message acked in order after
# its Kafka ack), in one run. Uses the
# build's test harness: the Kafka broker (KRaft) and the Liberty server start as for the end-to-end tests.
# Needs NATS (JetStream) on 127.0.0.1:4222 and Redis on 127.0.0.1:6379 (.ci/run starts them).
#   MESSAGES=20000 WARMUP=3000 HTTP_PORT=9182 bench/connector.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-3000}
HTTP_PORT=${HTTP_PORT:-9182}
log=$(mktemp)
mvn verify -pl liberty-config -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ConnectorBench -Dcapa.bench=true -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  -Dit.http.port="$HTTP_PORT" -Dit.https.port=$((HTTP_PORT + 300)) \
  >"$log" 2>&1 || { tail -60 "$log"; echo "benchmark run failed, log: $log"; exit 1; }
grep '^BENCH' "$log" | sed 's/^BENCH //'
