# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.workflow_mixin import Transition


class HrManagerCommunityWorkflowTester(models.Model):
    """A model that only exists during the workflow mixin's tests."""

    _name = "hr.manager.community.workflow.tester"
    _description = "Workflow Tester"
    _inherit = ["hr.manager.community.workflow.mixin"]

    _workflow_transitions = {
        "open": Transition(("new",), "open"),
        "approve": Transition(("open",), "approved", "_guard_approve"),
        "reject": Transition(("new", "open"), "rejected"),
        "reopen": Transition(("approved", "rejected"), "new"),
    }

    name = fields.Char()
    secret = fields.Text()
    allow_approval = fields.Boolean(default=True)
    state = fields.Selection(
        [
            ("new", "New"),
            ("open", "Open"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
    )

    def _guard_approve(self):
        if not all(self.mapped("allow_approval")):
            raise UserError(self.env._("Approval is not allowed for this record."))
