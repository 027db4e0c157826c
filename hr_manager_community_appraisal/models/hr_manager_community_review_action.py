# Copyright 2026 Manager Communities contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.hr_manager_community.models.hr_manager_community_action import (
    ACTION_LEVELS,
    ACTION_STATES,
)


class HrManagerCommunityReviewAction(models.Model):
    """What a review may know of an action its author brings to it.

    A read-only SQL view over the marked actions that selects the four fields
    DESIGN.md section 5 lets reach the review (title, level, deadline,
    status) and the keys the record rule needs (author, employee, company).
    It reads the action table beneath the actions' record rules, which is
    the one thing the author allowed by marking the action; the detail, the
    progress notes and the unmarked actions are not in it.
    """

    _name = "hr.manager.community.review.action"
    _description = "Community Action Brought to a Review"
    _auto = False
    _order = "date_deadline, id"
    # Pending writes to these fields are flushed before the view is queried.
    _depends = {
        "hr.manager.community.action": [
            "name",
            "level",
            "date_deadline",
            "state",
            "bring_to_review",
            "member_id",
            "user_id",
            "company_id",
        ],
        "hr.manager.community.member": ["employee_id"],
    }

    name = fields.Char(string="Action", readonly=True)
    level = fields.Selection(ACTION_LEVELS, readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    state = fields.Selection(
        ACTION_STATES,
        string="Status",
        readonly=True,
        group_expand="_expand_states",
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    user_id = fields.Many2one("res.users", string="Author", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def _expand_states(self, states, domain):
        """Grouped by status, the action's statuses in workflow order, empty
        ones included (as the actions themselves)."""
        return self.env["hr.manager.community.action"]._workflow_expand_states(
            states, domain
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT action.id AS id,
                           action.name AS name,
                           action.level AS level,
                           action.date_deadline AS date_deadline,
                           action.state AS state,
                           member.employee_id AS employee_id,
                           action.user_id AS user_id,
                           action.company_id AS company_id
                      FROM hr_manager_community_action action
                      JOIN hr_manager_community_member member
                        ON member.id = action.member_id
                     WHERE action.bring_to_review
                )
                """,
                SQL.identifier(self._table),
            )
        )
