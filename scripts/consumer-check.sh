#!/usr/bin/env bash
# A consumer's first run: builds a tiny Maven project that depends on wasm-layer-api, wasm-layer-wasmtime and this
# platform's wasm-layer-wasmtime-natives, offline, with its dependencies only from the local Maven repository, then runs
# it on wasmtime with a fresh HOME (so an empty ~/.cache/wasm-layer) and checks it prints the hello example's greeting
# (on JDK 22+ through the FFM classes of the multi-release jar). Runs it twice: the first run extracts libwasmtime into
# the cache, the second reuses it. Prints the output, where the library went and the times. Needs the modules
# installed (`./wl test`, or `./wl mvn install -DskipTests`).
#   scripts/consumer-check.sh            (KEEP=1 keeps the temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REPO=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PLATFORM=linux-x86_64 ;;
  Linux-aarch64) PLATFORM=linux-aarch64 ;;
  Darwin-x86_64) PLATFORM=macos-x86_64 ;;
  Darwin-arm64) PLATFORM=macos-aarch64 ;;
  *) echo "consumer-check: no natives jar for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
NATIVES="$REPO/dev/wasmlayer/wasm-layer-wasmtime-natives/$VERSION/wasm-layer-wasmtime-natives-$VERSION-$PLATFORM.jar"
[ -f "$NATIVES" ] || { echo "consumer-check: $NATIVES is missing: run ./wl test (or ./wl mvn install -DskipTests)" >&2; exit 1; }
JAVA=$(./wl java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')/bin/java
ms() { date +%s%3N; }

START=$(ms)
TMP=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
HOME_DIR=$TMP/home PROJECT=$TMP/consumer
mkdir -p "$HOME_DIR" "$PROJECT/src/main/java/example" "$PROJECT/src/main/resources/example"
cp wasm-layer-examples/src/main/resources/dev/wasmlayer/examples/hello.wasm "$PROJECT/src/main/resources/example/"

cat > "$PROJECT/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>dev.wasmlayer</groupId>
      <artifactId>wasm-layer-api</artifactId>
      <version>$VERSION</version>
    </dependency>
    <dependency>
      <groupId>dev.wasmlayer</groupId>
      <artifactId>wasm-layer-wasmtime</artifactId>
      <version>$VERSION</version>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>dev.wasmlayer</groupId>
      <artifactId>wasm-layer-wasmtime-natives</artifactId>
      <version>$VERSION</version>
      <classifier>$PLATFORM</classifier>
      <scope>runtime</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    </plugins>
  </build>
</project>
POM

cat > "$PROJECT/src/main/java/example/Main.java" <<'JAVA'
package example;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;

/** A consumer of wasm-layer: the module calls host.print(ptr, len) with a string in its memory. */
public final class Main {
  public static void main(String[] args) throws Exception {
    byte[] wasm;
    try (InputStream in = Main.class.getResourceAsStream("/example/hello.wasm")) {
      wasm = in.readAllBytes();
    }
    try (Engine engine = Engine.create();
        Store<Void> store = engine.newStore(null);
        Module module = engine.compile(wasm)) {
      System.err.println("consumer: engine " + engine);
      AtomicReference<Memory> memory = new AtomicReference<>();
      Imports imports = Imports.builder().func("host", "print", Print.class,
          (ptr, len) -> System.out.println(memory.get().readString(ptr, len))).build();
      Instance instance = store.instantiate(module, imports);
      memory.set(instance.memory("memory").orElseThrow());
      instance.func("run").orElseThrow().call();
    }
  }

  /** host.print: (i32, i32) -> (). */
  @FunctionalInterface
  public interface Print {
    void print(int ptr, int len);
  }
}
JAVA

MVN_FLAGS=(-B -q -o -Dstyle.color=never -Dmaven.repo.local="$REPO" -f "$PROJECT/pom.xml")
t0=$(ms)
# Maven's output (errors included) goes to a log, shown only when the build fails
HOME=$HOME_DIR ./wl mvn "${MVN_FLAGS[@]}" compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PROJECT/target/classpath.txt" >"$TMP/mvn.log" 2>&1 \
  || { cat "$TMP/mvn.log" >&2; echo "consumer-check: the consumer project did not build" >&2; exit 1; }
t1=$(ms)
echo "consumer-check: built $PROJECT offline from $REPO in $((t1 - t0)) ms; class path:"
tr ':' '\n' < "$PROJECT/target/classpath.txt" | sed "s|^$REPO/|  |"; echo

run() { # prints the program's stdout; its stderr goes to $TMP/stderr.txt
  HOME=$HOME_DIR "$JAVA" -Duser.home="$HOME_DIR" --enable-native-access=ALL-UNNAMED -Ddev.wasmlayer.engine=wasmtime \
    -cp "$PROJECT/target/classes:$(cat "$PROJECT/target/classpath.txt")" example.Main 2>"$TMP/stderr.txt"
}
check() { # check LABEL OUTPUT MILLIS
  echo "consumer-check: $1 run printed '$2' in $3 ms ($(paste -sd' ' "$TMP/stderr.txt"))"
  [ "$2" = "Hello from Java, WebAssembly!" ] || { echo "consumer-check: wrong output; stderr:" >&2; cat "$TMP/stderr.txt" >&2; exit 1; }
}
unset WASM_LAYER_CACHE WASMTIME_LIB_PATH
[ ! -e "$HOME_DIR/.cache" ] || { echo "consumer-check: $HOME_DIR/.cache is not empty" >&2; exit 1; }
t0=$(ms); out=$(run); t1=$(ms)
check first "$out" $((t1 - t0))
# The jar is multi-release: on JDK 22+ its META-INF/versions/22 FFM classes must be the ones in use.
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ "$feature" -ge 22 ]; then
  grep -q '(cranelift, FFM)' "$TMP/stderr.txt" \
    || { echo "consumer-check: JDK $feature did not use the jar's FFM classes" >&2; exit 1; }
fi
lib=$(find "$HOME_DIR/.cache/wasm-layer" -type f -name '*wasmtime*')
[ "$(printf '%s\n' "$lib" | wc -l)" = 1 ] && [ -n "$lib" ] \
  || { echo "consumer-check: expected one extracted library, found: $lib" >&2; exit 1; }
echo "consumer-check: libwasmtime extracted to ${lib/#$HOME_DIR/\$HOME} ($(stat -c %s "$lib") bytes)"
before=$(stat -c %Y.%i "$lib")
t0=$(ms); out=$(run); t1=$(ms)
check second "$out" $((t1 - t0))
[ "$(stat -c %Y.%i "$lib")" = "$before" ] || { echo "consumer-check: the second run extracted the library again" >&2; exit 1; }
echo "consumer-check: the second run reused the extracted library"
echo "consumer-check: ok in $(( $(ms) - START )) ms"
