#!/usr/bin/env bash
# Rebuilds every Capa EE test guest (*.wasm beside this script) from src/*.c + sdk/capsule.c.
# Requires clang (>= 14) with the wasm32 target and wasm-ld (lld). No libc is used.
# Idempotent: same inputs => same outputs. Usage: ./build.sh   (CLANG=clang-14 ./build.sh)
set -euo pipefail

cd "$(dirname "$0")"

CLANG="${CLANG:-}"
if [[ -z "$CLANG" ]]; then
  for c in clang-14 clang; do
    if command -v "$c" >/dev/null 2>&1; then CLANG="$c"; break; fi
  done
fi
if [[ -z "$CLANG" ]] || ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "build.sh: ERROR: clang not found (set CLANG=/path/to/clang); cannot rebuild the guests" >&2
  exit 1
fi

CFLAGS=(--target=wasm32-wasi -O2 -nostdlib -ffreestanding -fno-builtin
        -mbulk-memory -msign-ext -mnontrapping-fptoint
        -Wall -Wextra -Werror -Wno-unused-parameter -Wno-unused-function
        -Isdk)
# Linked with wasm-ld directly (not through the clang driver): the driver would run
# binaryen's wasm-opt when it happens to be on PATH, making the output machine-dependent.
WASM_LD="${WASM_LD:-}"
if [[ -z "$WASM_LD" ]]; then
  for c in wasm-ld-14 wasm-ld; do
    if command -v "$c" >/dev/null 2>&1; then WASM_LD="$c"; break; fi
  done
fi
if [[ -z "$WASM_LD" ]] || ! command -v "$WASM_LD" >/dev/null 2>&1; then
  echo "build.sh: ERROR: wasm-ld (lld) not found (set WASM_LD=...); cannot rebuild the guests" >&2
  exit 1
fi
LDFLAGS=(--no-entry --stack-first -z stack-size=65536 --initial-memory=131072
         --strip-debug --gc-sections)

OBJ="$(mktemp -d)"
trap 'rm -rf "$OBJ"' EXIT

build() { # name gen [extra flags...]
  local name="$1" gen="$2"; shift 2
  "$CLANG" "${CFLAGS[@]}" -DCAPSULE_GEN="$gen" "$@" -c -o "$OBJ/$name.o" "src/$name.c"
  "$CLANG" "${CFLAGS[@]}" -DCAPSULE_GEN="$gen" "$@" -c -o "$OBJ/$name.sdk.o" sdk/capsule.c
  "$WASM_LD" "${LDFLAGS[@]}" -o "$name.wasm.tmp" "$OBJ/$name.o" "$OBJ/$name.sdk.o"
  mv -f "$name.wasm.tmp" "$name.wasm"
  echo "built $name.wasm ($(wc -c < "$name.wasm") bytes)"
}

build hello-cli       13
build hostcalls       13
build hello-http      13
build hello-http-v9   19
build start-trap      13
build no-handle       13 -DCAPSULE_NO_HANDLE_EXPORTS
build missing-import  13
build compute         13 -DCAPSULE_IMPORTLESS

# invalid.wasm: 64 bytes = wasm magic + version 1 + 56 bytes of garbage (0xff: an unknown section id)
{
  printf '\000asm\001\000\000\000'
  for _ in 1 2 3 4 5 6 7; do printf '\377\377\377\377\377\377\377\377'; done
} > invalid.wasm
echo "built invalid.wasm ($(wc -c < invalid.wasm) bytes)"

if command -v wasm-validate >/dev/null 2>&1; then
  for f in hello-cli hostcalls hello-http hello-http-v9 start-trap no-handle missing-import compute; do
    wasm-validate "$f.wasm"
  done
  if wasm-validate invalid.wasm 2>/dev/null; then
    echo "build.sh: ERROR: invalid.wasm unexpectedly validates" >&2; exit 1
  fi
  echo "wasm-validate: all modules OK, invalid.wasm rejected"
fi
