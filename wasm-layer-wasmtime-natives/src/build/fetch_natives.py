#!/usr/bin/env python3
"""Fetches the official wasmtime C API library for one platform and lays it out as the natives jar's content.

Source: the PyPI wheel wasmtime==VERSION for that platform (pip download, binary only, no dependencies). The library is
taken from the wheel, its SHA-256 checked against the pinned value, and written with a properties file recording the
version, SHA-256 and size:
    OUT/dev/wasmlayer/wasmtime/natives/PLATFORM/FILE
    OUT/dev/wasmlayer/wasmtime/natives/PLATFORM/wasmtime-natives.properties
A library already in OUT with the pinned checksum is kept (no download). Nothing here is committed to git.
"""
import argparse
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fail(message):
    print("wasmtime-natives: " + message, file=sys.stderr)
    sys.exit(1)


def download_wheel(version, wheel_platform, into):
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", into]
    if wheel_platform:
        cmd += ["--platform", wheel_platform]
    cmd.append("wasmtime==" + version)
    print("wasmtime-natives: " + " ".join(cmd[2:]))
    if subprocess.call(cmd) != 0:
        fail("pip could not download wasmtime==%s for platform tag %s (pip and a reachable package index are needed)"
             % (version, wheel_platform or "(this machine)"))
    wheels = glob.glob(os.path.join(into, "wasmtime-%s-*.whl" % version))
    if len(wheels) != 1:
        fail("expected one wheel in %s, found %s" % (into, wheels))
    return wheels[0]


def extract(wheel, member, dest):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        if member not in names:
            libs = [n for n in names if "wasmtime." in n.rsplit("/", 1)[-1] and not n.endswith(".py")]
            fail("%s has no %s; its libraries: %s" % (os.path.basename(wheel), member, libs))
        with z.open(member) as src, open(dest, "wb") as dst:
            shutil.copyfileobj(src, dst)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--version", required=True)
    p.add_argument("--platform", required=True, help="the jar's platform key, e.g. linux-x86_64")
    p.add_argument("--wheel-platform", default="", help="pip --platform tag, e.g. manylinux1_x86_64")
    p.add_argument("--member", required=True, help="the library's path inside the wheel")
    p.add_argument("--file", required=True, help="the library's name in the jar, e.g. libwasmtime.so")
    p.add_argument("--sha256", default="", help="the pinned SHA-256 of the library")
    p.add_argument("--artifact", default="", help="the Maven coordinates of the jar, recorded for diagnostics")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    expected = a.sha256.strip().lower()
    if len(expected) != 64 or any(c not in "0123456789abcdef" for c in expected):
        fail("no pinned SHA-256 for %s (got '%s'): pass -Dwasmtime.natives.sha256=<64 hex digits>, the checksum of %s "
             "in the wheel wasmtime==%s (see the README, 'Natives for other platforms')"
             % (a.platform, a.sha256, a.member, a.version))
    target_dir = os.path.join(a.out, "dev", "wasmlayer", "wasmtime", "natives", a.platform)
    target = os.path.join(target_dir, a.file)
    os.makedirs(target_dir, exist_ok=True)
    if os.path.isfile(target) and sha256_of(target) == expected:
        print("wasmtime-natives: %s is up to date (sha256 %s)" % (target, expected))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            wheel = download_wheel(a.version, a.wheel_platform, tmp)
            lib = os.path.join(tmp, a.file)
            extract(wheel, a.member, lib)
            actual = sha256_of(lib)
            if actual != expected:
                fail("checksum mismatch for %s in %s: got %s, expected %s"
                     % (a.member, os.path.basename(wheel), actual, expected))
            shutil.move(lib, target)
        print("wasmtime-natives: %s from wasmtime==%s (sha256 ok)" % (target, a.version))
    with open(os.path.join(target_dir, "wasmtime-natives.properties"), "w", encoding="utf-8") as f:
        f.write("# The official wasmtime C API library in this jar: the content address the backend extracts it to.\n")
        f.write("version=%s\nplatform=%s\nfile=%s\nsha256=%s\nsize=%d\nsource=PyPI wheel wasmtime==%s, %s\nartifact=%s\n"
                % (a.version, a.platform, a.file, expected, os.path.getsize(target), a.version, a.member, a.artifact))


if __name__ == "__main__":
    main()
