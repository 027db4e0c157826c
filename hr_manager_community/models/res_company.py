# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    manager_community_min_members = fields.Integer(
        string="Minimum Active Members", default=6
    )
    manager_community_max_members = fields.Integer(
        string="Maximum Active Members", default=8
    )
    manager_community_single_membership = fields.Boolean(
        string="One Active Community per Employee",
        default=True,
        help="An employee may be an active member of one community at a time.",
    )
    manager_community_purge_months = fields.Integer(
        string="Purge Narratives After (months)",
        default=6,
        help="Situation texts and session notes of a closed community are erased "
        "this many months after it closed; counts and action plans stay.",
    )
    manager_community_feedback_quorum = fields.Integer(
        string="Feedback Vote Quorum (%)",
        default=50,
        help="Share of the community's active members who must approve a feedback "
        "(and none object) before the facilitator releases it to directors.",
    )
    manager_community_composition_time_limit = fields.Integer(
        string="Composition Time Limit (s)",
        default=20,
        help="Seconds the composition assistant's solver may spend on a proposal.",
    )
    manager_community_session_start_tolerance = fields.Integer(
        string="Session Start Tolerance (hours)",
        default=24,
        help="A session is started at most this many hours before or after its "
        "planned date; outside this window, move its date first. 0: no limit.",
    )
    manager_community_pact_text = fields.Html(
        string="Confidentiality Pact",
        translate=True,
        sanitize=True,
        default=lambda self: self._default_manager_community_pact_text(),
    )

    @api.model
    def _default_manager_community_pact_text(self):
        return _(
            "<p>What is said in the group stays in the group. I will not repeat "
            "outside the community what other members share, I will describe "
            "third parties by codes rather than names, and I bring situations in "
            "good faith to find help, not to judge anyone.</p>"
        )

    @api.constrains("manager_community_min_members", "manager_community_max_members")
    def _check_manager_community_member_bounds(self):
        for company in self:
            low = company.manager_community_min_members
            high = company.manager_community_max_members
            if low < 2 or high < low:
                raise ValidationError(
                    _(
                        "A community needs at least 2 members, and the maximum "
                        "cannot be below the minimum (%(company)s)."
                    )
                    % {"company": company.name}
                )

    @api.constrains("manager_community_composition_time_limit")
    def _check_manager_community_composition_time_limit(self):
        for company in self:
            if not 1 <= company.manager_community_composition_time_limit <= 600:
                raise ValidationError(
                    _("The composition time limit is between 1 and 600 seconds.")
                )

    @api.constrains("manager_community_session_start_tolerance")
    def _check_manager_community_session_start_tolerance(self):
        for company in self:
            if company.manager_community_session_start_tolerance < 0:
                raise ValidationError(
                    _("The session start tolerance is a number of hours, 0 or more.")
                )

    @api.constrains("manager_community_feedback_quorum")
    def _check_manager_community_feedback_quorum(self):
        for company in self:
            if not 1 <= company.manager_community_feedback_quorum <= 100:
                raise ValidationError(
                    _("The feedback quorum is a percentage between 1 and 100.")
                )
