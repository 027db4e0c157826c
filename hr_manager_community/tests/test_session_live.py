# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Running a session as the facilitator: situations selected for a session
through a wizard, the session's situation lists, the start tolerance, and the
live session mode (model side here, the browser in TestSessionLiveTour)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase, tagged

from .common import ManagerCommunityCase

WIZARD = "hr.manager.community.situation.select.wizard"
SITUATION_FIELDS = ("situation_selected_ids", "situation_discussed_ids")


class SessionRunCase(ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.coming = cls._create_session(days=7)
        cls.coming.action_schedule()
        cls.running = cls._create_session(days=0)
        cls.running.action_schedule()
        cls.running.action_start()
        cls.past = cls._create_session(days=-30)
        cls.past.action_schedule()
        cls.past.action_start()
        cls.past.attendance_ids.action_mark_present()
        cls.past.action_finish()
        cls.cancelled = cls._create_session(days=14)
        cls.cancelled.action_cancel()
        cls.other_session = cls._create_session(community=cls.community_other)

    def _submitted(self, **values):
        situation = self._create_situation(**values)
        situation.with_user(self.author).action_submit()
        return situation

    def _open_wizard(self, situations, user=None):
        action = situations.with_user(user or self.facilitator).action_select()
        self.assertEqual(action["res_model"], WIZARD)
        return (
            self.env[WIZARD]
            .with_user(user or self.facilitator)
            .browse(action["res_id"])
        )


@tagged("post_install", "-at_install")
class TestSituationSelectWizard(SessionRunCase):
    def test_select_asks_which_session(self):
        situation = self._submitted()
        wizard = self._open_wizard(situation)
        self.assertEqual(wizard.community_id, self.community)
        offered = self.env["hr.manager.community.session"].search(wizard.session_domain)
        # Only the coming and in-progress sessions of the same community.
        self.assertEqual(offered, self.coming | self.running)
        wizard.session_id = self.coming
        wizard.action_confirm()
        self.assertEqual(situation.state, "selected")
        self.assertEqual(situation.session_id, self.coming)
        log = self.env["hr.manager.community.transition.log"].search(
            [("res_model", "=", situation._name), ("res_id", "=", situation.id)]
        )
        self.assertEqual(log[:1].transition, "select")

    def test_wizard_refuses_other_sessions(self):
        situation = self._submitted()
        for session in (self.past, self.cancelled, self.other_session):
            wizard = self._open_wizard(situation)
            with self.subTest(session=session.name, state=session.state):
                with self.assertRaises(ValidationError):
                    wizard.session_id = session
                    wizard.flush_recordset()
        self.assertEqual(situation.state, "submitted")
        self.assertFalse(situation.session_id)

    def test_only_the_facilitator_selects(self):
        situation = self._submitted()
        for user in (self.author, self.fellow, self.facilitator_other):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                situation.with_user(user).action_select()
        # HR and directors have no access to the wizard at all.
        for user in (self.officer, self.director):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env[WIZARD].with_user(user).create(
                    {
                        "situation_ids": [fields.Command.set(situation.ids)],
                        "session_id": self.coming.id,
                    }
                )
        self.assertEqual(situation.state, "submitted")

    def test_wizard_needs_a_session(self):
        situation = self._submitted()
        wizard = self._open_wizard(situation)
        with self.assertRaisesRegex(UserError, "Choose the session"):
            wizard.action_confirm()
        self.assertEqual(situation.state, "submitted")

    def test_wizard_belongs_to_its_creator(self):
        situation = self._submitted()
        wizard = self._open_wizard(situation)
        with self.assertRaises(AccessError):
            wizard.with_user(self.facilitator_other).read(["situation_ids"])

    def test_wizard_refuses_a_situation_no_longer_waiting(self):
        situation = self._submitted()
        wizard = self._open_wizard(situation)
        wizard.session_id = self.running
        situation.with_user(self.author).action_withdraw()
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            wizard.action_confirm()
        self.assertFalse(situation.session_id)

    def test_one_community_at_a_time(self):
        other = self._create_situation(member=self.member_other)
        self._force_state(other, "submitted")
        situation = self._submitted()
        with self.assertRaisesRegex(UserError, "one community at a time"):
            (situation | other).sudo().action_select()

    def test_select_guard_needs_a_session(self):
        situation = self._submitted()
        with self.assertRaisesRegex(UserError, "Choose the session"):
            situation.with_user(self.facilitator)._workflow_apply("select")
        situation.session_id = self.cancelled
        with self.assertRaisesRegex(UserError, "Choose the session"):
            situation.with_user(self.facilitator)._workflow_apply("select")
        self.assertEqual(situation.state, "submitted")


@tagged("post_install", "-at_install")
class TestSessionSituations(SessionRunCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.to_take_up = cls._create_situation(name="To take up")
        cls._force_state(cls.to_take_up, "submitted")
        cls.to_take_up.session_id = cls.running
        cls.to_take_up.with_user(cls.facilitator).action_select()
        cls.discussed = cls._create_situation(name="Discussed here")
        cls._force_state(cls.discussed, "submitted")
        cls.discussed.session_id = cls.running
        cls.discussed.with_user(cls.facilitator).action_select()
        cls.discussed.with_user(cls.facilitator).action_discuss()

    def test_facilitator_sees_both_lists(self):
        session = self.running.with_user(self.facilitator)
        self.assertEqual(session.situation_selected_ids, self.to_take_up)
        self.assertEqual(session.situation_discussed_ids, self.discussed)
        self.assertEqual(session.situation_selected_ids.member_id, self.members[0])
        arch = session.get_views([(False, "form")])["views"]["form"]["arch"]
        for name in SITUATION_FIELDS:
            self.assertIn(f'name="{name}"', arch)

    def test_hr_and_directors_do_not_see_situations(self):
        for user in (self.officer, self.director, self.admin_user):
            session = self.running.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(session.read(["name"])[0]["name"], self.running.name)
                arch = session.get_views([(False, "form")])["views"]["form"]["arch"]
                for name in SITUATION_FIELDS:
                    self.assertNotIn(name, arch)
                    with self.assertRaises(AccessError):
                        session.read([name])
                with self.assertRaises(AccessError):
                    session.web_read({"situation_selected_ids": {"fields": {}}})
                self.assertNotIn("situation_selected_ids", session.fields_get().keys())

    def test_other_facilitator_reads_nothing_of_them(self):
        session = self.running.with_user(self.facilitator_other)
        with self.assertRaises(AccessError):
            session.read(["situation_selected_ids"])

    def test_discussed_from_the_session_list(self):
        self.to_take_up.with_user(self.facilitator).action_discuss()
        self.assertEqual(
            self.running.situation_discussed_ids, self.to_take_up | self.discussed
        )
        self.assertFalse(self.running.situation_selected_ids)


@tagged("post_install", "-at_install")
class TestSessionStartTolerance(ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_session_start_tolerance = 24

    def _scheduled(self, hours):
        session = self._create_session(days=0)
        session.date_start = fields.Datetime.now() + timedelta(hours=hours)
        session.action_schedule()
        return session.with_user(self.facilitator)

    def test_start_near_the_planned_date(self):
        for hours in (-20, -1, 0, 2, 23):
            session = self._scheduled(hours)
            session.action_start()
            self.assertEqual(session.state, "in_progress", hours)

    def test_start_far_from_the_planned_date_is_refused(self):
        for hours in (25, 24 * 7, -26, -24 * 30):
            session = self._scheduled(hours)
            with self.subTest(hours=hours):
                with self.assertRaisesRegex(UserError, "move its date first"):
                    session.action_start()
                self.assertEqual(session.state, "scheduled")
        # Moving the date to today lets it start.
        session.date_start = fields.Datetime.now()
        session.action_start()
        self.assertEqual(session.state, "in_progress")

    def test_tolerance_is_a_setting(self):
        session = self._scheduled(24 * 3)
        self.company.manager_community_session_start_tolerance = 100
        session.action_start()
        self.assertEqual(session.state, "in_progress")
        # 0: no limit.
        self.company.manager_community_session_start_tolerance = 0
        session = self._scheduled(-24 * 60)
        session.action_start()
        self.assertEqual(session.state, "in_progress")
        with self.assertRaises(ValidationError):
            self.company.manager_community_session_start_tolerance = -1
        settings = self.env["res.config.settings"].create(
            {"manager_community_session_start_tolerance": 12}
        )
        settings.execute()
        self.assertEqual(self.company.manager_community_session_start_tolerance, 12)

    def test_finishing_still_requires_attendance(self):
        session = self._scheduled(0)
        session.action_start()
        with self.assertRaisesRegex(UserError, "Record the attendance"):
            session.action_finish()
        session.attendance_ids.action_mark_present()
        session.action_finish()
        self.assertEqual(session.state, "done")


@tagged("post_install", "-at_install")
class TestSessionLiveMode(SessionRunCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.situation = cls._create_situation()
        cls._force_state(cls.situation, "submitted")
        cls.situation.session_id = cls.running
        cls.situation.with_user(cls.facilitator).action_select()

    def test_facilitator_opens_the_live_mode(self):
        action = self.running.with_user(self.facilitator).action_open_live_mode()
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "hr_manager_community.session_live")
        self.assertEqual(action["params"], {"session_id": self.running.id})
        self.coming.with_user(self.facilitator).action_open_live_mode()

    def test_others_do_not_open_it(self):
        for user in (self.officer, self.director, self.author, self.admin_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.running.with_user(user).action_open_live_mode()
        with self.assertRaises(AccessError):
            self.running.with_user(self.facilitator_other).action_open_live_mode()
        for session in (self.past, self.cancelled):
            with self.assertRaises(UserError):
                session.with_user(self.facilitator).action_open_live_mode()

    def test_button_for_facilitators_only(self):
        views = [(False, "form")]
        Session = self.env["hr.manager.community.session"]
        arch = Session.with_user(self.facilitator).get_views(views)["views"]["form"]
        self.assertIn("action_open_live_mode", arch["arch"])
        arch = Session.with_user(self.officer).get_views(views)["views"]["form"]
        self.assertNotIn("action_open_live_mode", arch["arch"])

    def test_times_saved_on_the_agenda(self):
        """What the live mode does through the ORM, as the facilitator."""
        lines = self.running.agenda_line_ids.with_user(self.facilitator)
        data = lines.search_read(
            [("session_id", "=", self.running.id)],
            ["step", "duration_minutes", "duration_actual"],
        )
        self.assertEqual(len(data), len(self.running.agenda_line_ids))
        lines[0].write({"duration_actual": 22.5})
        self.assertEqual(self.running.agenda_line_ids[0].duration_actual, 22.5)
        with self.assertRaises(ValidationError):
            lines[1].write({"duration_actual": -3})
        # Members read the agenda but do not write the times; others, nothing.
        with self.assertRaises(AccessError):
            lines[0].with_user(self.author).write({"duration_actual": 1})
        with self.assertRaises(AccessError):
            lines[0].with_user(self.facilitator_other).write({"duration_actual": 1})
        with self.assertRaises(AccessError):
            lines[0].with_user(self.outsider).read(["duration_actual"])
        self.assertEqual(self.running.agenda_line_ids[0].duration_actual, 22.5)

    def test_notes_saved_on_the_situation(self):
        situation = self.situation.with_user(self.facilitator)
        read = situation.search_read(
            [("session_id", "=", self.running.id)],
            ["name", "member_id", "help_wanted", "synthesis", "learnings"],
        )
        self.assertEqual(read[0]["help_wanted"], "SECRET-CONTRACT how to talk to A")
        situation.write({"synthesis": "SECRET-SYNTHESIS", "learnings": "Learnt"})
        self.assertEqual(self.situation.synthesis, "SECRET-SYNTHESIS")
        for user in (self.officer, self.director, self.facilitator_other):
            with self.subTest(user=user.login):
                Situation = self.situation.with_user(user)
                self.assertFalse(
                    Situation.search([("session_id", "=", self.running.id)])
                )
                with self.assertRaises(AccessError):
                    Situation.read(["synthesis"])
                with self.assertRaises(AccessError):
                    Situation.write({"synthesis": "Overwritten"})
        self.assertEqual(self.situation.synthesis, "SECRET-SYNTHESIS")
        # The synthesis is narrative: the purge erases it.
        self.situation._purge_narrative()
        self.assertFalse(self.situation.synthesis)


@tagged("post_install", "-at_install")
class TestSessionLiveTour(HttpCase, SessionRunCase):
    def test_live_mode_tour(self):
        session = self._create_session(days=0)
        session.action_schedule()
        situation = self._create_situation(help_wanted="TOUR-CONTRACT how to ask A")
        self._force_state(situation, "submitted")
        situation.session_id = session
        situation.with_user(self.facilitator).action_select()
        first = session.agenda_line_ids.sorted("sequence")[0]
        self.assertFalse(first.duration_actual)
        self.start_tour(
            "/odoo/action-hr_manager_community.action_hr_manager_community_session/"
            f"{session.id}",
            "hr_manager_community_session_live",
            login=self.facilitator.login,
        )
        self.assertEqual(session.state, "in_progress")
        # The first step was timed (two seconds at least), then saved.
        self.assertGreaterEqual(first.duration_actual, 0.03)
        self.assertLess(first.duration_actual, 5)
        self.assertEqual(situation.synthesis, "TOUR-SYNTHESIS A will be met first")
