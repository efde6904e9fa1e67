#!/usr/bin/env bash
# Turns the project's .wat sources into the committed .wasm files the TCK and examples load.
# Needs Debian's wabt (wat2wasm 1.0.32): apt-get install wabt. A first line ";; wat2wasm-flags: ..." in a .wat adds flags.
# Usage: scripts/build-wasm.sh [--check]   (--check: fail if a committed .wasm differs from its source)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: apt-get install wabt" >&2; exit 1; }

check=false
[ "${1:-}" = "--check" ] && check=true
status=0

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
    if $check; then
      if ! cmp -s "$tmp" "$target"; then echo "stale: $target (run scripts/build-wasm.sh)" >&2; status=1; fi
      rm -f "$tmp"
    else
      mv "$tmp" "$target"; chmod 644 "$target"
      echo "built $target"
    fi
  done
}

build_dir wasm-layer-tck/src/main/wat wasm-layer-tck/src/main/resources/dev/wasmlayer/tck/modules
build_dir wasm-layer-examples/src/main/wat wasm-layer-examples/src/main/resources/dev/wasmlayer/examples
build_dir wasm-layer-bench/src/main/wat wasm-layer-bench/src/main/resources/dev/wasmlayer/bench
exit $status
