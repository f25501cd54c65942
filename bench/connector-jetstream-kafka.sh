#!/usr/bin/env bash
# JetStream -> Kafka, 1 KB messages: Capa EE (JetStream input binding, target binding:kafka) against a
# plain jnats -> kafka-clients loop with the same fetch size, producer settings and acknowledgements,
# in one run. Uses the build's test harness: the Kafka broker (KRaft) and the Liberty server start as
# for the end-to-end tests, with the JetStream input binding pointed at the kafka output binding.
# Needs NATS (JetStream) on 127.0.0.1:4222 and Redis on 127.0.0.1:6379 (.ci/run starts them).
#   MESSAGES=20000 WARMUP=3000 LINGER=0 HTTP_PORT=9182 bench/connector-jetstream-kafka.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-3000}
LINGER=${LINGER:-0}
HTTP_PORT=${HTTP_PORT:-9182}
log=$(mktemp)
mvn verify -pl liberty-config -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=JetStreamKafkaBench -Dcapa.bench=true -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  -Dcapa.it.jetstream-input.target=binding:kafka -Dcapa.it.kafka.linger-millis="$LINGER" \
  -Dit.http.port="$HTTP_PORT" -Dit.https.port=$((HTTP_PORT + 300)) \
  >"$log" 2>&1 || { tail -60 "$log"; echo "benchmark run failed, log: $log"; exit 1; }
grep '^BENCH' "$log" | sed 's/^BENCH //'
