"""Patterns the project forbids in addon code (DESIGN.md section 5 and OCA rules).

- In controllers/ and report/, every `.sudo(` needs a justification comment
  `# sudo: <why>` on the same line or on one of the 2 lines above: sudo() there may only
  read what the confidentiality table already allows, and the comment says why.
- No print(), no debugger (pdb, ipdb, pudb, breakpoint()), no hand-made cr.commit().
"""

import ast
import re

import pytest
from _repo import addon_files, rel

PY_FILES = addon_files(".py")
SUDO_FILES = addon_files(".py", "controllers") + addon_files(".py", "report")

SUDO_CALL = re.compile(r"\.sudo\(")
SUDO_JUSTIFICATION = re.compile(r"#\s*sudo:\s*\S", re.IGNORECASE)
DEBUGGER_MODULES = {"pdb", "ipdb", "pudb", "wdb"}


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


def print_calls(source):
    """Line numbers of print(...) calls."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]


def debugger_uses(source):
    """Line numbers of debugger imports and breakpoint() calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            if any(a.name.split(".")[0] in DEBUGGER_MODULES for a in node.names):
                found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in DEBUGGER_MODULES:
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "breakpoint"
        ):
            found.append(node.lineno)
    return found


def _is_cursor(node):
    """cr, self.cr, self._cr, env.cr, self.env.cr, request.env.cr ..."""
    if isinstance(node, ast.Name):
        return node.id in {"cr", "_cr", "cursor"}
    if isinstance(node, ast.Attribute):
        return node.attr in {"cr", "_cr"}
    return False


def cursor_commits(source):
    """Line numbers of <cursor>.commit() calls."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit"
        and _is_cursor(node.func.value)
    ]


def _read(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SUDO_FILES, ids=[rel(p) for p in SUDO_FILES])
def test_sudo_is_justified(path):
    flagged = unjustified_sudo_lines(_read(path))
    assert not flagged, (
        f"{rel(path)}: .sudo( without a '# sudo: <why>' comment (same line or 2 above) "
        f"at lines {flagged}"
    )


@pytest.mark.parametrize("path", PY_FILES, ids=[rel(p) for p in PY_FILES])
def test_no_print(path):
    lines = print_calls(_read(path))
    assert not lines, f"{rel(path)}: print() at lines {lines}; use a logger"


@pytest.mark.parametrize("path", PY_FILES, ids=[rel(p) for p in PY_FILES])
def test_no_debugger(path):
    lines = debugger_uses(_read(path))
    assert not lines, f"{rel(path)}: debugger left at lines {lines}"


@pytest.mark.parametrize("path", PY_FILES, ids=[rel(p) for p in PY_FILES])
def test_no_cursor_commit(path):
    lines = cursor_commits(_read(path))
    assert not lines, f"{rel(path)}: cr.commit() at lines {lines}; Odoo commits"


# The checkers themselves, on known good and bad snippets.


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


def test_print_checker():
    source = 'print("debug")\nlabel = "print(x)"\n_logger.info("ok")\n'
    assert print_calls(source) == [1]


def test_debugger_checker():
    source = (
        "import pdb\n"
        "from ipdb import set_trace\n"
        "import logging\n"
        "def f():\n"
        "    breakpoint()\n"
    )
    assert debugger_uses(source) == [1, 2, 5]


def test_commit_checker():
    source = (
        "self.env.cr.commit()\n"
        "self._cr.commit()\n"
        "cr.commit()\n"
        "request.env.cr.commit()\n"
        "repo.commit()\n"
        "self.env.cr.rollback()\n"
    )
    assert cursor_commits(source) == [1, 2, 3, 4]
