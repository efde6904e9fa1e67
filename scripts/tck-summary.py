#!/usr/bin/env python3
"""Summarises surefire XML reports per TCK run and fails if a run has failures or too few executed tests.

Usage: tck-summary.py [--min N] REPORT_DIR...   Prints one line per directory and every skipped test with its reason.
"""
import glob
import sys
import xml.etree.ElementTree as ET


def summarise(directory):
    tests = failures = errors = skipped = 0
    reasons = []
    for path in sorted(glob.glob(directory + "/TEST-*.xml")):
        root = ET.parse(path).getroot()
        tests += int(root.get("tests"))
        failures += int(root.get("failures"))
        errors += int(root.get("errors"))
        skipped += int(root.get("skipped"))
        for case in root.findall("testcase"):
            skip = case.find("skipped")
            if skip is not None:
                why = skip.get("message") or (skip.text or "").strip().splitlines()[0:1]
                why = why if isinstance(why, str) else (why[0] if why else "no reason given")
                reasons.append(f"  skipped {case.get('classname').split('.')[-1]}#{case.get('name')}: {why}")
    return tests, failures, errors, skipped, reasons


def main(argv):
    minimum = 0
    if argv[:1] == ["--min"]:
        minimum, argv = int(argv[1]), argv[2:]
    ok = True
    for directory in argv:
        tests, failures, errors, skipped, reasons = summarise(directory)
        executed = tests - skipped
        print(f"{directory}: {tests} tests, {executed} executed, {failures} failed, {errors} errors, {skipped} skipped")
        print("\n".join(reasons))
        if failures or errors:
            ok = False
        if executed < minimum:
            print(f"  too few tests executed: {executed} < {minimum}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
