#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# A group of SERVERS Capa EE servers sharing their actors (capa.actors.placement=partitioned, docs/scaling.md),
# one pub/sub consumer group and one desired state, under load while one server is killed and restarted and
# NATS, Redis and Kafka restart, with the counts that say whether anything was lost:
#
#   1. this script starts a Redis (127.0.0.1:REDIS_PORT, append-only file fsynced on every write, so that it
#      can be restarted), a NATS with JetStream (NATS_PORT, file store) and a Kafka broker (KRaft, KAFKA_PORT)
#      of its own; scripts/cluster.sh starts SERVERS servers on loopback (HTTP 9180...) on them, with the
#      example `counter` actor, LEASE-second leases and 16 partitions, pub/sub on Redis streams and a declared
#      subscription that delivers to GroupBench's app (APP_PORT);
#   2. bench/java's GroupBench warms the servers up for WARMUP s (not counted), deploys a connector
#      JetStream -> Kafka through the first server (the shared desired state runs it on all), registers
#      REMINDERS one-shot reminders due over the run, and for DURATION s runs CLIENTS closed-loop clients
#      calling `counter/a-N/method/add 1` on ACTORS actors through a random server, a publisher of numbered
#      pub/sub messages (through a server that is up) and a publisher of numbered JetStream messages; at a fifth
#      of the run the last server is killed (kill -9), at two fifths it is started again, at 55 % NATS, at 70 %
#      Redis and at 85 % Kafka are stopped and started again;
#   3. it compares each actor's stored count with the calls answered 200, counts each reminder's fires, and
#      looks for every accepted message at its end (the app, the Kafka topic).
#
# Prints: calls answered, failed (by status), refused by the killed server (a client that picks it while it is
# down: a load balancer would take it out), lost (must be 0) and applied without an answer (in flight when
# their server died); reminders fired once (must be all), more than once, not fired; pub/sub and connector
# messages accepted, delivered, lost (must be 0) and delivered more than once; the longest call started
# within 10 s of the kill (how long the killed server's actors took to answer elsewhere); throughput
# through the failures against the steady fifth before them (the reference of this run). Exits 1 when
# something was lost, fired twice or not fired.
#
# Builds what it needs first (bench/java/server.sh: the EAR with the example actors, bench/java, the
# Liberty runtime; MVN_ARGS=-o builds offline). Hold /work/it.lock (flock) on shared machines.
#
# Usage:  bench/group.sh                           # 3 servers, 120 s (about 6 minutes with the build)
#         DURATION=60 SERVERS=3 bench/group.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVERS=${SERVERS:-3}
DURATION=${DURATION:-120}
ACTORS=${ACTORS:-50}
CLIENTS=${CLIENTS:-8}
REMINDERS=${REMINDERS:-60}
WARMUP=${WARMUP:-20}
LEASE=${LEASE:-5}
REDIS_PORT=${REDIS_PORT:-6391}
NATS_PORT=${NATS_PORT:-4232}
KAFKA_PORT=${KAFKA_PORT:-9392}
APP_PORT=${APP_PORT:-9399}
HTTP_BASE=9180
SERVER=capabench-group # bench/java/server.sh's name; this script's servers are scripts/cluster.sh's

