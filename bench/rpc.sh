#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Schema-first RPC: cara codec vs msgpack-core by hand vs JSON-B, and RPC round trips over HTTP
# and NATS vs a raw echo of the same bytes on the same transport. JMH; prints ops/s, bytes, ratios.
#   bench/rpc.sh                      # WARMUP=5 ITERATIONS=5 SECONDS=5 (per benchmark)
#   FILTER=CodecBench bench/rpc.sh    # only the codec
# Needs NATS on 127.0.0.1:4222 for the NATS benchmarks (as the tests do).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
WARMUP="${WARMUP:-5}"
ITERATIONS="${ITERATIONS:-5}"
SECONDS_PER="${SECONDS:-5}"
FILTER="${FILTER:-io.capaee.bench.rpc}"

echo "== building lib-api and jca-bindings (reactor target/, no install) and the benchmark"
mvn -q -pl lib-api,jca-bindings package -DskipTests
mvn -q -f bench/rpc/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
cp="bench/rpc/target/classes:lib-api/target/lib-api-0.1.0-SNAPSHOT.jar:jca-bindings/target/jca-bindings-0.1.0-SNAPSHOT.jar:$(cat bench/rpc/target/cp.txt)"

echo "== sizes"
java -cp "$cp" io.capaee.bench.rpc.Sizes

echo "== JMH (1 fork, ${WARMUP}x${SECONDS_PER}s warm-up, ${ITERATIONS}x${SECONDS_PER}s measured)"
results="bench/rpc/target/results.csv"
java -cp "$cp" org.openjdk.jmh.Main "$FILTER" -f 1 -wi "$WARMUP" -w "${SECONDS_PER}s" -i "$ITERATIONS" \
  -r "${SECONDS_PER}s" -rf csv -rff "$results"

echo "== ratios (ours / reference; higher is better for ops/s)"
python3 - "$results" <<'PY'
import csv, sys
rows = {r["Benchmark"].rsplit(".", 1)[1]: float(r["Score"]) for r in csv.DictReader(open(sys.argv[1]))}
results = []  # the RESULT lines of bench/lib.sh, after the human ones
def ratio(a, b, what):
    if a in rows and b in rows:
        print(f"{what:55s} {rows[a]:>12,.0f} / {rows[b]:>12,.0f} ops/s = {rows[a] / rows[b]:.2f}")
        results.append(f"RESULT name=rpc.{a}-vs-{b} ours={rows[a]:.1f} ref={rows[b]:.1f} ratio={rows[a] / rows[b]:.3f} unit=ops/s better=higher")
ratio("caraEncodeRecord", "handEncode", "encode: cara (record -> dynamic -> bytes) / msgpack by hand")
ratio("caraEncodeRecord", "jsonbEncode", "encode: cara (record -> dynamic -> bytes) / JSON-B")
ratio("caraDecodeRecord", "handDecode", "decode: cara (bytes -> dynamic -> record) / msgpack by hand")
ratio("caraDecodeRecord", "jsonbDecode", "decode: cara (bytes -> dynamic -> record) / JSON-B")
ratio("httpRpc", "httpRaw", "round trip: RPC over HTTP / raw HTTP echo")
ratio("natsRpc", "natsRaw", "round trip: RPC over NATS / raw NATS request-reply echo")
print("\n".join(results))
PY
