# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SESSION_STEPS = [
    ("presentation", "Presentation of the situation"),
    ("clarification", "Clarifying questions"),
    ("contract", "Contract: the help wanted"),
    ("consultation", "Consultation"),
    ("synthesis", "Synthesis and action plan"),
    ("learnings", "Learnings"),
    ("follow_up", "Follow-up of action plans"),
    ("other", "Other"),
]


class HrManagerCommunitySessionTemplate(models.Model):
    _name = "hr.manager.community.session.template"
    _description = "Manager Community Session Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    line_ids = fields.One2many(
        "hr.manager.community.session.template.line",
        "template_id",
        string="Steps",
        copy=True,
    )
    total_minutes = fields.Integer(compute="_compute_total_minutes")

    @api.depends("line_ids.duration_minutes")
    def _compute_total_minutes(self):
        for template in self:
            template.total_minutes = sum(template.line_ids.mapped("duration_minutes"))


class HrManagerCommunitySessionTemplateLine(models.Model):
    _name = "hr.manager.community.session.template.line"
    _description = "Manager Community Session Template Step"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "hr.manager.community.session.template", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    step = fields.Selection(SESSION_STEPS, required=True, default="other")
    name = fields.Char(string="Description", required=True, translate=True)
    duration_minutes = fields.Integer(string="Minutes", default=15)
