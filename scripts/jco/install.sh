# Sourced by the scripts that need jco (build-components.sh, build-component-suite.sh), from the
# repository root: installs the jco pinned by scripts/jco/package-lock.json once (npm ci) into
# ${WL_CACHE:-~/.cache/wasm-layer}/jco-HASH and sets jco_dir (the install) and jco (its CLI).
# $1 is the caller's name, for the log lines.
jco_install() {
  local who=$1 lock
  command -v node >/dev/null && command -v npm >/dev/null || {
    echo "$who: node/npm not found (jco runs on Node.js): apt-get install nodejs npm" >&2
    return 1
  }
  lock=$(sha256sum scripts/jco/package-lock.json | cut -c1-16)
  jco_dir=${WL_CACHE:-$HOME/.cache/wasm-layer}/jco-$lock
  jco=$jco_dir/node_modules/.bin/jco
  if [ ! -x "$jco" ]; then
    echo "$who: installing jco (scripts/jco/package-lock.json) into $jco_dir"
    rm -rf "$jco_dir.tmp"
    mkdir -p "$jco_dir.tmp"
    cp scripts/jco/package.json scripts/jco/package-lock.json "$jco_dir.tmp/"
    (cd "$jco_dir.tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    rm -rf "$jco_dir"
    mv "$jco_dir.tmp" "$jco_dir"
  fi
  echo "$who: jco $("$jco" --version) from $jco_dir"
}
