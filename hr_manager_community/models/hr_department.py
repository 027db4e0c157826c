# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    manager_community_ids = fields.Many2many(
        "hr.manager.community",
        string="Manager Communities",
        compute="_compute_manager_community_ids",
    )
    manager_community_count = fields.Integer(
        compute="_compute_manager_community_ids", string="Communities"
    )

    @api.depends_context("uid")
    def _compute_manager_community_ids(self):
        # Searched as the current user: record rules decide what is visible.
        communities = self.env["hr.manager.community"].search(
            [("department_ids", "in", self.ids)]
        )
        for department in self:
            department.manager_community_ids = communities.filtered(
                lambda community, dep=department: dep in community.department_ids
            )
            department.manager_community_count = len(department.manager_community_ids)

    def action_view_manager_communities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community.action_hr_manager_community"
        )
        action["domain"] = [("department_ids", "in", self.ids)]
        return action
