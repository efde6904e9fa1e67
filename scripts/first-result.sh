#!/usr/bin/env bash
# Time from JVM start to the hello example's first result, per engine: the wall time of a whole `java` run of
# dev.wasmlayer.examples.Hello (start, discovery, compile, instantiate, call, exit), median of N runs.
#   scripts/first-result.sh [N] [ENGINE...]     (default: 5 runs; chicory wasmtime graalwasm)
# Uses the JDK ./wl picks and the run tool's class path (every engine), so run `./wl mvn -q install -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5}; shift || true
ENGINES=("$@"); [ ${#ENGINES[@]} -gt 0 ] || ENGINES=(chicory wasmtime graalwasm)
./wl mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/fr-cp.txt \
  -pl wasm-layer-run >/dev/null
CP="wasm-layer-examples/target/classes:$(cat wasm-layer-run/target/fr-cp.txt)"
JAVA=$(./wl java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')/bin/java
FLAGS=(--enable-native-access=ALL-UNNAMED)
"$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && FLAGS+=(--sun-misc-unsafe-memory-access=allow)
for e in "${ENGINES[@]}"; do
  times=()
  for _ in $(seq "$N"); do
    t0=$(date +%s%N)
    out=$("$JAVA" "${FLAGS[@]}" -cp "$CP" -Ddev.wasmlayer.engine="$e" dev.wasmlayer.examples.Hello 2>/dev/null)
    t1=$(date +%s%N)
    [ "$out" = "Hello from Java, WebAssembly!" ] || { echo "$e printed: $out" >&2; exit 1; }
    times+=($(( (t1 - t0) / 1000000 )))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (N + 1) / 2 ))p")
  echo "$e: median ${median} ms over $N runs (${sorted% })"
done
