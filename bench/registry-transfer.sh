#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The registry streams: a 200 MB module uploaded to and downloaded from a server whose heap is
# limited to HEAP (default 256m), printing upload and download MB/s and the server's peak heap.
#
#   upload    POST http://127.0.0.1:9097/registry/upload/bench/big/1?replace=true   (curl -F file=@big.wasm -F info=bench)
#   download  GET  http://127.0.0.1:9097/registry/bench/big/1/big.wasm               (checked against the upload's sha256)
#
# The module is valid wasm: the header and one custom section of SIZE_MB megabytes (zeros).
# The server is a copy of the built server `capa` in its own user directory (WLP_USER_DIR under
# a temporary directory), with jvm.options -Xmx$HEAP and its registry in that directory, so the
# build's own server and its files are untouched. Heap in use is sampled with jstat every 100 ms
# while the transfers run (young + old generation used; garbage not yet collected counts too).
#
# Prerequisite (once, from the repository root): a build that created the server, e.g.
#   mvn verify -DskipTests -DskipITs   (no install needed: verify creates and deploys the server `capa`)
# Usage:  bench/registry-transfer.sh            SIZE_MB=500 HEAP=128m bench/registry-transfer.sh
# Ports 9097 (HTTPS 9497) must be free. The server is stopped at the end, also on failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MB=${SIZE_MB:-200}
HEAP=${HEAP:-256m}
HTTP_PORT=9097
HTTPS_PORT=9497
WLP=$ROOT/liberty-config/target/liberty/wlp
BUILT=$WLP/usr/servers/capa

log() { printf '[registry-transfer] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

[ -x "$WLP/bin/server" ] || die "no Liberty runtime in liberty-config/target: build first (see the header)"
[ -f "$BUILT/apps/capa-ee.ear" ] || die "no capa-ee.ear in $BUILT/apps: build first (see the header)"
bench_ports_free $HTTP_PORT $HTTPS_PORT

WORK=$(mktemp -d /tmp/registry-transfer.XXXXXX)
export WLP_USER_DIR=$WORK/usr
SERVER=$WLP_USER_DIR/servers/capa
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  "$WLP/bin/server" stop capa >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ------------------------------------------------------------------ the server, in its own user dir
mkdir -p "$SERVER/apps"
bench_server_config "$SERVER" # jvm.options: replaced below
cp "$BUILT/apps/capa-ee.ear" "$SERVER/apps/"
[ -d "$BUILT/configDropins" ] && cp -r "$BUILT/configDropins" "$SERVER/"
rm -f "$SERVER/configDropins/overrides/liberty-plugin-variable-config.xml"
cat > "$SERVER/bootstrap.properties" <<PROPS
http.port=$HTTP_PORT
https.port=$HTTPS_PORT
capa.grpc.enabled=false
capa.registry.directory=$WORK/registry
capa.registry.max-module-bytes=$(( (SIZE_MB + 16) * 1024 * 1024 ))
PROPS
printf -- '-Xmx%s\n' "$HEAP" > "$SERVER/jvm.options"

log "starting Liberty on $HTTP_PORT with -Xmx$HEAP"
"$WLP/bin/server" start capa >/dev/null
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$HTTP_PORT/registry/modules" >/dev/null; then break; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$HTTP_PORT/registry/modules" >/dev/null || die "the registry did not answer; see $SERVER/logs/messages.log"
PID=$(cat "$WLP_USER_DIR/servers/.pid/capa.pid")

# ------------------------------------------------------------------ a valid module of SIZE_MB MB
MODULE=$WORK/big.wasm
PAYLOAD=$(( SIZE_MB * 1000 * 1000 - 8 - 1 - 5 - 2 ))
SECTION=$(( PAYLOAD + 2 ))
leb5() { # a 5-byte LEB128 of $1, as printf escapes
  local v=$1 i out=
  for i in 0 1 2 3 4; do
    local b=$(( (v >> (7 * i)) & 0x7f ))
    [ $i -lt 4 ] && b=$(( b | 0x80 ))
    out+=$(printf '\\x%02x' $b)
  done
  printf '%s' "$out"
}
{ printf '\x00asm\x01\x00\x00\x00\x00'; printf "$(leb5 $SECTION)"; printf '\x01z'; head -c "$PAYLOAD" /dev/zero; } > "$MODULE"
SIZE=$(stat -c %s "$MODULE")
SHA=$(sha256sum "$MODULE" | cut -d' ' -f1)
log "module: $SIZE bytes, sha256 $SHA"

# ------------------------------------------------------------------ heap sampling while transferring
PEAK_FILE=$WORK/peak
jstat -gc "$PID" 100 | awk 'NR > 1 { used = $3 + $4 + $6 + $8; print used > "'"$WORK/heap-series"'"; fflush("'"$WORK/heap-series"'"); if (used > max) { max = used; print max > "'"$PEAK_FILE"'"; fflush("'"$PEAK_FILE"'"); close("'"$PEAK_FILE"'") } }' &
SAMPLER=$!
sleep 1
BASE_KB=$(cat "$PEAK_FILE" 2>/dev/null || echo 0)

UP=$(curl -sS -o "$WORK/upload.json" -w '%{http_code} %{speed_upload} %{time_total}' \
  -F "file=@$MODULE" -F "info=bench" "http://127.0.0.1:$HTTP_PORT/registry/upload/bench/big/1?replace=true")
read -r UP_CODE UP_SPEED UP_TIME <<< "$UP"
[ "$UP_CODE" = 200 ] || die "upload answered $UP_CODE: $(cat "$WORK/upload.json")"
grep -q "\"sha256\":\"$SHA\"" "$WORK/upload.json" || die "upload digest differs: $(cat "$WORK/upload.json")"

DOWN=$(curl -sS -o "$WORK/down.wasm" -w '%{http_code} %{speed_download} %{time_total}' \
  "http://127.0.0.1:$HTTP_PORT/registry/bench/big/1/big.wasm")
read -r DOWN_CODE DOWN_SPEED DOWN_TIME <<< "$DOWN"
[ "$DOWN_CODE" = 200 ] || die "download answered $DOWN_CODE"
[ "$(sha256sum "$WORK/down.wasm" | cut -d' ' -f1)" = "$SHA" ] || die "downloaded bytes differ"
sleep 0.5
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=
PEAK_KB=$(cat "$PEAK_FILE")

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }
echo "module           $(mb "$SIZE") MB (valid wasm, one custom section)"
echo "server heap      -Xmx$HEAP"
echo "upload           $(mb "$UP_SPEED") MB/s ($UP_TIME s)"
echo "download         $(mb "$DOWN_SPEED") MB/s ($DOWN_TIME s)"
echo "heap used        $(awk -v k="$BASE_KB" 'BEGIN { printf "%.0f", k / 1024 }') MB before, peak $(awk -v k="$PEAK_KB" 'BEGIN { printf "%.0f", k / 1024 }') MB during the transfers (jstat, every 100 ms)"
awk 'BEGIN { printf "SERIES name=registry-transfer.heap who=ours unit=MB step=0.1 values=" }
  { printf "%s%.1f", (NR > 1 ? "," : ""), $1 / 1024 } END { printf "\n" }' "$WORK/heap-series"
bench_result registry-transfer.peak-heap-vs-limit "$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.0f", k / 1024 }')" \
  "$(awk -v h="$HEAP" 'BEGIN { m = h + 0; if (h ~ /[gG]$/) m *= 1024; printf "%d", m }')" MB 1.0 lower
