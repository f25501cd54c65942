#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# wasm compute speed: the SAME lib-api/src/test/guests/compute.wasm (no imports) in Chicory,
# compiled to JVM bytecode by MachineFactoryCompiler as the engine does (bench/compute/ComputeBench.java,
# run with Java's single-file source launcher on capsule-cli/target/capsule.jar), and in Node.js
# (bench/compute/compute.mjs, WebAssembly.instantiate with {} as import object).
# Workloads (all in compute.wasm, source lib-api/src/test/guests/src/compute.c, built by its build.sh):
#   fib(FIB_N)            naive recursion: call cost
#   sieve(SIEVE_N)        sieve of Eratosthenes over a byte array in linear memory: memory-bound loops
#   json(JSON_N)          writes a JSON document of JSON_N records (700: 96 KB, escapes and decimals),
#                         parses it into a tree, writes it back, checks the round trip is exact
#   checksum(CHECKSUM_N)  fills CHECKSUM_N bytes (1 MiB) with a pseudo-random sequence, then CRC-32s them
# Each: WARMUP_ITERATIONS untimed calls and at least WARMUP_SECONDS (3) of them, then RUNS timed calls;
# the median counts. The JVM gets -XX:-DontCompileHugeMethods, as the server does (liberty-config's
# jvm.options): without it json's large guest functions stay interpreted.
# The plain rows call the export on one Chicory instance, as Node does; the engine: rows call the
# same workload through the engine (WasmFunction.callCli), with what isolation costs: the time
# limit, the pool, and restoring the instance to its state after _start after every call
# (sieve grows memory by 10 MB each call, and is shrunk back).
# The graal rows run the engine rows again with capa.functions.engine=graalwasm (lib-wasm-graal, GraalWasm
# with the Graal compiler on a JDK 21+, found by scripts/graal-jdk.sh; skipped, saying why, without one).
# The engine rows end with engine:hello, hello-http.wasm through callHttp: the per-call cost of a small
# HTTP function (no Node row). Every row also has first_ms, its first (cold) call.
# Prints each time, then last the ratio chicory / node per workload (target: fib <= 1.0, the others <= 1.5),
# and the side-by-side table of both engines through the engine interface against Node.
#
# Prerequisite (once, from the repository root):  mvn package -DskipTests -DskipITs -pl capsule-cli -am
#   (builds capsule-cli/target/capsule.jar, which bundles lib-api and Chicory runtime, compiler and wasm)
#   for the graal rows also:  mvn package -DskipTests -DskipITs -pl lib-wasm-graal -am -Dgraal.jdk="$(scripts/graal-jdk.sh)"
#   (which also copies GraalWasm's jars to lib-wasm-graal/target/graalwasm: lib/ the class path, jvmci/ the compiler)
#
# Usage:  bench/compute.sh
#         FIB_N=35 SIEVE_N=10000000 JSON_N=700 CHECKSUM_N=1048576 WARMUP_ITERATIONS=10 RUNS=20 bench/compute.sh   (the defaults)
#         CHICORY_MEMORY=flat bench/compute.sh        # the default: the engine's FlatMemory (one byte[])
#         CHICORY_MEMORY=dirtychunk bench/compute.sh  # the engine's memory for large snapshots: one byte[] + written-chunk marks
#         CHICORY_MEMORY=bytearray bench/compute.sh   # Chicory's ByteArrayMemory (an array per 64 KiB page)
#         CHICORY_MEMORY=bytebuffer bench/compute.sh  # Chicory's default ByteBufferMemory
#         (CHICORY_MEMORY changes the plain rows only; the engine: rows use what the engine picks)
#         JAVA_CP_PREFIX=dir bench/compute.sh         # classes in dir shadow capsule.jar's (experiments)
#         JAVA_OPTS="-XX:..." bench/compute.sh        # JVM flags for the Chicory run
#         GRAAL=0 bench/compute.sh                     # without the graal rows
#         GRAAL_WARMUP_SECONDS=30 bench/compute.sh     # a longer warm-up for the graal rows (Truffle compiles for seconds)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIB_N=${FIB_N:-35}
SIEVE_N=${SIEVE_N:-10000000}
JSON_N=${JSON_N:-700}
CHECKSUM_N=${CHECKSUM_N:-1048576}
export WARMUP_SECONDS=${WARMUP_SECONDS:-3}
WARMUP_ITERATIONS=${WARMUP_ITERATIONS:-10}
RUNS=${RUNS:-20}
CHICORY_MEMORY=${CHICORY_MEMORY:-flat}  # what the engine uses for compute.wasm (128 KiB after _start)
WASM=$ROOT/lib-api/src/test/guests/compute.wasm
JAR=$ROOT/capsule-cli/target/capsule.jar

log() { printf '[compute] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

command -v java >/dev/null || die "java not found"
bench_tool node nodejs
[ -f "$JAR" ] || die "no $JAR: run 'mvn verify -DskipTests -DskipITs' first"
[ -f "$WASM" ] || die "no $WASM"

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); node $(node --version)"
log "fib($FIB_N), sieve($SIEVE_N), json($JSON_N), checksum($CHECKSUM_N): $WARMUP_ITERATIONS warm-up calls, then $RUNS timed calls each"

