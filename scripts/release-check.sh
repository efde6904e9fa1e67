#!/usr/bin/env bash
# Builds what a release would publish and checks it: `mvn verify -P release` (jars, sources and javadoc jars; javadoc
# with doclint on and warnings fatal; no tests, no signing, no upload), then
#   - lists every jar each module produced,
#   - checks every jar carries META-INF/LICENSE and META-INF/NOTICE,
#   - checks every published module (jar packaging, no maven.deploy.skip) has its sources and javadoc jars,
#   - checks every published POM (the BOM included) names a license, an scm and a url.
# Usage: scripts/release-check.sh [extra Maven args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
./wl mvn -B verify -P release -DskipTests "$@"
built=$(( $(date +%s) - t0 ))

fail=0
problem() { echo "release-check: $*" >&2; fail=1; }

# The reactor's modules, in the order the root POM lists them.
modules=$(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)

# Lists a module's jars with their sizes and checks each carries the licences; sets jars_found to how many there were
# (no command substitution: problem() must set fail in this shell).
check_jars() { # check_jars MODULE
  local j entries f
  jars_found=0
  shopt -s nullglob
  for j in "$1"/target/*.jar; do
    jars_found=$((jars_found + 1))
    printf '  %-72s %9s bytes\n' "$j" "$(stat -c %s "$j")"
    entries=$(unzip -Z1 "$j")
    for f in META-INF/LICENSE META-INF/NOTICE; do
      grep -qx "$f" <<<"$entries" || problem "$j: no $f"
    done
  done
  shopt -u nullglob
}

echo
echo "== files produced by mvn verify -P release"
for m in $modules; do
  pom=$m/pom.xml
  packaging=$(sed -n 's:^  <packaging>\(.*\)</packaging>.*:\1:p' "$pom")
  packaging=${packaging:-jar}
  published=yes
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$pom" && published=no
  echo "$m ($packaging, published: $published)"
  if [ "$packaging" = pom ]; then
    [ "$published" = no ] || for tag in '<licenses>' '<scm' '<url>'; do
      # the BOM has no parent, so it must carry the metadata itself; the others inherit it from the root POM
      grep -q "$tag" "$pom" || grep -q '<parent>' "$pom" || problem "$pom: no $tag"
    done
    # a pom module may still attach jars (the natives module: one per platform classifier); they need the licences
    check_jars "$m"
    continue
  fi
  check_jars "$m"
  [ "$jars_found" -gt 0 ] || problem "$m: no jar in $m/target"
  if [ "$published" = yes ]; then
    for kind in sources javadoc; do
      ls "$m"/target/*-"$kind".jar >/dev/null 2>&1 || problem "$m: no $kind jar"
    done
  fi
done
for tag in '<licenses>' '<scm' '<url>' '<developers>'; do
  grep -q "$tag" pom.xml || problem "pom.xml: no $tag"
done
[ -f LICENSE ] && [ -f NOTICE ] || problem "LICENSE or NOTICE missing at the root"

echo
if [ "$fail" -ne 0 ]; then
  echo "release-check: FAILED (build took ${built}s)" >&2
  exit 1
fi
echo "release-check: ok (build took ${built}s)"
