#!/usr/bin/env python3
"""Reads the log of an Odoo test run, for setup/test. Needs no Odoo.

    odoo_log.py filter ADDON[,ADDON...]   stdin -> stdout: the lines worth showing live
    odoo_log.py checklog LOG ALLOW_FILE   the WARNING/ERROR/CRITICAL lines not allowed
    odoo_log.py results LOG               "tests failures errors skipped" or "none"

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

# Lines that report test outcomes: the test results count them, checklog does not count
# them a second time.
TEST_OUTCOME = [
    ("odoo.tests.result", re.compile(r"")),
    (
        "odoo.modules.loading",
        re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests"),
    ),
    (
        "odoo.modules.loading",
        re.compile(r"^At least one test failed when loading the modules"),
    ),
    (None, re.compile(r"^(FAIL|ERROR): ")),  # one per failing test, any test logger
]


def parse(line):
    match = LOG_LINE.match(line.rstrip("\n"))
    return match.groupdict() if match else None


def is_test_outcome(record):
    if record["level"] not in ("ERROR", "WARNING"):
        return False
    for logger, pattern in TEST_OUTCOME:
        if (logger is None or record["logger"] == logger) and pattern.search(
            record["message"]
        ):
            return True
    return False


def read_allow_list(path):
    """The regexes of the allow-list file: one per line, '#' starts a comment line."""
    patterns = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            try:
                patterns.append(re.compile(text))
            except re.error as exc:
                raise SystemExit(f"{path}:{number}: bad regex {text!r}: {exc}") from exc
    return patterns


def records(lines):
    """(first line, parsed record, whole text) for each record; the whole text is
    "<LEVEL> <logger>: <message>" followed by the record's continuation lines."""
    current = None
    for line in lines:
        record = parse(line)
        if record is None:
            if current:
                current[2].append(line.rstrip("\n"))
            continue
        if current:
            yield current[0], current[1], "\n".join(current[2])
        head = f"{record['level']} {record['logger']}: {record['message']}"
        current = (line.rstrip("\n"), record, [head])
    if current:
        yield current[0], current[1], "\n".join(current[2])


def checklog(lines, allow):
    """The first line of each WARNING/ERROR/CRITICAL record no allow-list regex matches.

    A regex is searched in the record's "<LEVEL> <logger>: <message>" (date, pid and
    database left out) followed by its continuation lines (a traceback, a multi-line
    message), so that `\\Z` can require that nothing else follows.
    """
    bad = []
    for first, record, text in records(lines):
        if record["level"] not in BAD_LEVELS or is_test_outcome(record):
            continue
        if not any(pattern.search(text) for pattern in allow):
            bad.append(first)
    return bad


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
    if len(argv) == 4 and argv[1] == "checklog":
        with open(argv[2], encoding="utf-8", errors="replace") as handle:
            bad = checklog(handle, read_allow_list(argv[3]))
        for line in bad:
            print(line)
        return 1 if bad else 0
    if len(argv) == 3 and argv[1] == "results":
        with open(argv[2], encoding="utf-8", errors="replace") as handle:
            found = results(handle)
        print("none" if found is None else " ".join(str(value) for value in found))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
