#!/usr/bin/env python3
"""One single-shot measurement on the wasmtime Python binding, the same shape as LargeModules' JSON line.

  bench-large-wasmtime-py.py MODULE.wasm [--no-interruption] [--run ARG...]

Compiles the bytes (wall and process CPU time, the peak resident set before and after), then optionally runs the
module's WASI command with ARGs and times it. Used by scripts/bench-large.sh in its own process each time.
"""
import json
import os
import resource
import sys
import tempfile
import time

import wasmtime


def unavailable(module, name):
    def trap(*args):
        raise wasmtime.WasmtimeError(f"{module}.{name} is not available")
    return trap


def same(*args):
    return args[0] if args else None


def ruby(store, exports, script):
    """ruby.wasm's reactor as its JavaScript host starts it (RubyReactor.java does the same through the layer)."""
    memory = exports["memory"]
    realloc = exports["cabi_realloc"]

    def string(text):
        b = text.encode("utf-8")
        at = realloc(store, 0, 0, 4, max(1, len(b)))
        memory.write(store, b, at)
        return at, len(b)

    args = ["ruby.wasm", "-EUTF-8", "-e_=0"]
    lst = realloc(store, 0, 0, 4, 8 * len(args))
    for k, a in enumerate(args):
        ptr, n = string(a)
        memory.write(store, ptr.to_bytes(4, "little") + n.to_bytes(4, "little"), lst + 8 * k)
    exports["ruby-init: func(args: list<string>) -> ()"](store, lst, len(args))
    exports["ruby-init-loadpath: func() -> ()"](store)
    ptr, n = string(script + "\n$stdout.flush")
    ret = exports["rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>"](store, ptr, n)
    return int.from_bytes(memory.read(store, ret + 4, ret + 8), "little", signed=True)


def main(argv):
    path = argv[1]
    rest = argv[2:]
    interruption = "--no-interruption" not in rest
    run_args = rest[rest.index("--run") + 1:] if "--run" in rest else None
    with open(path, "rb") as f:
        wasm = f.read()
    config = wasmtime.Config()
    config.epoch_interruption = interruption
    engine = wasmtime.Engine(config)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu0, t0 = time.process_time(), time.perf_counter()
    module = wasmtime.Module(engine, wasm)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {"engine": "wasmtime-py", "mode": "direct", "module": os.path.basename(path), "bytes": len(wasm),
           "interruption": interruption, "compile_s": round(wall, 4), "compile_cpu_s": round(cpu, 4),
           "max_rss_mb_before": round(rss0 / 1e3, 1), "max_rss_mb": round(rss1 / 1e3, 1)}
    if run_args is not None:
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        for imp in module.imports:  # a host other than WASI (ruby.wasm's JS bridge): stubs that trap if called
            if imp.module == "canonical_abi":  # resource handles are the guest's own values
                linker.define_func(imp.module, imp.name, imp.type, same)
            elif imp.module != "wasi_snapshot_preview1" and isinstance(imp.type, wasmtime.FuncType):
                linker.define_func(imp.module, imp.name, imp.type, unavailable(imp.module, imp.name))
        store = wasmtime.Store(engine)
        if interruption:
            store.set_epoch_deadline(1 << 40)  # the layer's store also runs with a deadline far away
        with tempfile.NamedTemporaryFile() as stdout:
            wasi = wasmtime.WasiConfig()
            wasi.argv = run_args
            wasi.stdout_file = stdout.name
            store.set_wasi(wasi)
            t0, c0 = time.perf_counter(), time.thread_time()
            status = 0
            instance = linker.instantiate(store, module)
            exports = instance.exports(store)
            if "_initialize" in [e.name for e in module.exports]:
                exports["_initialize"](store)
            out["instantiate_s"] = round(time.perf_counter() - t0, 4)
            try:
                if "_start" in [e.name for e in module.exports]:
                    exports["_start"](store)
                else:
                    status = ruby(store, exports, " ".join(run_args))
            except wasmtime.ExitTrap as e:
                status = e.code
            out["run_s"] = round(time.perf_counter() - t0, 4)
            out["run_cpu_s"] = round(time.thread_time() - c0, 4)  # wasm runs on this thread
            out["exit"] = status
            with open(stdout.name, "rb") as f:
                lines = f.read().decode("utf-8", "replace").strip().splitlines()
            out["stdout"] = lines[-1] if lines else ""
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
