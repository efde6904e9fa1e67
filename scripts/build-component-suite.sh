#!/usr/bin/env bash
# Converts the WebAssembly component-model test suite (https://github.com/WebAssembly/component-model,
# its test/**/*.wast) into what the TCK's ComponentSuiteTest runs: per script a JSON manifest of its
# commands with typed values, and the component binaries, assembled with `jco parse`
# (scripts/component-suite.mjs). Nothing of the suite is committed; CI has no copy, so the test skips
# visibly without it.
#   scripts/build-component-suite.sh SRC_REPO_DIR [OUT]
# SRC_REPO_DIR is a checkout of the repository or a bare clone of it (read at HEAD); OUT defaults to
# target/component-suite. Then run, e.g.
#   ./wl mvn -B -o test -pl wasm-layer-wasmtime -Dtest=ComponentSuiteTest \
#     -Dsurefire.failIfNoSpecifiedTests=false -Ddev.wasmlayer.componentsuite.dir=$PWD/target/component-suite
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 SRC_REPO_DIR [OUT]" >&2; exit 2; }
SRC=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
OUT=${2:-target/component-suite}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# shellcheck source=jco/install.sh
source scripts/jco/install.sh
jco_install build-component-suite

tests=$(mktemp -d)
trap 'rm -rf "$tests"' EXIT
if [ -d "$SRC/test" ]; then
  cp -r "$SRC/test/." "$tests/"
  rev=$(git -C "$SRC" rev-parse HEAD 2>/dev/null || echo unknown)
elif [ "$(git -C "$SRC" rev-parse --is-bare-repository 2>/dev/null)" = true ]; then
  git -C "$SRC" archive HEAD test | tar -x -C "$tests" --strip-components=1
  rev=$(git -C "$SRC" rev-parse HEAD)
else
  echo "build-component-suite: $SRC has no test/ directory and is no bare git repository" >&2
  exit 1
fi

find "$OUT" -mindepth 1 -delete
node scripts/component-suite.mjs "$jco_dir/node_modules/@bytecodealliance/jco/dist/api.js" "$tests" "$OUT"
cp "$tests/nyi.txt" "$OUT/nyi.txt" 2>/dev/null || true
echo "$rev" >"$OUT/REVISION"
echo "build-component-suite: suite at $rev in $OUT"
