# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

REPORTER_GROUPS = ("hr_manager_community.group_community_director",)


def quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


class HrManagerCommunityReportWizard(models.TransientModel):
    """Period and scope of the director reports.

    The wizard holds the parameters only: what each report prints is built
    by its ``report.hr_manager_community_report.*`` model (report/), as the
    current user. Nothing here uses sudo().
    """

    _name = "hr.manager.community.report.wizard"
    _description = "Manager Communities Director Reports"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: quarter_start(
            fields.Date.context_today(self) - relativedelta(months=9)
        ),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    scope = fields.Selection(
        [
            ("company", "Whole company"),
            ("department", "Departments"),
            ("community", "Communities"),
        ],
        required=True,
        default="company",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        domain="[('company_id', 'in', (company_id, False))]",
    )
    community_ids = fields.Many2many(
        "hr.manager.community",
        string="Communities",
        domain="[('company_id', '=', company_id)]",
        help="Feedback is restricted to these communities. Activity figures cover the "
        "departments of these communities, since a figure never comes from a single "
        "community.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The period ends before it starts."))

    # ----------------------------------------------------------------- access

    @api.model
    def _check_reporter(self):
        if not any(self.env.user.has_group(group) for group in REPORTER_GROUPS):
            raise AccessError(_("Director reports are for directors only."))

    # ------------------------------------------------------------------ scope

    def _scope_label(self):
        self.ensure_one()
        if self.scope == "department" and self.department_ids:
            return ", ".join(self.department_ids.mapped("display_name"))
        if self.scope == "community" and self.community_ids:
            return ", ".join(self.community_ids.mapped("name"))
        return self.company_id.name

    def _scope_departments(self):
        self.ensure_one()
        if self.scope == "department":
            return self.department_ids
        if self.scope == "community":
            return self.community_ids.department_ids
        return self.env["hr.department"]

    # --------------------------------------------------------------- actions

    def _print(self, xmlid):
        self.ensure_one()
        self._check_reporter()
        return self.env.ref(xmlid).report_action(self)

    def action_print_feedback(self):
        return self._print("hr_manager_community_report.action_report_feedback")

    def action_print_activity(self):
        return self._print("hr_manager_community_report.action_report_activity")

    def action_print_duerp(self):
        return self._print("hr_manager_community_report.action_report_duerp")

    def action_download_duerp(self):
        self.ensure_one()
        self._check_reporter()
        return {
            "type": "ir.actions.act_url",
            "url": f"/manager_community/report/duerp.xlsx?wizard_id={self.id}",
            "target": "self",
        }
