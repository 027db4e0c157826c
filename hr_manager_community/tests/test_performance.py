# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""DESIGN.md section 10: key transitions use a number of SQL queries that does
not grow with the size of the community (measured at two sizes)."""

from odoo.tests.common import tagged

from .common import ManagerCommunityCase


@tagged("post_install", "-at_install")
class TestTransitionQueryCounts(ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A larger community: eight members, with more situations.
        cls.members_large = cls.env["hr.manager.community.member"]
        cls.company.manager_community_single_membership = False
        cls.community_large = cls.env["hr.manager.community"].create(
            {"name": "Large community", "facilitator_user_id": cls.facilitator.id}
        )
        cls.members_large = cls.env["hr.manager.community.member"].create(
            [
                {"community_id": cls.community_large.id, "employee_id": manager.id}
                for manager in cls.managers[2:10]
            ]
        )
        cls.members_large.action_activate()
        cls.community_large.action_activate()

    def _count_queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _session_lifecycle_counts(self, community):
        session = self._create_session(community=community)
        counts = {"schedule": self._count_queries(session.action_schedule)}
        counts["start"] = self._count_queries(session.action_start)
        session.attendance_ids.action_mark_present()
        counts["finish"] = self._count_queries(session.action_finish)
        self.assertEqual(session.state, "done")
        return counts

    def test_session_transitions_do_not_grow_with_members(self):
        # Warm the caches (views, rules, ormcache) once with a throwaway session.
        self._session_lifecycle_counts(self.community)
        small = self._session_lifecycle_counts(self.community)
        large = self._session_lifecycle_counts(self.community_large)
        self.assertEqual(len(self.community_large.member_ids), 8)
        self.assertTrue(all(small.values()), small)
        self.assertEqual(small, large)

    def test_activation_does_not_grow_with_members(self):
        def activation_count(managers):
            community = self.env["hr.manager.community"].create(
                {"name": "Sized", "facilitator_user_id": self.facilitator.id}
            )
            members = self.env["hr.manager.community.member"].create(
                [{"community_id": community.id, "employee_id": m.id} for m in managers]
            )
            members.action_activate()
            count = self._count_queries(community.action_activate)
            self.assertEqual(community.state, "active")
            return count

        activation_count(self.managers[:6])
        self.assertEqual(
            activation_count(self.managers[:6]), activation_count(self.managers[:8])
        )
