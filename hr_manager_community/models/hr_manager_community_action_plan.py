# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .form_mixin import FormResult
from .hr_manager_community_action import OPEN_ACTION_STATES


def _my_active_communities(records):
    """Communities of ``records`` where the current user is an active member."""
    members = records.env["hr.manager.community.member"]._current_user_memberships(
        records.community_id
    )
    return members.community_id


class HrManagerCommunityActionPlan(models.Model):
    """A member's personal action plan in one community.

    Private to its author, who may share it with the facilitator of the
    community; actions are shared with the group one by one. No chatter: the
    plan has nothing to notify.
    """

    _name = "hr.manager.community.action.plan"
    _description = "Manager Community Action Plan"
    _order = "community_id, name, id"

    name = fields.Char(compute="_compute_name", store=True)
    member_id = fields.Many2one(
        "hr.manager.community.member",
        required=True,
        # A plan outlives its membership: it is the member's, not HR's.
        ondelete="restrict",
        index=True,
        default=lambda self: self._default_member(),
        domain="[('user_id', '=', uid), ('state', '=', 'active')]",
    )
    community_id = fields.Many2one(
        related="member_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    user_id = fields.Many2one(
        related="member_id.user_id", store=True, index=True, string="Author"
    )
    share_with_facilitator = fields.Boolean(
        string="Shared with the Facilitator",
        help="The facilitator of the community reads the whole plan: every "
        "action, its detail and its progress notes.",
    )
    action_ids = fields.One2many(
        "hr.manager.community.action", "plan_id", string="Actions"
    )
    # Stored for the read rule: a rule on action_ids would be evaluated as
    # superuser and fill the cache of action_ids with every action.
    has_group_action = fields.Boolean(
        compute="_compute_has_group_action",
        store=True,
        index=True,
        string="Has Actions Shared with the Group",
    )
    action_count = fields.Integer(
        compute="_compute_action_counts", string="Number of Actions"
    )
    action_open_count = fields.Integer(
        compute="_compute_action_counts", string="Open Actions"
    )
    action_done_count = fields.Integer(
        compute="_compute_action_counts", string="Done Actions"
    )
    progress_rate = fields.Float(
        compute="_compute_action_counts",
        string="Progress",
        help="Share of the actions done, dropped actions aside.",
    )
    is_author = fields.Boolean(compute="_compute_is_author")

    _sql_constraints = [
        (
            "member_unique",
            "UNIQUE(member_id)",
            "A member has one action plan per community.",
        ),
    ]

    @api.model
    def _default_member(self):
        return self.env["hr.manager.community.member"]._current_user_memberships()[:1]

    @api.depends("member_id.employee_id.name", "member_id.user_id.lang")
    def _compute_name(self):
        for plan in self:
            # In the language of the manager whose plan it is.
            lang = plan.member_id.user_id.lang or self.env.lang
            plan.name = plan.with_context(lang=lang).env._(
                "Action plan of %(employee)s",
                employee=plan.member_id.employee_id.name or "",
            )

    @api.depends("action_ids.share_with_group")
    def _compute_has_group_action(self):
        for plan in self:
            plan.has_group_action = any(plan.action_ids.mapped("share_with_group"))

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_author(self):
        for plan in self:
            plan.is_author = plan.user_id == self.env.user

    @api.depends_context("uid")
    @api.depends("action_ids.state")
    def _compute_action_counts(self):
        # Counted as the current user: a fellow member who reads one shared
        # action learns nothing about the others, not even how many there are.
        groups = self.env["hr.manager.community.action"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "state"], ["__count"]
        )
        counts = {(plan.id, state): count for plan, state, count in groups}
        for plan in self:
            pid = plan._origin.id
            by_state = {
                state: counts.get((pid, state), 0)
                for state in ("todo", "in_progress", "done", "dropped")
            }
            plan.action_count = sum(by_state.values())
            plan.action_open_count = sum(by_state[s] for s in OPEN_ACTION_STATES)
            plan.action_done_count = by_state["done"]
            relevant = plan.action_count - by_state["dropped"]
            plan.progress_rate = (
                100.0 * by_state["done"] / relevant if relevant else 0.0
            )

    @api.model
    def _get_or_create_for_member(self, member):
        """The plan of ``member`` (the current user's own membership)."""
        member.ensure_one()
        if not self.env.su and member.user_id != self.env.user:
            raise AccessError(_("Members write their own action plan only."))
        plan = self.search([("member_id", "=", member.id)], limit=1)
        return plan or self.create({"member_id": member.id})

    @api.model
    def _form_share(self, raw):
        """Check the raw value of the portal's "share my plan" form: shared
        when ``share`` is ``"1"``, unshared otherwise."""
        values = {"share_with_facilitator": raw.get("share") == "1"}
        return FormResult(values, {}, dict(values))

    def write(self, vals):
        if "member_id" in vals and any(
            p.member_id.id != vals["member_id"] for p in self
        ):
            raise UserError(_("An action plan stays with its member."))
        return super().write(vals)

    def unlink(self):
        # Through the ORM, so that their activities go with them.
        self.action_ids.unlink()
        return super().unlink()

    def _check_print_access(self):
        """Only the author, and the facilitator when the plan is shared with
        them, print a plan: fellow members who read one shared action do not."""
        self.check_access("read")
        if self.env.su:
            return True
        for plan in self:
            allowed = plan.user_id == self.env.user or (
                plan.share_with_facilitator
                and plan.community_id.facilitator_user_id == self.env.user
            )
            if not allowed:
                raise AccessError(
                    _(
                        "Only its author, or the facilitator when it is shared, "
                        "prints %(plan)s."
                    )
                    % {"plan": plan.name}
                )
        return True

    def action_print(self):
        self._check_print_access()
        return self.env.ref(
            "hr_manager_community.action_report_action_plan"
        ).report_action(self)

    def action_new_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Action"),
            "res_model": "hr.manager.community.action",
            "view_mode": "form",
            "target": "current",
            "context": {"default_plan_id": self.id},
        }


