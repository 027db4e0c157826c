"""Every model an addon defines has access rights in that addon's ir.model.access.csv.

Odoo 18 refuses any access to a model without an ir.model.access line (TransientModels
included), so a model without one is unusable for everyone but the superuser.
"""

import ast
import csv

import pytest
from _repo import addon_dirs, rel

ADDONS = addon_dirs()
ADDON_IDS = [addon.name for addon in ADDONS]

CSV_COLUMNS = (
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
)
CONCRETE_BASES = {"Model", "TransientModel"}


def _base_name(node):
    """'Model' for `models.Model` or `Model`, else None."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _class_constants(cls):
    """The class-level `name = <literal>` assignments of a ClassDef."""
    values = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                try:
                    values[target.id] = ast.literal_eval(stmt.value)
                except ValueError:
                    continue
    return values


def models_defined_in(source):
    """Names of the concrete models a Python source defines.

    A class counts when it derives from models.Model or models.TransientModel, sets
    `_name`, and is not an extension of that same model (`_inherit` naming it) nor
    `_abstract`.
    """
    names = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        if not CONCRETE_BASES.intersection(_base_name(base) for base in node.bases):
            continue
        constants = _class_constants(node)
        name = constants.get("_name")
        if not isinstance(name, str) or constants.get("_abstract"):
            continue
        inherit = constants.get("_inherit") or []
        if isinstance(inherit, str):
            inherit = [inherit]
        if name in inherit:
            continue
        names.append(name)
    return names


def _defined_models():
    pairs = []
    for addon in ADDONS:
        for path in sorted(addon.rglob("*.py")):
            if "tests" in path.relative_to(addon).parts:
                continue  # test-only models are registered by odoo-test-helper
            try:
                source = path.read_text(encoding="utf-8")
                names = models_defined_in(source)
            except SyntaxError:
                continue  # ruff and the Odoo run report the syntax error
            pairs.extend((addon, name, path) for name in names)
    return pairs


def _access_rows(addon):
    path = addon / "security" / "ir.model.access.csv"
    if not path.is_file():
        return None, []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def _model_xmlid(model_name):
    return "model_" + model_name.replace(".", "_")


DEFINED = _defined_models()


@pytest.mark.parametrize(
    "addon,model,path",
    DEFINED,
    ids=[f"{addon.name}:{model}" for addon, model, _path in DEFINED],
)
def test_model_has_access_rights(addon, model, path):
    _header, rows = _access_rows(addon)
    wanted = _model_xmlid(model)
    # model_id:id may be written with or without the module prefix.
    found = [row for row in rows if row["model_id:id"].split(".")[-1] == wanted]
    assert found, (
        f"{model} (defined in {rel(path)}) has no line with model_id:id={wanted} "
        f"in {addon.name}/security/ir.model.access.csv"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_IDS)
def test_access_csv_is_well_formed(addon):
    header, rows = _access_rows(addon)
    if header is None:
        assert not [a for a, _m, _p in DEFINED if a == addon], (
            f"{addon.name} defines models but has no security/ir.model.access.csv"
        )
        return
    assert tuple(header) == CSV_COLUMNS, f"{addon.name}: CSV header is {header}"
    ids = [row["id"] for row in rows]
    duplicates = sorted({xmlid for xmlid in ids if ids.count(xmlid) > 1})
    assert not duplicates, f"{addon.name}: duplicate access ids {duplicates}"
    for row in rows:
        assert row["id"] and row["model_id:id"], f"{addon.name}: incomplete row {row}"
        for perm in ("perm_read", "perm_write", "perm_create", "perm_unlink"):
            assert row[perm] in ("0", "1"), (
                f"{addon.name}: {row['id']} has {perm}={row[perm]!r} (0 or 1)"
            )


def test_model_finder_on_examples():
    source = """
from odoo import models

class Concrete(models.Model):
    _name = "x.concrete"

class Wizard(models.TransientModel):
    _name = "x.wizard"

class Mixin(models.AbstractModel):
    _name = "x.mixin"

class Extension(models.Model):
    _inherit = "res.partner"

class SameNameExtension(models.Model):
    _name = "res.users"
    _inherit = ["res.users"]

class Prototype(models.Model):
    _name = "x.copy"
    _inherit = "x.concrete"

class Flagged(models.Model):
    _name = "x.flagged"
    _abstract = True
"""
    assert models_defined_in(source) == ["x.concrete", "x.wizard", "x.copy"]


def test_model_xmlid():
    assert _model_xmlid("hr.manager.community.member") == (
        "model_hr_manager_community_member"
    )
