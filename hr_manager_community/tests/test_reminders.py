# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invitation and pact (a portal user for an employee without one, the
invitation e-mail, activation by the pact only), the e-mails that reach
members (queued mail.mail, no confidential text), and the members' backend
menus."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import tagged

from odoo.addons.mail.tests.common import MailCase

from .common_action_plan import DETAIL, TITLE
from .test_feedback import FeedbackCase

# What never goes into an e-mail body (situations, notes, feedback texts,
# action titles and details, the directors' response).
SECRETS = ("SECRET", "GROUP-TEXT", "GROUP-RECOMMENDATION", "DIRECTOR-RESPONSE")
FEEDBACK_TITLE = "Contradictory objectives"


@tagged("post_install", "-at_install")
class TestReminders(MailCase, FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Member = cls.env["hr.manager.community.member"]
        cls.draft = cls.env["hr.manager.community"].create(
            {"name": "Community West", "facilitator_user_id": cls.facilitator.id}
        )

    def _queued_mails(self, template_xmlid=None):
        """The mail.mail records queued since the mock started."""
        mails = self._new_mails
        for mail in mails:
            # Ours are queued; Odoo's portal welcome (sign-up link) is sent by
            # the portal wizard itself.
            if mail.model != "portal.wizard.user":
                self.assertEqual(mail.state, "outgoing", "queued for the mail cron")
            for secret in (*SECRETS, TITLE, DETAIL, FEEDBACK_TITLE):
                self.assertNotIn(secret, mail.body_html or "")
                self.assertNotIn(secret, mail.subject or "")
        return mails

    def _new_employee(self, name, email="new.manager@example.com"):
        Employee = self.env["hr.employee"]
        employee = Employee.create(
            {"name": name, "work_email": email, "parent_id": self.head.id}
        )
        Employee.create({"name": f"Report of {name}", "parent_id": employee.id})
        return employee

    # ------------------------------------------------------------ invitation

    def test_invitation_creates_a_portal_user_and_queues_the_mail(self):
        employee = self._new_employee("Newcomer Without Login")
        member = self.Member.create(
            {"community_id": self.draft.id, "employee_id": employee.id}
        )
        self.assertFalse(member.user_id)
        with self.mock_mail_gateway():
            self.draft.with_user(self.officer).action_send_invitations()
        user = employee.user_id
        self.assertTrue(user, "a user was created through the portal wizard")
        self.assertTrue(user.share)
        self.assertTrue(user._is_portal())
        self.assertEqual(member.user_id, user)
        mail = self.assertMailMail(
            user.partner_id,
            "outgoing",
            content=f"/my/communities/{self.draft.id}#pact",
            fields_values={"subject": "You are invited to a community of managers"},
        )
        self.assertEqual(mail.model, "hr.manager.community.member")
        self._queued_mails()
        # The invitation does not activate: the pact does.
        self.assertEqual(member.state, "invited")
        with self.assertRaisesRegex(UserError, "not accepted the confidentiality pact"):
            member.action_activate()
        member.with_user(user).action_accept_pact()
        self.assertTrue(member.pact_accepted_date)
        self.assertEqual(member.state, "active")

    def test_invitation_needs_an_email_and_an_officer(self):
        employee = self._new_employee("No Mail", email=False)
        member = self.Member.create(
            {"community_id": self.draft.id, "employee_id": employee.id}
        )
        with self.assertRaisesRegex(UserError, "has no work e-mail"):
            member.with_user(self.officer).action_send_invitation()
        self.assertFalse(employee.user_id)
        for user in (self.facilitator, self.director, self.members[0].user_id):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                member.with_user(user).action_send_invitation()

    def test_community_activates_with_enough_accepted_pacts(self):
        self.company.manager_community_single_membership = False
        members = self.Member.create(
            [
                {"community_id": self.draft.id, "employee_id": manager.id}
                for manager in self.managers[:6]
            ]
        )
        with self.assertRaisesRegex(UserError, "has 0 active members who accepted"):
            self.draft.action_activate()
        for member in members[:5]:
            member.with_user(member.user_id).action_accept_pact()
        self.assertEqual(set(members[:5].mapped("state")), {"active"})
        with self.assertRaisesRegex(UserError, "has 5 active members who accepted"):
            self.draft.action_activate()
        # HR sees who accepted (the date), nothing else.
        self.assertEqual(
            self.Member.with_user(self.officer)
            .search([("community_id", "=", self.draft.id)])
            .filtered("pact_accepted_date"),
            members[:5],
        )
        members[5].with_user(members[5].user_id).action_accept_pact()
        self.draft.action_activate()
        self.assertEqual(self.draft.state, "active")

    def test_pact_of_a_member_active_elsewhere_keeps_them_invited(self):
        member = self.Member.create(
            {"community_id": self.draft.id, "employee_id": self.managers[0].id}
        )
        member.with_user(member.user_id).action_accept_pact()
        self.assertTrue(member.pact_accepted_date)
        self.assertEqual(member.state, "invited", "one active community at a time")

    # --------------------------------------------------------------- e-mails

    def test_session_scheduled_and_moved(self):
        session = self._create_session(days=10)
        with self.mock_mail_gateway():
            session.with_user(self.officer).action_schedule()
        mails = self._queued_mails()
        self.assertEqual(len(mails), 6, "one per active member")
        partners = self.members.user_id.partner_id
        self.assertEqual(mails.recipient_ids, partners)
        for mail in mails:
            self.assertIn(f"/my/sessions/{session.id}", mail.body_html)
            self.assertEqual(mail.attachment_ids.mimetype, "text/calendar")
        with self.mock_mail_gateway():
            session.with_user(self.facilitator).date_start = (
                fields.Datetime.now() + fields.date_utils.relativedelta(days=12)
            )
        moved = self._queued_mails()
        self.assertEqual(len(moved), 6)
        self.assertIn("has changed", moved[0].subject)

    def test_vote_opened_and_directors_answer(self):
        feedback = self._create_feedback()
        with self.mock_mail_gateway():
            feedback.with_user(self.facilitator).action_open_vote()
        opened = self._queued_mails()
        self.assertEqual(opened.recipient_ids, self.members.user_id.partner_id)
        self.assertIn(f"/my/feedback/{feedback.id}", opened[0].body_html)
        self._approve_by(feedback, self.members.user_id)
        feedback.with_user(self.facilitator).action_release()
        feedback.with_user(self.director).write(
            {
                "response": "<p>DIRECTOR-RESPONSE we set a weekly arbitration</p>",
                "decision": "accepted",
                "measure": "Weekly arbitration",
                "owner_id": self.director.id,
            }
        )
        with self.mock_mail_gateway():
            feedback.with_user(self.director).action_answer()
        answered = self._queued_mails()
        self.assertEqual(answered.recipient_ids, self.members.user_id.partner_id)
        self.assertIn("directors answered", answered[0].subject)

    def test_actions_due_one_digest_per_member(self):
        Plan = self.env["hr.manager.community.action.plan"]
        Action = self.env["hr.manager.community.action"]
        member = self.members[0]
        plan = Plan.with_user(member.user_id).create({"member_id": member.id})
        today = fields.Date.context_today(self.env.user)
        for days in (-2, 1, 3, 30):
            Action.with_user(member.user_id).create(
                {
                    "plan_id": plan.id,
                    "name": TITLE,
                    "detail": DETAIL,
                    "level": "managerial",
                    "date_deadline": fields.Date.add(today, days=days),
                }
            )
        with self.mock_mail_gateway():
            Action._cron_mail_actions_due()
        # The demo data's members may get theirs too: this member gets one.
        mails = self._queued_mails().filtered(
            lambda mail: member.user_id.partner_id in mail.recipient_ids
        )
        self.assertEqual(len(mails), 1, "one digest, whatever the number of actions")
        self.assertEqual(mails.recipient_ids, member.user_id.partner_id)
        self.assertIn("/my/action-plan", mails.body_html)
        self.assertIn("<strong>2</strong> action(s) are due", mails.body_html)
        self.assertIn("<strong>1</strong> are past", mails.body_html)

    # ----------------------------------------------------------------- menus

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_member_menus(self):
        menu = "hr_manager_community.menu_hr_manager_community_%s"
        my_plan = self.env.ref(menu % "my_action_plan")
        portal = self.env.ref(menu % "member_portal")
        internal_member = self.members[0].user_id
        self.assertFalse(internal_member.share)
        visible = self._visible_menus(internal_member)
        self.assertIn(my_plan.id, visible)
        self.assertIn(portal.id, visible)
        for user in (self.officer, self.director, self.facilitator, self.admin_user):
            with self.subTest(user=user.login):
                visible = self._visible_menus(user)
                self.assertNotIn(my_plan.id, visible)
                self.assertNotIn(portal.id, visible)
        # Leaving the community takes the menus away.
        self.members[0].action_leave()
        self.assertNotIn(my_plan.id, self._visible_menus(internal_member))
