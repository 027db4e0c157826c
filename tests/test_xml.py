"""Every XML file of the addons parses, and data files do not define an XML id twice."""

from collections import defaultdict

import pytest
from _repo import addon_dirs, addon_files, manifest_or_empty, rel

try:
    from lxml import etree
except ImportError:  # pragma: no cover - lxml comes with Odoo
    import xml.etree.ElementTree as etree

XML_FILES = addon_files(".xml")
ADDONS = addon_dirs()

# Elements whose id attribute creates an XML id (ir.model.data).
ID_TAGS = {"record", "template", "menuitem", "report", "act_window", "function"}


def _data_files(addon):
    """The XML files an addon's manifest loads (data and demo)."""
    manifest = manifest_or_empty(addon)
    listed = list(manifest.get("data", [])) + list(manifest.get("demo", []))
    return [addon / path for path in listed if path.endswith(".xml")]


def duplicate_ids(files):
    """{xml id: [files]} for the ids defined more than once across `files`."""
    seen = defaultdict(list)
    for path in files:
        root = etree.parse(str(path)).getroot()
        for element in root.iter():
            if element.tag in ID_TAGS and element.get("id"):
                seen[element.get("id")].append(path.name)
    return {xmlid: names for xmlid, names in seen.items() if len(names) > 1}


@pytest.mark.parametrize("path", XML_FILES, ids=[rel(p) for p in XML_FILES])
def test_xml_parses(path):
    root = etree.parse(str(path)).getroot()
    assert root is not None, f"{rel(path)} has no root element"


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_data_files_are_odoo_documents(addon):
    wrong = []
    for path in _data_files(addon):
        if path.is_file() and etree.parse(str(path)).getroot().tag != "odoo":
            wrong.append(rel(path))
    assert not wrong, f"data files whose root element is not <odoo>: {wrong}"


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_no_duplicate_xml_ids(addon):
    files = [path for path in _data_files(addon) if path.is_file()]
    duplicates = duplicate_ids(files)
    assert not duplicates, f"{addon.name}: XML ids defined twice: {duplicates}"


def test_duplicate_finder_on_example(tmp_path):
    first = tmp_path / "a.xml"
    second = tmp_path / "b.xml"
    first.write_text('<odoo><record id="x" model="m"/><menuitem id="y"/></odoo>')
    second.write_text('<odoo><template id="x"/><record id="z" model="m"/></odoo>')
    assert duplicate_ids([first, second]) == {"x": ["a.xml", "b.xml"]}
