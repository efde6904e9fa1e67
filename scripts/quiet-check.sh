#!/usr/bin/env bash
# Runs the hello example with the README's JVM flags on the class path and on the module path, once per engine and
# once letting discovery choose, and fails if the JVM or the layer prints anything on stderr beyond at most one INFO
# record (the discovery choice) and the example's own "running on" line: no restricted-method, Unsafe or Truffle
# warnings. Needs the modules installed (./wl test or ./wl mvn install -DskipTests).
#   scripts/quiet-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./wl mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/quiet-cp.txt \
  -pl wasm-layer-run >/dev/null
JAVA=$(./wl java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')/bin/java
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
# Every jar the run tool needs except the run tool itself and GraalVM's compiler (a JIT option, see the README).
JARS=$(tr ':' '\n' < wasm-layer-run/target/quiet-cp.txt | grep '\.jar$' | grep -v -e '/org/graalvm/compiler/' \
  -e '/wasm-layer-run/' | paste -sd:)
EXAMPLES=wasm-layer-examples/target/classes

# The README's flags.
CP_FLAGS=(--enable-native-access=ALL-UNNAMED)
MP_FLAGS=(--enable-native-access=dev.wasmlayer.wasmtime,com.sun.jna,org.graalvm.truffle)
if [ "$FEATURE" -ge 24 ]; then
  CP_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  MP_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
fi

failed=0
check() { # check LABEL java-args...
  local label=$1; shift
  local out err
  err=$(mktemp)
  out=$(timeout 120 "$JAVA" "$@" 2>"$err") || { echo "$label: exit $?"; cat "$err"; failed=1; rm -f "$err"; return; }
  local infos noise
  infos=$(grep -c '^INFO: ' "$err" || true)
  # JUL's first line of a record: "Dec 01, 2026 11:34:32 PM class method"
  noise=$(grep -v -e '^INFO: ' -e '^wasm-layer: running on ' \
    -e '^[A-Z][a-z][a-z] [0-9][0-9], [0-9]\{4\} [0-9:]* [AP]M ' "$err" | grep -v '^$' || true)
  if [ "$out" != "Hello from Java, WebAssembly!" ] || [ "$infos" -gt 1 ] || [ -n "$noise" ]; then
    echo "$label: NOT quiet (stdout: $out; INFO records: $infos)"; cat "$err"; failed=1
  else
    echo "$label: quiet ($infos INFO record(s)) $(grep '^INFO: ' "$err" | cut -c1-150 || true)"
  fi
  rm -f "$err"
}

for engine in auto chicory wasmtime graalwasm; do
  choose=(); [ "$engine" = auto ] || choose=(-Ddev.wasmlayer.engine="$engine")
  check "JDK $FEATURE class path, $engine" "${CP_FLAGS[@]}" -cp "$EXAMPLES:$JARS" "${choose[@]}" \
    dev.wasmlayer.examples.Hello
  check "JDK $FEATURE module path, $engine" "${MP_FLAGS[@]}" -p "$JARS:$EXAMPLES" --add-modules ALL-MODULE-PATH \
    "${choose[@]}" -m dev.wasmlayer.examples/dev.wasmlayer.examples.Hello
done
# Discovery passing over a wasmtime without its library and choosing GraalWasm: still one INFO line at most.
NO_CHICORY=$(tr ':' '\n' <<< "$JARS" | grep -v -e '/wasm-layer-chicory/' -e '/com/dylibso/' | paste -sd:)
check "JDK $FEATURE class path, auto: wasmtime unusable, GraalWasm chosen" "${CP_FLAGS[@]}" \
  -Ddev.wasmlayer.wasmtime.library=/nonexistent/libwasmtime.so -cp "$EXAMPLES:$NO_CHICORY" dev.wasmlayer.examples.Hello
exit $failed
