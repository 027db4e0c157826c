# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .workflow_mixin import Transition


class HrManagerCommunityMember(models.Model):
    _name = "hr.manager.community.member"
    _description = "Manager Community Membership"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _order = "community_id, state, employee_id"
    _rec_name = "employee_id"

    community_id = fields.Many2one(
        "hr.manager.community",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="community_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        store=True,
        index=True,
        string="User",
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    job_title = fields.Char(related="employee_id.job_title")
    state = fields.Selection(
        [("invited", "Invited"), ("active", "Active"), ("left", "Left")],
        default="invited",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        group_expand="_workflow_expand_states",
    )
    date_join = fields.Date(string="Joined On", readonly=True, copy=False)
    date_leave = fields.Date(string="Left On", readonly=True, copy=False)
    pact_accepted_date = fields.Datetime(
        string="Pact Accepted On", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "community_employee_unique",
            "UNIQUE(community_id, employee_id)",
            "An employee is a member of a community once.",
        ),
    ]

    @api.depends("employee_id", "community_id")
    def _compute_display_name(self):
        for member in self:
            member.display_name = member.employee_id.name or ""

    @api.model
    def _current_user_memberships(self, communities=None):
        """The current user's active memberships (in ``communities`` if given):
        what makes someone a member who may write, vote or report."""
        domain = [("user_id", "=", self.env.uid), ("state", "=", "active")]
        if communities is not None:
            domain.append(("community_id", "in", communities.ids))
        return self.search(domain)

    def _check_manages_people(self):
        counts = dict(
            self.env["hr.employee"]
            # sudo: the team size is organisational data; employees below a
            # member may be outside what the user can read.
            .sudo()
            ._read_group(
                [("parent_id", "in", self.employee_id.ids)], ["parent_id"], ["__count"]
            )
        )
        for member in self:
            # sudo: the key of the counts above (an employee), nothing read.
            if not counts.get(member.employee_id.sudo()):
                raise UserError(
                    _(
                        "%(employee)s manages nobody: communities are for managers "
                        "of people."
                    )
                    % {"employee": member.employee_id.name}
                )

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "activate": Transition(
                ("invited",),
                "active",
                "_guard_activate",
                stamps={"date_join": "today", "date_leave": False},
            ),
            "leave": Transition(
                ("invited", "active"), "left", stamps={"date_leave": "today"}
            ),
            "reinvite": Transition(("left",), "invited"),
        }

    def _guard_activate(self):
        self._check_manages_people()
        single = self.filtered("company_id.manager_community_single_membership")
        if not single:
            return
        # sudo: memberships of other communities: the rule "one active
        # community at a time" must see them all; only their existence is used.
        others = self.sudo().search(
            [
                ("employee_id", "in", single.employee_id.ids),
                ("state", "=", "active"),
                ("id", "not in", single.ids),
            ]
        )
        if others:
            raise UserError(
                _("%(employee)s is already an active member of another community.")
                % {"employee": others[0].employee_id.name}
            )

    def action_accept_pact(self):
        """Record that the member accepted the confidentiality pact (once)."""
        for member in self:
            if member.user_id != self.env.user:
                raise AccessError(
                    _("Only %(employee)s can accept the pact for themselves.")
                    % {"employee": member.employee_id.name}
                )
        # Members read but do not write memberships.
        # sudo: the check above proved the member is the current user.
        self.filtered(lambda m: not m.pact_accepted_date).sudo().write(
            {"pact_accepted_date": fields.Datetime.now()}
        )
        return True
