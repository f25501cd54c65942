#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks that `mvn liberty:dev` at the root starts the whole EAR in the loose layout and picks up a
# change without a restart (docs/deploying.md, "Dev mode"):
#   1. installs the build into a private local repository (dev mode resolves the modules' artifacts
#      from a repository, and ~/.m2 is left as it was: the private one is a hard-linked copy of it);
#   2. starts dev mode with its standard input on a pipe, waits for /health/ready = 200 and for the
#      application capa-ee to be started;
#   3. adds a field to a class of war-registry, waits for Liberty's "application updated" and for
#      /health/ready again, then puts the class back;
#   4. types q, as a developer would, and waits for dev mode to end.
# Usage: scripts/check-dev-mode.sh [HTTP_PORT [HTTPS_PORT]]   (defaults 9080 9443)
# Runs after a build (mvn verify or package); .ci/run calls it after the README's test command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
http_port=${1:-9080}
https_port=${2:-9443}
work="$root/target/dev-mode-check"
repo="$work/repository"
log="$work/dev.log"
server_dir="$root/liberty-config/target/liberty/wlp/usr/servers/capa"
server_log="$server_dir/logs/messages.log"
probe="$root/war-registry/src/main/java/io/capaee/registry/rest/RegistryApplication.java"
start_timeout=${CAPA_DEV_START_TIMEOUT:-240}

rm -rf "$work"
mkdir -p "$work"
echo "== private local repository (hard links to ~/.m2) and install"
if [ -d "$HOME/.m2/repository" ]; then
  # hard links where ~/.m2 is on the same file system, a copy where it is not
  cp -al "$HOME/.m2/repository" "$repo" 2>/dev/null || { rm -rf "$repo"; cp -a "$HOME/.m2/repository" "$repo"; }
else
  mkdir -p "$repo"
fi
mvn -q -Dmaven.repo.local="$repo" install -DskipTests -DskipITs

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
      kill "$dev_pid" 2>/dev/null || true
      (cd "$root" && mvn -q -Dmaven.repo.local="$repo" -pl liberty-config liberty:stop >/dev/null 2>&1) || true
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
# -DskipITs: the end-to-end tests need the harness of `mvn verify` (its Kafka broker, its server settings);
# in dev mode, Enter runs the unit tests of every module
mvn -Dmaven.repo.local="$repo" liberty:dev -DskipITs -Ddebug=false \
    -Dliberty.var.http.port="$http_port" -Dliberty.var.https.port="$https_port" <&7 >"$log" 2>&1 &
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

echo "== q"
echo "q" >&7
for _ in $(seq 1 90); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$dev_pid" 2>/dev/null; then echo "dev mode did not end on q"; exit 1; fi
wait "$dev_pid" || true
dev_pid=""
echo "dev mode check passed"
