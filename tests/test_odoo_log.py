"""setup/test's reading of the Odoo log, on saved log snippets: the test counts and the
live filter of setup/odoo_log.py, and the allow-list setup/checklog-allow.txt as
checklog-odoo applies it (the same command line as setup/test's)."""

import importlib.util
import io
import re
import subprocess
import sys

from _repo import ROOT

_SPEC = importlib.util.spec_from_file_location(
    "odoo_log", ROOT / "setup" / "odoo_log.py"
)
odoo_log = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(odoo_log)
ALLOW_FILE = ROOT / "setup" / "checklog-allow.txt"

P = "2026-11-29 18:32:32,295 7653"  # date, time and pid of every line below
T = "odoo.addons.hr_manager_community.tests.test_a"  # a test module's logger


def rec(level, logger, message, db="mc_test_1"):
    """One Odoo log line."""
    return f"{P} {level} {db} {logger}: {message}\n"


PASSING_RUN = "".join(
    [
        "Running as user 'root' is a security risk.\n",
        rec("INFO", "odoo", "Odoo version 18.0", db="?"),
        rec("INFO", "odoo.modules.loading", "loading 1 modules..."),
        rec("INFO", T, "Starting TestA.test_x ..."),
        rec("INFO", T, "Starting TestA.test_y ..."),
        rec("INFO", T, "skipped TestA.test_y : no chromium"),
        rec("INFO", "odoo.service.server", "Starting post tests"),
        rec("INFO", "odoo.service.server", "3 post-tests in 1.20s, 300 queries"),
        rec(
            "INFO", "odoo.tests.stats", "hr_manager_community: 5 tests 2.10s 9 queries"
        ),
        rec(
            "INFO",
            "odoo.tests.result",
            "0 failed, 0 error(s) of 5 tests when loading database 'mc_test_1'",
        ),
        rec("INFO", "odoo.service.server", "Initiating shutdown"),
    ]
)

FAILING_RUN = "".join(
    [
        rec("INFO", T, "Starting TestA.test_x ..."),
        rec("INFO", T, "=" * 70),
        rec("ERROR", T, "FAIL: TestA.test_x"),
        "Traceback (most recent call last):\n",
        '  File "/repo/hr_manager_community/tests/test_a.py", line 9, in test_x\n',
        "    self.assertEqual(1, 2)\n",
        "AssertionError: 1 != 2\n",
        rec("ERROR", "unittest.suite", "ERROR: setUpClass (odoo.addons.x.tests.t.B)"),
        rec(
            "ERROR",
            "odoo.modules.loading",
            "Module hr_manager_community: 1 failures, 1 errors of 7 tests",
        ),
        rec("WARNING", "odoo.addons.hr_manager_community.models.x", "odd state"),
        rec("WARNING", "py.warnings", "/repo/x.py:3: DeprecationWarning: old API"),
        rec("CRITICAL", "odoo.service.server", "Failed to initialize database `x`."),
        rec(
            "ERROR",
            "odoo.modules.loading",
            "At least one test failed when loading the modules.",
        ),
        rec(
            "ERROR",
            "odoo.tests.result",
            "1 failed, 1 error(s) of 7 tests when loading database 'mc_test_1'",
        ),
    ]
)


def _lines(text):
    return io.StringIO(text).readlines()


def allow_list():
    """The allow-list's regexes, as setup/test reads them (no comment, no blank)."""
    lines = ALLOW_FILE.read_text(encoding="utf-8").splitlines()
    return [
        line for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]


