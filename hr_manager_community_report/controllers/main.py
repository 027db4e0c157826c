# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ManagerCommunityReportController(http.Controller):
    @http.route(
        "/manager_community/report/duerp.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def duerp_xlsx(self, wizard_id=None, **kwargs):
        """The DUERP annex as a spreadsheet, for directors only (403 for
        anyone else), from the same rows as its PDF. Everything is read as
        the user: the wizard (own records only), the thresholded figures and
        the released feedback under their record rules."""
        Wizard = request.env["hr.manager.community.report.wizard"]
        try:
            Wizard._check_reporter()
        except AccessError as error:
            raise Forbidden() from error
        try:
            wizard = Wizard.browse(int(wizard_id or 0)).exists()
            if not wizard:
                raise NotFound()
            content = request.env[
                "report.hr_manager_community_report.report_duerp"
            ]._render_xlsx(wizard.ids)
        except (AccessError, MissingError) as error:
            raise Forbidden() from error
        except ValueError as error:
            raise NotFound() from error
        filename = f"duerp-annex-{wizard.date_to}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
