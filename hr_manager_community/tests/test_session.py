# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import tagged

from .common import ManagerCommunityCase
from .test_workflow_mixin import WorkflowTableMixin


@tagged("post_install", "-at_install")
class TestSession(WorkflowTableMixin, ManagerCommunityCase):
    def _scheduled(self, **values):
        session = self._create_session(**values)
        session.action_schedule()
        return session

    def _event_text(self, event):
        return " ".join(
            str(value or "")
            for value in (
                event.name,
                event.description,
                event.location,
                event.videocall_location,
            )
        )

    def test_walk_session_table(self):
        def make(state):
            session = self._create_session()
            if state != "draft":
                session.action_schedule()
                session.attendance_ids.action_mark_present()
            self._force_state(session, state)
            return session

        self._walk_table(self.env["hr.manager.community.session"], make)

    def test_numbering_per_community(self):
        first = self._create_session()
        second = self._create_session()
        other = self._create_session(community=self.community_other)
        self.assertEqual((first.number, second.number, other.number), (1, 2, 1))
        self.assertEqual(second.name, "Community North - Session 2")
        second.action_cancel()
        self.assertEqual(self._create_session().number, 3)

    def test_schedule_guards(self):
        with self.assertRaisesRegex(UserError, "Set the date"):
            self._create_session(date_start=False).action_schedule()
        with self.assertRaisesRegex(UserError, "active communities only"):
            self._create_session(community=self.community_other).action_schedule()

    def test_agenda_follows_template(self):
        session = self._create_session()
        template = self.env.ref("hr_manager_community.session_template_codevelopment")
        self.assertEqual(session.template_id, template)
        self.assertEqual(
            session.agenda_line_ids.mapped("step"),
            [
                "follow_up",
                "presentation",
                "clarification",
                "contract",
                "consultation",
                "synthesis",
                "learnings",
            ],
        )
        # The facilitator adjusts timings on the session, not on the template.
        session.with_user(self.facilitator).agenda_line_ids[0].duration_minutes = 45
        self.assertEqual(template.line_ids[0].duration_minutes, 20)

    def test_schedule_creates_event_with_members_and_no_confidential_text(self):
        situation = self._create_situation()
        situation.with_user(self.members[0].user_id).action_submit()
        session = self._scheduled(video_url="https://meet.example.com/room")
        event = session.calendar_event_id
        self.assertTrue(event)
        expected = (
            self.members.employee_id.work_contact_id | self.facilitator.partner_id
        )
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.start, session.date_start)
        self.assertEqual(event.stop, session.date_end)
        self.assertEqual(event.location, "Room 4")
        self.assertEqual(event.videocall_location, "https://meet.example.com/room")
        self.assertEqual(len(session.attendance_ids), 6)
        self.assertEqual(set(session.attendance_ids.mapped("state")), {"invited"})
        text = self._event_text(event)
        for secret in ("SECRET", situation.name, "Tension"):
            self.assertNotIn(secret, text)

    def test_reschedule_moves_event_and_cancel_archives_it(self):
        session = self._scheduled()
        event = session.calendar_event_id
        new_start = session.date_start + timedelta(days=2)
        session.write({"date_start": new_start, "location": "Room 7"})
        self.assertEqual(event.start, new_start)
        self.assertEqual(event.stop, new_start + timedelta(hours=3))
        self.assertEqual(event.location, "Room 7")
        session.action_cancel()
        self.assertFalse(event.active)
        session.action_reset_to_draft()
        self.assertFalse(session.calendar_event_id)

    def test_finish_needs_attendance(self):
        session = self._scheduled()
        session.action_start()
        with self.assertRaisesRegex(UserError, "Record the attendance"):
            session.action_finish()
        session.attendance_ids[:3].action_mark_present()
        session.attendance_ids[3:5].action_mark_absent()
        with self.assertRaisesRegex(UserError, "Record the attendance"):
            session.action_finish()
        session.attendance_ids[5].action_mark_excused()
        session.action_finish()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.attendance_present_count, 3)

    def test_member_answers_own_invitation(self):
        session = self._scheduled()
        user = self.members[1].user_id
        line = session.attendance_ids.filtered(lambda a: a.user_id == user)
        line.with_user(user).action_confirm()
        self.assertEqual(line.state, "confirmed")
        attendee = session.calendar_event_id.attendee_ids.filtered(
            lambda a: a.partner_id == self.members[1].employee_id.work_contact_id
        )
        self.assertEqual(attendee.state, "accepted")
        line.with_user(user).action_decline()
        self.assertEqual((line.state, attendee.state), ("declined", "declined"))
        other_line = session.attendance_ids.filtered(
            lambda a: a.user_id == self.members[2].user_id
        )
        with self.assertRaises(AccessError):
            other_line.with_user(user).action_confirm()
        self.assertEqual(other_line.state, "invited")
        with self.assertRaises(UserError):
            line.with_user(user)._answer_invitation("present")

    def test_facilitator_runs_own_sessions_only(self):
        session = self._create_session()
        session.with_user(self.facilitator).action_schedule()
        self.assertEqual(session.state, "scheduled")
        with self.assertRaises(AccessError):
            session.with_user(self.facilitator_other).action_start()
        with self.assertRaises(AccessError):
            session.with_user(self.director).action_start()
        self.assertEqual(session.state, "scheduled")
