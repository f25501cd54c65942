#!/usr/bin/env bash
# JetStream -> Kafka, 1 KB messages: Capa EE (JetStream input binding, target binding:kafka) against a
# plain jnats -> kafka-clients loop with the same fetch size, producer settings and acknowledgements,
# in one run. Runs JetStreamKafkaBench (bench/java) through bench/java/run.sh, which builds what it needs
# and starts a Kafka broker (KRaft) and a Liberty server of its own, with the JetStream input binding
# pointed at the kafka output binding. Needs NATS (JetStream) on 127.0.0.1:4222 (.ci/run starts it).
#   MESSAGES=20000 WARMUP=3000 LINGER=0 HTTP_PORT=9182 bench/connector-jetstream-kafka.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-3000}
LINGER=${LINGER:-0}
HTTP_PORT=${HTTP_PORT:-9182}
bench/java/run.sh JetStreamKafkaBench "$HTTP_PORT" -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  -Dcapa.bench.kafka.linger-millis="$LINGER"
