#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks that Liberty's dev mode at the root starts the whole EAR in the loose layout with nothing installed, picks
# up a change without a restart, and runs the end-to-end tests against its server (docs/deploying.md, "Dev mode"):
#   1. makes a private local repository without this project's artifacts (a hard-linked copy of ~/.m2, which stays
#      as it was), so that the run is a fresh clone's whatever was installed before;
#   2. starts `mvn liberty:dev` with its standard input on a pipe, waits for /health/ready = 200 and
#      for the application capa-ee to be started from the loose layout;
#   3. adds a field to a class of war-registry, waits for Liberty's "application updated" and for
#      /health/ready again, then puts the class back;
#   4. presses Enter, as a developer would, and waits for the end-to-end tests: the @AnyServer classes pass
#      against the dev-mode server, the others are skipped (-DskipUTs: the unit tests are mvn verify's);
#   5. types q and waits for dev mode to end.
# Usage: scripts/check-dev-mode.sh [HTTP_PORT [HTTPS_PORT [GRPC_PORT]]]   (defaults 9080 9443 50001)
# Runs after a build (mvn verify or package) or on a fresh clone; .ci/run calls it after the README's test command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
http_port=${1:-9080}
https_port=${2:-9443}
grpc_port=${3:-50001}
work="$root/target/dev-mode-check"
repo="$work/repository"
log="$work/dev.log"
server_dir="$root/liberty-config/target/liberty/wlp/usr/servers/capa"
wlp_server="$root/liberty-config/target/liberty/wlp/bin/server"
server_log="$server_dir/logs/messages.log"
probe="$root/war-registry/src/main/java/io/capaee/registry/rest/RegistryApplication.java"
# from the command to the application's start: on a clean checkout this includes compiling every module and its
# tests and unpacking Liberty (over 4 minutes on the project's 2-core machine while it was busy)
start_timeout=${CAPA_DEV_START_TIMEOUT:-600}

rm -rf "$work"
mkdir -p "$work"
echo "== private local repository (hard links to ~/.m2) without io/capaee"
if [ -d "$HOME/.m2/repository" ]; then
  # hard links where ~/.m2 is on the same file system, a copy where it is not
  cp -al "$HOME/.m2/repository" "$repo" 2>/dev/null || { rm -rf "$repo"; cp -a "$HOME/.m2/repository" "$repo"; }
else
  mkdir -p "$repo"
fi
rm -rf "$repo/io/capaee"

fifo="$work/stdin"
mkfifo "$fifo"
# the write end stays open on fd 7 for dev mode's life: dev mode would take an end of input for "quit"
exec 7<>"$fifo"
dev_pid=""
probe_backup=""
finish() {
  status=$?
  if [ -n "$probe_backup" ] && [ -f "$probe_backup" ]; then cp "$probe_backup" "$probe"; fi
  if [ -n "$dev_pid" ] && kill -0 "$dev_pid" 2>/dev/null; then
    echo "q" >&7 || true
    for _ in $(seq 1 60); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$dev_pid" 2>/dev/null; then
      # before its console is up dev mode reads no q, and it may outlive one SIGTERM
      kill "$dev_pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$dev_pid" 2>/dev/null || true
      # a server it launched and left running (Liberty's own script: no Maven resolution on the way out)
      [ -x "$wlp_server" ] && "$wlp_server" stop capa >/dev/null 2>&1 || true
    fi
  fi
  if [ $status -ne 0 ]; then
    echo "---- last lines of $log ----"; tail -40 "$log" || true
    if [ -f "$server_log" ]; then echo "---- errors in $server_log ----"; grep -E ' [EW] ' "$server_log" | tail -20 || true; fi
  fi
  rm -rf "$repo"
  # what dev mode leaves in the server that `mvn verify` and liberty:run share: its ports (a configDropins
  # override, which would win over theirs) and the loose application
  rm -f "$server_dir/configDropins/overrides/liberty-plugin-variable-config.xml" "$server_dir/apps/capa-ee.ear.xml"
  exit $status
}
trap finish EXIT

echo "== mvn liberty:dev on http://localhost:$http_port"
start=$(date +%s)
mvn -Dmaven.repo.local="$repo" liberty:dev -DskipUTs -Ddebug=false \
    -Dliberty.var.http.port="$http_port" -Dliberty.var.https.port="$https_port" \
    -Dliberty.var.capa.grpc.port="$grpc_port" <&7 >"$log" 2>&1 &
