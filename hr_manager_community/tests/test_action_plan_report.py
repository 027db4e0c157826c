# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printable plan: only its author, and the facilitator when the plan is
shared with them, print it, through the ORM and through the report routes."""

from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase, tagged
from odoo.tools import mute_logger

from .common_action_plan import DETAIL, PROGRESS, TITLE, ActionPlanCase

REPORT = "hr_manager_community.report_action_plan"


class ActionPlanReportCase(ActionPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._create_action(
            share_with_group=True, date_deadline=cls.deadline
        )
        cls._add_progress(cls.action)
        cls.private = cls._create_action(name="Private step", detail="SECRET-PRIVATE")
        cls.refused = (
            cls.fellow,  # reads the plan's name through the shared action
            cls.portal_fellow,
            cls.facilitator,  # the plan is not shared with the facilitator
            cls.facilitator_other,
            cls.officer,
            cls.admin_user,
            cls.director,
            cls.outsider,
            cls.hr_manager,
        )

    def _render(self, user):
        report = self.env["ir.actions.report"].with_user(user)
        html, _kind = report._render_qweb_html(REPORT, self.plan.ids)
        return html.decode()


@tagged("post_install", "-at_install")
class TestActionPlanReport(ActionPlanReportCase):
    def test_author_prints_the_whole_plan(self):
        html = self._render(self.author)
        for text in (TITLE, DETAIL, PROGRESS, "Private step", "SECRET-PRIVATE"):
            self.assertIn(text, html)
        self.assertIn("Action plan of Manager 0", html)

    def test_nobody_else_prints_it(self):
        for user in self.refused:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._render(user)

    def test_facilitator_prints_once_shared(self):
        self.plan.with_user(self.author).share_with_facilitator = True
        html = self._render(self.facilitator)
        self.assertIn(DETAIL, html)
        self.assertIn("SECRET-PRIVATE", html)
        for user in (self.fellow, self.facilitator_other, self.officer, self.director):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._render(user)
        with self.assertRaises(AccessError):
            self.plan.with_user(self.fellow).action_print()
        action = self.plan.with_user(self.facilitator).action_print()
        self.assertEqual(action["report_name"], REPORT)

    def test_portal_author_prints_own_plan(self):
        plan = self._create_plan(self.members[4])
        self._create_action(plan, name="Portal step")
        report = self.env["ir.actions.report"].with_user(self.portal_fellow)
        html = report._render_qweb_html(REPORT, plan.ids)[0].decode()
        self.assertIn("Portal step", html)
        self.assertIn(DETAIL, html)

    def test_report_saves_no_attachment(self):
        report = self.env.ref("hr_manager_community.action_report_action_plan")
        self.assertFalse(report.attachment)
        self.assertEqual(report.model, "hr.manager.community.action.plan")


@tagged("post_install", "-at_install")
class TestActionPlanReportRoutes(ActionPlanReportCase, HttpCase):
    def _get(self, user, converter):
        self.authenticate(user.login, user.login)
        with mute_logger("odoo.http"):
            return self.url_open(f"/report/{converter}/{REPORT}/{self.plan.id}")

    def test_routes_serve_the_author(self):
        response = self._get(self.author, "html")
        self.assertEqual(response.status_code, 200)
        self.assertIn(DETAIL, response.text)
        self.assertIn("SECRET-PRIVATE", response.text)

    def test_routes_refuse_everyone_else(self):
        for user in self.refused:
            for converter in ("html", "pdf"):
                with self.subTest(user=user.login, converter=converter):
                    response = self._get(user, converter)
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn("SECRET", response.text)
                    self.assertNotIn(TITLE, response.text)
                    self.assertNotEqual(
                        response.headers.get("Content-Type"), "application/pdf"
                    )
