# Copyright 2026 Manager Communities contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .hr_appraisal import ONGOING_APPRAISAL_STATES


class HrManagerCommunityAction(models.Model):
    _inherit = "hr.manager.community.action"

    def _bring_to_review(self):
        """With appraisals, a marked action shows on the author's ongoing
        appraisals (four fields, see hr.manager.community.review.action) and
        gets a follow-up activity on each, instead of the activity on the
        employee record of hr_manager_community. An appraisal created later
        schedules its own follow-ups (hr.appraisal.create)."""
        if not self:
            return self.env["mail.activity"]
        appraisals = (
            self.env["hr.appraisal"]
            # sudo: the author does not read appraisals; only the ongoing
            # appraisals of their own employee are looked up.
            .sudo()
            .search(
                [
                    # sudo: the ids of the authors' own employees.
                    ("employee_id", "in", self.sudo().member_id.employee_id.ids),
                    ("state", "in", ONGOING_APPRAISAL_STATES),
                    ("hr_manager_community_confirmed", "=", True),
                ]
            )
        )
        return appraisals._schedule_community_action_followups(self)
