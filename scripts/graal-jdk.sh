#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Prints the home of a JDK 21 or later for the optional GraalWasm engine (lib-wasm-graal): $GRAAL_JDK
# when set, else the first such JDK under /usr/lib/jvm (the build and the server stay on Java 17).
# Exits 1, saying so on stderr, when there is none: callers then skip what needs it.
#   mvn package -Dgraal.jdk="$(scripts/graal-jdk.sh)"     # builds and tests lib-wasm-graal too
set -euo pipefail

major() { # the feature release of the JDK at $1, from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

for home in ${GRAAL_JDK:-} /usr/lib/jvm/*; do
  [ -x "$home/bin/javac" ] || continue
  v=$(major "$home")
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then
    echo "$home"
    exit 0
  fi
done
echo "graal-jdk: no JDK 21 or later (set GRAAL_JDK, or install one under /usr/lib/jvm); GraalWasm is skipped" >&2
exit 1
