# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    manager_community_min_members = fields.Integer(
        related="company_id.manager_community_min_members", readonly=False
    )
    manager_community_max_members = fields.Integer(
        related="company_id.manager_community_max_members", readonly=False
    )
    manager_community_single_membership = fields.Boolean(
        related="company_id.manager_community_single_membership", readonly=False
    )
    manager_community_purge_months = fields.Integer(
        related="company_id.manager_community_purge_months", readonly=False
    )
    manager_community_pact_text = fields.Html(
        related="company_id.manager_community_pact_text", readonly=False
    )
    manager_community_feedback_quorum = fields.Integer(
        related="company_id.manager_community_feedback_quorum", readonly=False
    )
    manager_community_composition_time_limit = fields.Integer(
        related="company_id.manager_community_composition_time_limit", readonly=False
    )
    manager_community_session_start_tolerance = fields.Integer(
        related="company_id.manager_community_session_start_tolerance",
        readonly=False,
    )
