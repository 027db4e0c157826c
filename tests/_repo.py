"""Shared helpers for the project-level checks: where the addons are and what they hold.

Nothing here imports Odoo: the checks read the files as text, ``ast`` and XML.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The addons DESIGN.md section 2 promises.
EXPECTED_ADDONS = (
    "hr_manager_community",
    "hr_manager_community_report",
    "hr_manager_community_charter",
)

# Folders that never hold addon code or data.
SKIPPED_DIRS = {"__pycache__", "node_modules", "build", "dist"}


def addon_dirs():
    """Every folder at the repository root that holds a ``__manifest__.py``."""
    return sorted(path.parent for path in ROOT.glob("*/__manifest__.py"))


def read_manifest(addon_dir):
    """The manifest as a dict (raises on a manifest that is not a literal dict)."""
    source = (addon_dir / "__manifest__.py").read_text(encoding="utf-8")
    manifest = ast.literal_eval(source)
    if not isinstance(manifest, dict):
        raise ValueError(f"{addon_dir.name}/__manifest__.py is not a dict")
    return manifest


def manifest_or_empty(addon_dir):
    """The manifest, or {} when it does not parse (oca-checks-odoo-module says so)."""
    try:
        return read_manifest(addon_dir)
    except (SyntaxError, ValueError):
        return {}


def addon_files(suffix, subdir=None):
    """Files ending with ``suffix`` in every addon, optionally only under ``subdir``."""
    found = []
    for addon in addon_dirs():
        base = addon / subdir if subdir else addon
        if not base.is_dir():
            continue
        for path in sorted(base.rglob(f"*{suffix}")):
            if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
                found.append(path)
    return found


def rel(path):
    """A path relative to the repository root, for readable test ids."""
    return str(Path(path).relative_to(ROOT))
