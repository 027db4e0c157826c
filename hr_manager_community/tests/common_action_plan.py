# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from .common import ManagerCommunityCase

DETAIL = "SECRET-DETAIL talk to A about the schedule"
PROGRESS = "SECRET-PROGRESS A agreed to try"
TITLE = "Weekly one-to-one with A"


class ActionPlanCase(ManagerCommunityCase):
    """Plans and actions on top of the communities of ManagerCommunityCase.

    ``author`` (members[0], internal user) writes ``plan``; ``fellow``
    (members[1]) and ``portal_fellow`` (members[4]) are fellow members.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["hr.manager.community.action.plan"]
        cls.Action = cls.env["hr.manager.community.action"]
        cls.Progress = cls.env["hr.manager.community.action.progress"]
        cls.Activity = cls.env["mail.activity"]
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.portal_fellow = cls.members[4].user_id
        cls.followup_type = cls.env.ref(
            "hr_manager_community.mail_activity_type_action_followup"
        )
        cls.review_type = cls.env.ref(
            "hr_manager_community.mail_activity_type_action_review"
        )
        cls.plan = cls._create_plan(cls.members[0])
        cls.deadline = date.today() + timedelta(days=30)

    @classmethod
    def _create_plan(cls, member, **values):
        plan = cls.Plan.with_user(member.user_id).create(
            dict({"member_id": member.id}, **values)
        )
        return cls.Plan.browse(plan.id)

    @classmethod
    def _create_action(cls, plan=None, **values):
        plan = plan or cls.plan
        action = cls.Action.with_user(plan.user_id).create(
            dict(
                {
                    "plan_id": plan.id,
                    "name": TITLE,
                    "detail": DETAIL,
                    "level": "managerial",
                },
                **values,
            )
        )
        return cls.Action.browse(action.id)

    @classmethod
    def _add_progress(cls, action, note=PROGRESS, **values):
        progress = cls.Progress.with_user(action.user_id).create(
            dict({"action_id": action.id, "note": note}, **values)
        )
        return cls.Progress.browse(progress.id)

    def _followups(self, actions):
        return self.Activity.search(
            [
                ("res_model", "=", "hr.manager.community.action"),
                ("res_id", "in", actions.ids),
                ("activity_type_id", "=", self.followup_type.id),
            ]
        )

    def _all_text_sent(self):
        """Every text Odoo stored for messaging: message bodies and subjects,
        tracking values, mails, activities and bus notifications."""
        messages = self.env["mail.message"].sudo().search([])
        tracked = self.env["mail.tracking.value"].sudo().search([])
        mails = self.env["mail.mail"].sudo().search([])
        activities = (
            self.env["mail.activity"].sudo().with_context(active_test=False).search([])
        )
        bus = self.env["bus.bus"].sudo().search([])
        return " ".join(
            [
                str(m.body) + str(m.subject or "") + str(m.preview or "")
                for m in messages
            ]
            + [
                str(t.old_value_char or "")
                + str(t.new_value_char or "")
                + str(t.old_value_text or "")
                + str(t.new_value_text or "")
                for t in tracked
            ]
            + [str(m.body_html or "") + str(m.subject or "") for m in mails]
            + [str(a.summary or "") + str(a.note or "") for a in activities]
            + [str(b.message or "") for b in bus]
        )