dev_pid=$!

ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://localhost:$http_port/health/ready")" = 200 ]; }
until ready && grep -q 'CWWKZ0001I.*capa-ee' "$server_log" 2>/dev/null; do
  kill -0 "$dev_pid" 2>/dev/null || { echo "dev mode ended before the application was ready"; exit 1; }
  if [ $(( $(date +%s) - start )) -gt "$start_timeout" ]; then echo "not ready after ${start_timeout}s"; exit 1; fi
  if grep -q -E 'CWWKZ0002E|J2CA9944E' "$server_log" 2>/dev/null; then echo "the application failed to start"; exit 1; fi
  sleep 2
done
grep -q 'CWWKZ0134I.*capa-ee.ear.xml' "$server_log" || { echo "the EAR does not run in the loose layout"; exit 1; }
echo "ready in $(( $(date +%s) - start ))s: /health/ready is 200, capa-ee runs from the loose layout"

echo "== a change to a WAR class, picked up without a restart"
lines=$(wc -l < "$server_log")
probe_backup="$work/probe.java"
cp "$probe" "$probe_backup"
changed=$(date +%s)
python3 - "$probe" <<'PY'
import sys, time
path = sys.argv[1]
text = open(path).read()
end = text.rstrip().rfind('}')
open(path, 'w').write(text[:end] + '    private static final long DEV_MODE_CHECK = %dL;\n' % time.time_ns() + text[end:])
PY
until tail -n +$((lines + 1)) "$server_log" | grep -q 'CWWKZ0003I.*capa-ee'; do
  if [ $(( $(date +%s) - changed )) -gt 120 ]; then echo "the change was not picked up in 120s"; exit 1; fi
  if tail -n +$((lines + 1)) "$server_log" | grep -q 'CWWKZ0002E'; then echo "the update failed"; exit 1; fi
  sleep 1
done
until ready; do
  if [ $(( $(date +%s) - changed )) -gt 180 ]; then echo "not ready again after the update"; exit 1; fi
  sleep 1
done
echo "updated in $(( $(date +%s) - changed ))s: $(tail -n +$((lines + 1)) "$server_log" | grep -o 'CWWKZ0003I.*' | head -1)"
cp "$probe_backup" "$probe"
probe_backup=""

echo "== Enter: the end-to-end tests against the dev-mode server"
summary="$root/liberty-config/target/failsafe-reports/failsafe-summary.xml"
reports="$root/liberty-config/target/failsafe-reports"
# dev mode deletes the summary before its run; the reports of an earlier `mvn verify` go first so that none is
# taken for this run's
rm -rf "$reports"
lines=$(wc -l < "$log")
tested=$(date +%s)
echo "" >&7
until tail -n +$((lines + 1)) "$log" | grep -q 'Integration tests for liberty-config \(finished\|failed\)\|Failed to run integration tests'; do
  kill -0 "$dev_pid" 2>/dev/null || { echo "dev mode ended during the tests"; exit 1; }
  if [ $(( $(date +%s) - tested )) -gt 300 ]; then echo "the end-to-end tests did not finish in 300s"; exit 1; fi
  sleep 2
done
[ -f "$summary" ] || { echo "no failsafe summary: the end-to-end tests did not run"; exit 1; }
tail -n +$((lines + 1)) "$log" | grep -E 'Tests run:' | grep -v 'Skipped: [1-9][0-9]*, Time elapsed' || true
# each @AnyServer class ran all its tests and none failed; the others were skipped, not run against a server
# that lacks their settings
for class in it.io.capaee.operations.MonitoringIT it.io.capaee.http.EncodedPathIT; do
  report="$reports/TEST-$class.xml"
  [ -f "$report" ] || { echo "$class did not run"; exit 1; }
  grep -q 'skipped="0"' "$report" && grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report" \
    || { echo "$class did not pass: $(head -c 600 "$report")"; exit 1; }
done
grep -q '<failures>0</failures>' "$summary" && grep -q '<errors>0</errors>' "$summary" \
  || { echo "end-to-end tests failed in dev mode: $(cat "$summary")"; exit 1; }
grep -q '<skipped>0</skipped>' "$summary" && { echo "no class was skipped: DevModeCondition did not apply"; exit 1; }
count() { sed -n "s:.*<$1>\([0-9]*\)</$1>.*:\1:p" "$summary"; }
echo "end-to-end tests from dev mode in $(( $(date +%s) - tested ))s: $(count completed), of them $(count skipped) skipped, none failed"

echo "== q"
echo "q" >&7
for _ in $(seq 1 90); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$dev_pid" 2>/dev/null; then echo "dev mode did not end on q"; exit 1; fi
wait "$dev_pid" || true
dev_pid=""
echo "dev mode check passed"
