#!/usr/bin/env bash
# Turns the project's .wat and C sources into the committed .wasm files the TCK and examples load.
# Needs Debian's wabt (wat2wasm 1.0.32): apt-get install wabt. A first line ";; wat2wasm-flags: ..." in a .wat adds flags.
# C programs (WASI commands) need clang-14 for wasm32-wasi: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32.
# Usage: scripts/build-wasm.sh [--check]   (--check: fail if a committed .wasm differs from its source)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: apt-get install wabt" >&2; exit 1; }
command -v clang-14 >/dev/null || {
  echo "clang-14 not found: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32" >&2; exit 1; }

# clang runs binaryen's wasm-opt after linking when it finds one on PATH, which changes the bytes: the committed
# programs are built without it, so say so rather than report them all stale.
if command -v wasm-opt >/dev/null; then
  echo "build-wasm: wasm-opt on PATH ($(command -v wasm-opt)): clang-14 would run it and the C programs would not" \
    "match; remove binaryen (apt-get remove binaryen) or take it off PATH" >&2
  exit 1
fi

check=false
[ "${1:-}" = "--check" ] && check=true
status=0

install_or_check() { # install_or_check BUILT TARGET
  if $check; then
    if ! cmp -s "$1" "$2"; then echo "stale: $2 (run scripts/build-wasm.sh)" >&2; status=1; fi
    rm -f "$1"
  else
    mv "$1" "$2"; chmod 644 "$2"
    echo "built $2"
  fi
}

build_dir() { # build_dir SRC_DIR OUT_DIR
  local src=$1 out=$2
  mkdir -p "$out"
  for wat in "$src"/*.wat; do
    local name flags target tmp
    name=$(basename "$wat" .wat)
    flags=$(sed -n 's/^;; wat2wasm-flags: //p' "$wat" | head -n 1)
    target="$out/$name.wasm"
    tmp=$(mktemp)
    # shellcheck disable=SC2086
    wat2wasm $flags "$wat" -o "$tmp"
    install_or_check "$tmp" "$target"
  done
}

build_c() { # build_c SRC_DIR OUT_DIR: each .c is one WASI program, optimised for size and stripped
  local src=$1 out=$2 c tmp flags
  mkdir -p "$out"
  for c in "$src"/*.c; do
    tmp=$(mktemp)
    flags=$(sed -n 's|^// clang-flags: ||p' "$c" | head -n 1)
    # shellcheck disable=SC2086
    clang-14 --target=wasm32-wasi -Os -Wl,--strip-all $flags -o "$tmp" "$c"
    install_or_check "$tmp" "$out/$(basename "$c" .c).wasm"
  done
}

build_c wasm-layer-tck/src/main/c wasm-layer-tck/src/main/resources/dev/wasmlayer/tck/modules
build_c wasm-layer-examples/src/main/c wasm-layer-examples/src/main/resources/dev/wasmlayer/examples
build_dir wasm-layer-tck/src/main/wat wasm-layer-tck/src/main/resources/dev/wasmlayer/tck/modules
build_dir wasm-layer-examples/src/main/wat wasm-layer-examples/src/main/resources/dev/wasmlayer/examples
build_dir wasm-layer-bench/src/main/wat wasm-layer-bench/src/main/resources/dev/wasmlayer/bench
exit $status
