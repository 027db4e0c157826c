# Copyright 2026 Manager Communities contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models

ONGOING_APPRAISAL_STATES = ("1_new", "2_pending")
APPRAISAL_ACTIVITY_TYPE = (
    "hr_manager_community_appraisal.mail_activity_type_appraisal_action"
)


class HrAppraisal(models.Model):
    _inherit = "hr.appraisal"

    community_action_ids = fields.Many2many(
        "hr.manager.community.review.action",
        string="Community Actions",
        compute="_compute_community_action_ids",
        help="Actions of the employee's plan in Manager Communities that the "
        "employee chose to bring to this review: title, level, deadline and "
        "status only.",
    )

    @api.depends_context("uid")
    @api.depends("employee_id", "state")
    def _compute_community_action_ids(self):
        # Searched as the current user: the record rule shows the marked
        # actions to their author and to the managers of an ongoing appraisal
        # of the author, and to nobody else (not to other HR readers).
        rows = self.env["hr.manager.community.review.action"].search(
            [("employee_id", "in", self.employee_id.ids)]
        )
        by_employee = defaultdict(lambda: rows.browse())
        for row in rows:
            by_employee[row.employee_id.id] |= row
        for appraisal in self:
            appraisal.community_action_ids = by_employee[appraisal.employee_id.id]

    @api.model_create_multi
    def create(self, vals_list):
        appraisals = super().create(vals_list)
        actions = (
            self.env["hr.manager.community.action"]
            # sudo: finds which marked actions need a follow-up (ids, titles and
            # states only); the appraisal creator reads no action.
            .sudo()
            .search(
                [
                    ("bring_to_review", "=", True),
                    ("state", "in", ("todo", "in_progress")),
                    ("member_id.employee_id", "in", appraisals.employee_id.ids),
                ]
            )
        )
        appraisals._schedule_community_action_followups(actions)
        return appraisals

    def _community_appraiser(self):
        """The user who follows marked actions up: the first manager of the
        appraisal with an internal user, else the employee."""
        self.ensure_one()
        managers = self.manager_ids.user_id.filtered(lambda user: not user.share)
        return managers[:1] or self.employee_id.user_id

    def _schedule_community_action_followups(self, actions):
        """One follow-up activity per appraisal and marked action of its
        employee; the summary is the action title, there is no note."""
        appraisals = self.filtered(lambda a: a.state in ONGOING_APPRAISAL_STATES)
        if not appraisals or not actions:
            return self.env["mail.activity"]
        activity_type = self.env.ref(APPRAISAL_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id(self._name)
        by_employee = defaultdict(list)
        # sudo: the author's employee (an id) of each marked action.
        for action in actions.sudo():
            by_employee[action.member_id.employee_id.id].append(action)
        values = [
            {
                "res_model_id": model_id,
                "res_id": appraisal.id,
                "activity_type_id": activity_type.id,
                "summary": action.name,
                "note": False,
                "date_deadline": appraisal.date_close,
                "user_id": appraisal._community_appraiser().id,
                "hr_manager_community_action_ref": action.id,
                "automated": True,
            }
            # sudo: the new appraisals' ids, employees and close dates only.
            for appraisal in appraisals.sudo()
            for action in by_employee[appraisal.employee_id.id]
        ]
        # sudo: the author asked for this title to reach their appraisal,
        # which they may not write.
        return self.env["mail.activity"].sudo()._mc_create_per_record(values)
