"""Every addon's manifest and packaging follow the OCA conventions for 18.0."""

import re

import pytest
from _repo import (
    EXPECTED_ADDONS,
    ROOT,
    addon_dirs,
    manifest_or_empty,
    read_manifest,
    rel,
)

ADDONS = addon_dirs()
ADDON_IDS = [addon.name for addon in ADDONS]

VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
ALLOWED_LICENSES = {"LGPL-3", "AGPL-3"}
REQUIRED_KEYS = ("name", "version", "license", "author", "depends", "installable")
REQUIRED_AUTHOR = "Manager Communities contributors"


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


def _declared_files():
    """(addon, manifest key, relative path) of each data and demo file listed."""
    triples = []
    for addon in ADDONS:
        manifest = manifest_or_empty(addon)
        for key in ("data", "demo"):
            for relpath in manifest.get(key, []):
                triples.append((addon, key, relpath))
    return triples


def test_expected_addons_present():
    names = {addon.name for addon in ADDONS}
    missing = sorted(set(EXPECTED_ADDONS) - names)
    assert not missing, f"addons without __manifest__.py at {ROOT}: {missing}"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_is_a_literal_dict(addon):
    manifest = read_manifest(addon)
    assert manifest, f"{addon.name}/__manifest__.py is empty"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_required_keys(addon):
    manifest = manifest_or_empty(addon)
    missing = [key for key in REQUIRED_KEYS if key not in manifest]
    assert not missing, f"{addon.name}: manifest lacks {missing}"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_version(addon):
    version = manifest_or_empty(addon).get("version", "")
    assert VERSION_RE.match(version), (
        f"{addon.name}: version {version!r} is not 18.0.x.y.z"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_license(addon):
    license_ = manifest_or_empty(addon).get("license")
    assert license_ in ALLOWED_LICENSES, (
        f"{addon.name}: license {license_!r} is not one of {sorted(ALLOWED_LICENSES)}"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_manifest_author(addon):
    author = manifest_or_empty(addon).get("author", "")
    assert isinstance(author, str), f"{addon.name}: author must be one string"
    authors = [name.strip() for name in author.split(",")]
    assert REQUIRED_AUTHOR in authors, (
        f"{addon.name}: author {author!r} does not include {REQUIRED_AUTHOR!r}"
    )


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
    "addon,key,relpath",
    _declared_files(),
    ids=[f"{a.name}:{key}:{path}" for a, key, path in _declared_files()],
)
def test_declared_file_exists(addon, key, relpath):
    path = addon / relpath
    assert path.is_file(), f"{addon.name}: manifest {key!r} lists {relpath}, missing"


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_declared_files_listed_once(addon):
    manifest = manifest_or_empty(addon)
    listed = list(manifest.get("data", [])) + list(manifest.get("demo", []))
    duplicates = sorted({path for path in listed if listed.count(path) > 1})
    assert not duplicates, f"{addon.name}: files listed twice: {duplicates}"


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
