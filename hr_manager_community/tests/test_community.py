# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from .common import ManagerCommunityCase
from .test_workflow_mixin import WorkflowTableMixin


@tagged("post_install", "-at_install")
class TestCommunity(WorkflowTableMixin, ManagerCommunityCase):
    def _new_community(self, managers, facilitator=True):
        community = self.env["hr.manager.community"].create(
            {
                "name": "New community",
                "facilitator_user_id": facilitator and self.facilitator_other.id,
            }
        )
        members = self.env["hr.manager.community.member"].create(
            [{"community_id": community.id, "employee_id": m.id} for m in managers]
        )
        self._accept_pacts(members)
        return community, members

    def _free_managers(self, count):
        """Managers who are active nowhere (the fixture uses 0..6)."""
        self.members.action_leave()
        self.member_other.action_leave()
        return self.managers[:count]

    def test_walk_community_table(self):
        def make(state):
            community, members = self._new_community(self.managers[7:10])
            self._force_state(members, "active")
            self._force_state(community, state)
            return community

        # Three active members: guard of "activate" needs its own bounds.
        self.company.manager_community_min_members = 2
        self.company.manager_community_single_membership = False
        self._walk_table(self.env["hr.manager.community"], make)

    def test_activation_needs_facilitator(self):
        community, members = self._new_community(
            self._free_managers(6), facilitator=False
        )
        members.action_activate()
        with self.assertRaisesRegex(UserError, "needs a facilitator"):
            community.action_activate()
        self.assertEqual(community.state, "draft")

    def test_activation_member_bounds(self):
        community, members = self._new_community(self._free_managers(9))
        members[:5].action_activate()
        with self.assertRaisesRegex(UserError, "has 5 active members.*6 to 8"):
            community.action_activate()
        members[5:].action_activate()
        with self.assertRaisesRegex(UserError, "has 9 active members"):
            community.action_activate()
        members[8].action_leave()
        community.action_activate()
        self.assertEqual(community.state, "active")
        self.assertEqual(community.active_member_count, 8)
        self.assertTrue(community.date_start)

    def test_activation_bounds_follow_company_settings(self):
        self.company.write(
            {"manager_community_min_members": 3, "manager_community_max_members": 4}
        )
        community, members = self._new_community(self._free_managers(3))
        members.action_activate()
        community.action_activate()
        self.assertEqual(community.state, "active")
        with self.assertRaises(ValidationError):
            self.company.manager_community_max_members = 2

    def test_activation_members_manage_people(self):
        managers = self._free_managers(6)
        loner = self.env["hr.employee"].create(
            {"name": "Lone expert", "parent_id": self.head.id}
        )
        community, members = self._new_community(managers[:5] | loner)
        with self.assertRaisesRegex(UserError, "Lone expert manages nobody"):
            members.action_activate()
        members[:5].action_activate()
        self._force_state(members[5], "active")
        with self.assertRaisesRegex(UserError, "Lone expert manages nobody"):
            community.action_activate()

    def test_activation_refuses_direct_line_manager(self):
        managers = self._free_managers(6)
        managers[1].parent_id = managers[0]
        community, members = self._new_community(managers)
        members.action_activate()
        with self.assertRaisesRegex(
            UserError, "Manager 0 is the line manager of Manager 1"
        ):
            community.action_activate()

    def test_activation_refuses_indirect_line_manager(self):
        managers = self._free_managers(6)
        middle = self.env["hr.employee"].create(
            {"name": "Middle manager", "parent_id": managers[2].id}
        )
        managers[4].parent_id = middle
        community, members = self._new_community(managers)
        members.action_activate()
        with self.assertRaisesRegex(
            UserError, "Manager 2 is the line manager of Manager 4"
        ):
            community.action_activate()
        # Once the chain is cut, the community starts.
        managers[4].parent_id = self.head
        community.action_activate()
        self.assertEqual(community.state, "active")

    def test_peers_have_no_hierarchy_conflict(self):
        peers = self.managers[7] | self.managers[8]
        self.managers[7].parent_id = self.env["hr.employee"].create(
            {"name": "Other head"}
        )
        self.assertIsNone(peers._manager_community_hierarchy_conflict())
        self.managers[8].parent_id = self.managers[7]
        manager, report = peers._manager_community_hierarchy_conflict()
        self.assertEqual((manager, report), (self.managers[7], self.managers[8]))

    def test_single_active_membership(self):
        community, members = self._new_community(self.managers[:1])
        with self.assertRaisesRegex(UserError, "already an active member"):
            members.action_activate()
        self.company.manager_community_single_membership = False
        members.action_activate()
        self.assertEqual(members.state, "active")

    def test_membership_table_and_dates(self):
        def make(state):
            community, member = self._new_community(self.managers[8])
            self._force_state(member, state)
            return member

        self.company.manager_community_single_membership = False
        self._walk_table(self.env["hr.manager.community.member"], make)
        member = self._new_community(self.managers[9])[1]
        member.action_activate()
        self.assertTrue(member.date_join)
        member.action_leave()
        self.assertTrue(member.date_leave)

    def test_pact_acceptance_is_personal_and_once(self):
        member = self.members[0]
        with self.assertRaises(AccessError):
            member.with_user(self.member_users[1]).action_accept_pact()
        member.with_user(member.user_id).action_accept_pact()
        first = member.pact_accepted_date
        self.assertTrue(first)
        member.with_user(member.user_id).action_accept_pact()
        self.assertEqual(member.pact_accepted_date, first)
        self.assertIn("stays in the group", self.community.pact_text)

    def test_counters_and_smart_buttons(self):
        self.assertEqual(self.community.active_member_count, 6)
        self.assertEqual(self.community.member_count, 6)
        self._create_session()
        self.community.invalidate_recordset()
        self.assertEqual(self.community.session_count, 1)
        action = self.community.action_view_members()
        self.assertEqual(action["domain"], [("community_id", "=", self.community.id)])
        self.assertEqual(
            self.env["hr.manager.community.member"].search(action["domain"]),
            self.members,
        )
        action = self.community.action_view_sessions()
        self.assertEqual(action["res_model"], "hr.manager.community.session")

    def test_employee_and_department_links(self):
        employee = self.managers[0]
        self.assertEqual(
            employee.with_user(self.officer).manager_community_member_count, 1
        )
        # The employee sees their own membership, another manager does not.
        self.assertEqual(
            employee.with_user(employee.user_id).manager_community_member_count, 1
        )
        self.assertEqual(
            employee.with_user(self.outsider)
            .sudo(False)
            .manager_community_member_count,
            0,
        )
        public = self.env["hr.employee.public"].browse(employee.id)
        self.assertEqual(
            public.with_user(employee.user_id).manager_community_member_count, 1
        )
        action = public.with_user(
            employee.user_id
        ).action_view_manager_community_memberships()
        self.assertEqual(
            self.env["hr.manager.community.member"]
            .with_user(employee.user_id)
            .search(action["domain"]),
            self.members[0],
        )
        self.assertEqual(
            self.env["hr.employee.public"]
            .browse(self.managers[6].id)
            .with_user(employee.user_id)
            .manager_community_member_count,
            0,
        )
        department = self.env["hr.department"].create({"name": "Plant"})
        self.community.department_ids = department
        department.invalidate_recordset()
        self.assertEqual(
            department.with_user(self.officer).manager_community_ids, self.community
        )
        self.assertEqual(department.with_user(self.outsider).manager_community_count, 0)

    def test_close_records_date_and_chatter_is_logistics(self):
        self.community.action_close()
        self.assertEqual(self.community.state, "closed")
        self.assertTrue(self.community.date_closed)
        with self.assertRaisesRegex(UserError, "cannot go through 'activate'"):
            self.community.action_activate()
