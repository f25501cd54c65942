#!/usr/bin/env bash
# JetStream -> Kafka, 1 KB messages, through a Connect connector (outlet consumer.stream -> sink kafka,
# deployed over /v1.0-alpha1/connectors) against a plain jnats -> kafka-clients loop doing the same (fetch
# 100, the batch sent to an idempotent acks=all producer with linger 0, each message acked in order after
# its Kafka ack), in one run. Runs ConnectorBench (bench/java) through bench/java/run.sh, which builds
# what it needs and starts a Kafka broker (KRaft) and a Liberty server of its own.
# Needs NATS (JetStream) on 127.0.0.1:4222 (.ci/run starts it).
#   MESSAGES=20000 WARMUP=3000 HTTP_PORT=9182 bench/connector.sh
#   PROFILE=1 bench/connector.sh   # also JFR CPU samples of the Liberty JVM for the whole run, summarised below
#                                  # the connector's work (bench/profile/JfrTop.java); kept in bench/results/connector.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
WARMUP=${WARMUP:-3000}
HTTP_PORT=${HTTP_PORT:-9182}
PROFILE=${PROFILE:-}
jfr="$PWD/bench/results/connector.jfr"
if [ -n "$PROFILE" ]; then
  mkdir -p bench/results && rm -f "$jfr"
  # this worktree's Liberty server 'bench' (bench/java), once the build started it; recorded until it exits
  ( server="$PWD/liberty-config/target/liberty/wlp/bin/tools/ws-server.jar bench\$"
    for _ in $(seq 900); do
      pid=$(pgrep -f "$server" | head -1 || true)
      if [ -n "$pid" ]; then
        jcmd "$pid" JFR.start name=bench settings=profile dumponexit=true filename="$jfr" >/dev/null 2>&1 && exit 0
      fi
      sleep 1
    done ) &
  watcher=$!
fi
bench/java/run.sh ConnectorBench "$HTTP_PORT" -Dcapa.bench.messages="$MESSAGES" -Dcapa.bench.warmup="$WARMUP" \
  || { [ -z "$PROFILE" ] || kill "$watcher" 2>/dev/null; exit 1; }
if [ -n "$PROFILE" ]; then
  kill "$watcher" 2>/dev/null || true
  if [ -f "$jfr" ]; then
    java bench/profile/JfrTop.java "$jfr" 25 io.capaee.connector.connect.ConnectorWork.turn || echo "JfrTop failed"
  else
    echo "PROFILE: no recording (Liberty JVM not found)"
  fi
fi