log() { printf '[group] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/java/server.sh
. "$ROOT/bench/java/server.sh"
command -v redis-server >/dev/null || die "redis-server not found"
[ "$SERVERS" -ge 2 ] || die "SERVERS must be 2 or more: one of them is killed"
command -v nats-server >/dev/null || die "nats-server not found"
bench_ports_free "$REDIS_PORT" "$NATS_PORT" "$KAFKA_PORT" $((KAFKA_PORT + 1)) $((KAFKA_PORT + 2)) "$APP_PORT" \
  $(seq $HTTP_BASE $((HTTP_BASE + SERVERS - 1)))

WORK=$(mktemp -d /tmp/capa-bench-group.XXXXXX)
CLUSTER_DIR=$WORK/cluster
export CAPA_CLUSTER_DIR=$CLUSTER_DIR CAPA_REDIS=127.0.0.1:$REDIS_PORT CAPA_CLUSTER_SETTINGS=$WORK/settings
redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes --appendfsync always --save "" \
    --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "redis did not start on $REDIS_PORT"
}
nats_start() {
  nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/nats" -P "$WORK/nats.pid" >>"$WORK/nats.log" 2>&1 &
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && return 0; sleep 0.1; done
  die "nats did not start on $NATS_PORT"
}
kafka() { java -cp "$CP" it.io.capaee.kafka.KafkaBroker $((KAFKA_PORT + 2)) "$1"; }
cleanup() {
  local rc=$?
  set +e
  "$ROOT/scripts/cluster.sh" stop >/dev/null 2>&1
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  [ -f "$WORK/nats.pid" ] && kill "$(cat "$WORK/nats.pid")" 2>/dev/null
  [ -n "${CP:-}" ] && kafka shutdown >/dev/null 2>&1
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection (server logs in $CLUSTER_DIR/usr/servers/*/logs)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build
mkdir -p "$WORK/redis"
redis_start
nats_start
# the end-to-end tests' broker supervisor (liberty-config's test harness, on bench/java's classpath): a KRaft
# broker on KAFKA_PORT (controller KAFKA_PORT+1) that stops and starts on commands to KAFKA_PORT+2
java -cp "$CP" it.io.capaee.kafka.KafkaBrokerSupervisor "$KAFKA_PORT" $((KAFKA_PORT + 1)) $((KAFKA_PORT + 2)) "$WORK/kafka" \
  >"$WORK/kafka-supervisor.log" 2>&1 &
# the supervisor opens its control port once the broker answers
for _ in $(seq 1 900); do (exec 3<>"/dev/tcp/127.0.0.1/$((KAFKA_PORT + 2))") 2>/dev/null && break; sleep 0.2; done
(exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null || die "kafka did not start on $KAFKA_PORT (log: $WORK/kafka-supervisor.log)"
cat >"$WORK/settings" <<SETTINGS
capa.actors.placement=partitioned
capa.actors.partitions=16
capa.actors.lease-duration=PT${LEASE}S
capa.actors.classes=io.capaee.actors.examples.CounterActor
capa.actors.key-prefix=capa:bench:group:actors:
capa.jobs.key-prefix=capa:bench:group:jobs:
capa.actors.scan-interval=PT1S
capa.pubsub.backend=redis
capa.pubsub.stream-prefix=capa:bench:group:pubsub:
capa.pubsub.redeliver-after-millis=3000
capa.app.url=http://127.0.0.1:$APP_PORT
capa.subscription.group-bench.pubsub=pubsub
capa.subscription.group-bench.topic=group-bench
capa.subscription.group-bench.route=/deliver
capa.desired-state.key-prefix=capa:bench:group:desired:
capa.desired-state.interval=PT1S
capa.connectors.files=
SETTINGS
# the group's servers are made from liberty-config's configuration and the EAR just built
mkdir -p "$WORK/template/apps"
cp "$ROOT"/liberty-config/src/main/liberty/config/* "$WORK/template/"
cp "$ROOT/ear/target/capa-ee.ear" "$WORK/template/apps/capa-ee.ear"
export CAPA_CLUSTER_TEMPLATE=$WORK/template
log "starting $SERVERS servers (Redis on $REDIS_PORT)"
"$ROOT/scripts/cluster.sh" start "$SERVERS" >&2 || die "the group did not start"

victim=capa-group-$SERVERS
urls=$(for i in $(seq 1 "$SERVERS"); do printf 'http://127.0.0.1:%d,' $((HTTP_BASE + i - 1)); done)
kill_cmd="kill -9 \$(cat '$CLUSTER_DIR/usr/servers/.pid/$victim.pid') && echo '[group] killed $victim' >&2"
restart_cmd="WLP_USER_DIR='$CLUSTER_DIR/usr' '$WLP/bin/server' start $victim >/dev/null && echo '[group] restarted $victim' >&2"
redis_cmd="redis-cli -p $REDIS_PORT shutdown >/dev/null 2>&1; sleep 1; redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir '$WORK/redis' \
  --appendonly yes --appendfsync always --save '' --daemonize yes --pidfile '$WORK/redis.pid' --logfile '$WORK/redis.log' \
  && echo '[group] restarted Redis' >&2"
nats_cmd="kill \$(cat '$WORK/nats.pid'); while (exec 3<>/dev/tcp/127.0.0.1/$NATS_PORT) 2>/dev/null; do sleep 0.1; done; sleep 1; \
  nats-server -a 127.0.0.1 -p $NATS_PORT -js -sd '$WORK/nats' -P '$WORK/nats.pid' >>'$WORK/nats.log' 2>&1 & echo '[group] restarted NATS' >&2"
kafka_cmd="java -cp '$CP' it.io.capaee.kafka.KafkaBroker $((KAFKA_PORT + 2)) stop >/dev/null && sleep 1 \
  && java -cp '$CP' it.io.capaee.kafka.KafkaBroker $((KAFKA_PORT + 2)) start >/dev/null && echo '[group] restarted Kafka' >&2"

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $CLIENTS clients on $ACTORS actors for ${DURATION}s, $REMINDERS reminders"
# the clients' own logs (NATS reconnecting, Kafka's consumer) would bury the figures
printf 'handlers=\n.level=OFF\n' >"$WORK/logging.properties"
java -cp "$CP" -Djava.util.logging.config.file="$WORK/logging.properties" -Dbench.servers="${urls%,}" -Dbench.actors="$ACTORS" -Dbench.clients="$CLIENTS" -Dbench.seconds="$DURATION" \
  -Dbench.reminders="$REMINDERS" -Dbench.warmup="$WARMUP" -Dbench.kill="$kill_cmd" -Dbench.restart="$restart_cmd" -Dbench.redis-restart="$redis_cmd" \
  -Dbench.nats-restart="$nats_cmd" -Dbench.kafka-restart="$kafka_cmd" -Dbench.nats="nats://127.0.0.1:$NATS_PORT" \
  -Dbench.kafka="127.0.0.1:$KAFKA_PORT" -Dbench.app-port="$APP_PORT" \
  io.capaee.bench.group.GroupBench | sed 's/^BENCH //' || die "GroupBench found something lost, fired twice or not fired"
