# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from odoo.addons.hr_manager_community.tests.test_workflow_mixin import (
    WorkflowTableMixin,
)

from .common import CharterCase


@tagged("post_install", "-at_install")
class TestPractice(WorkflowTableMixin, CharterCase):
    def _make_practice(self, state):
        practice = self._create_practice()
        if state != "proposed":
            self._force_state(practice, state)
        return practice.with_user(self.director)

    def assertReads(self, user, practice, expected):
        Practice = self.Practice.with_user(user)
        domain = [("id", "=", practice.id)]
        self.assertEqual(bool(Practice.search(domain)), expected, user.login)
        self.assertEqual(
            bool(Practice.read_group(domain, ["theme"], ["theme"])), expected
        )
        self.assertEqual(
            practice.id in [r[0] for r in Practice.name_search(practice.name)],
            expected,
        )
        if expected:
            self.assertEqual(
                practice.with_user(user).read(["name"])[0]["name"], practice.name
            )
        else:
            with self.assertRaises(AccessError):
                practice.with_user(user).read(["name"])

    # -------------------------------------------------------------- workflow

    def test_workflow_table(self):
        self._walk_table(
            self.Practice,
            self._make_practice,
            roles={"director": self.director},
            outsider=self.officer,
        )

    def test_only_directors_decide(self):
        practice = self._create_practice()
        for user in (self.member, self.facilitator, self.officer, self.admin_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                practice.with_user(user).action_adopt()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                practice.with_user(user).action_reject()
        self.assertEqual(practice.state, "proposed")
        practice.with_user(self.director).action_reject()
        self.assertEqual(practice.state, "rejected")
        self.assertTrue(practice.date_decision)

    def test_state_only_through_workflow(self):
        practice = self._create_practice()
        with self.assertRaises(UserError):
            practice.with_user(self.director).write({"state": "adopted"})
        with self.assertRaises(UserError):
            self._create_practice(state="adopted")

    def test_decision_freezes_the_text(self):
        practice = self._create_practice()
        practice.with_user(self.fellow).write({"possible": "Reworded"})
        self.assertEqual(practice.possible, "Reworded")
        practice.with_user(self.director).action_adopt()
        with self.assertRaises(UserError):
            practice.with_user(self.member).write({"possible": "Changed"})
        with self.assertRaises(UserError):
            practice.with_user(self.director).write({"desirable": "Changed"})
        with self.assertRaises(UserError):
            practice.with_user(self.director).unlink()

    def test_session_of_own_community(self):
        session = self._create_session(community=self.community_other)
        with self.assertRaises(ValidationError):
            self._create_practice(session_id=session.id)
        own = self._create_session()
        self.assertEqual(self._create_practice(session_id=own.id).session_id, own)

    def test_lengths_are_limited(self):
        # The two versions are shorter than the core texts (5000), the title
        # and the situation type are titles (120): one mechanism, the form
        # mixin, enforces them.
        self.assertEqual(
            self.Practice._text_limits(),
            {"name": 120, "situation_type": 120, "desirable": 5000, "possible": 5000},
        )
        practice = self._create_practice(desirable="x" * 5000, possible="y" * 5000)
        self.assertEqual(len(practice.desirable), 5000)
        for field, length in (
            ("name", 121),
            ("situation_type", 121),
            ("desirable", 5001),
            ("possible", 5001),
        ):
            with self.assertRaisesRegex(ValidationError, "limited to"):
                self._create_practice(**{field: "x" * length})
            with self.assertRaisesRegex(ValidationError, "limited to"):
                practice.with_user(self.member).write({field: "x" * length})

    # ------------------------------------------------------------ provenance

    def test_no_author_readable(self):
        practice = self._create_practice()
        for field in ("create_uid", "write_uid", "create_date", "write_date"):
            self.assertNotIn(field, self.Practice._fields)
        self.assertFalse(
            [
                name
                for name, field in self.Practice._fields.items()
                if field.type == "many2one" and field.comodel_name == "res.users"
            ]
        )
        for user in (self.director, self.officer, self.facilitator, self.fellow):
            fields = self.Practice.with_user(user).fields_get()
            self.assertNotIn("create_uid", fields)
            self.assertNotIn("create_uid", practice.with_user(user).read()[0])
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "hr.manager.practice"), ("res_id", "=", practice.id)]
            )
        )
        self.assertFalse(
            self.env["hr.manager.community.transition.log"].search(
                [
                    ("res_model", "=", "hr.manager.practice"),
                    ("res_id", "=", practice.id),
                ]
            )
        )

    # ----------------------------------------------------------- endorsement

    def test_endorse_once_per_active_member(self):
        practice = self._create_practice()
        practice.with_user(self.member).action_endorse()
        practice.with_user(self.member).action_endorse()
        practice.with_user(self.fellow).action_endorse()
        self.assertEqual(practice.endorsement_count, 2)
        self.assertTrue(practice.with_user(self.member).is_endorsed)
        self.assertFalse(practice.with_user(self.portal_member).is_endorsed)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["hr.manager.practice.endorsement"].create(
                {"practice_id": practice.id, "member_id": self.members[0].id}
            )

    def test_unendorse(self):
        practice = self._create_practice()
        practice.with_user(self.member).action_endorse()
        practice.with_user(self.fellow).action_endorse()
        practice.with_user(self.member).action_unendorse()
        self.assertEqual(practice.endorsement_count, 1)
        self.assertFalse(practice.with_user(self.member).is_endorsed)

    def test_endorse_refused(self):
        practice = self._create_practice()
        for user in (
            self.facilitator,
            self.leaver,
            self.other_member,
            self.director,
            self.outsider,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                practice.with_user(user).action_endorse()
        with self.assertRaises(AccessError):
            self.env["hr.manager.practice.endorsement"].with_user(self.member).create(
                {"practice_id": practice.id, "member_id": self.members[0].id}
            )
        practice.with_user(self.director).action_adopt()
        with self.assertRaises(UserError):
            practice.with_user(self.member).action_endorse()
        self.assertEqual(practice.endorsement_count, 0)

    def test_directors_see_the_count_only(self):
        practice = self._create_practice()
        practice.with_user(self.member).action_endorse()
        Endorsement = self.env["hr.manager.practice.endorsement"]
        domain = [("practice_id", "=", practice.id)]
        self.assertEqual(practice.with_user(self.director).endorsement_count, 1)
        for user in (
            self.director,
            self.officer,
            self.outsider,
            self.facilitator_other,
        ):
            self.assertFalse(Endorsement.with_user(user).search(domain), user.login)
        for user in (self.facilitator, self.fellow):
            self.assertTrue(Endorsement.with_user(user).search(domain), user.login)

    # ----------------------------------------------------------------- access

    def test_create_rights(self):
        self.assertTrue(self._create_practice(user=self.facilitator))
        self.assertTrue(self._create_practice(user=self.fellow))
        # Portal members propose practices from /my/practices (issue 10).
        self.assertTrue(
            self._create_practice(user=self.portal_member, name="From the portal")
        )
        for user in (
            self.director,
            self.officer,
            self.outsider,
            self.leaver,
            self.facilitator_other,
            self.other_member,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._create_practice(user=user)

    def test_read_proposed_and_rejected(self):
        proposed = self._create_practice(name="Proposed practice")
        rejected = self._create_practice(name="Rejected practice")
        rejected.with_user(self.director).action_reject()
        readers = (
            self.member,
            self.fellow,
            self.portal_member,
            self.facilitator,
            self.director,
            self.officer,
            self.admin_user,
        )
        others = (
            self.leaver,
            self.other_member,
            self.facilitator_other,
            self.outsider,
            self.employee_user,
            self.hr_manager,
        )
        for practice in (proposed, rejected):
            for user in readers:
                with self.subTest(user=user.login, state=practice.state):
                    self.assertReads(user, practice, True)
            for user in others:
                with self.subTest(user=user.login, state=practice.state):
                    self.assertReads(user, practice, False)

    def test_adopted_read_by_the_company(self):
        for user in (
            self.member,
            self.portal_member,
            self.leaver,
            self.other_member,
            self.facilitator_other,
            self.outsider,
            self.employee_user,
            self.director,
        ):
            with self.subTest(user=user.login):
                self.assertReads(user, self.adopted, True)
        other_company = self.env["res.company"].create({"name": "Other Co"})
        stranger = self.env["res.users"].create(
            {
                "name": "Stranger",
                "login": "mc_stranger",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        self.assertReads(stranger, self.adopted, False)

    def test_endorsement_is_a_member_line(self):
        practice = self._create_practice()
        Endorsement = self.env["hr.manager.practice.endorsement"]
        leaver = self.members[3]
        with self.assertRaises(ValidationError) as caught:
            Endorsement.create({"practice_id": practice.id, "member_id": leaver.id})
        self.assertIn("active members endorse", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Endorsement.create(
                {"practice_id": practice.id, "member_id": self.member_other.id}
            )
        self.assertIn("members of its community", str(caught.exception))
        practice.with_user(self.member).action_endorse()
        endorsement = Endorsement.search([("practice_id", "=", practice.id)])
        self.assertEqual(endorsement.community_id, self.community)
        self.assertEqual(endorsement.user_id, self.member)
        self.assertEqual(
            Endorsement.with_user(self.member)._current_user_lines(practice),
            endorsement,
        )
        self.assertFalse(
            Endorsement.with_user(self.fellow)._current_user_lines(practice)
        )
        # Nobody withdraws another member's endorsement.
        with self.assertRaises(AccessError):
            endorsement.with_user(self.fellow)._unlink_own()
        with self.assertRaises(AccessError):
            Endorsement.with_user(self.fellow)._create_own(
                [{"practice_id": practice.id, "member_id": self.members[0].id}]
            )
        self.assertEqual(practice.endorsement_count, 1)
