#!/usr/bin/env python3
"""Drafts an engine's component-suite exclusions from a ComponentSuiteTest report.

    scripts/component-suite-exclusions.py MODULE/target/component-suite-report/ENGINE-MODE.md [EXISTING]

Prints one `file.wast:LINE | reason` per FAILED command of the report (blocked commands follow their
component's entry), the reason derived from the failure: `validation missing: "..."` for an invalid
component that compiled, `not supported: ...` for a component the engine refused, `bug: ...` otherwise.
With EXISTING (the current list), its entries come first and only new lines are added. Review the output:
a `bug:` entry deserves a repro and a report, not only a line in the list.
"""
import re
import sys


def reason(detail):
    m = re.match(r'AssertionError: expected CompileException \("(.*)"\), it compiled', detail)
    if m:
        return 'validation missing: "%s"' % m.group(1)
    m = re.match(r'CompileException: (?:invalid|malformed) component: (.*not supported.*)', detail)
    if m:
        return 'not supported: ' + m.group(1)
    return 'bug: ' + detail[:160]


def main():
    report = open(sys.argv[1], encoding='utf-8').read()
    existing = open(sys.argv[2], encoding='utf-8').read().splitlines() if len(sys.argv) > 2 else []
    listed = {l.split('|')[0].strip() for l in existing if '|' in l and not l.startswith('#')}
    out = list(existing)
    for m in re.finditer(r'^- (\S+) [^:]+: FAILED (.*)$', report, re.M):
        where, detail = m.group(1), m.group(2).strip()
        if where not in listed and detail.split(' ')[0] != 'exclusion':
            listed.add(where)
            out.append('%s | %s' % (where, reason(detail)))
    print('\n'.join(out))


if __name__ == '__main__':
    main()
