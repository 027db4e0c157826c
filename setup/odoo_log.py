#!/usr/bin/env python3
"""Reads the log of an Odoo test run, for setup/test. Needs no Odoo.

    odoo_log.py filter ADDON[,ADDON...]   stdin -> stdout: the lines worth showing live
    odoo_log.py results LOG               "tests failures errors skipped" or "none"

No maintained tool does these two: checklog-odoo, which setup/test runs on the same log,
only passes or fails its WARNING/ERROR records; it neither counts tests nor filters.

An Odoo log line is "<date> <time>,<ms> <pid> <LEVEL> <db> <logger>: <message>"; the
lines that follow it without that prefix (tracebacks) belong to it.
"""

import re
import sys

LOG_LINE = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[^:\s]+): (?P<message>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}

# Odoo's summary of the whole run (odoo/tests/result.py, OdooTestResult.__str__, logged
# by odoo/service/server.py at the end of a --stop-after-init run).
RESULT = re.compile(r"^(\d+) failed, (\d+) error\(s\) of (\d+) tests\b")
SKIPPED = re.compile(r"^skipped \S+ : ")


def parse(line):
    match = LOG_LINE.match(line.rstrip("\n"))
    return match.groupdict() if match else None


def results(lines):
    """(tests, failures, errors, skipped) from the last summary line, or None."""
    found = None
    skipped = 0
    for line in lines:
        record = parse(line)
        if not record:
            continue
        if record["logger"] == "odoo.tests.result":
            match = RESULT.match(record["message"])
            if match:
                failures, errors, tests = (int(value) for value in match.groups())
                found = (tests, failures, errors)
        elif record["level"] == "INFO" and SKIPPED.match(record["message"]):
            skipped += 1
    return None if found is None else (*found, skipped)


def live_filter(lines, addons, out):
    """Copy to `out` the lines worth watching during the run.

    Warnings and errors with their tracebacks, loading milestones, our addons' test
    starts and skips, post tests, statistics and the result.
    """
    ours = "|".join(re.escape(addon) for addon in addons)
    interesting = re.compile(
        r"^(loading \d+ modules|\d+ modules loaded in|Modules loaded"
        r"|Starting post tests|\d+ post-tests in)"
        + (rf"|^Module ({ours}) loaded in" if ours else "")
    )
    our_test = re.compile(rf"^odoo\.addons\.({ours})\.tests\b") if ours else None
    showing = False
    for line in lines:
        record = parse(line)
        if record is None:
            if showing:
                out.write(line)
                out.flush()
            continue
        showing = (
            record["level"] in BAD_LEVELS
            or record["logger"] in ("odoo.tests.result", "odoo.tests.stats")
            or bool(interesting.search(record["message"]))
            or bool(
                our_test
                and our_test.search(record["logger"])
                and re.match(r"(Starting |skipped )", record["message"])
            )
        )
        if showing:
            out.write(line)
            out.flush()


def main(argv):
    if len(argv) == 3 and argv[1] == "filter":
        addons = [name for name in argv[2].split(",") if name]
        live_filter(sys.stdin, addons, sys.stdout)
        return 0
    if len(argv) == 3 and argv[1] == "results":
        with open(argv[2], encoding="utf-8", errors="replace") as handle:
            found = results(handle)
        print("none" if found is None else " ".join(str(value) for value in found))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
