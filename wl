#!/usr/bin/env bash
# wasm-layer's developer entry point. Finds a JDK 21+ (the machine's default java may be 17) and runs Maven with it.
#   ./wl hello          run the hello example on the embedded default engine (ENGINE=id picks another)
#   ./wl test           build everything, run every test (API, TCK and spec suite per engine)
#   ./wl run ARGS...    run a WASI program (core module or 0.2 component): [--engine ID] [--dir HOST::GUEST[:ro]] [--env K=V] [--invoke NAME] x.wasm [args]
#   ./wl fmt [check]    format every Java file with google-java-format (check: fail on a file that is not)
#   ./wl mvn ARGS...    run Maven with the selected JDK
#   ./wl java ARGS...   run java from the selected JDK
set -euo pipefail
cd "$(dirname "$0")"

java_feature() { # prints the feature version of $1/bin/java, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" bestv=0 d v
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/*jdk*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_feature "$d"); [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "wl: no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm, /opt/java). Install one, e.g. Temurin 21+, and set JAVA_HOME." >&2
    exit 1
  fi
  echo "$best"
}

JAVA_HOME=$(pick_jdk)
export JAVA_HOME
# Maven 3.8's bundled Guava calls sun.misc.Unsafe; JDK 24+ warns about it on every run unless told it is allowed.
if [ "$(java_feature "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
command -v mvn >/dev/null || { echo "wl: Maven not found: apt-get install maven" >&2; exit 1; }

cmd=${1:-help}
shift || true
case "$cmd" in
  hello)
    # Build, then run on a plain JVM: the class path is the examples module plus its runtime dependencies.
    mvn -q -B install -DskipTests -pl wasm-layer-examples -am >&2
    mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile=target/runtime-classpath.txt -pl wasm-layer-examples >&2
    exec "$JAVA_HOME/bin/java" -cp "wasm-layer-examples/target/classes:$(cat wasm-layer-examples/target/runtime-classpath.txt)" \
      -Ddev.wasmlayer.engine="${ENGINE:-chicory}" dev.wasmlayer.examples.Hello "$@"
    ;;
  run)
    # Build quietly, then run the tool on a plain JVM with every engine on the class path.
    mvn -q -B install -DskipTests -pl wasm-layer-run -am >&2
    mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile=target/run-classpath.txt -pl wasm-layer-run >&2
    flags=(-Xss16m --enable-native-access=ALL-UNNAMED)
    if [ "$(java_feature "$JAVA_HOME")" -ge 24 ]; then flags+=(--sun-misc-unsafe-memory-access=allow); fi
    exec "$JAVA_HOME/bin/java" "${flags[@]}" -cp "wasm-layer-run/target/classes:$(cat wasm-layer-run/target/run-classpath.txt)" \
      dev.wasmlayer.run.Run "$@"
    ;;
  test)
    # libwasmtime comes from wasm-layer-wasmtime-natives, built from the pinned, checksum-verified wheel (needs pip).
    # The TCK's components are built first (clang-14 and npm); without them the component tests abort (fail in CI).
    scripts/build-components.sh || echo "wl: the components were not built (see above): their tests will abort" >&2
    mvn -B install "$@"
    ;;
  fmt)
    # the BOM has no sources and no parent, so it is left out of the formatter's reactor
    goal=apply; [ "${1:-}" = check ] && goal=check
    mvn -q -B spotless:$goal -pl '!wasm-layer-bom'
    ;;
  mvn)
    mvn "$@"
    ;;
  java)
    exec "$JAVA_HOME/bin/java" "$@"
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    ;;
esac