class ReportHrManagerCommunityActionPlan(models.AbstractModel):
    _name = "report.hr_manager_community.report_action_plan"
    _description = "Action Plan Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        plans = self.env["hr.manager.community.action.plan"].browse(docids)
        plans._check_print_access()
        return {
            "doc_ids": docids,
            "doc_model": plans._name,
            "docs": plans,
        }


class HrManagerCommunitySituation(models.Model):
    _inherit = "hr.manager.community.situation"

    is_active_member = fields.Boolean(compute="_compute_is_active_member")

    @api.depends_context("uid")
    @api.depends("community_id")
    def _compute_is_active_member(self):
        communities = _my_active_communities(self)
        for situation in self:
            situation.is_active_member = situation.community_id in communities

    def _check_action_source(self):
        """An action comes from a situation the user reads and the group
        worked on; the check runs as the user, so record rules apply."""
        self.check_access("read")
        if any(s.state not in ("selected", "discussed", "closed") for s in self):
            raise UserError(
                _("Actions come from the synthesis of a situation the group worked on.")
            )

    def action_create_plan_action(self):
        """Add an action to the current member's plan from the synthesis of
        this situation (the presenter's or a fellow member's: every member
        leaves with their own actions)."""
        self.ensure_one()
        self._check_action_source()
        member = self.env["hr.manager.community.member"]._current_user_memberships(
            self.community_id
        )[:1]
        if not member:
            raise AccessError(
                _("Only the active members of %(community)s add actions to their plan.")
                % {"community": self.community_id.name}
            )
        plan = self.env["hr.manager.community.action.plan"]._get_or_create_for_member(
            member
        )
        action = self.env["hr.manager.community.action"].create(
            {
                "plan_id": plan.id,
                "situation_id": self.id,
                # Another member's title stays theirs: it must not outlive the
                # group in this member's plan or reach their HR review.
                "name": self.name
                if self.is_author
                else _("My action after a situation"),
                "factor_ids": [Command.set(self.factor_ids.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Action"),
            "res_model": action._name,
            "res_id": action.id,
            "view_mode": "form",
            "target": "current",
        }


class HrManagerCommunityMember(models.Model):
    _inherit = "hr.manager.community.member"
    # Who follows a membership tells who is in the group (models/confidential.py).
    _mc_confidential = True

    @api.model
    def _workflow_transitions(self):
        transitions = super()._workflow_transitions()
        transitions["leave"] = transitions["leave"].extended(
            after="_drop_situation_links"
        )
        return transitions

    def _drop_situation_links(self):
        """A member who left reads nothing of the group any more: their
        actions keep their text but lose the link to the group's situations."""
        # sudo: HR records the departure and cannot write the plans; only the
        # link is cleared.
        actions = (
            self.env["hr.manager.community.action"]
            # sudo: only the links of the leaver's actions are cleared.
            .sudo()
            .search([("member_id", "in", self.ids), ("situation_id", "!=", False)])
        )
        actions.write({"situation_id": False})
        return True


class HrManagerCommunitySession(models.Model):
    _inherit = "hr.manager.community.session"
    # Its followers, calendar event and attendees obey the session's readers
    # (models/confidential.py).
    _mc_confidential = True

    def _calendar_event_values(self):
        # The event names its session, so that the calendar rules show it to
        # the session's readers only.
        values = super()._calendar_event_values()
        values["res_model_id"] = self.env["ir.model"]._get_id(self._name)
        values["res_id"] = self.id
        return values

    previous_done_session_id = fields.Many2one(
        "hr.manager.community.session",
        string="Previous Session",
        compute="_compute_previous_done_session_id",
    )
    is_active_member = fields.Boolean(compute="_compute_is_active_member")
    action_progress_ids = fields.Many2many(
        "hr.manager.community.action.progress",
        string="Progress Since the Previous Session",
        compute="_compute_action_progress_ids",
        help="Progress notes of the shared action plans, reported since the "
        "previous session of the community or in this one.",
    )

    @api.depends_context("uid")
    @api.depends("community_id")
    def _compute_is_active_member(self):
        communities = _my_active_communities(self)
        for session in self:
            session.is_active_member = session.community_id in communities

    @api.depends("community_id", "date_start")
    def _compute_previous_done_session_id(self):
        done = self.search(
            [
                ("community_id", "in", self.community_id.ids),
                ("state", "=", "done"),
                ("date_start", "!=", False),
            ],
            order="date_start desc, id desc",
        )
        for session in self:
            session.previous_done_session_id = next(
                (
                    other
                    for other in done
                    if other.community_id == session.community_id
                    and other.id != session._origin.id
                    and (
                        not session.date_start or other.date_start < session.date_start
                    )
                ),
                False,
            )

    @api.depends_context("uid")
    @api.depends("community_id", "date_start", "date_end", "state")
    def _compute_action_progress_ids(self):
        # Searched as the current user: the record rules show the facilitator
        # the notes of the plans shared with them and of the actions shared
        # with the group, and nobody else's.
        Progress = self.env["hr.manager.community.action.progress"]
        notes = Progress.search(
            [
                ("community_id", "in", self.community_id.ids),
                "|",
                ("plan_id.share_with_facilitator", "=", True),
                ("action_id.share_with_group", "=", True),
            ],
            order="member_id, date, id",
        )
        for session in self:
            previous = session.previous_done_session_id
            lower = previous.date_start.date() if previous else None
            upper = (
                session.date_end.date()
                if session.state == "done" and session.date_end
                else None
            )
            sid = session._origin.id
            session.action_progress_ids = notes.filtered(
                lambda note, session=session, sid=sid, lower=lower, upper=upper: (
                    note.community_id == session.community_id
                    and (
                        (sid and note.session_id.id == sid)
                        or (
                            not note.session_id
                            and (not lower or note.date >= lower)
                            and (not upper or note.date <= upper)
                        )
                    )
                )
            )

    def action_report_progress(self):
        """A member reports progress on their own actions from the session."""
        self.ensure_one()
        if self.state not in ("scheduled", "in_progress", "done"):
            raise UserError(_("Progress is reported in a scheduled or held session."))
        member = self.env["hr.manager.community.member"]._current_user_memberships(
            self.community_id
        )[:1]
        if not member:
            raise UserError(
                _("Only the members of %(community)s report progress in its sessions.")
                % {"community": self.community_id.name}
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Report Progress"),
            "res_model": "hr.manager.community.action.progress",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
        }
