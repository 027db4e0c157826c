"""Every `.sudo(` in the addons' code is justified (DESIGN.md section 5).

In controllers/, report/, models/ and wizards/, every `.sudo(` needs a justification
comment `# sudo: <why>` on the same line or on one of the 2 lines above: sudo() may only
read what the confidentiality table already allows, and the comment says why.

The other forbidden patterns are left to the linters setup/test runs: print() to
pylint-odoo (print-used), debuggers to ruff (T100, and TID251 for wdb; see .ruff.toml),
cr.commit() to pylint-odoo (invalid-commit).
"""

import re

import pytest
from _repo import addon_files, rel

SUDO_DIRS = ("controllers", "report", "models", "wizards")
SUDO_FILES = [path for folder in SUDO_DIRS for path in addon_files(".py", folder)]

SUDO_CALL = re.compile(r"\.sudo\(")
SUDO_JUSTIFICATION = re.compile(r"#\s*sudo:\s*\S", re.IGNORECASE)


def unjustified_sudo_lines(source):
    """Line numbers (1-based) of `.sudo(` calls without a `# sudo: <why>` comment on the
    same line or on one of the 2 lines above."""
    lines = source.splitlines()
    flagged = []
    for index, line in enumerate(lines):
        code = line.split("#", 1)[0]
        if not SUDO_CALL.search(code):
            continue
        window = lines[max(0, index - 2) : index + 1]
        if not any(SUDO_JUSTIFICATION.search(text) for text in window):
            flagged.append(index + 1)
    return flagged


def _read(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SUDO_FILES, ids=[rel(p) for p in SUDO_FILES])
def test_sudo_is_justified(path):
    flagged = unjustified_sudo_lines(_read(path))
    assert not flagged, (
        f"{rel(path)}: .sudo( without a '# sudo: <why>' comment (same line or 2 above) "
        f"at lines {flagged}"
    )


# The checker itself, on known good and bad snippets.


def test_sudo_checker_flags_unjustified_call():
    source = (
        "def page(self):\n"
        "    situations = request.env['hr.manager.community.situation'].sudo()\n"
        "    return situations\n"
    )
    assert unjustified_sudo_lines(source) == [2]


def test_sudo_checker_accepts_justified_calls():
    source = (
        "def page(self):\n"
        "    # sudo: the record rules already let this member read the community name\n"
        "    community = member.community_id.sudo()\n"
        "    name = community.name\n"
        "    other = x.sudo()  # sudo: counts only, no text\n"
        "    # sudo: the portal user reads their own attendance\n"
        "    # (computed on the session)\n"
        "    attendance = session.sudo()._my_attendance()\n"
    )
    assert unjustified_sudo_lines(source) == []


def test_sudo_checker_window_is_two_lines():
    source = (
        "# sudo: too far above\n"
        "a = 1\n"
        "b = 2\n"
        "records = model.sudo().search([])\n"
        "# x.sudo() in a comment is not a call\n"
        "# sudo without colon does not justify\n"
        "y = model.sudo()\n"
    )
    assert unjustified_sudo_lines(source) == [4, 7]
