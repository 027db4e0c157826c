# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The form checks of the models (``hr.manager.community.form.mixin`` and the
``_form_*`` methods): the portal shows their errors, the backend gets the
same limits through the constraint, and no raw value makes them raise."""

from io import BytesIO

from werkzeug.datastructures import FileStorage

from odoo.exceptions import ValidationError
from odoo.tests.common import tagged

from ..models.text_limits import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, parse_ids
from .common_action_plan import ActionPlanCase

BAD_IDS = ("abc", "-1", "0", "\u00b2", "1.5", " ", "99999999999999999999")


@tagged("post_install", "-at_install")
class TestFormChecks(ActionPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Situation = cls.env["hr.manager.community.situation"]
        # The other members were made active before the pact rule (as in an
        # upgraded database): they still have to accept it.
        cls._accept_pacts(cls.members, False)
        cls.members[0].with_user(cls.author).action_accept_pact()
        cls.memberships = cls.members[0]

    def situation_raw(self, **values):
        return dict(
            {"name": "A title", "kind": "difficulty", "description": "Text"}, **values
        )

    def test_limits_come_from_the_field_types(self):
        self.assertEqual(
            self.Situation._text_limits(),
            {
                "name": NAME_MAX_LENGTH,
                "description": TEXT_MAX_LENGTH,
                "help_wanted": TEXT_MAX_LENGTH,
                "analysis_individual": TEXT_MAX_LENGTH,
                "analysis_interpersonal": TEXT_MAX_LENGTH,
                "analysis_managerial": TEXT_MAX_LENGTH,
                "analysis_organisational": TEXT_MAX_LENGTH,
                "synthesis": TEXT_MAX_LENGTH,
                "learnings": TEXT_MAX_LENGTH,
            },
        )
        self.assertEqual(
            self.Action._text_limits(),
            {"name": NAME_MAX_LENGTH, "detail": TEXT_MAX_LENGTH},
        )
        self.assertEqual(self.Progress._text_limits(), {"note": TEXT_MAX_LENGTH})
        self.assertEqual(
            set(self.env["hr.manager.community.feedback"]._text_limits()),
            {"name", "description", "recommendation", "measure"},
        )

    def test_backend_and_form_give_the_same_message(self):
        raw = self.situation_raw(name="T" * (NAME_MAX_LENGTH + 1))
        result = self.Situation.with_user(self.author)._form_situation(
            raw, memberships=self.memberships
        )
        with self.assertRaises(ValidationError) as caught:
            self._create_situation(name="T" * (NAME_MAX_LENGTH + 1))
        self.assertEqual(result.errors["name"], caught.exception.args[0])
        self.assertIn(
            f"limited to {NAME_MAX_LENGTH} characters", caught.exception.args[0]
        )
        action = self._create_action()
        with self.assertRaisesRegex(ValidationError, f"limited to {TEXT_MAX_LENGTH}"):
            action.with_user(self.author).detail = "x" * (TEXT_MAX_LENGTH + 1)
        with self.assertRaisesRegex(ValidationError, f"limited to {TEXT_MAX_LENGTH}"):
            self._add_progress(action, note="x" * (TEXT_MAX_LENGTH + 1))
        with self.assertRaisesRegex(ValidationError, f"limited to {NAME_MAX_LENGTH}"):
            self.env["hr.manager.community.feedback"].create(
                {"community_id": self.community.id, "name": "T" * 121}
            )

    def test_situation_form_cleans_the_raw_values(self):
        factors = self.env["hr.psychosocial.factor"].search([], limit=2)
        raw = self.situation_raw(
            name="Two\r\nlines\x00",
            description="bell\x07 and\ttab\r\nnext",
            help_wanted=FileStorage(BytesIO(b"a file"), filename="a.txt"),
            analysis_individual=["a", "list"],
            factor_ids=[str(f.id) for f in factors],
            state="closed",
            learnings="forged",
        )
        values, errors, form = self.Situation.with_user(self.author)._form_situation(
            raw, memberships=self.memberships
        )
        self.assertFalse(errors)
        self.assertEqual(values["name"], "Two lines")
        self.assertEqual(values["description"], "bell and\ttab\nnext")
        self.assertFalse(values["help_wanted"])
        self.assertFalse(values["analysis_individual"])
        self.assertEqual(values["member_id"], self.members[0].id)
        self.assertNotIn("state", values)
        self.assertNotIn("learnings", values)
        self.assertEqual(form["factor_ids"], set(factors.ids))
        situation = self.Situation.with_user(self.author).create(values)
        self.assertEqual(situation.factor_ids, factors)

    def test_situation_form_errors(self):
        Situation = self.Situation.with_user(self.author)
        cases = (
            ({"name": "  "}, "name", "Give the situation a title."),
            ({"kind": "weird"}, "kind", "Choose the kind of situation in the list."),
            ({"kind": ["difficulty"]}, "kind", "in the list"),
            (
                {"description": "x" * (TEXT_MAX_LENGTH + 1)},
                "description",
                f"limited to {TEXT_MAX_LENGTH} characters",
            ),
            (
                {"community_id": str(self.community_other.id)},
                "community_id",
                "Choose one of your communities.",
            ),
            (
                {"community_id": "abc"},
                "community_id",
                "Choose one of your communities.",
            ),
        )
        for values, field, message in cases:
            result = Situation._form_situation(
                self.situation_raw(**values), memberships=self.memberships
            )
            self.assertIn(message, result.errors.get(field, ""), values)
        for bad in BAD_IDS + ("999999999",):
            result = Situation._form_situation(
                self.situation_raw(factor_ids=[bad]), memberships=self.memberships
            )
            self.assertEqual(
                result.errors.get("factor_ids"), "Choose the factors in the list.", bad
            )
        result = Situation._form_situation(
            self.situation_raw(factor_ids=FileStorage(BytesIO(b"x"), filename="f")),
            memberships=self.memberships,
        )
        self.assertIn("factor_ids", result.errors)
        # Exact limits pass.
        result = Situation._form_situation(
            self.situation_raw(
                name="T" * NAME_MAX_LENGTH, description="x" * TEXT_MAX_LENGTH
            ),
            memberships=self.memberships,
        )
        self.assertFalse(result.errors)

    def test_situation_form_needs_the_pact(self):
        newcomer = self.members[2]
        result = self.Situation.with_user(newcomer.user_id)._form_situation(
            self.situation_raw(), memberships=newcomer
        )
        self.assertIn("Accept the confidentiality pact", result.errors["community_id"])
        # Saving a draft is allowed, submitting it is not.
        draft = self._create_situation(member=newcomer)
        Situation = self.Situation.with_user(newcomer.user_id)
        self.assertFalse(
            Situation._form_situation(self.situation_raw(), situation=draft).errors
        )
        result = Situation._form_situation(
            self.situation_raw(submit="1"), situation=draft
        )
        self.assertIn("Accept the confidentiality pact", result.errors["_global"])
        # Once the pact is accepted, the draft is submitted.
        draft = self._create_situation()
        result = self.Situation.with_user(self.author)._form_situation(
            self.situation_raw(submit="1"), situation=draft
        )
        self.assertFalse(result.errors)

    def test_pact_error(self):
        Situation = self.Situation.with_user(self.author)
        self.assertIsNone(Situation._pact_error(self.members[0]))
        self.assertEqual(
            Situation._pact_error(self.members[2]),
            Situation._pact_required_message(),
        )
        # No membership (none of the user's communities) has no pact either;
        # the form reports the wrong community first.
        self.assertTrue(Situation._pact_error(self.members.browse()))
        result = Situation._form_situation(
            self.situation_raw(community_id=str(self.community_other.id)),
            memberships=self.memberships,
        )
        self.assertEqual(
            result.errors["community_id"], "Choose one of your communities."
        )

    def test_reader_keeps_the_first_error(self):
        reader = self.Situation._form_reader({})
        reader.error("name", None)
        self.assertEqual(reader.errors, {})
        reader.error("name", "First")
        reader.error("name", "Second")
        self.assertEqual(reader.result().errors, {"name": "First"})

    def test_new_action_form(self):
        Action = self.Action.with_user(self.author)
        values, errors, form = Action._form_new_action(
            {
                "name": " Talk\nto A ",
                "detail": "Once a week",
                "level": "organisational",
                "date_deadline": "2030-06-30",
                "share_with_group": "1",
            }
        )
        self.assertFalse(errors)
        self.assertEqual(values["name"], "Talk to A")
        self.assertEqual(str(values["date_deadline"]), "2030-06-30")
        self.assertTrue(values["share_with_group"])
        self.assertFalse(values["bring_to_review"])
        for raw, field, message in (
            ({"name": ""}, "name", "Give the action a title."),
            ({"level": "cosmic"}, "level", "Choose the level in the list."),
            ({"date_deadline": "2030-13-45"}, "date_deadline", "as a date"),
            ({"date_deadline": "<script>"}, "date_deadline", "as a date"),
            (
                {"name": "T" * (NAME_MAX_LENGTH + 1)},
                "name",
                f"limited to {NAME_MAX_LENGTH} characters",
            ),
        ):
            result = Action._form_new_action(
                dict({"name": "A", "level": "managerial"}, **raw)
            )
            self.assertIn(message, result.errors.get(field, ""), raw)
            self.assertEqual(result.form[field], raw[field].replace("\n", " "))

    def test_progress_sharing_and_plan_forms(self):
        Progress = self.Progress.with_user(self.author)
        self.assertEqual(
            Progress._form_progress({"note": " \r\n "}).errors["note"],
            "Write what you did or learnt.",
        )
        self.assertEqual(
            Progress._form_progress({"note": "Done\r\nwell"}).values,
            {"note": "Done\nwell"},
        )
        self.assertEqual(
            self.Action._form_sharing(
                {"share_with_group": "1", "state": "done"}
            ).values,
            {"share_with_group": True, "bring_to_review": False},
        )
        Plan = self.Plan.with_user(self.author)
        self.assertEqual(
            Plan._form_share({"share": "1"}).values, {"share_with_facilitator": True}
        )
        for raw in ({}, {"share": "yes"}, {"share": ["1"]}):
            self.assertEqual(
                Plan._form_share(raw).values, {"share_with_facilitator": False}, raw
            )

    def test_parse_ids(self):
        self.assertEqual(parse_ids(["1", " 42 "]), [1, 42])
        self.assertEqual(parse_ids([]), [])
        for bad in BAD_IDS + (None, 3):
            self.assertIsNone(parse_ids([bad]), bad)
