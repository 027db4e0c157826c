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

    hr_manager_community_confirmed = fields.Boolean(
        string="Confirmed by HR",
        readonly=True,
        copy=False,
        help="Confirmed by an HR appraisal officer: only such an appraisal, while "
        "pending, shows the employee's marked community actions, and only to its "
        "managers in the employee's own hierarchy.",
    )

    @api.depends_context("uid")
    @api.depends("employee_id", "state", "hr_manager_community_confirmed")
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

    # -------------------------------------------------------------- trust

    def _community_trusted_by_user(self):
        """Whether the current user's confirmation makes appraisals trusted:
        an HR appraisal officer (or the superuser)."""
        return self.env.su or self.env.user.has_group(
            "hr_appraisal_oca.group_appraisal_hr_officer"
        )

    def action_confirm(self):
        result = super().action_confirm()
        trusted = self._community_trusted_by_user()
        # sudo: the confirmation flag is set by the product only, never by
        # the appraisal's writers.
        self.sudo().hr_manager_community_confirmed = trusted
        if trusted:
            self._schedule_community_action_followups(self._community_marked_actions())
        return result

    def action_back(self):
        # sudo: see action_confirm; back to new, the appraisal is untrusted.
        self.sudo().hr_manager_community_confirmed = False
        return super().action_back()

    def write(self, vals):
        if {"employee_id", "manager_ids"} & set(
            vals
        ) and not self._community_trusted_by_user():
            # Another employee or other managers: HR confirms again.
            vals = dict(vals, hr_manager_community_confirmed=False)
        return super().write(vals)

    def _community_marked_actions(self):
        return (
            self.env["hr.manager.community.action"]
            # sudo: finds which marked actions need a follow-up (ids, titles and
            # states only); the appraisal creator reads no action.
            .sudo()
            .search(
                [
                    ("bring_to_review", "=", True),
                    ("state", "in", ("todo", "in_progress")),
                    ("member_id.employee_id", "in", self.employee_id.ids),
                ]
            )
        )

    def _community_hierarchy(self):
        """The employee's managers up the real hierarchy (``parent_id``)."""
        self.ensure_one()
        # sudo: organisational data (the chain of line managers) only.
        employee = self.sudo().employee_id
        ancestors = employee.browse()
        manager = employee.parent_id
        while manager and manager not in ancestors:
            ancestors |= manager
            manager = manager.parent_id
        return ancestors

    def _community_appraiser(self):
        """The user who follows marked actions up: the first manager of the
        appraisal in the employee's hierarchy with an internal user, else the
        employee."""
        self.ensure_one()
        # sudo: the managers' users (ids) of an appraisal HR confirmed.
        managers = (self.sudo().manager_ids & self._community_hierarchy()).user_id
        managers = managers.filtered(lambda user: not user.share)
        return managers[:1] or self.employee_id.user_id

    def _schedule_community_action_followups(self, actions):
        """One follow-up activity per trusted appraisal and marked action of
        its employee. The summary says "an action" and there is no note: the
        title is read on the appraisal's Community Actions page, by the
        appraisal's participants only, never in activities or messages."""
        appraisals = self.filtered(
            lambda a: (
                a.state in ONGOING_APPRAISAL_STATES and a.hr_manager_community_confirmed
            )
        )
        if not appraisals or not actions:
            return self.env["mail.activity"]
        activity_type = self.env.ref(APPRAISAL_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id(self._name)
        by_employee = defaultdict(list)
        # sudo: the author's employee (an id) of each marked action.
        for action in actions.sudo():
            by_employee[action.member_id.employee_id.id].append(action)
        summary = self.env._("Community action brought to this review")
        values = [
            {
                "res_model_id": model_id,
                "res_id": appraisal.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
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
