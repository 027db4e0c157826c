# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails that reach the members, portal users included: the invitation
(``hr.manager.community.member``), a session scheduled or moved (with its
calendar invitation), a vote opened, the directors' answer, and one digest per
member of the actions due soon.

Every mail comes from a ``mail.template`` (``data/mail_template_data.xml``),
queued with ``force_send=False``: Odoo's mail queue cron sends it. A body
carries logistics, counts and a link, never a situation, a note, a feedback
or an action title (DESIGN.md section 5).
"""

import base64
from datetime import timedelta

from odoo import api, fields, models

from .hr_manager_community_session import CALENDAR_FIELDS

# An action is "due soon" this many days before its deadline.
DUE_SOON_DAYS = 7
OPEN_ACTION_STATES = ("todo", "in_progress")


def _queue(template, records, email_values=None, **ctx):
    """Queue ``template`` for each of ``records`` (one mail.mail each,
    rendered and created in one batch)."""
    # sudo: our own templates render logistics, counts and links only, for
    # records the flow that calls this just handled; the mail queue sends them.
    if records:
        template.sudo().with_context(**ctx).send_mail_batch(
            records.ids, force_send=False, email_values=email_values
        )


class HrManagerCommunityMemberMail(models.Model):
    _inherit = "hr.manager.community.member"

    def _mail_partner(self):
        """The partner who receives the member's e-mails."""
        self.ensure_one()
        # sudo: the member's own contact (an address), to send them their mail.
        member = self.sudo()
        return member.user_id.partner_id or member.employee_id.work_contact_id

    def _notify_members(self, template_xmlid, url):
        """Queue ``template_xmlid`` for these memberships, with ``url``."""
        template = self.env.ref(template_xmlid)
        _queue(template, self.filtered(lambda m: m._mail_partner()), mc_url=url)


class HrManagerCommunitySessionMail(models.Model):
    _inherit = "hr.manager.community.session"

    @api.model
    def _workflow_transitions(self):
        transitions = super()._workflow_transitions()
        transitions["schedule"] = transitions["schedule"].extended(
            after="_mail_session_scheduled"
        )
        return transitions

    def write(self, vals):
        moved = self.browse()
        if any(field in vals for field in CALENDAR_FIELDS):
            moved = self.filtered(lambda s: s.state == "scheduled")
        result = super().write(vals)
        if moved:
            moved._mail_session_scheduled(moved=True)
        return result

    def _portal_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/my/sessions/{self.id}"

    def _mail_session_scheduled(self, moved=False, members=None):
        """The members invited to the session (or ``members`` of them, who
        just joined) receive its date, place and link, with the calendar
        invitation (.ics) attached."""
        template = self.env.ref(
            "hr_manager_community.mail_template_session_moved"
            if moved
            else "hr_manager_community.mail_template_session_scheduled"
        )
        for session in self:
            # sudo: the session's own event (logistics only) as an .ics file.
            event = session.calendar_event_id.sudo()
            ics = event._get_ics_file().get(event.id) if event else None
            attachment_ids = []
            if ics:
                # sudo: an attachment of the mail only, logistics only.
                attachment = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": "invitation.ics",
                            "mimetype": "text/calendar",
                            "datas": base64.b64encode(ics),
                            "res_model": "mail.compose.message",
                            "res_id": 0,
                        }
                    )
                )
                attachment_ids = [attachment.id]
            lines = session.attendance_ids.filtered(
                lambda a: (
                    a.state in ("invited", "confirmed")
                    and a.member_id.state == "active"
                    and a.member_id._mail_partner()
                    and (members is None or a.member_id in members)
                )
            )
            _queue(
                template,
                lines,
                email_values={"attachment_ids": [(4, a) for a in attachment_ids]},
                mc_url=session._portal_url(),
            )
        return True


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
            _queue(
                template,
                member,
                mc_url=f"{member.get_base_url()}/my/action-plan",
                mc_due_count=count - late,
                mc_overdue_count=late,
            )
        return True
