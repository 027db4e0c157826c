# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportHrManagerCharter(models.AbstractModel):
    _name = "report.hr_manager_community_charter.report_charter"
    _description = "Managerial Charter Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # The PDF is read as the user: a charter they may not read is refused
        # before rendering, whatever the cache holds.
        docs = self.env["hr.manager.charter"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": "hr.manager.charter",
            "docs": docs,
        }
