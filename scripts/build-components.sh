#!/usr/bin/env bash
# Builds the TCK's WebAssembly components into target/components/ (never committed: a component made from a C program
# embeds jco's WASI preview-1 adapter, a third-party binary). The component tests find them there, or where
# -Ddev.wasmlayer.components.dir=DIR says.
#   *.c   in wasm-layer-tck/src/main/components: clang-14 for wasm32-wasi, then `jco new --wasi-command` (the adapter
#         turns the core module's preview-1 imports into WASI 0.2 ones)
#   *.wat in the same directory: component text, assembled by `jco parse`
#   *.js  with the *.wit of the same name (world = that name): `componentize-js` with every WASI feature disabled,
#         so the component imports nothing (about 40 s each: it embeds SpiderMonkey)
# jco comes from the npm registry, pinned with its lock file in scripts/jco/, installed once (npm ci) into
# ${WL_CACHE:-~/.cache/wasm-layer}/jco-HASH; componentize-js likewise from scripts/componentize-js/. Needs clang-14 (apt-get install clang-14 lld-14 wasi-libc
# libclang-rt-14-dev-wasm32) and Node.js with npm (apt-get install nodejs npm). Idempotent: when neither the sources, this
# script nor the lock file changed since the last build, it does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=wasm-layer-tck/src/main/components
OUT=target/components

command -v clang-14 >/dev/null || {
  echo "build-components: clang-14 not found: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32" >&2
  exit 1
}
[ -f /usr/lib/wasm32-wasi/libc.a ] || { echo "build-components: no wasi-libc: apt-get install wasi-libc" >&2; exit 1; }

# Everything the outputs depend on; a change rebuilds them all (a few seconds).
stamp=$(cat "$0" scripts/jco/install.sh scripts/jco/package-lock.json scripts/componentize-js/package-lock.json \
  "$SRC"/*.c "$SRC"/*.wat "$SRC"/*.js "$SRC"/*.wit | sha256sum | cut -c1-16)
if [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$stamp" ]; then
  echo "build-components: $OUT is up to date ($(ls "$OUT"/*.wasm | wc -l) components)"
  exit 0
fi

# install TOOL (scripts/TOOL/package-lock.json) once into the cache; prints its directory
install() {
  local tool=$1 lock dir
  lock=$(sha256sum "scripts/$tool/package-lock.json" | cut -c1-16)
  dir=${WL_CACHE:-$HOME/.cache/wasm-layer}/$tool-$lock
  if [ ! -d "$dir/node_modules" ]; then
    echo "build-components: installing $tool (scripts/$tool/package-lock.json) into $dir" >&2
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    cp "scripts/$tool/package.json" "scripts/$tool/package-lock.json" "$dir.tmp/"
    (cd "$dir.tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}
# shellcheck source=jco/install.sh
source scripts/jco/install.sh
jco_install build-components

rm -rf "$OUT"
mkdir -p "$OUT/core"
for c in "$SRC"/*.c; do
  name=$(basename "$c" .c)
  clang-14 --target=wasm32-wasi -Os -Wall -Werror -Wl,--strip-all -o "$OUT/core/$name.wasm" "$c"
  "$jco" new "$OUT/core/$name.wasm" --wasi-command -o "$OUT/$name.wasm" >/dev/null
  echo "build-components: $OUT/$name.wasm (from $c: clang-14, jco new --wasi-command)"
done
for wat in "$SRC"/*.wat; do
  name=$(basename "$wat" .wat)
  "$jco" parse "$wat" -o "$OUT/$name.wasm" >/dev/null
  echo "build-components: $OUT/$name.wasm (from $wat: jco parse)"
done
for js in "$SRC"/*.js; do
  name=$(basename "$js" .js)
  [ -n "${componentize:-}" ] || componentize=$(install componentize-js)/node_modules/.bin/componentize-js
  "$componentize" "$js" --wit "$SRC/$name.wit" --world-name "$name" \
    --disable stdio random clocks http fetch-event -o "$OUT/$name.wasm" >/dev/null
  echo "build-components: $OUT/$name.wasm (from $js and $name.wit: componentize-js)"
done
echo "$stamp" >"$OUT/.stamp"
echo "build-components: done in $ROOT/$OUT"
