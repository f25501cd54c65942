#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks the runnable jar (docs/deploying.md, "The runnable jar"):
#   1. builds it: `mvn package -DskipTests -DskipITs -Prunnable` -> liberty-config/target/capa-ee.jar
#      (the build's Liberty runtime, minified; no second download);
#   2. starts `java -jar capa-ee.jar` outside the source tree, configured only through environment variables
#      (HTTP_PORT, HTTPS_PORT, CAPA_FUNCTIONS_DIRECTORY, CAPA_APP_ID), and waits for /health/ready = 200;
#   3. calls a function dropped into that functions directory and checks its answer, and checks that an
#      environment variable reached the application (/v1.0/metadata shows CAPA_APP_ID);
#   4. stops the server with SIGTERM, as a container runtime would, and waits for the JVM to end.
# Usage: scripts/check-runnable-jar.sh [HTTP_PORT [HTTPS_PORT]]   (defaults 9080 9443)
# .ci/run calls it after the README's test command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
http_port=${1:-9080}
https_port=${2:-9443}
work="$root/target/runnable-jar-check"
jar="$root/liberty-config/target/capa-ee.jar"

rm -rf "$work"
mkdir -p "$work/functions" "$work/run"
echo "== mvn package -DskipTests -DskipITs -Prunnable"
start=$(date +%s)
mvn -q package -DskipTests -DskipITs -Prunnable
echo "built $jar ($(( $(stat -c %s "$jar") / 1048576 )) MiB) in $(( $(date +%s) - start ))s"

cp lib-api/src/test/guests/hello-http.wasm "$work/functions/hello.wasm"
pid=""
finish() {
  status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ $status -ne 0 ]; then
    echo "---- last lines of the jar's output ----"; tail -40 "$work/server.out" || true
  fi
  rm -rf "$work/extract"
  exit $status
}
trap finish EXIT

echo "== java -jar capa-ee.jar on http://localhost:$http_port"
start=$(date +%s)
# from a directory of its own: nothing of the source tree is used; WLP_JAR_EXTRACT_DIR is where the jar
# unpacks Liberty (default: ~/wlpExtract)
(cd "$work/run" && exec env WLP_JAR_EXTRACT_DIR="$work/extract" HTTP_PORT="$http_port" HTTPS_PORT="$https_port" \
    CAPA_FUNCTIONS_DIRECTORY="$work/functions" CAPA_APP_ID=runnable-jar-check \
    java -jar "$jar" >"$work/server.out" 2>&1) &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://localhost:$http_port/health/ready")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the server ended before it was ready"; exit 1; }
  if [ $(( $(date +%s) - start )) -gt 240 ]; then echo "not ready after 240s"; exit 1; fi
  if grep -q 'CWWKZ0002E' "$work/server.out"; then echo "the application failed to start"; exit 1; fi
  sleep 2
done
echo "ready in $(( $(date +%s) - start ))s"

answer=""
for _ in $(seq 1 30); do
  answer=$(curl -s -m 10 -d Bob "http://localhost:$http_port/wasm/functions/hello" || true)
  [ "$answer" = "Hello Bob" ] && break
  sleep 1
done
[ "$answer" = "Hello Bob" ] || { echo "function hello answered '$answer', expected 'Hello Bob'"; exit 1; }
echo "function hello: $answer"
metadata=$(curl -s -m 10 "http://localhost:$http_port/v1.0/metadata")
case "$metadata" in
  *'"id":"runnable-jar-check"'*) echo "CAPA_APP_ID reached the application: /v1.0/metadata id is runnable-jar-check" ;;
  *) echo "/v1.0/metadata does not show CAPA_APP_ID: $metadata"; exit 1 ;;
esac

echo "== SIGTERM"
kill "$pid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then echo "the server did not end on SIGTERM"; exit 1; fi
pid=""
grep -q 'CWWKE0036I' "$work/server.out" || { echo "no clean stop (CWWKE0036I) in the output"; exit 1; }
echo "runnable jar check passed"
