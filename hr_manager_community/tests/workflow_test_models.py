# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.workflow_mixin import Transition


class HrManagerCommunityWorkflowTester(models.Model):
    """A model that only exists during the workflow mixin's tests."""

    _name = "hr.manager.community.workflow.tester"
    _description = "Workflow Tester"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _workflow_author_field = "author_user_id"
    _workflow_community_field = "community_id"

    name = fields.Char()
    secret = fields.Text()
    allow_approval = fields.Boolean(default=True)
    author_user_id = fields.Many2one("res.users")
    reviewer_user_id = fields.Many2one("res.users")
    community_id = fields.Many2one("hr.manager.community")
    date_opened = fields.Date()
    opened_by_id = fields.Many2one("res.users")
    date_approved = fields.Datetime()
    rejection_count = fields.Integer()
    state = fields.Selection(
        [
            ("new", "New"),
            ("open", "Open"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        group_expand="_workflow_expand_states",
    )

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "open": Transition(
                ("new",),
                "open",
                stamps={"date_opened": "today", "opened_by_id": "user"},
            ),
            "approve": Transition(
                ("open",),
                "approved",
                "_guard_approve",
                roles=("director", "reviewer"),
                stamps={"date_approved": "now"},
            ),
            "reject": Transition(
                ("new", "open"), "rejected", roles=("author", "facilitator")
            ),
            "reopen": Transition(
                ("approved", "rejected"),
                "new",
                roles="member",
                groups="base.group_system",
                stamps={"date_opened": False, "opened_by_id": False},
                method="action_start_over",
            ),
        }

    def _guard_approve(self):
        if not all(self.mapped("allow_approval")):
            raise UserError(self.env._("Approval is not allowed for this record."))

    def _workflow_role_reviewer(self):
        """A role of this model only: its reviewer."""
        return self.filtered(lambda record: record.reviewer_user_id == self.env.user)

    @api.model
    def _workflow_role_labels(self):
        return dict(
            super()._workflow_role_labels(), reviewer=self.env._("its reviewer")
        )


class HrManagerCommunityWorkflowTesterExtension(models.Model):
    """An addon extending the tester's table through ``super()``: a new
    state and transition, and one more side effect on an existing one."""

    _inherit = "hr.manager.community.workflow.tester"

    state = fields.Selection(
        selection_add=[("archived", "Archived")], ondelete={"archived": "set default"}
    )
    date_archived = fields.Date()

    @api.model
    def _workflow_transitions(self):
        transitions = super()._workflow_transitions()
        transitions["archive"] = Transition(
            ("approved", "rejected"),
            "archived",
            roles="author",
            stamps={"date_archived": "today"},
            method="action_archive_tester",
        )
        transitions["reject"] = transitions["reject"].extended(after="_count_rejection")
        return transitions

    def _count_rejection(self):
        for record in self:
            record.rejection_count += 1
