#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one benchmark of bench/java (a *Bench class) and prints its BENCH lines (and RESULT/PCTL lines). Builds what it needs
# first (-am: the EAR without the sample, liberty-config's test harness); -DskipITs leaves out
# liberty-config's end-to-end tests and their server; bench/java then starts a Kafka broker and a
# Liberty server of its own, runs the benchmark with failsafe and stops both.
#   bench/java/run.sh <BenchClass> <http port> [-Dname=value ...]    (https port: http port + 300)
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=$1
port=$2
shift 2
log=$(mktemp)
mvn verify -Pbench -pl bench/java -am -DskipITs -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$bench" -Dbench.http.port="$port" -Dbench.https.port=$((port + 300)) "$@" \
  >"$log" 2>&1 || failed=1
# BENCH lines for people; RESULT, PCTL and SERIES lines (bench/lib.sh) for bench/all.sh (also those a failed run printed)
grep -E '^(BENCH|RESULT|PCTL|SERIES) ' "$log" | sed 's/^BENCH //' || true
if [ -n "${failed:-}" ]; then
  tail -60 "$log"
  echo "benchmark run failed, log: $log"
  exit 1
fi
