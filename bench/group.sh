#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# A group of SERVERS Capa EE servers sharing their actors (capa.actors.placement=partitioned, docs/scaling.md)
# under actor load while one server is killed and restarted and Redis restarts, with the counts that say
# whether anything was lost:
#
#   1. scripts/cluster.sh starts SERVERS servers on loopback (HTTP 9180...) on a Redis of this script's own
#      (127.0.0.1:REDIS_PORT, append-only file fsynced on every write, so that it can be restarted), with the
#      example `counter` actor, LEASE-second leases and 16 partitions;
#   2. bench/java's GroupBench warms the servers up for WARMUP s (not counted), registers REMINDERS one-shot
#      reminders due over the run and runs CLIENTS
#      closed-loop clients calling `counter/a-N/method/add 1` on ACTORS actors through a random server for
#      DURATION s; at a quarter of it the last server is killed (kill -9), at half it is started again, at
#      three quarters Redis is shut down and started again;
#   3. it compares each actor's stored count with the calls answered 200, and counts each reminder's fires.
#
# Prints: calls answered, failed (by status), refused by the killed server (a client that picks it while it is
# down: a load balancer would take it out), lost (must be 0) and applied without an answer (in flight when
# their server died); reminders fired once (must be all), more than once, not fired; the longest call started
# within 10 s of the kill (how long the killed server's actors took to answer elsewhere); throughput
# through the failures against the steady quarter before them (the reference of this run). Exits 1 when
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
HTTP_BASE=9180
SERVER=capabench-group # bench/java/server.sh's name; this script's servers are scripts/cluster.sh's

log() { printf '[group] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=bench/java/server.sh
. "$ROOT/bench/java/server.sh"
command -v redis-server >/dev/null || die "redis-server not found"
[ "$SERVERS" -ge 2 ] || die "SERVERS must be 2 or more: one of them is killed"
bench_ports_free "$REDIS_PORT" $(seq $HTTP_BASE $((HTTP_BASE + SERVERS - 1)))

WORK=$(mktemp -d /tmp/capa-bench-group.XXXXXX)
CLUSTER_DIR=$WORK/cluster
export CAPA_CLUSTER_DIR=$CLUSTER_DIR CAPA_REDIS=127.0.0.1:$REDIS_PORT CAPA_CLUSTER_SETTINGS=$WORK/settings
redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes --appendfsync always --save "" \
    --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "redis did not start on $REDIS_PORT"
}
cleanup() {
  local rc=$?
  set +e
  "$ROOT/scripts/cluster.sh" stop >/dev/null 2>&1
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection (server logs in $CLUSTER_DIR/usr/servers/*/logs)"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build
mkdir -p "$WORK/redis"
redis_start
cat >"$WORK/settings" <<SETTINGS
capa.actors.placement=partitioned
capa.actors.partitions=16
capa.actors.lease-duration=PT${LEASE}S
capa.actors.classes=io.capaee.actors.examples.CounterActor
capa.actors.key-prefix=capa:bench:group:actors:
capa.jobs.key-prefix=capa:bench:group:jobs:
capa.actors.scan-interval=PT1S
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

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $CLIENTS clients on $ACTORS actors for ${DURATION}s, $REMINDERS reminders"
java -cp "$CP" -Dbench.servers="${urls%,}" -Dbench.actors="$ACTORS" -Dbench.clients="$CLIENTS" -Dbench.seconds="$DURATION" \
  -Dbench.reminders="$REMINDERS" -Dbench.warmup="$WARMUP" -Dbench.kill="$kill_cmd" -Dbench.restart="$restart_cmd" -Dbench.redis-restart="$redis_cmd" \
  io.capaee.bench.group.GroupBench | sed 's/^BENCH //' || die "GroupBench found something lost, fired twice or not fired"
