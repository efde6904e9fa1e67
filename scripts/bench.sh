#!/usr/bin/env bash
# Runs the JMH suite (every workload on every engine, through the layer and directly) and writes docs/benchmarks.md.
#   scripts/bench.sh            full run: Chicory and wasmtime (EngineBench: 2 forks, 4 x 1 s warm-up, 5 x 1 s), then
#                               GraalWasm with its JIT (GraalWasmBench: 2 forks, 15 x 1 s warm-up, 5 x 1 s); ~25 min
#   scripts/bench.sh -f 1 ...   any JMH options are passed on to both runs (e.g. -wi, -i)
set -euo pipefail
cd "$(dirname "$0")/.."
./wl mvn -q -B install -DskipTests
mkdir -p target
./wl java -jar wasm-layer-bench/target/benchmarks.jar EngineBench -rf json -rff target/jmh.json "$@"

# GraalWasm: Truffle's optimizing runtime needs JVMCI, the GraalVM compiler on the upgrade module path and Truffle on
# the module path (JMH's forks inherit these options), so it runs from the plain class path, not the shaded jar.
./wl mvn -q -B dependency:build-classpath -pl wasm-layer-bench -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/target/bench-classpath.txt" >/dev/null
jars=$(tr ':' '\n' < target/bench-classpath.txt)
compiler=$(grep '/org/graalvm/compiler/compiler/' <<<"$jars")
modules=$(grep '/org/graalvm/.*\.jar$' <<<"$jars" | grep -v '/org/graalvm/compiler/compiler/' | paste -sd:)
classpath=$(grep -v '/org/graalvm/' <<<"$jars" | paste -sd:)
./wl java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="$compiler" \
  --module-path="$modules" --add-modules=ALL-MODULE-PATH --enable-native-access=org.graalvm.truffle,ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -cp "wasm-layer-bench/target/classes:$classpath" \
  org.openjdk.jmh.Main GraalWasmBench -rf json -rff target/jmh-graalwasm.json "$@"
python3 scripts/bench-report.py target/jmh.json target/jmh-graalwasm.json > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
