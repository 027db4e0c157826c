# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.models import check_method_name
from odoo.tests.common import new_test_user, tagged

from .common import ManagerCommunityCase

RULED_MODELS = (
    "hr.manager.community",
    "hr.manager.community.member",
    "hr.manager.community.session",
    "hr.manager.community.attendance",
    "hr.manager.community.session.note",
    "hr.manager.community.situation",
    "hr.manager.community.action.plan",
    "hr.manager.community.action",
    "hr.manager.community.action.progress",
    "hr.manager.community.feedback",
    "hr.manager.community.feedback.vote",
)


@tagged("post_install", "-at_install")
class TestRuleCache(ManagerCommunityCase):
    """Record rules read each user's communities once, as cached ids
    (res.users _mc_community_ids_by_role): a change of membership, of
    facilitator or of an employee's user holds at once, both ways."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Situation = cls.env["hr.manager.community.situation"]
        cls.submitted = cls._create_situation(name="Submitted one")
        cls.submitted.with_user(cls.members[0].user_id).action_submit()
        cls.session = cls._create_session()
        cls.fellow = cls.members[1].user_id

    def _visible(self, user, model="hr.manager.community.situation"):
        return self.env[model].with_user(user).search([])

    def test_rules_read_ids_not_memberships_per_row(self):
        # One indexed community_id IN (...) per rule: no subquery on the
        # memberships (which made PostgreSQL scan every row).
        for model in RULED_MODELS:
            with self.subTest(model=model):
                query = self.env[model].with_user(self.fellow)._search([])
                sql = query.select().code
                if model == "hr.manager.community.member":
                    self.assertEqual(sql.count("SELECT"), 1, sql)
                else:
                    self.assertNotIn('"hr_manager_community_member"', sql)
        self.assertEqual(self.fellow._mc_active_community_ids(), [self.community.id])
        self.assertEqual(
            self.facilitator._mc_facilitated_community_ids(), [self.community.id]
        )
        self.assertEqual(self.outsider._mc_group_community_ids(), [])

    def test_leaving_takes_effect_at_once(self):
        self.assertIn(self.submitted, self._visible(self.fellow))
        self.assertIn(self.session, self._visible(self.fellow, self.session._name))
        self._member_of(self.fellow).action_leave()
        self.assertNotIn(self.submitted, self._visible(self.fellow))
        self.assertNotIn(self.session, self._visible(self.fellow, self.session._name))
        with self.assertRaises(AccessError):
            self.submitted.with_user(self.fellow).read(["description"])
        # Invited again, then active: the logistics first, then the group's
        # situations, each as soon as the state changes.
        self._member_of(self.fellow).action_reinvite()
        self.assertIn(self.session, self._visible(self.fellow, self.session._name))
        self.assertNotIn(self.submitted, self._visible(self.fellow))
        self._member_of(self.fellow).action_activate()
        self.assertIn(self.submitted, self._visible(self.fellow))
        self.submitted.with_user(self.fellow).read(["description"])

    def test_new_member_and_removed_membership(self):
        newcomer = self.managers[7]
        user = newcomer.user_id
        self.assertFalse(self._visible(user))
        self.assertFalse(self._visible(user, self.community._name))
        member = self.env["hr.manager.community.member"].create(
            {"community_id": self.community.id, "employee_id": newcomer.id}
        )
        self.assertEqual(self._visible(user, self.community._name), self.community)
        self.assertFalse(self._visible(user))
        member.action_activate()
        self.assertIn(self.submitted, self._visible(user))
        member.unlink()
        self.assertFalse(self._visible(user))
        self.assertFalse(self._visible(user, self.community._name))

    def test_facilitator_change_takes_effect_at_once(self):
        successor = new_test_user(
            self.env,
            "mc_facilitator_successor",
            groups="base.group_user,hr_manager_community.group_community_facilitator",
        )
        self.assertIn(self.submitted, self._visible(self.facilitator))
        self.assertFalse(self._visible(successor))
        self.community.facilitator_user_id = successor
        self.assertFalse(self._visible(self.facilitator))
        self.assertFalse(self._visible(self.facilitator, self.session._name))
        self.assertIn(self.submitted, self._visible(successor))
        self.assertIn(self.session, self._visible(successor, self.session._name))
        self.community.facilitator_user_id = self.facilitator
        self.assertIn(self.submitted, self._visible(self.facilitator))
        self.assertFalse(self._visible(successor))

    def test_employee_user_change_takes_effect_at_once(self):
        employee = self._member_of(self.fellow).employee_id
        stand_in = new_test_user(self.env, "mc_stand_in", groups="base.group_user")
        self.assertIn(self.submitted, self._visible(self.fellow))
        employee.user_id = stand_in
        self.assertFalse(self._visible(self.fellow))
        self.assertIn(self.submitted, self._visible(stand_in))
        employee.user_id = self.fellow
        self.assertIn(self.submitted, self._visible(self.fellow))
        self.assertFalse(self._visible(stand_in))

    def test_cached_ids_are_not_reachable_by_rpc(self):
        # Private methods: no user can ask over RPC whose communities are whose.
        for name in (
            "_mc_community_ids_by_role",
            "_mc_facilitated_community_ids",
            "_mc_active_community_ids",
            "_mc_joined_community_ids",
            "_mc_group_community_ids",
            "_mc_logistics_community_ids",
        ):
            with self.subTest(name=name), self.assertRaises(AccessError):
                check_method_name(name)
