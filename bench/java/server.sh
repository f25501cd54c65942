# SPDX-License-Identifier: Apache-2.0
# Sourced by bench/actors.sh, bench/grpc.sh, bench/group.sh and bench/memory.sh: builds the EAR with the example actors and bench/java, and runs a
# Liberty server of the script's own on liberty-config's server.xml. The script sets ROOT, SERVER, WORK (its
# temporary directory) and the functions log and die; this file sets WLP, SERVER_DIR and, after bench_build, CP
# (bench/java's test class path: its benchmarks and the shared load driver io.capaee.bench.load.Load).
WLP=$ROOT/liberty-config/target/liberty/wlp
SERVER_DIR=$WLP/usr/servers/$SERVER
BENCH_SERVER_STARTED=0

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# `mvn package -Pbench,sample -pl bench/java -am -DskipTests -DskipITs`: the EAR with the example actors
# (profile sample), bench/java and its class path, the Liberty runtime; MVN_ARGS (e.g. -o) go to mvn
bench_build() {
  log "building the EAR (with the example actors), bench/java and the Liberty runtime"
  # shellcheck disable=SC2086 # MVN_ARGS: words for mvn
  (cd "$ROOT" && mvn -q ${MVN_ARGS:-} package -Pbench,sample -pl bench/java -am -DskipTests -DskipITs >"$WORK/build.log" 2>&1) \
    || { tail -40 "$WORK/build.log" >&2; die "build (log: $WORK/build.log)"; }
  [ -x "$WLP/bin/server" ] || die "no Liberty runtime in $WLP after the build"
  CP="$ROOT/bench/java/target/test-classes:$(cat "$ROOT/bench/java/target/test-classpath.txt")"
}

# a new server SERVER with liberty-config's configuration, the EAR (with the sample, which brings its channels), and
# the given bootstrap properties (name=value each); started, not yet waited for
bench_server_start() {
  rm -rf "$SERVER_DIR"
  mkdir -p "$SERVER_DIR/apps"
  cp "$ROOT"/liberty-config/src/main/liberty/config/* "$SERVER_DIR/"
  # BENCH_NO_EAR=1: the same server without the EAR (Liberty and its features only), a reference for bench/memory.sh
  [ "${BENCH_NO_EAR:-0}" = 1 ] || cp "$ROOT/ear/target/capa-ee.ear" "$SERVER_DIR/apps/capa-ee.ear"
  # BENCH_DROPINS: WARs (paths, space-separated) deployed beside the EAR, e.g. a reference the script measures
  if [ -n "${BENCH_DROPINS:-}" ]; then
    mkdir -p "$SERVER_DIR/dropins"
    # shellcheck disable=SC2086 # a list of paths
    cp ${BENCH_DROPINS} "$SERVER_DIR/dropins/"
  fi
  printf '%s\n' "$@" >"$SERVER_DIR/bootstrap.properties"
  # Dapr's gRPC port (50001 by default) only for a benchmark that sets one: two servers must not both take it
  case " $* ${BENCH_PROPS:-} " in *" capa.grpc."*) ;; *) echo "capa.grpc.enabled=false" >>"$SERVER_DIR/bootstrap.properties" ;; esac
  # BENCH_PROPS: further bootstrap properties (space-separated name=value), last so that they win, e.g.
  # capa.actors.caller-turns=4 to compare a setting against its default in the same script
  local props=()
  read -ra props <<<"${BENCH_PROPS:-}"
  [ "${#props[@]}" -eq 0 ] || printf '%s\n' "${props[@]}" >>"$SERVER_DIR/bootstrap.properties"
  # BENCH_DIAGNOSE=1: the server's own view of each request (an access log with its time in the server, %D in
  # microseconds) and its GC pauses (-Xlog:gc), in WORK, so that a latency tail can be placed in the server or
  # outside it; bench_diagnose prints both
  if [ "${BENCH_DIAGNOSE:-0}" = 1 ]; then
    mkdir -p "$SERVER_DIR/configDropins/overrides"
    cat >"$SERVER_DIR/configDropins/overrides/bench-diagnose.xml" <<XML
<server>
  <httpEndpoint id="defaultHttpEndpoint" accessLoggingRef="benchAccessLog"/>
  <httpAccessLogging id="benchAccessLog" filePath="$WORK/access.log" logFormat="%m %U %s %D" maxFileSize="0"/>
</server>
XML
    echo "-Xlog:gc:file=$WORK/server-gc.log" >>"$SERVER_DIR/jvm.options"
  fi
  BENCH_SERVER_STARTED=1
  "$WLP/bin/server" start "$SERVER" >"$WORK/liberty-start.log" 2>&1 || { cat "$WORK/liberty-start.log" >&2; die "server start"; }
}

# for the script's exit trap: stops the server if it was started
bench_server_stop() {
  if [ "$BENCH_SERVER_STARTED" = 1 ]; then
    log "stopping Liberty server $SERVER"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/liberty-stop.log" 2>&1 || log "server stop failed, see $WORK/liberty-stop.log"
  fi
}

# dies unless Redis answers on 127.0.0.1:6379 (the benchmarks' state and actors)
bench_redis_up() {
  command -v redis-cli >/dev/null || die "redis-cli not found (Redis must run on 127.0.0.1:6379)"
  redis-cli ping >/dev/null || die "Redis does not answer on 127.0.0.1:6379"
}

# bench_cleanup RC PATTERN...: the script's exit trap: stops the server, deletes the Redis keys matching the
# patterns, removes WORK (kept for inspection when RC is not 0) and exits with RC
bench_cleanup() {
  local rc=$1 pattern
  shift
  set +e
  bench_server_stop
  for pattern; do
    redis-cli --scan --pattern "$pattern" | xargs -r redis-cli del >/dev/null
  done
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "kept $WORK for inspection"; fi
  exit "$rc"
}

# bench_diagnose FROM_LINE: with BENCH_DIAGNOSE=1, the server-side percentiles of the requests logged after line
# FROM_LINE of the access log (per path, in ms), and the server's GC pauses over the whole run
bench_diagnose() {
  [ "${BENCH_DIAGNOSE:-0}" = 1 ] || return 0
  # an actor's id and method are one path: the key is the path with them (and any bench-N id) starred
  tail -n +"$(( $1 + 1 ))" "$WORK/access.log" | awk '{ key = $2; sub(/\/[^\/]*\/method\/.*/, "/*/method/*", key); gsub(/\/bench-[^\/]*/, "/*", key); print key, $4 / 1000 }' |
    LC_ALL=C sort -k1,1 -k2,2g | awk '
    function flush() { if (n) printf "[diagnose] in the server: %-40s n=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
      path, n, v[int(n * 0.5) + 1], v[int(n * 0.9) + 1], v[int(n * 0.99) + 1], v[n] }
    { key = $1 }
    key != path { flush(); path = key; n = 0 }
    { v[++n] = $2 }
    END { flush() }' >&2
  if [ -f "$WORK/server-gc.log" ]; then
    awk '/Pause/ { ms = $NF; sub(/ms$/, "", ms); n++; total += ms; if (ms > max) max = ms }
      END { printf "[diagnose] server GC: %d pauses, %.0f ms in all, longest %.1f ms\n", n, total, max }' "$WORK/server-gc.log" >&2
  fi
}
