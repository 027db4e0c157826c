# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal in headless Chromium: a member's round (static/tests/tours), as
an internal user and as a portal-only user."""

from odoo.tests.common import HttpCase, tagged

from .common_action_plan import ActionPlanCase


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase, ActionPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls._create_session()
        cls.meeting.action_schedule()

    def _run_member_round(self, member):
        user = member.user_id
        plan = self.Plan.search([("member_id", "=", member.id)]) or self._create_plan(
            member
        )
        action = self._create_action(plan, name="Tour action")
        attendance = self.meeting.attendance_ids.filtered(
            lambda a: a.member_id == member
        )
        self.assertEqual(attendance.state, "invited")
        # Made active before the pact rule (an upgraded database): the pact is
        # still to accept (tests/test_session_portal.py's tour covers an
        # invited member whom accepting the pact activates).
        self._accept_pacts(member, False)
        self.assertFalse(member.pact_accepted_date)

        self.start_tour("/my", "hr_manager_community_portal_member", login=user.login)

        self.assertTrue(member.pact_accepted_date)
        self.assertEqual(attendance.state, "confirmed")
        attendee = self.meeting.calendar_event_id.attendee_ids.filtered(
            lambda a: a.partner_id == member.employee_id.work_contact_id
        )
        self.assertEqual(attendee.state, "accepted")
        situation = self.env["hr.manager.community.situation"].search(
            [("member_id", "=", member.id), ("name", "like", "Tour situation")]
        )
        self.assertEqual(situation.state, "submitted")
        self.assertEqual(situation.kind, "uncertainty")
        self.assertEqual(situation.description, "A and B disagree on the new schedule.")
        self.assertEqual(action.state, "done")
        self.assertEqual(action.progress_ids.note, "First one-to-one held with A.")
        added = plan.action_ids.filtered(
            lambda a: a.name == "Tour follow-up with the team"
        )
        self.assertTrue(added.share_with_group)
        self.assertEqual(added.state, "todo")

    def test_internal_member_round(self):
        self.assertFalse(self.members[0].user_id.share)
        self._run_member_round(self.members[0])

    def test_portal_member_round(self):
        self.assertTrue(self.members[4].user_id.share)
        self._run_member_round(self.members[4])
