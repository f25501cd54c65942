#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a group of Capa EE servers on loopback that share Redis, NATS and Kafka (docs/operations.md, "Running a group").
#
#   scripts/cluster.sh start N    creates N servers from the built one and starts them; returns once each
#                                 answers /health/ready (a running group is stopped first)
#   scripts/cluster.sh stop       stops every server of the group
#   scripts/cluster.sh status     each server: its URL, whether it runs and what /health/ready says
#
# Server i (1..N) is capa-group-i: HTTP port CAPA_CLUSTER_HTTP_PORT+i-1 (default 9180...), HTTPS port
# CAPA_CLUSTER_HTTPS_PORT+i-1 (9543...), Dapr gRPC port CAPA_CLUSTER_GRPC_PORT+i-1 (50101...), listening on
# 127.0.0.1 only. The brokers: CAPA_REDIS (127.0.0.1:6379), CAPA_NATS (nats://127.0.0.1:4222), CAPA_KAFKA
# (127.0.0.1:9092; connected only when a Kafka feature is used). Extra settings for every server: lines
# NAME=VALUE in the file CAPA_CLUSTER_SETTINGS, appended to each server's bootstrap.properties.
#
# The built server is liberty-config/target/liberty/wlp/usr/servers/capa (mvn install -DskipTests -DskipITs), or
# the server directory CAPA_CLUSTER_TEMPLATE (its configuration files and apps/capa-ee.ear);
# the group's servers live in CAPA_CLUSTER_DIR (default target/cluster at the top of the repository) as
# Liberty's user directory, beside the build's: a rebuild does not touch a running group, and the group's
# logs are in CAPA_CLUSTER_DIR/usr/servers/capa-group-i/logs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wlp="$root/liberty-config/target/liberty/wlp"
built="${CAPA_CLUSTER_TEMPLATE:-$wlp/usr/servers/capa}" # a server directory: its configuration and apps/
dir="${CAPA_CLUSTER_DIR:-$root/target/cluster}"
user_dir="$dir/usr"
http_base=${CAPA_CLUSTER_HTTP_PORT:-9180}
https_base=${CAPA_CLUSTER_HTTPS_PORT:-9543}
grpc_base=${CAPA_CLUSTER_GRPC_PORT:-50101}
redis=${CAPA_REDIS:-127.0.0.1:6379}
nats=${CAPA_NATS:-nats://127.0.0.1:4222}
kafka=${CAPA_KAFKA:-127.0.0.1:9092}
ready_timeout=${CAPA_CLUSTER_READY_TIMEOUT:-300}

usage() {
  sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

server() { # ACTION NAME: Liberty's server script on the group's user directory
  WLP_USER_DIR="$user_dir" "$wlp/bin/server" "$@"
}

names() { # the group's servers, by number
  [ -d "$user_dir/servers" ] || return 0
  find "$user_dir/servers" -mindepth 1 -maxdepth 1 -type d -name 'capa-group-*' -printf '%f\n' | sort -t- -k3 -n
}

port_of() { # NAME: the HTTP port in its bootstrap.properties
  sed -n 's/^http\.port=//p' "$user_dir/servers/$1/bootstrap.properties"
}

ready() { # PORT: the HTTP status of /health/ready, 000 when nothing answers
  curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$1/health/ready" || true
}

create() { # I: server capa-group-I from the built server, with the group's settings
  local i=$1 name="capa-group-$1" http=$((http_base + $1 - 1)) https=$((https_base + $1 - 1)) grpc=$((grpc_base + $1 - 1))
  local target="$user_dir/servers/$name"
  rm -rf "$target"
  mkdir -p "$target"
  # the configuration and the application; not the build's own state (logs, workarea, functions, registry),
  # its bootstrap.properties (a test run leaves its settings there) nor its configDropins (the Maven plugin's variables)
  (cd "$built" && tar cf - --exclude=./logs --exclude=./workarea --exclude=./functions --exclude=./function-files \
      --exclude=./registry --exclude=./files --exclude=./bootstrap.properties --exclude=./configDropins \
      --exclude=./desired-state --exclude=./tranlog --exclude=./compiled-wasm .) | (cd "$target" && tar xf -)
  local redis_host=${redis%:*} redis_port=${redis##*:}
  cat >"$target/bootstrap.properties" <<EOF
# server $i of the group made by scripts/cluster.sh (docs/operations.md, "Running a group")
http.host=127.0.0.1
http.port=$http
https.port=$https
capa.server.id=$name
capa.grpc.host=127.0.0.1
capa.grpc.port=$grpc
# every store in Redis, shared: key/value (routes, desired state, tick claims), state, locks, pub/sub
capa.kv.backend=redis
capa.kv.host=$redis_host
capa.kv.port=$redis_port
capa.state.backend=redis
capa.lock.backend=redis
capa.pubsub.backend=redis
# one application: one app id, found by the others through the invoke registry
capa.app.id=capa
capa.invoke.registry=redis
capa.invoke.self-url=http://127.0.0.1:$http
capa.worker.local-url=http://127.0.0.1:$http/wasm/functions
capa.worker.proxy-url=http://127.0.0.1:$http
capa.pubsub.local-url=http://127.0.0.1:$http
capa.bindings.functions-url=http://127.0.0.1:$http/wasm/functions
capa.connectors.functions-url=http://127.0.0.1:$http/wasm/functions
# one module store on NATS for every server's registry and workers
capa.registry.backend=jetstream
capa.nats.servers=$nats
capa.kafka.bootstrap-servers=$kafka
# actors and jobs placed across the group by leases in Redis (docs/scaling.md)
capa.actors.placement=partitioned
EOF
  if [ -n "${CAPA_CLUSTER_SETTINGS:-}" ]; then
    cat "$CAPA_CLUSTER_SETTINGS" >>"$target/bootstrap.properties"
  fi
}

stop_all() {
  local pids=() name
  for name in $(names); do
    server stop "$name" >/dev/null 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

start() {
  local n=${1:-}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "start needs a number of servers, 1 or more" >&2; exit 2; }
  [ -d "$built/apps" ] || { echo "no built server at $built: run mvn install -DskipTests -DskipITs first" >&2; exit 1; }
  stop_all
  rm -rf "$user_dir/servers"
  local i name
  for i in $(seq 1 "$n"); do
    create "$i"
  done
  # one at a time: each takes most of a core while it starts
  for i in $(seq 1 "$n"); do
    name="capa-group-$i"
    echo "starting $name on http://127.0.0.1:$((http_base + i - 1))"
    if ! server start "$name" >"$dir/$name.start.log" 2>&1; then
      cat "$dir/$name.start.log" >&2
      exit 1
    fi
  done
  local deadline=$(( $(date +%s) + ready_timeout )) port
  for name in $(names); do
    port=$(port_of "$name")
    until [ "$(ready "$port")" = 200 ]; do
      if grep -q CWWKZ0002E "$user_dir/servers/$name/logs/messages.log" 2>/dev/null; then
        echo "the application failed to start on $name; see $user_dir/servers/$name/logs/messages.log" >&2
        exit 1
      fi
      if [ "$(date +%s)" -gt "$deadline" ]; then
        echo "$name is not ready on port $port after ${ready_timeout}s; see $user_dir/servers/$name/logs/messages.log" >&2
        exit 1
      fi
      sleep 2
    done
    echo "$name ready on http://127.0.0.1:$port"
  done
}

status() {
  local name port running any=1
  for name in $(names); do
    any=0
    port=$(port_of "$name")
    if server status "$name" >/dev/null 2>&1; then running=running; else running=stopped; fi
    echo "$name http://127.0.0.1:$port $running ready=$(ready "$port")"
  done
  [ $any = 0 ] || echo "no group in $dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop_all; echo "stopped $(names | wc -l) server(s)" ;;
  status) status ;;
  *) usage ;;
esac
