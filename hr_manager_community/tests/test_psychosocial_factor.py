# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger

MODULE = "hr_manager_community"


@tagged("post_install", "-at_install")
class TestPsychosocialFactor(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Factor = cls.env["hr.psychosocial.factor"].with_context(active_test=False)
        cls.gollac_intensity = cls.env.ref(f"{MODULE}.factor_gollac_intensity")
        cls.gollac_autonomy = cls.env.ref(f"{MODULE}.factor_gollac_autonomy")
        cls.inrs_intensity = cls.env.ref(f"{MODULE}.factor_inrs_family_intensity")
        cls.inrs_time_pressure = cls.env.ref(f"{MODULE}.factor_inrs_time_pressure")
        cls.hse_demands = cls.env.ref(f"{MODULE}.factor_hse_demands")
        cls.hse_control = cls.env.ref(f"{MODULE}.factor_hse_control")
        cls.iso_workload = cls.env.ref(f"{MODULE}.factor_iso_workload")
        cls.iso_job_control = cls.env.ref(f"{MODULE}.factor_iso_job_control")

    def _shipped_factors(self):
        """The factors shipped by this module's taxonomy data file."""
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", MODULE),
                ("model", "=", "hr.psychosocial.factor"),
                ("name", "=like", "factor\\_%"),
            ]
        )
        return self.Factor.browse(data.mapped("res_id"))

    def _framework(self, framework):
        return self._shipped_factors().filtered(lambda f: f.framework == framework)

    # ------------------------------------------------------------------
    # Shipped data
    # ------------------------------------------------------------------

    def test_gollac_families(self):
        gollac = self._framework("gollac")
        self.assertEqual(len(gollac), 6)
        self.assertFalse(gollac.parent_id, "Gollac families are top-level records")
        self.assertEqual(
            sorted(gollac.mapped("code")), [f"GOLLAC-{i}" for i in range(1, 7)]
        )
        self.assertEqual(self.gollac_intensity.name, "Work intensity and working time")

    def test_hse_standards(self):
        hse = self._framework("hse")
        self.assertEqual(
            set(hse.mapped("code")),
            {
                "HSE-DEMANDS",
                "HSE-CONTROL",
                "HSE-SUPPORT",
                "HSE-RELATIONSHIPS",
                "HSE-ROLE",
                "HSE-CHANGE",
            },
        )
        self.assertEqual(self.hse_demands.direction, "constraint")
        self.assertEqual(self.hse_control.direction, "resource")
        self.assertEqual(
            self.env.ref(f"{MODULE}.factor_hse_support").direction, "resource"
        )
        self.assertTrue(all(hse.mapped("description")))

    def test_inrs_criteria(self):
        inrs = self._framework("inrs")
        families = inrs.filtered(lambda f: not f.parent_id)
        criteria = inrs - families
        self.assertEqual(len(families), 6, "One INRS family per Gollac axis")
        self.assertEqual(len(criteria), 18)
        self.assertEqual(criteria.parent_id, families)
        self.assertEqual(set(criteria.parent_id.mapped("framework")), {"inrs"})
        self.assertEqual(self.inrs_time_pressure.parent_id, self.inrs_intensity)
        self.assertEqual(self.inrs_time_pressure.code, "INRS-1.2")
        self.assertEqual(self.inrs_time_pressure.direction, "constraint")
        for xmlid in (
            "inrs_task_autonomy",
            "inrs_colleague_support",
            "inrs_recognition",
        ):
            self.assertEqual(
                self.env.ref(f"{MODULE}.factor_{xmlid}").direction, "resource", xmlid
            )
        # Each INRS family is linked to the Gollac family it mirrors.
        for family in families:
            gollac = family.equivalent_ids.filtered(lambda f: f.framework == "gollac")
            self.assertEqual(len(gollac), 1, family.code)
            self.assertEqual(gollac.name, family.name)

    def test_iso_headings(self):
        iso = self._framework("iso45003")
        headings = iso.filtered(lambda f: not f.parent_id)
        self.assertEqual(len(headings), 3)
        organisation = self.env.ref(f"{MODULE}.factor_iso_work_organization")
        social = self.env.ref(f"{MODULE}.factor_iso_social_factors")
        self.assertEqual(len(organisation.child_ids), 8)
        self.assertEqual(len(social.child_ids), 12)
        self.assertIn(self.iso_workload, organisation.child_ids)
        self.assertEqual(
            self.iso_workload.complete_name,
            "Aspects of how work is organized / Workload and work pace",
        )

    def test_every_factor_has_code_and_direction(self):
        factors = self._shipped_factors()
        self.assertGreaterEqual(len(factors), 59)
        for factor in factors:
            self.assertTrue(factor.code, factor.name)
            self.assertIn(factor.direction, ("constraint", "resource"), factor.code)
            self.assertTrue(factor.description, factor.code)

    def test_shipped_crosswalk(self):
        self.assertIn(self.hse_demands, self.gollac_intensity.equivalent_ids)
        self.assertIn(self.iso_workload, self.gollac_intensity.equivalent_ids)
        self.assertIn(self.inrs_intensity, self.gollac_intensity.equivalent_ids)
        self.assertIn(self.hse_control, self.gollac_autonomy.equivalent_ids)
        self.assertIn(self.iso_job_control, self.hse_control.equivalent_ids)
        factors = self._shipped_factors()
        for factor in factors:
            for other in factor.equivalent_ids:
                self.assertIn(
                    factor,
                    other.equivalent_ids,
                    f"{factor.code} -> {other.code} has no way back",
                )
                self.assertNotEqual(factor.framework, other.framework)
        for framework in ("gollac", "inrs", "hse", "iso45003"):
            self.assertTrue(
                self._framework(framework).equivalent_ids,
                f"{framework} is not linked by the crosswalk",
            )

    # ------------------------------------------------------------------
    # Symmetric crosswalk
    # ------------------------------------------------------------------

    def test_crosswalk_symmetric_on_create_and_write(self):
        new = self.Factor.create(
            {
                "name": "Night work",
                "code": "ISO45003-TEST",
                "framework": "iso45003",
                "direction": "constraint",
                "equivalent_ids": [Command.link(self.hse_demands.id)],
            }
        )
        self.assertIn(new, self.hse_demands.equivalent_ids)

        new.write({"equivalent_ids": [Command.link(self.gollac_intensity.id)]})
        self.assertIn(new, self.gollac_intensity.equivalent_ids)
        self.assertIn(new, self.hse_demands.equivalent_ids)

        new.write({"equivalent_ids": [Command.unlink(self.hse_demands.id)]})
        self.assertNotIn(new, self.hse_demands.equivalent_ids)
        self.assertIn(new, self.gollac_intensity.equivalent_ids)

        new.write({"equivalent_ids": [Command.set([self.inrs_time_pressure.id])]})
        self.assertNotIn(new, self.gollac_intensity.equivalent_ids)
        self.assertIn(new, self.inrs_time_pressure.equivalent_ids)

        # Writing from the other side is mirrored too.
        self.inrs_time_pressure.write({"equivalent_ids": [Command.unlink(new.id)]})
        self.assertFalse(new.equivalent_ids)

        self.hse_demands.write({"equivalent_ids": [Command.link(new.id)]})
        self.assertEqual(new.equivalent_ids, self.hse_demands)

        new.unlink()
        self.assertTrue(self.hse_demands.exists())
        self.env.invalidate_all()
        self.assertNotIn(new.id, self.hse_demands.equivalent_ids.ids)

    def test_crosswalk_keeps_archived_links(self):
        self.iso_workload.active = False
        self.gollac_intensity.write(
            {"equivalent_ids": [Command.unlink(self.hse_demands.id)]}
        )
        self.iso_workload.active = True
        self.assertIn(self.iso_workload, self.gollac_intensity.equivalent_ids)
        self.assertIn(self.gollac_intensity, self.iso_workload.equivalent_ids)
        self.assertNotIn(self.gollac_intensity, self.hse_demands.equivalent_ids)

    def test_crosswalk_links_other_frameworks_only(self):
        with self.assertRaises(ValidationError):
            self.gollac_intensity.write(
                {"equivalent_ids": [Command.link(self.gollac_autonomy.id)]}
            )
        with self.assertRaises(ValidationError):
            self.gollac_intensity.write(
                {"equivalent_ids": [Command.link(self.gollac_intensity.id)]}
            )

    # ------------------------------------------------------------------
    # Hierarchy
    # ------------------------------------------------------------------

    def test_recursion_forbidden(self):
        # The parent store refuses the loop ("Recursion Detected.") before
        # _check_parent_id does: accept either, both are user errors.
        with self.assertRaises(UserError) as error:
            self.inrs_intensity.parent_id = self.inrs_time_pressure
        self.assertRegex(str(error.exception), "(?i)recursi")
        with self.assertRaises(UserError) as error:
            self.inrs_intensity.parent_id = self.inrs_intensity
        self.assertRegex(str(error.exception), "(?i)recursi")
        self.assertFalse(self.inrs_intensity.parent_id)

    def test_parent_in_same_framework(self):
        with self.assertRaises(ValidationError) as error:
            self.Factor.create(
                {
                    "name": "Cross-framework child",
                    "code": "ISO45003-TEST",
                    "framework": "iso45003",
                    "direction": "constraint",
                    "parent_id": self.gollac_intensity.id,
                }
            )
        self.assertIn("same framework", str(error.exception))
        self.assertIn(
            "[GOLLAC-1] Work intensity and working time", str(error.exception)
        )
        with self.assertRaises(ValidationError) as error:
            self.inrs_time_pressure.parent_id = self.gollac_intensity
        self.assertIn("same framework", str(error.exception))
        # Moving a parent to another framework would strand its children.
        with self.assertRaises(ValidationError) as error:
            self.inrs_intensity.framework = "gollac"
        self.assertIn("same framework", str(error.exception))
        self.assertEqual(self.inrs_time_pressure.parent_id, self.inrs_intensity)
        self.assertEqual(self.inrs_intensity.framework, "inrs")

    def test_complete_name_follows_parent(self):
        self.inrs_intensity.name = "Intensity"
        self.assertEqual(
            self.inrs_time_pressure.complete_name, "Intensity / Time pressure"
        )

    def test_onchange_parent_sets_framework(self):
        with Form(self.env["hr.psychosocial.factor"]) as form:
            form.name = "Overtime"
            form.code = "INRS-1.9"
            form.parent_id = self.inrs_intensity
            self.assertEqual(form.framework, "inrs")
        self.assertEqual(form.record.framework, "inrs")

    # ------------------------------------------------------------------
    # Codes, names and search
    # ------------------------------------------------------------------

    def test_code_unique_per_framework(self):
        # The same code is accepted in another framework.
        other = self.Factor.create(
            {"name": "Same code", "code": "GOLLAC-1", "framework": "hse"}
        )
        self.assertEqual(other.code, "GOLLAC-1")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Factor.create(
                {"name": "Duplicate", "code": "GOLLAC-1", "framework": "gollac"}
            )
            self.env.flush_all()

    def test_copy_gets_new_code(self):
        copy = self.inrs_time_pressure.copy()
        self.assertEqual(copy.code, "INRS-1.2 (copy)")
        self.assertEqual(copy.parent_id, self.inrs_intensity)
        self.assertFalse(copy.equivalent_ids)

    def test_display_name_and_name_search(self):
        self.assertEqual(
            self.inrs_time_pressure.display_name, "[INRS-1.2] Time pressure"
        )
        results = self.env["hr.psychosocial.factor"].name_search("INRS-1.2")
        self.assertIn(self.inrs_time_pressure.id, [res_id for res_id, _name in results])
        self.assertIn(
            (self.hse_demands.id, "[HSE-DEMANDS] Demands"),
            self.env["hr.psychosocial.factor"].name_search("HSE-DEMANDS"),
        )
        results = self.env["hr.psychosocial.factor"].name_search("Time pressure")
        self.assertIn(self.inrs_time_pressure.id, [res_id for res_id, _name in results])

    # ------------------------------------------------------------------
    # Translations
    # ------------------------------------------------------------------

    def test_french_translation(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], ["fr_FR"], overwrite=True
        )
        fr_gollac = self.gollac_intensity.with_context(lang="fr_FR")
        self.assertEqual(fr_gollac.name, "Intensité et temps de travail")
        self.assertTrue(fr_gollac.description.startswith("Quantité et complexité"))
        self.assertEqual(
            self.inrs_time_pressure.with_context(lang="fr_FR").name,
            "Pression temporelle",
        )
        self.assertEqual(self.hse_demands.with_context(lang="fr_FR").name, "Exigences")
        self.assertEqual(self.gollac_intensity.name, "Work intensity and working time")
        field = self.env["ir.model.fields"]._get("hr.psychosocial.factor", "direction")
        self.assertEqual(field.with_context(lang="fr_FR").field_description, "Effet")
