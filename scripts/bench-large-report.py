#!/usr/bin/env python3
"""Prints the markdown tables of scripts/bench-large.sh from its JSON lines (one line per process).

  bench-large-report.py RESULTS.jsonl [BEFORE.jsonl]

Per module, engine, interruption and mode: compile wall and CPU time and peak heap as median (min-max), the layer's
ratio to the engine used directly (medians), and the workload's run time (the first, in a cold JVM) and CPU time in
a warm process (the layer's second run; wasmtime-py's only run). With BEFORE (the same runs on another
build), a before/after table of the layer's rows as well. The machine's 1-minute load is shown as its range.
"""
import json
import statistics
import sys
from collections import defaultdict


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def groups(rows):
    g = defaultdict(list)
    for r in rows:
        mode = r["mode"] + (" (before)" if r.get("build") == "before" else "")  # another build's layer, for contrast
        g[(r["module"], r["engine"], r["interruption"], mode)].append(r)
    return g


def med(rows, key):
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else None


def cell(rows, key, fmt):
    values = [r[key] for r in rows if key in r]
    if not values:
        return "–"
    m = statistics.median(values)
    if len(values) == 1:
        return fmt.format(m)
    return (fmt + " ({}–{})").format(m, fmt.format(min(values)), fmt.format(max(values)))


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def heap(rows):
    """Peak heap (JVM) or peak resident set (Python, not comparable with a heap: shown in brackets)."""
    if rows and "peak_heap_mb" in rows[0]:
        return cell(rows, "peak_heap_mb", "{:.0f}") + " MB"
    return "[RSS " + cell(rows, "max_rss_mb", "{:.0f}") + " MB]"


def second(rows):
    """The run's CPU time in a warm process: the layer's second run (run2_cpu_s), wasmtime-py's only one."""
    if any("run2_cpu_s" in r for r in rows):
        return cell(rows, "run2_cpu_s", "{:.3f}")
    return cell(rows, "run_cpu_s", "{:.3f}")


def table(rows):
    g = groups(rows)
    print("| module | engine | interruption | mode | n | compile wall s | compile CPU s | peak heap | "
          "layer/direct wall | CPU | heap | run s | run CPU s, 2nd run | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key in sorted(g, key=lambda k: (k[0], k[1], not k[2], k[3] != "layer", k[3])):
        module, engine, interruption, mode = key
        rs = g[key]
        direct = g.get((module, engine, interruption, "direct"), [])
        r_wall = r_cpu = r_heap = ""
        if mode == "layer" and direct:
            r_wall = ratio(med(rs, "compile_s"), med(direct, "compile_s"))
            r_cpu = ratio(med(rs, "compile_cpu_s"), med(direct, "compile_cpu_s"))
            r_heap = ratio(med(rs, "peak_heap_mb"), med(direct, "peak_heap_mb"))
        if engine == "wasmtime-py":
            # the layer on wasmtime against the Python binding on the same bytes and configuration
            layer = g.get((module, "wasmtime", interruption, "layer"), [])
            r_wall = "layer " + ratio(med(layer, "compile_s"), med(rs, "compile_s"))
            r_cpu = "layer " + ratio(med(layer, "compile_cpu_s"), med(rs, "compile_cpu_s"))
        loads = [r["load"] for r in rs if "load" in r]
        print(f"| {module} | {engine} | {'on' if interruption else 'off'} | {mode} | {len(rs)} | "
              f"{cell(rs, 'compile_s', '{:.2f}')} | {cell(rs, 'compile_cpu_s', '{:.2f}')} | {heap(rs)} | "
              f"{r_wall} | {r_cpu} | {r_heap} | {cell(rs, 'run_s', '{:.2f}')} | {second(rs)} | "
              f"{min(loads) if loads else '–'}–{max(loads) if loads else '–'} |")


def before_after(before, after):
    for r in before:
        r.pop("build", None)
    b, a = groups(before), groups(after)
    print("| module | engine | interruption | compile CPU s before → after | peak heap MB before → after |")
    print("|---|---|---|---|---|")
    for key in sorted(set(a) & set(b)):
        module, engine, interruption, mode = key
        if mode != "layer":
            continue
        print(f"| {module} | {engine} | {'on' if interruption else 'off'} | "
              f"{cell(b[key], 'compile_cpu_s', '{:.2f}')} → {cell(a[key], 'compile_cpu_s', '{:.2f}')} | "
              f"{cell(b[key], 'peak_heap_mb', '{:.0f}')} → {cell(a[key], 'peak_heap_mb', '{:.0f}')} |")


def main(argv):
    after = load(argv[1])
    table(after)
    if len(argv) > 2:
        print()
        before_after(load(argv[2]), after)


if __name__ == "__main__":
    main(sys.argv)
