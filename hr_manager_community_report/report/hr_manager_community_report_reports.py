# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ReportManagerCommunityBase(models.AbstractModel):
    """Rendering values shared by the director reports.

    The reports read everything as the current user (no sudo()): the wizard,
    the released feedback through its record rules, and the figures through
    the thresholded ``hr.manager.community.report``. Only directors print
    them.
    """

    _name = "report.hr_manager_community_report.report_base"
    _description = "Manager Communities Director Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["hr.manager.community.report.wizard"]
        wizards._check_reporter()
        docs = wizards.browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": wizards._name,
            "docs": docs,
            "min_managers": wizards._min_managers(),
            "printed_on": fields.Date.context_today(self),
        }


class ReportManagerCommunityFeedback(models.AbstractModel):
    _name = "report.hr_manager_community_report.report_feedback"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "Feedback to Directors Report"


class ReportManagerCommunityActivity(models.AbstractModel):
    _name = "report.hr_manager_community_report.report_activity"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "Community Activity Report"


class ReportManagerCommunityDuerp(models.AbstractModel):
    _name = "report.hr_manager_community_report.report_duerp"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "DUERP Annex Report"
