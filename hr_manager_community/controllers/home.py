# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal home's "to do" block: what the member has to do now (pacts to
accept, votes open, actions due, sessions to confirm), as counts and links;
rendered by ``hr_manager_community.portal_my_home_manager_community_todo``."""

from datetime import timedelta

from odoo import _, fields
from odoo.http import request

from .portal import ManagerCommunityPortal


class ManagerCommunityHomePortal(ManagerCommunityPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        # The home page itself asks for no counter: the "to do" block is
        # rendered with it; the counters' later requests skip it.
        if not counters:
            values["mc_todo"] = self._mc_todo()
        return values

    def _mc_todo(self):
        """What the member has to do, as ``[{key, label, count, url}]``:
        pacts to accept, votes open, actions due, sessions to confirm."""
        memberships = self._mc_memberships()
        if not memberships:
            return []
        env = request.env
        todo = []
        no_pact = memberships.filtered(lambda m: not m.pact_accepted_date)
        if no_pact:
            todo.append(
                {
                    "key": "pact",
                    "label": _("Confidentiality pact to accept"),
                    "count": len(no_pact),
                    "url": f"/my/communities/{no_pact[0].community_id.id}#pact",
                }
            )
        active = memberships.filtered(lambda m: m.state == "active")
        if active:
            voting = env["hr.manager.community.feedback"].search(
                [
                    ("community_id", "in", active.community_id.ids),
                    ("state", "=", "voting"),
                ]
            )
            voted = env["hr.manager.community.feedback.vote"].search(
                [("feedback_id", "in", voting.ids), ("member_id", "in", active.ids)]
            )
            to_vote = len(voting) - len(voted.feedback_id)
            if to_vote:
                todo.append(
                    {
                        "key": "vote",
                        "label": _("Votes open"),
                        "count": to_vote,
                        "url": "/my/feedback",
                    }
                )
            soon = fields.Date.context_today(env.user) + timedelta(days=7)
            due = env["hr.manager.community.action"].search_count(
                [
                    ("user_id", "=", env.uid),
                    ("member_id", "in", active.ids),
                    ("state", "in", ("todo", "in_progress")),
                    ("date_deadline", "!=", False),
                    ("date_deadline", "<=", soon),
                ]
            )
            if due:
                todo.append(
                    {
                        "key": "actions",
                        "label": _("Actions due within a week"),
                        "count": due,
                        "url": "/my/action-plan",
                    }
                )
        to_confirm = env["hr.manager.community.attendance"].search(
            [
                ("user_id", "=", env.uid),
                ("member_id", "in", memberships.ids),
                ("state", "=", "invited"),
                ("session_id.state", "=", "scheduled"),
                ("session_id.date_start", ">", fields.Datetime.now()),
            ],
            order="id",
        )
        if to_confirm:
            todo.append(
                {
                    "key": "sessions",
                    "label": _("Sessions to confirm"),
                    "count": len(to_confirm),
                    "url": f"/my/sessions/{to_confirm[0].session_id.id}#attendance",
                }
            )
        return todo
