# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # A bare id, not a Many2one: whoever reads a review activity (on an
    # employee or an appraisal) learns nothing about the action through it.
    hr_manager_community_action_ref = fields.Integer(
        string="Community Action Reference",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Technical: the personal action this review activity comes from.",
    )
