#!/usr/bin/env bash
# Runs the JMH suite (every workload on every engine, through the layer and directly) and writes docs/benchmarks.md.
#   scripts/bench.sh            full run: 2 forks, 4 x 1 s warm-up, 5 x 1 s measurement per benchmark (~12 min)
#   scripts/bench.sh -f 1 ...   any JMH options are passed on (e.g. a benchmark regex, -wi, -i)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/provision-wasmtime.sh >/dev/null
./wl mvn -q -B install -DskipTests
mkdir -p target
./wl java -jar wasm-layer-bench/target/benchmarks.jar -rf json -rff target/jmh.json "$@"
python3 scripts/bench-report.py target/jmh.json > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
