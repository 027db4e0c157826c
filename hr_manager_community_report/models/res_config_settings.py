# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    manager_community_report_min_managers = fields.Integer(
        related="company_id.manager_community_report_min_managers", readonly=False
    )
