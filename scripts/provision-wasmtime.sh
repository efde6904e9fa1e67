#!/usr/bin/env bash
# Puts the official wasmtime 49.0.0 C API library where the wasmtime backend looks last: the project's cache,
# ~/.cache/wasm-layer/wasmtime-49.0.0/<os>-<arch>/libwasmtime.so (override with WASM_LAYER_CACHE). Idempotent.
# Source: the official build inside the PyPI wheel wasmtime==49.0.0 (wasmtime/linux-x86_64/_libwasmtime.so), fetched with
# pip from the configured package index; the library's SHA-256 is checked. Nothing is committed.
# Other platforms: the same wheel for that platform (or the official wasmtime-v49.0.0-<arch>-<os>-c-api archive) gives the
# library; add its checksum to WasmtimeLibrary.KNOWN_SHA256 and here.
set -euo pipefail
VERSION=49.0.0
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)
    PLATFORM=linux-x86_64
    SO_IN_WHEEL=wasmtime/linux-x86_64/_libwasmtime.so
    SHA256=9594714d3c73c3087ab3d42d9614cf72973b25c181b8625ffcc46a8a75972d7e
    ;;
  *)
    echo "provision-wasmtime: no pinned build for $(uname -s)-$(uname -m) yet; set WASMTIME_LIB_PATH to a libwasmtime $VERSION" >&2
    exit 1
    ;;
esac
CACHE=${WASM_LAYER_CACHE:-$HOME/.cache/wasm-layer}
DEST="$CACHE/wasmtime-$VERSION/$PLATFORM/libwasmtime.so"

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ -f "$DEST" ] && [ "$(sha "$DEST")" = "$SHA256" ]; then
  echo "provision-wasmtime: $DEST is wasmtime $VERSION (sha256 ok)"
  exit 0
fi
command -v python3 >/dev/null || { echo "provision-wasmtime: python3 is needed to fetch the wheel" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  -d "$tmp" "wasmtime==$VERSION"
wheel=$(ls "$tmp"/wasmtime-"$VERSION"-*.whl)
python3 - "$wheel" "$SO_IN_WHEEL" "$tmp/libwasmtime.so" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
got=$(sha "$tmp/libwasmtime.so")
if [ "$got" != "$SHA256" ]; then
  echo "provision-wasmtime: checksum mismatch for $SO_IN_WHEEL: got $got, expected $SHA256" >&2
  exit 1
fi
mkdir -p "$(dirname "$DEST")"
mv "$tmp/libwasmtime.so" "$DEST.tmp" && mv "$DEST.tmp" "$DEST"
echo "provision-wasmtime: installed wasmtime $VERSION at $DEST"
