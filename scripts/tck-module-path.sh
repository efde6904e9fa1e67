#!/usr/bin/env bash
# Runs the TCK on the module path (JUnit's console launcher, --select-module dev.wasmlayer.tck) against one engine
# module, as a modular application would deploy it; the surefire runs use the class path.
#   scripts/tck-module-path.sh MODULE_DIR ENGINE_ID [java flags...]   e.g. wasm-layer-chicory chicory
# Needs the modules installed (./wl test or ./wl mvn install -DskipTests). Maven uses the local repository that
# MAVEN_OPTS names, or a -Dmaven.repo.local=DIR among the flags (which also go to java, harmlessly). Leaves out the
# tests tagged in WL_TCK_EXCLUDE_TAGS (comma-separated; default slow,spec: the slow group and the spec suite run on the
# class path, where the engine runs the same modes; WL_TCK_EXCLUDE_TAGS=slow runs the spec suite here too).
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1 engine=$2
shift 2
mvn_flags=(-q -B)
for a in "$@"; do
  case "$a" in -Dmaven.repo.local=*) mvn_flags+=("$a") ;; esac
done
junit=1.11.4
./wl mvn "${mvn_flags[@]}" dependency:get -Dartifact=org.junit.platform:junit-platform-console:$junit >/dev/null
./wl mvn "${mvn_flags[@]}" dependency:build-classpath -pl "$module" -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$module/target/tck-module-path.txt" >/dev/null
# the launcher jars sit beside junit-platform-commons in the local repository
commons=$(tr ':' '\n' < "$module/target/tck-module-path.txt" | grep '/junit-platform-commons-' | head -n 1)
platform=$(dirname "$(dirname "$(dirname "$commons")")")
# This build's own artifacts are taken from their target directories, not from the local repository.
own() { local e; while read -r e; do
  local a; a=$(printf '%s' "$e" | sed -n 's|.*/dev/wasmlayer/\(wasm-layer-[a-z0-9-]*\)/.*|\1|p')
  local j; j=$(ls "$a"/target/"$a"-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)
  if [ -n "$a" ] && [ -n "$j" ]; then echo "$j"; else echo "$e"; fi
done; }
path="$(tr ':' '\n' < "$module/target/tck-module-path.txt" | grep '\.jar$' | grep -v '/org/graalvm/compiler/' | own | paste -sd:):$(ls "$module"/target/"$module"-*.jar | grep -v -e sources -e javadoc | head -n 1)"
# the TCK needs the launcher itself (TimeoutDefaultTest), so it may already be on the path
for a in launcher console reporting; do
  case ":$path:" in *"/junit-platform-$a-$junit.jar:"*) ;; *) path="$path:$platform/junit-platform-$a/$junit/junit-platform-$a-$junit.jar" ;; esac
done
excludes=()
IFS=, read -r -a tags <<<"${WL_TCK_EXCLUDE_TAGS-slow,spec}"
for t in "${tags[@]}"; do [ -z "$t" ] || excludes+=(--exclude-tag "$t"); done
# (GraalVM's compiler, a test dependency of the JIT smoke run, is left out: on the module path without JVMCI enabled,
# Truffle would try to use it and fail.)
# The engine's known-failure and spec-exclusion lists are test resources: on the class path beside the module path.
./wl java -Xss16m --enable-native-access=ALL-UNNAMED "$@" \
  -Ddev.wasmlayer.engine="$engine" -Ddev.wasmlayer.tck.modulePath=true \
  -p "$path" -cp "$module/target/test-classes" --add-modules ALL-MODULE-PATH \
  -m org.junit.platform.console/org.junit.platform.console.ConsoleLauncher execute \
  --select-module dev.wasmlayer.tck ${excludes[@]+"${excludes[@]}"} --disable-banner --details=summary --fail-if-no-tests
