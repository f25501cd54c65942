#!/usr/bin/env bash
# Pub/sub, publish -> delivery, through Kafka, NATS JetStream, MQTT and RabbitMQ: Capa EE
# (POST /v1.0/publish/{kafka|jetstream|mqtt|rabbitmq}/T
# from CONCURRENCY client threads; the server delivers each CloudEvent to a subscriber app over HTTP and
# commits / acks after its 2xx) against a plain kafka-clients producer/consumer loop, a plain jnats
# JetStream publish / pull-consume loop, a plain Paho QoS 1 publish / subscribe loop and a plain RabbitMQ
# confirmed-publish / acknowledging-consumer loop with the same acknowledgements, in one run. Prints msgs/s
# (first publish to last delivery), p50/p99 publish-to-delivery latency, and the ratio.
# Runs PubSubBench (bench/java) through bench/java/run.sh, which builds what it needs and starts a Kafka
# broker (KRaft) and a Liberty server of its own. Needs NATS (JetStream) on 127.0.0.1:4222, Mosquitto
# (MQTT) on 127.0.0.1:1883 and RabbitMQ on 127.0.0.1:5672.
# Also prints the server's CPU time per message (publish and delivery); PROFILE=N records a JFR profile of the
# server during each measured Capa EE run (bench/results/pubsub-BROKER.jfr) and prints its top N methods.
# The server's JIT needs about 20,000 messages before the figures settle (docs/performance.md); MQTT runs with
# MQTT_MESSAGES / MQTT_WARMUP, because the plain Paho loop stops receiving after a few thousand messages.
# DELIVERIES=N has each subscription deliver N messages at once (its maxConcurrentDeliveries; the report's
# names end in -xN); 1, the default, delivers one at a time, in order. APP_DELAY=MS has the subscriber app take
# MS milliseconds per delivery (names end in -appMSms; the plain loops have no such delay, so compare the runs of
# one APP_DELAY with DELIVERIES=1 and N, not their ratio to the plain loop).
#   MESSAGES=20000 WARMUP=20000 MQTT_MESSAGES=2000 MQTT_WARMUP=500 CONCURRENCY=8 SIZE=256 HTTP_PORT=9182 \
#     BROKERS=kafka,jetstream,rabbitmq,mqtt PROFILE=0 DELIVERIES=1 APP_DELAY=0 bench/pubsub.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-20000}
MQTT_MESSAGES=${MQTT_MESSAGES:-2000}
MQTT_WARMUP=${MQTT_WARMUP:-500}
CONCURRENCY=${CONCURRENCY:-8}
SIZE=${SIZE:-256}
LINGER=${LINGER:-0}
HTTP_PORT=${HTTP_PORT:-9182}
BROKERS=${BROKERS:-kafka,jetstream,rabbitmq,mqtt}
PROFILE=${PROFILE:-0}
DELIVERIES=${DELIVERIES:-1}
APP_DELAY=${APP_DELAY:-0}
bench/java/run.sh PubSubBench "$HTTP_PORT" -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  -Dcapa.bench.mqtt.messages="$MQTT_MESSAGES" -Dcapa.bench.mqtt.warmup="$MQTT_WARMUP" \
  -Dcapa.bench.concurrency="$CONCURRENCY" -Dcapa.bench.size="$SIZE" -Dcapa.bench.pubsub.linger-millis="$LINGER" \
  -Dcapa.bench.pubsub.brokers="$BROKERS" -Dcapa.bench.pubsub.deliveries="$DELIVERIES" -Dcapa.bench.pubsub.app-delay-millis="$APP_DELAY" -Dcapa.bench.profile="$([ "$PROFILE" -gt 0 ] && echo true || echo false)"
if [ "$PROFILE" -gt 0 ]; then
  for broker in ${BROKERS//,/ }; do
    echo "== JFR of the server while publishing to and delivering from $broker (bench/results/pubsub-$broker.jfr)" >&2
    java bench/profile/JfrTop.java "bench/results/pubsub-$broker.jfr" "$PROFILE" >&2 || echo "JfrTop failed" >&2
  done
fi
