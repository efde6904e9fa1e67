#!/usr/bin/env bash
# Compile time and peak heap of two large real modules per engine, through the layer and on each engine's own API,
# plus wasmtime-py on the same bytes, then each module's workload; prints a markdown table (docs/benchmarks.md,
# "Large modules"). Not part of CI: it needs clang-14 and the npm and PyPI clients.
#   scripts/bench-large.sh           short form, 3-4 minutes on an idle machine: SQLite everywhere, ruby.wasm on
#                                    wasmtime, interruption off for ruby.wasm, 2 rounds
#   scripts/bench-large.sh --provision   only fetch, check and build the modules and the wasmtime-py venv
#   scripts/bench-large.sh --long    every engine on both modules (Chicory's compiler on ruby.wasm needs ~8 GB and
#                                    minutes), interruption on and off, 5 rounds
# Every measurement is one fresh JVM (or Python process). Modules are provisioned, checked against pinned sha256s and
# built into $BENCH_LARGE_CACHE (default target/bench-large); nothing is written into the source tree but the table.
#   SQLite 3.52.0: the amalgamation npm's sqlite3@6.0.1 ships (deps/), built with clang-14 for wasm32-wasi with a
#     small driver (scripts/bench-large/sqlite-driver.c); needs
#     apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
#   CRuby 3.3: ruby+stdlib.wasm from npm's @ruby/3.3-wasm-wasi@2.10.1 (a WASI reactor; see RubyReactor.java)
# Environment: MVN_ARGS (extra Maven options, e.g. -o -Dmaven.repo.local=...), LARGE_CP (a class path to measure
# instead of building this tree, e.g. another commit's), ROUNDS (overrides the number of rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
long=false provision_only=false
case "${1:-}" in
  --long) long=true ;;
  --provision) provision_only=true ;;
  "") ;;
  *) echo "usage: scripts/bench-large.sh [--long | --provision]" >&2; exit 2 ;;
esac
cache=${BENCH_LARGE_CACHE:-$root/target/bench-large}
mkdir -p "$cache"

check() { # file sha256
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || { echo "bench-large: $1 has sha256 $got, expected $2" >&2; exit 1; }
}

# --- modules ---
cd "$cache"
if [ ! -f sqlite.wasm ]; then
  command -v clang-14 >/dev/null || { echo "bench-large: clang-14 missing; apt-get install -y clang-14 lld-14" \
    "wasi-libc libclang-rt-14-dev-wasm32" >&2; exit 2; }
  [ -f sqlite3-6.0.1.tgz ] || npm pack --silent sqlite3@6.0.1 >/dev/null
  check sqlite3-6.0.1.tgz ab8d044a93e05bd031d7ea75547c7fa60387cdc259d27f93c0e3e2832c4b1df9
  tar xzf sqlite3-6.0.1.tgz package/deps/sqlite-autoconf-3520000.tar.gz
  check package/deps/sqlite-autoconf-3520000.tar.gz f6b50b0c103392af32a8be15b2b9d25959de9a00a70c3979128aafeaa5338b3f
  tar xzf package/deps/sqlite-autoconf-3520000.tar.gz sqlite-autoconf-3520000/sqlite3.c sqlite-autoconf-3520000/sqlite3.h
  echo "bench-large: building sqlite.wasm with clang-14 (a minute or two)"
  clang-14 --target=wasm32-wasi -O2 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
    -DSQLITE_OMIT_SHARED_CACHE -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS \
    -Isqlite-autoconf-3520000 sqlite-autoconf-3520000/sqlite3.c "$root/scripts/bench-large/sqlite-driver.c" \
    -lwasi-emulated-mman -lwasi-emulated-signal -lwasi-emulated-process-clocks -o sqlite.wasm.tmp
  mv sqlite.wasm.tmp sqlite.wasm
