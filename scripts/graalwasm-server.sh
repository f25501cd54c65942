#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Makes a stopped Liberty server that runs Capa EE run its functions on GraalWasm (docs/functions.md,
# "Choosing the engine"; GraalWasmServerIT runs this script on the server it starts):
#   - copies lib-wasm-graal/target/graalwasm (lib: lib-wasm-graal and GraalWasm's jars; jvmci: the Graal
#     compiler's four jars; made by `mvn package -Dgraal.jdk=...`) into the server directory's graalwasm/;
#   - configDropins/overrides/graalwasm.xml: graalwasm/lib as a private library of the application capa-ee;
#   - server.env: JAVA_HOME=<the JDK 21+>; jvm.options: JVMCI and the compiler on the upgrade module path;
#   - bootstrap.properties: capa.functions.engine=graalwasm.
# Run it again after a rebuild: it replaces what it wrote before.
#
# Usage: scripts/graalwasm-server.sh SERVER_DIR [JDK]      (JDK: default scripts/graal-jdk.sh's)
#   scripts/graalwasm-server.sh liberty-config/target/liberty/wlp/usr/servers/capa
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "graalwasm-server: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 SERVER_DIR [JDK]"
SERVER=$(cd "$1" 2>/dev/null && pwd) || die "no server directory $1"
[ -f "$SERVER/server.xml" ] || die "$SERVER has no server.xml: not a Liberty server directory"
JDK=${2:-$("$ROOT/scripts/graal-jdk.sh")} || die "no JDK 21 or later"
[ -x "$JDK/bin/java" ] || die "no JDK at $JDK"
FILES=$ROOT/lib-wasm-graal/target/graalwasm
[ -d "$FILES/lib" ] && [ -d "$FILES/jvmci" ] \
  || die "no $FILES/{lib,jvmci}: build them with  mvn package -DskipTests -DskipITs -Dgraal.jdk=\"\$(scripts/graal-jdk.sh)\""

rm -rf "$SERVER/graalwasm"
cp -r "$FILES" "$SERVER/graalwasm"

mkdir -p "$SERVER/configDropins/overrides"
cat > "$SERVER/configDropins/overrides/graalwasm.xml" <<'EOF'
<server>
  <!-- the engine's and GraalWasm's jars in the application's own classloader, beside lib-api (docs/functions.md) -->
  <library id="capa-graalwasm">
    <fileset dir="${server.config.dir}/graalwasm/lib" includes="*.jar"/>
  </library>
  <enterpriseApplication id="capa-ee">
    <classloader privateLibraryRef="capa-graalwasm"/>
  </enterpriseApplication>
</server>
EOF

# what an earlier run wrote goes first, so that a second run replaces it
drop() { # FILE EXTENDED-REGEX: removes the matching lines
  [ -f "$1" ] || return 0
  grep -v -E "$2" "$1" > "$1.tmp" || true
  mv "$1.tmp" "$1"
}
append() { # FILE LINE: on a line of its own, even after a last line without a newline
  if [ -s "$1" ] && [ -n "$(tail -c1 "$1")" ]; then
    echo >> "$1"
  fi
  echo "$2" >> "$1"
}
drop "$SERVER/server.env" '^JAVA_HOME='
append "$SERVER/server.env" "JAVA_HOME=$JDK"

drop "$SERVER/jvm.options" '^(-XX:\+UnlockExperimentalVMOptions|-XX:\+EnableJVMCI|--enable-native-access=|--upgrade-module-path=)'
append "$SERVER/jvm.options" "-XX:+UnlockExperimentalVMOptions"
append "$SERVER/jvm.options" "-XX:+EnableJVMCI"
append "$SERVER/jvm.options" "--enable-native-access=ALL-UNNAMED"
append "$SERVER/jvm.options" "--upgrade-module-path=$(ls "$SERVER"/graalwasm/jvmci/*.jar | paste -sd:)"

drop "$SERVER/bootstrap.properties" '^capa\.functions\.engine='
append "$SERVER/bootstrap.properties" "capa.functions.engine=graalwasm"

echo "graalwasm-server: $SERVER runs its functions on GraalWasm, on $("$JDK/bin/java" -version 2>&1 | head -1)"
