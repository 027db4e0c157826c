# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .workflow_mixin import Transition


class HrManagerCommunity(models.Model):
    _name = "hr.manager.community"
    _description = "Manager Community"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.manager.community.workflow.mixin",
    ]
    _order = "state, name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments in Scope",
        check_company=True,
        help="Departments whose managers this community is open to.",
    )
    facilitator_user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        tracking=True,
        index=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("hr_manager_community.group_community_facilitator").ids,
            )
        ],
        help="The external consultant who leads the community's sessions.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_workflow_expand_states",
    )
    member_ids = fields.One2many(
        "hr.manager.community.member", "community_id", string="Members"
    )
    session_ids = fields.One2many(
        "hr.manager.community.session", "community_id", string="Sessions"
    )
    planned_session_count = fields.Integer(
        string="Planned Sessions", default=8, tracking=True
    )
    session_rhythm = fields.Selection(
        [
            ("weekly", "Every week"),
            ("biweekly", "Every two weeks"),
            ("monthly", "Every month"),
            ("bimonthly", "Every two months"),
        ],
        default="monthly",
        string="Rhythm",
    )
    pact_text = fields.Html(
        string="Confidentiality Pact",
        sanitize=True,
        default=lambda self: self._default_pact_text(),
        help="Accepted by each member before taking part; "
        "defaults to the company's pact.",
    )
    date_start = fields.Date(string="Start Date", tracking=True)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    date_purged = fields.Date(
        string="Narratives Purged On",
        readonly=True,
        copy=False,
        help="Situation texts and session notes were erased on this date.",
    )
    active_member_count = fields.Integer(compute="_compute_counts")
    member_count = fields.Integer(compute="_compute_counts")
    session_count = fields.Integer(compute="_compute_counts")
    session_done_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "planned_session_count_positive",
            "CHECK(planned_session_count >= 0)",
            "The planned number of sessions cannot be negative.",
        ),
    ]

    @api.model
    def _default_pact_text(self):
        """The company's pact, in the company's language: the text its
        managers accept. An unchanged default pact is the shipped text,
        translated."""
        company = self.env.company
        company = company.with_context(lang=company.partner_id.lang or self.env.lang)
        text = company.manager_community_pact_text
        shipped = company.with_context(
            lang="en_US"
        )._default_manager_community_pact_text()
        if not text or str(text) == str(shipped):
            text = company._default_manager_community_pact_text()
        return text

    @api.depends("member_ids.state", "session_ids.state")
    def _compute_counts(self):
        members = self.env["hr.manager.community.member"]._read_group(
            [("community_id", "in", self.ids)], ["community_id", "state"], ["__count"]
        )
        sessions = self.env["hr.manager.community.session"]._read_group(
            [("community_id", "in", self.ids)], ["community_id", "state"], ["__count"]
        )
        member_counts, session_counts = {}, {}
        for community, state, count in members:
            member_counts[(community.id, state)] = count
        for community, state, count in sessions:
            session_counts[(community.id, state)] = count
        for community in self:
            cid = community._origin.id
            community.active_member_count = member_counts.get((cid, "active"), 0)
            community.member_count = sum(
                count for (key, _state), count in member_counts.items() if key == cid
            )
            community.session_count = sum(
                count for (key, _state), count in session_counts.items() if key == cid
            )
            community.session_done_count = session_counts.get((cid, "done"), 0)

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "activate": Transition(
                ("draft",), "active", "_guard_activate", after="_default_start_date"
            ),
            "close": Transition(("active",), "closed", stamps={"date_closed": "today"}),
            "cancel": Transition(("draft", "active"), "cancelled"),
            "reset_to_draft": Transition(
                ("cancelled",), "draft", stamps={"date_closed": False}
            ),
        }

    def _guard_activate(self):
        for community in self:
            if not community.facilitator_user_id:
                raise UserError(
                    _("%(community)s needs a facilitator before it starts.")
                    % {"community": community.name}
                )
            company = community.company_id
            # Active members accepted the pact (it activates them); one made
            # active before that rule does not count until they accept it.
            active = community.member_ids.filtered(
                lambda m: m.state == "active" and m.pact_accepted_date
            )
            low = company.manager_community_min_members
            high = company.manager_community_max_members
            if not low <= len(active) <= high:
                raise UserError(
                    _(
                        "%(community)s has %(count)s active members who accepted "
                        "the pact; a community starts with %(low)s to %(high)s."
                    )
                    % {
                        "community": community.name,
                        "count": len(active),
                        "low": low,
                        "high": high,
                    }
                )
            active._check_manages_people()
            conflict = active.employee_id._manager_community_hierarchy_conflict()
            if conflict:
                manager, report = conflict
                raise UserError(
                    _(
                        "%(manager)s is the line manager of %(report)s, directly or "
                        "indirectly: they cannot be members of the same community."
                    )
                    % {"manager": manager.name, "report": report.name}
                )

    def _default_start_date(self):
        # The start date is the officer's to set; activation only fills it in.
        self.filtered(lambda c: not c.date_start).write(
            {"date_start": fields.Date.context_today(self)}
        )

    def action_send_invitations(self):
        """Invite the members still invited: portal users for those without
        one, and the invitation e-mail with the link to the pact."""
        invited = self.member_ids.filtered(lambda m: m.state == "invited")
        invited.action_send_invitation()
        return True

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community.action_hr_manager_community_member"
        )
        action["domain"] = [("community_id", "=", self.id)]
        action["context"] = {"default_community_id": self.id}
        return action

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community.action_hr_manager_community_session"
        )
        action["domain"] = [("community_id", "=", self.id)]
        action["context"] = {"default_community_id": self.id}
        return action

    # ------------------------------------------------------------------ purge

    @api.model
    def _cron_purge_narratives(self):
        """Erase what was said in communities closed long enough ago."""
        today = fields.Date.context_today(self)
        # sudo: the purge is a system job: it must reach every closed
        # community, whatever the record rules would show the cron's user.
        communities = self.sudo().search(
            [
                ("state", "=", "closed"),
                ("date_purged", "=", False),
                ("date_closed", "!=", False),
            ]
        )
        due = communities.filtered(
            lambda c: (
                c.date_closed
                + relativedelta(months=c.company_id.manager_community_purge_months)
                <= today
            )
        )
        due._purge_narratives()
        return True

    def _purge_narratives(self):
        situations = (
            self.env["hr.manager.community.situation"]
            # sudo: the purge erases what was said in these closed communities,
            # whoever runs it (the cron).
            .sudo()
            .search([("community_id", "in", self.ids)])
        )
        situations._purge_narrative()
        # sudo: the session notes of these closed communities go with them.
        self.env["hr.manager.community.session.note"].sudo().search(
            [("community_id", "in", self.ids)]
        ).unlink()
        # sudo: the purge date is written by the purge only, never by a user.
        self.sudo().write({"date_purged": fields.Date.context_today(self)})
