# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# The setting cannot go below this: with 2, either manager of a figure could
# subtract their own contribution and read the other's.
MIN_MANAGERS_FLOOR = 3
DEFAULT_MIN_MANAGERS = 5


class ResCompany(models.Model):
    _inherit = "res.company"

    manager_community_report_min_managers = fields.Integer(
        string="Minimum Managers per Figure",
        default=DEFAULT_MIN_MANAGERS,
        help="A figure of the director reports is shown only when it involves at "
        "least this many distinct managers (and at least 2 communities).",
    )

    def _manager_community_report_k(self):
        """*k* of the director reports for these companies: the strictest of
        their settings (the default when unset), never below the floor. This
        and its SQL twin below are the only places that know the rule."""
        settings = [
            company.manager_community_report_min_managers or DEFAULT_MIN_MANAGERS
            for company in self
        ]
        return max(max(settings, default=DEFAULT_MIN_MANAGERS), MIN_MANAGERS_FLOOR)

    @api.model
    def _manager_community_report_k_sql(self, alias):
        """The SQL expression of *k* for the ``res_company`` row ``alias`` of
        a query: the same rule as ``_manager_community_report_k``, for one
        company."""
        return SQL(
            "GREATEST(COALESCE(NULLIF(%s, 0), %s), %s)",
            SQL.identifier(alias, "manager_community_report_min_managers"),
            DEFAULT_MIN_MANAGERS,
            MIN_MANAGERS_FLOOR,
        )

    @api.constrains("manager_community_report_min_managers")
    def _check_manager_community_report_min_managers(self):
        for company in self:
            if company.manager_community_report_min_managers < MIN_MANAGERS_FLOOR:
                raise ValidationError(
                    _(
                        "Director reports need at least %(floor)s managers behind each "
                        "figure: with fewer, a manager could subtract their own "
                        "contribution and read another's."
                    )
                    % {"floor": MIN_MANAGERS_FLOOR}
                )
