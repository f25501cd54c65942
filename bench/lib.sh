# SPDX-License-Identifier: Apache-2.0
# Sourced by the benchmark scripts: the preamble they share (tools, ports, the machine) and the
# machine-readable lines that bench/all.sh collects into bench/report/index.html. The script sets
# ROOT and defines log and die before sourcing this file.
#
# Machine-readable lines, printed on stdout after the script's own human summary (a reader skips them):
#   RESULT name=N ours=X ref=Y ratio=X/Y unit=U [target=T] [better=higher|lower] [limit=L]
#       target: the ratio's aim (issue 18, docs/performance.md); better: which way the ratio should go;
#       limit: an aim on ours alone (say p99 < 2 ms), in unit U
#   PCTL name=N who=ours|ref p50=MS p75=MS p90=MS p99=MS ...    latency percentiles in milliseconds
#   SERIES name=N who=ours|ref unit=U values=V1,V2,...          one value a second, in order

# bench_tool COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is missing (CI machines start clean)
bench_tool() {
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; fi
  command -v "$1" >/dev/null || die "$1 not found after apt-get install $2"
}

# bench_ports_free PORT...: dies naming the first of the given loopback ports that something already listens on
bench_ports_free() {
  local port
  for port; do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then die "port $port is already in use"; fi
  done
}

# bench_machine: one line for the log: cores, memory, load, JDK
bench_machine() {
  printf '%s cores, %s, load %s; %s\n' "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(java -version 2>&1 | head -1)"
}

# bench_cpu_ticks PID: the CPU time of process PID so far (user and system), in clock ticks
bench_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# bench_us_per TICKS COUNT: TICKS clock ticks of CPU time per item of COUNT, in microseconds
bench_us_per() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN { printf "%.1f\n", t * 1e6 / hz / n }'
}

# bench_jfr_start PID NAME: JFR's profile recording of the JVM PID, into $WORK/NAME.jfr
bench_jfr_start() {
  jcmd "$1" JFR.start name="$2" settings=profile filename="$WORK/$2.jfr" >/dev/null
}

# bench_jfr_stop PID NAME TOP [FOCUS]: ends that recording, keeps it as bench/results/NAME.jfr and prints its summary
# on stderr (bench/profile/JfrTop.java: the TOP methods, and the callees of FOCUS when given)
bench_jfr_stop() {
  jcmd "$1" JFR.stop name="$2" >/dev/null
  mkdir -p "$ROOT/bench/results"
  cp "$WORK/$2.jfr" "$ROOT/bench/results/$2.jfr"
  java "$ROOT/bench/profile/JfrTop.java" "$WORK/$2.jfr" "$3" ${4:+"$4"} >&2 || log "JfrTop failed"
  log "recording kept in bench/results/$2.jfr (open with JDK Mission Control or 'jfr print')"
}

# bench_result NAME OURS REF UNIT [TARGET [higher|lower [LIMIT]]]: the RESULT line
bench_result() {
  awk -v n="$1" -v o="$2" -v r="$3" -v u="$4" -v t="${5:-}" -v b="${6:-higher}" -v l="${7:-}" 'BEGIN {
    printf "RESULT name=%s ours=%s ref=%s ratio=%s unit=%s", n, o, r, (r + 0 == 0 ? "" : sprintf("%.3f", o / r)), u
    if (t != "") printf " target=%s", t
    printf " better=%s", b
    if (l != "") printf " limit=%s", l
    printf "\n" }'
}

# bench_wrk_pctl NAME WHO FILE: the PCTL line of a `wrk --latency` output saved in FILE (its "Latency
# Distribution" block: 50%, 75%, 90%, 99% in us, ms or s)
bench_wrk_pctl() {
  awk -v n="$1" -v w="$2" '
    /Latency Distribution/ { f = 1; printf "PCTL name=%s who=%s", n, w; next }
    f && $1 ~ /%$/ {
      v = $2; m = 1
      if (v ~ /us$/) m = 0.001; else if (v ~ /ms$/) m = 1; else if (v ~ /m$/) m = 60000; else if (v ~ /s$/) m = 1000
      gsub(/[a-z]+$/, "", v); sub(/%$/, "", $1); printf " p%s=%.3f", $1, v * m; next }
    f { f = 0; printf "\n" }
    END { if (f) printf "\n" }' "$3"
}

# bench_server_config DIR: the configuration of the server `capa` that `mvn verify -DskipTests -DskipITs` created
# (WLP set by the script), copied into the server directory DIR: server.xml, the capa-ee.xml it includes and the
# files that one names, jvm.options, the JDBC drivers
bench_server_config() {
  local built=$WLP/usr/servers/capa f
  for f in server.xml capa-ee.xml capa-users.xml databases.xml webhooks.xml jvm.options; do
    [ -f "$built/$f" ] && cp "$built/$f" "$1/"
  done
  if [ -d "$built/jdbc" ]; then mkdir -p "$1/jdbc" && cp -r "$built/jdbc/." "$1/jdbc/"; fi
}
