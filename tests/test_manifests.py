"""Every addon's manifest and packaging follow the OCA conventions for 18.0.

What the maintained tools of setup/test check is not repeated here: the manifest's
syntax (oca-checks-odoo-module manifest-syntax-error), its required keys, version,
licence and author (pylint-odoo manifest-required-key, manifest-version-format,
license-allowed, manifest-required-author, see .pylintrc; licence compatibility:
manifestoo check-licenses), and the data files it lists (pylint-odoo
resource-not-exist, manifest-data-duplicated; oca-checks-odoo-module file-not-used).
"""

import pytest
from _repo import (
    EXPECTED_ADDONS,
    ROOT,
    addon_dirs,
    manifest_or_empty,
    rel,
)

ADDONS = addon_dirs()
ADDON_IDS = [addon.name for addon in ADDONS]


def _packaging_files():
    """(addon, relative path) of the files each addon must ship besides its code."""
    pairs = []
    for addon in ADDONS:
        for relpath in (
            "pyproject.toml",
            "readme/DESCRIPTION.md",
            "static/description/icon.png",
            f"i18n/{addon.name}.pot",
        ):
            pairs.append((addon, relpath))
    return pairs


def test_expected_addons_present():
    names = {addon.name for addon in ADDONS}
    missing = sorted(set(EXPECTED_ADDONS) - names)
    assert not missing, f"addons without __manifest__.py at {ROOT}: {missing}"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_depends(addon):
    depends = manifest_or_empty(addon).get("depends")
    assert isinstance(depends, list) and depends, (
        f"{addon.name}: depends must be a non-empty list"
    )
    assert all(isinstance(name, str) and name for name in depends)
    assert len(set(depends)) == len(depends), f"{addon.name}: duplicate depends"
    assert addon.name not in depends, f"{addon.name} depends on itself"


@pytest.mark.parametrize(
    "addon,relpath",
    _packaging_files(),
    ids=[f"{a.name}:{path}" for a, path in _packaging_files()],
)
def test_packaging_file_exists(addon, relpath):
    path = addon / relpath
    assert path.is_file(), f"missing {rel(path)}"
    assert path.stat().st_size > 0, f"{rel(path)} is empty"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_pyproject_builds_with_whool(addon):
    path = addon / "pyproject.toml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert 'build-backend = "whool.buildapi"' in text, f"{rel(path)}: not whool"
    assert 'requires = ["whool"]' in text, f"{rel(path)}: whool not required"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_icon_is_a_png(addon):
    path = addon / "static/description/icon.png"
    header = path.read_bytes()[:8] if path.is_file() else b""
    assert header == b"\x89PNG\r\n\x1a\n", f"{rel(path)} is not a PNG file"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_pot_is_this_addons_template(addon):
    path = addon / "i18n" / f"{addon.name}.pot"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert 'msgid ""' in text, f"{rel(path)}: missing or not a gettext template"
    assert f"#. module: {addon.name}\n" in text, (
        f"{rel(path)}: no entry for module {addon.name}"
    )