ARGS=("$WASM" "$FIB_N" "$SIEVE_N" "$JSON_N" "$CHECKSUM_N" "$WARMUP_ITERATIONS" "$RUNS")
chicory() { # mode: plain (one instance, like Node) or engine (WasmFunction.callCli); each in its own JVM
  java -XX:-DontCompileHugeMethods ${JAVA_OPTS:-} -Dcompute.warmupSeconds="$WARMUP_SECONDS" -Dchicory.memory="$CHICORY_MEMORY" -Dcompute.mode="$1" -cp "${JAVA_CP_PREFIX:+$JAVA_CP_PREFIX:}$JAR" \
    "$ROOT/bench/compute/ComputeBench.java" "${ARGS[@]}"
}
CHICORY=$(chicory plain) || die "Chicory run"
CHICORY+=$'\n'$(chicory engine) || die "Chicory engine run"
printf '%s\n' "$CHICORY" | sed 's/^/chicory  /'
GRAALWASM=""
if [ "${GRAAL:-1}" != 0 ] && GRAAL_JDK=$("$ROOT/scripts/graal-jdk.sh"); then
  DEPS=$ROOT/lib-wasm-graal/target/graalwasm
  if [ ! -d "$DEPS/lib" ] || [ ! -d "$DEPS/jvmci" ]; then
    log "graal rows skipped: no $DEPS (mvn package -DskipTests -DskipITs -pl lib-wasm-graal -am -Dgraal.jdk=$GRAAL_JDK)"
  else
    COMPILER=$(ls "$DEPS"/jvmci/*.jar | tr '\n' ':')
    GRAAL_CP=$(ls "$DEPS"/lib/*.jar | tr '\n' ':')
    log "graal rows: $("$GRAAL_JDK/bin/java" -version 2>&1 | head -1), GraalWasm $(basename "$DEPS"/lib/wasm-language-*.jar .jar)"
    GRAALWASM=$("$GRAAL_JDK/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --enable-native-access=ALL-UNNAMED \
      --upgrade-module-path="${COMPILER%:}" -XX:-DontCompileHugeMethods -Dcompute.warmupSeconds="${GRAAL_WARMUP_SECONDS:-$WARMUP_SECONDS}" \
      -Dcompute.mode=engine -Dcompute.engine=graalwasm -cp "$JAR:${GRAAL_CP%:}" \
      "$ROOT/bench/compute/ComputeBench.java" "${ARGS[@]}" 2> >(grep -v '^WARNING' >&2)) || die "GraalWasm engine run"
    printf '%s\n' "$GRAALWASM" | sed 's/^/graal    /'
  fi
fi
NODE=$(node "$ROOT/bench/compute/compute.mjs" "${ARGS[@]}") || die "Node run"
printf '%s\n' "$NODE" | sed 's/^/node     /'

echo
status=0
RESULTS=
for workload in "fib($FIB_N)" "sieve($SIEVE_N)" "json($JSON_N)" "checksum($CHECKSUM_N)" \
    "engine:fib($FIB_N)" "engine:sieve($SIEVE_N)" "engine:json($JSON_N)" "engine:checksum($CHECKSUM_N)"; do
  c=$(printf '%s\n' "$CHICORY" | awk -v w="$workload" '$1 == "RESULT" && $2 == w { print $3, $4 }')
  n=$(printf '%s\n' "$NODE" | awk -v w="${workload#engine:}" '$1 == "RESULT" && $2 == w { print $3, $4 }')
  [ -n "$c" ] && [ -n "$n" ] || die "$workload: missing result"
  [ "${c%% *}" = "${n%% *}" ] || die "$workload: Chicory answered ${c%% *}, Node ${n%% *}"
  case $workload in *fib*) target=1.0 ;; *) target=1.5 ;; esac  # calls: V8's speed; memory-bound: within 1.5x
  awk -v w="$workload" -v c="${c#*median_ms=}" -v n="${n#*median_ms=}" -v t="$target" 'BEGIN {
    printf "%-25s chicory %9.2f ms   node %9.2f ms   chicory / node = %.2f  (target <= %s: %s)\n", w, c, n, c / n, t, (c / n <= t ? "met" : "NOT met")
  }'
  RESULTS+=$(bench_result "compute.$workload" "${c#*median_ms=}" "${n#*median_ms=}" ms "$target" lower)$'\n'
done

# side by side behind the engine interface: median (first call) and ratio to Node
if [ -n "$GRAALWASM" ]; then
  echo
  printf '%-22s %-24s %-24s %-22s %s\n' "through the engine" "chicory ms (first)" "graalwasm ms (first)" "node ms (first)" "chicory/node graal/node"
  for workload in "fib($FIB_N)" "sieve($SIEVE_N)" "json($JSON_N)" "checksum($CHECKSUM_N)" hello; do
    row() { printf '%s\n' "$1" | awk -v w="$2" '$1 == "RESULT" && $2 == w { sub("median_ms=", "", $4); sub("first_ms=", "", $7); print $3, $4, $7 }'; }
    c=$(row "$CHICORY" "engine:$workload"); g=$(row "$GRAALWASM" "engine:$workload"); n=$(row "$NODE" "$workload")
    [ -n "$c" ] && [ -n "$g" ] || die "$workload: missing engine result"
    [ "${c%% *}" = "${g%% *}" ] || die "$workload: Chicory answered ${c%% *}, GraalWasm ${g%% *}"
    awk -v w="$workload" -v c="$c" -v g="$g" -v n="$n" 'BEGIN {
      split(c, C, " "); split(g, G, " "); split(n, N, " ")
      node = n == "" ? sprintf("%-21s", "-") : sprintf("%9.3f (%7.1f)", N[2], N[3])
      printf "%-22s %9.3f (%9.1f)     %9.3f (%9.1f)     %s   %s\n", w, C[2], C[3], G[2], G[3], node,
        (n == "" ? sprintf("graal/chicory = %.2f", G[2] / C[2]) : sprintf("%.2f         %.2f", C[2] / N[2], G[2] / N[2]))
    }'
  done
fi
printf '%s' "$RESULTS"