fi
# Debian 12's clang-14 and wasi-libc built these bytes twice alike; another toolchain may differ, so only say so
[ "$(sha256sum sqlite.wasm | cut -d' ' -f1)" = 42a4245e6cc49753d2cd708dd8084eae8b7aee9b3256ca998595c5efe4e3fe6d ] ||
  echo "bench-large: note: sqlite.wasm differs from the reference build (another clang or wasi-libc)" >&2
if [ ! -f ruby.wasm ]; then
  [ -f ruby-3.3-wasm-wasi-2.10.1.tgz ] || npm pack --silent @ruby/3.3-wasm-wasi@2.10.1 >/dev/null
  check ruby-3.3-wasm-wasi-2.10.1.tgz 573c0d66d4dc755200ff0fe054aa31f6c4716d041f925e88b11f1e7b6f5443d1
  tar xzf ruby-3.3-wasm-wasi-2.10.1.tgz package/dist/ruby+stdlib.wasm
  mv package/dist/ruby+stdlib.wasm ruby.wasm
fi
check ruby.wasm d6e3e863076a6bf7a8dd11870a9a68e84c2e76b3df41121ab090621e76953593
venv/bin/python -c "import wasmtime" 2>/dev/null || { python3 -m venv venv && venv/bin/pip install -q wasmtime==49.0.0; }
cd "$root"
if $provision_only; then
  echo "bench-large: modules in $cache"
  exit 0
fi

# --- the harness ---
if [ -z "${LARGE_CP:-}" ]; then
  # shellcheck disable=SC2086
  ./wl mvn -q -B install -DskipTests ${MVN_ARGS:-}
  # shellcheck disable=SC2086
  ./wl mvn -q -B dependency:build-classpath -pl wasm-layer-bench -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$cache/classpath.txt" ${MVN_ARGS:-} >/dev/null
  LARGE_CP="$root/wasm-layer-bench/target/classes:$(cat "$cache/classpath.txt")"
fi

out="$cache/results-$(date -u +%Y%m%dT%H%M%S).jsonl"
sqlite="$cache/sqlite.wasm"
ruby="$cache/ruby.wasm"
script='puts [1, 2, 3].map { |x| x * 2 }.sum'

one() { # heap engine mode module [options] -- one JVM, its JSON line with the machine's load added
  local heap=$1 load; shift
  load=$(cut -d' ' -f1 /proc/loadavg)
  ./wl java "-Xmx$heap" --enable-native-access=ALL-UNNAMED -cp "$LARGE_CP" dev.wasmlayer.bench.LargeModules "$@" \
    2>/dev/null | grep '^{' | sed "s/}\$/, \"load\": $load}/" | tee -a "$out" >&2
}
py() { # module [options]
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  "$cache/venv/bin/python" scripts/bench-large-wasmtime-py.py "$@" | sed "s/}\$/, \"load\": $load}/" | tee -a "$out" >&2
}

if $long; then rounds=${ROUNDS:-5}; interrupts=("" --no-interruption); else rounds=${ROUNDS:-2}; interrupts=(--no-interruption); fi
for round in $(seq "$rounds"); do
  echo "bench-large: round $round of $rounds" >&2
  for mode in layer direct; do # paired: layer then direct, same round, same load; workloads run on the layer
    if [ "$mode" = layer ]; then run=(--run); else run=(); fi
    for i in "" --no-interruption; do
      one 2g wasmtime "$mode" "$sqlite" $i "${run[@]}" ${run:+sqlite}
    done
    one 4g chicory "$mode" "$sqlite" "${run[@]}" ${run:+sqlite}
    one 2g graalwasm "$mode" "$sqlite"
    for i in "${interrupts[@]}"; do
      one 2g wasmtime "$mode" "$ruby" $i "${run[@]}" ${run:+"$script"}
    done
    if $long; then
      one 2g graalwasm "$mode" "$ruby"
      one 10g chicory "$mode" "$ruby"
    fi
  done
  for i in "" --no-interruption; do py "$sqlite" $i --run sqlite; done
  for i in "${interrupts[@]}"; do py "$ruby" $i --run "$script"; done
done
python3 scripts/bench-large-report.py "$out"
echo "bench-large: raw results in $out" >&2
