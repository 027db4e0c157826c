# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails that reach the members, portal users included: a vote opened, the
directors' answer, and one digest per member of the actions due soon. (The
invitation is the membership's, the session scheduled or moved the
session's: see their models, and ``mail_queue.py`` for how all are queued.)
"""

from datetime import timedelta

from odoo import api, fields, models

from .mail_queue import queue_template

# An action is "due soon" this many days before its deadline.
DUE_SOON_DAYS = 7
OPEN_ACTION_STATES = ("todo", "in_progress")


class HrManagerCommunityFeedbackMail(models.Model):
    _inherit = "hr.manager.community.feedback"

    @api.model
    def _workflow_transitions(self):
        transitions = super()._workflow_transitions()
        transitions["open_vote"] = transitions["open_vote"].extended(
            after="_mail_vote_opened"
        )
        transitions["answer"] = transitions["answer"].extended(
            after="_mail_directors_answer"
        )
        return transitions

    def _mail_group(self, template_xmlid):
        for feedback in self:
            # sudo: who the active members of the feedback's community are
            # (logistics), to write to them.
            members = feedback.community_id.sudo().member_ids.filtered(
                lambda m: m.state == "active"
            )
            members._notify_members(
                template_xmlid,
                f"{feedback.get_base_url()}/my/feedback/{feedback.id}",
            )
        return True

    def _mail_vote_opened(self):
        return self._mail_group("hr_manager_community.mail_template_vote_opened")

    def _mail_directors_answer(self):
        return self._mail_group("hr_manager_community.mail_template_directors_answer")


class HrManagerCommunityActionMail(models.Model):
    _inherit = "hr.manager.community.action"

    @api.model
    def _cron_mail_actions_due(self):
        """One e-mail per member with open actions due within a week or
        overdue: the two counts and the link to the action plan, nothing
        else (no title)."""
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=DUE_SOON_DAYS)
        # sudo: a system job counting each member's open actions by deadline;
        # only the counts leave this method, to their own author.
        groups = self.sudo()._read_group(
            [
                ("state", "in", OPEN_ACTION_STATES),
                ("date_deadline", "!=", False),
                ("date_deadline", "<=", soon),
                ("member_id.state", "=", "active"),
            ],
            ["member_id"],
            ["__count", "date_deadline:min"],
        )
        overdue = dict(
            # sudo: see above.
            self.sudo()._read_group(
                [
                    ("state", "in", OPEN_ACTION_STATES),
                    ("date_deadline", "<", today),
                    ("member_id.state", "=", "active"),
                ],
                ["member_id"],
                ["__count"],
            )
        )
        template = self.env.ref("hr_manager_community.mail_template_actions_due")
        for member, count, _first in groups:
            if not member._mail_partner():
                continue
            late = overdue.get(member, 0)
            queue_template(
                template,
                member,
                mc_url=f"{member.get_base_url()}/my/action-plan",
                mc_due_count=count - late,
                mc_overdue_count=late,
            )
        return True