def checklog(log, tmp_path, ignore):
    """The first lines of the records checklog-odoo fails, run as setup/test runs it."""
    path = tmp_path / "odoo.log"
    path.write_text(log, encoding="utf-8")
    args = [sys.executable, "-m", "checklog_odoo", "--no-echo"]
    for regex in ignore:
        args += ["--ignore", regex]
    done = subprocess.run(
        [*args, str(path)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    output = done.stdout + done.stderr
    if done.returncode == 0:
        return []
    assert "Errors detected in log." in output, output
    failing = output.split("errors that caused failure")[1]
    return [line for line in failing.splitlines() if line.startswith(P)]


def test_results_of_a_passing_run():
    assert odoo_log.results(_lines(PASSING_RUN)) == (5, 0, 0, 1)


def test_results_of_a_failing_run():
    assert odoo_log.results(_lines(FAILING_RUN)) == (7, 1, 1, 0)


def test_results_without_summary_line():
    crashed = (
        f"{P} CRITICAL db odoo.service.server: Failed to initialize database `db`.\n"
    )
    assert odoo_log.results(_lines(crashed)) is None


def test_results_of_zero_tests():
    line = rec("WARNING", "odoo.tests.result", "0 failed, 0 error(s) of 0 tests")
    assert odoo_log.results(_lines(line)) == (0, 0, 0, 0)


def test_allow_list_entries_are_regexes():
    entries = allow_list()
    assert entries
    for entry in entries:
        re.compile(entry, re.MULTILINE)
        assert entry.startswith("^\\S+ \\S+ \\d+ "), f"{entry}: no date/time/pid prefix"


def test_checklog_passing_run_is_clean(tmp_path):
    assert checklog(PASSING_RUN, tmp_path, allow_list()) == []


def test_checklog_flags_non_test_lines_only(tmp_path):
    bad = checklog(FAILING_RUN, tmp_path, allow_list())
    assert [line.split(" ", 4)[3] for line in bad] == ["WARNING", "WARNING", "CRITICAL"]
    assert "odd state" in bad[0]


def test_checklog_without_allow_list_flags_test_lines_too(tmp_path):
    assert len(checklog(FAILING_RUN, tmp_path, [])) == 8


def test_checklog_allow_list(tmp_path):
    allow = [
        *allow_list(),
        r"^\S+ \S+ \d+ WARNING \S+ py\.warnings: .*DeprecationWarning",
    ]
    bad = checklog(FAILING_RUN, tmp_path, allow)
    assert len(bad) == 2
    assert not any("DeprecationWarning" in line for line in bad)


def test_live_filter_keeps_the_important_lines():
    out = io.StringIO()
    odoo_log.live_filter(
        _lines(PASSING_RUN + FAILING_RUN), ["hr_manager_community"], out
    )
    shown = out.getvalue()
    assert "Starting TestA.test_x" in shown
    assert "skipped TestA.test_y" in shown
    assert "FAIL: TestA.test_x" in shown
    assert "AssertionError: 1 != 2" in shown  # traceback lines follow their record
    assert "odoo.tests.result: 1 failed" in shown
    assert "Odoo version 18.0" not in shown
    assert "security risk" not in shown
    assert "=" * 70 not in shown


WKHTMLTOPDF_NOTICE = (
    "wkhtmltopdf: The switch --header-spacing, is not support using unpatched qt, and "
    "will be ignored.The switch --footer-html, is not support using unpatched qt, and "
    "will be ignored.QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to "
    "'/tmp/runtime-root'"
)
REPORT_LOGGER = "odoo.addons.base.models.ir_actions_report"


def test_shipped_allow_list_accepts_unpatched_qt_notice(tmp_path):
    log = rec("WARNING", REPORT_LOGGER, WKHTMLTOPDF_NOTICE) + " \n"
    assert checklog(log, tmp_path, allow_list()) == []


def test_shipped_allow_list_still_flags_a_failing_wkhtmltopdf(tmp_path):
    log = (
        rec("WARNING", REPORT_LOGGER, WKHTMLTOPDF_NOTICE)
        + "Exit with code 1 due to network error: ConnectionRefusedError\n"
    )
    assert len(checklog(log, tmp_path, allow_list())) == 1


def test_shipped_allow_list_flags_our_addons_warnings(tmp_path):
    log = rec("WARNING", "odoo.addons.hr_manager_community.models.x", "odd state")
    assert len(checklog(log, tmp_path, allow_list())) == 1
