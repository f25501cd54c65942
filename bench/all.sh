#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Runs every benchmark, or the chosen few, one after the other, and draws the picture:
# bench/report/index.html (kept out of git) with, per benchmark, ours beside the reference, the latency
# percentiles and the figures over time where the script prints them, the machine (cores, memory, JDK),
# the load average before and after each benchmark, and each ratio against its target.
#
#   bench/all.sh                          # every bench/*.sh
#   bench/all.sh proxy actors compute     # these three (script names without .sh)
#   WARMUP=5 DURATION=5 bench/all.sh http-hello proxy   # the scripts' own variables pass through
#   SKIP="group restart" bench/all.sh     # every one but these
#
# Each script's stdout goes to bench/report/NAME.out, its log (stderr) to NAME.err, and its exit code,
# time and load to NAME.meta; a failing benchmark is reported as failed and the others still run.
# The figures are the RESULT, PCTL and SERIES lines of bench/lib.sh; bench/all/Report.java turns them into
# the page (plain SVG, no scripts). What each script needs first (a build, Redis, NATS, PostgreSQL) is in
# bench/README.md; all.sh checks none of it.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPORT=${REPORT:-$ROOT/bench/report}
SKIP=${SKIP:-}

log() { printf '[all] %s\n' "$*" >&2; }

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for script in "$ROOT"/bench/*.sh; do
    name=$(basename "$script" .sh)
    [ "$name" = all ] || [ "$name" = lib ] || names+=("$name")
  done
fi
for name in "${names[@]}"; do
  [ -f "$ROOT/bench/$name.sh" ] || { log "no bench/$name.sh (choose among: $(cd "$ROOT/bench" && ls ./*.sh | sed 's|^\./||; s|\.sh$||' | grep -vx 'all\|lib' | tr '\n' ' '))"; exit 2; }
done

mkdir -p "$REPORT"
rm -f "$REPORT"/*.out "$REPORT"/*.err "$REPORT"/*.meta "$REPORT"/index.html
{
  echo "host        $(hostname)"
  echo "cpu         $(nproc) cores: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory      $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "jdk         $(java -version 2>&1 | head -1)"
  echo "os          $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "commit      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "started     $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "variables   $(env | grep -E '^(WARMUP|DURATION|CONNECTIONS|RATE|MESSAGES|RUNS|ACTORS|FUNCTIONS|DELIVERIES|MVN_ARGS)=' | tr '\n' ' ')"
  echo "benchmarks  ${names[*]}"
} >"$REPORT/machine.txt"

failed=()
for name in "${names[@]}"; do
  case " $SKIP " in *" $name "*) log "$name: skipped"; continue ;; esac
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  log "$name: running (load $before)"
  start=$(date +%s)
  "$ROOT/bench/$name.sh" >"$REPORT/$name.out" 2>"$REPORT/$name.err"
  rc=$?
  printf 'rc=%s\nseconds=%s\nload_before=%s\nload_after=%s\ncommand=%s\n' "$rc" "$(($(date +%s) - start))" "$before" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "bench/$name.sh" >"$REPORT/$name.meta"
  if [ "$rc" = 0 ]; then
    log "$name: done in $(($(date +%s) - start)) s; $(grep -c '^RESULT ' "$REPORT/$name.out") RESULT lines"
  else
    log "$name: FAILED (exit $rc), see $REPORT/$name.err"
    failed+=("$name")
  fi
  grep '^RESULT ' "$REPORT/$name.out" | sed 's/^/    /' >&2
done
echo "finished    $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$REPORT/machine.txt"

java "$ROOT/bench/all/Report.java" "$REPORT" >/dev/null || { log "the report could not be written"; exit 1; }
log "report: $REPORT/index.html"
[ "${#failed[@]}" = 0 ] || { log "failed: ${failed[*]}"; exit 1; }
