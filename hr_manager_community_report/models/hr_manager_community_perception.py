# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hr_manager_community.models.workflow_mixin import Transition

POPULATIONS = [("director", "Directors"), ("manager", "Managers")]


class HrManagerCommunityPerceptionCampaign(models.Model):
    """The same questionnaire about what "a job well done" means, answered by
    directors and by managers; the gap is read item by item, thresholded
    (``hr.manager.community.perception.gap``)."""

    _name = "hr.manager.community.perception.campaign"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _description = "Perception Gap Campaign"
    _order = "id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        help="What a job well done means: numerical questions and single choices "
        "with scored answers are compared.",
    )
    director_user_ids = fields.Many2many(
        "res.users",
        "hr_mc_perception_campaign_director_rel",
        "campaign_id",
        "user_id",
        string="Directors",
    )
    manager_user_ids = fields.Many2many(
        "res.users",
        "hr_mc_perception_campaign_manager_rel",
        "campaign_id",
        "user_id",
        string="Managers",
        default=lambda self: self._default_manager_user_ids(),
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        group_expand="_workflow_expand_states",
    )
    invitation_count = fields.Integer(compute="_compute_answer_counts")
    completed_count = fields.Integer(
        string="Completed Answers", compute="_compute_answer_counts"
    )
    gap_ids = fields.One2many(
        "hr.manager.community.perception.gap",
        "campaign_id",
        string="Perception Gap",
        groups="hr_manager_community.group_community_director",
    )

    @api.model
    def _default_manager_user_ids(self):
        members = self.env["hr.manager.community.member"].search(
            [
                ("state", "=", "active"),
                ("community_id.state", "=", "active"),
                ("community_id.company_id", "=", self.env.company.id),
                ("user_id", "!=", False),
            ]
        )
        return members.mapped("user_id")

    def _compute_answer_counts(self):
        groups = (
            self.env["survey.user_input"]
            # sudo: counting invitations per campaign reveals nobody's answer,
            # and organisers need not have any right on survey answers.
            .sudo()
            ._read_group(
                [("perception_campaign_id", "in", self.ids)],
                ["perception_campaign_id", "state"],
                ["__count"],
            )
        )
        invited, completed = {}, {}
        for campaign, state, count in groups:
            invited[campaign.id] = invited.get(campaign.id, 0) + count
            if state == "done":
                completed[campaign.id] = completed.get(campaign.id, 0) + count
        for campaign in self:
            campaign.invitation_count = invited.get(campaign.id, 0)
            campaign.completed_count = completed.get(campaign.id, 0)

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "open": Transition(
                ("draft",), "open", "_check_can_open", after="_create_invitations"
            ),
            "close": Transition(("open",), "closed"),
        }

    def _check_can_open(self):
        for campaign in self:
            if not campaign.director_user_ids or not campaign.manager_user_ids:
                raise UserError(
                    _(
                        "%(campaign)s needs directors and managers to invite.",
                        campaign=campaign.display_name,
                    )
                )
            if campaign.director_user_ids & campaign.manager_user_ids:
                raise UserError(
                    _(
                        "%(campaign)s: a person is invited either as a director or "
                        "as a manager, not both.",
                        campaign=campaign.display_name,
                    )
                )

    def _create_invitations(self):
        for campaign in self:
            # sudo: organisers create the invitations through survey's own
            # entry point; nothing is answered yet, so nothing is read.
            survey = campaign.survey_id.sudo()
            for population, users in (
                ("director", campaign.director_user_ids),
                ("manager", campaign.manager_user_ids),
            ):
                for user in users:
                    survey._create_answer(
                        user=user,
                        perception_campaign_id=campaign.id,
                        perception_population=population,
                    )

    def _perception_gap_rows(self):
        """The campaign's gap, item by item, None where a figure is hidden."""
        self.ensure_one()
        # The view reads answers straight from the survey tables: write them
        # first, and search rather than trust a cached one2many.
        self.env.flush_all()
        return (
            self.env["hr.manager.community.perception.gap"]
            .search([("campaign_id", "=", self.id)])
            ._rows()
        )

    def action_view_gap(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community_report.action_hr_manager_community_perception_gap"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {}
        return action


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    perception_campaign_id = fields.Many2one(
        "hr.manager.community.perception.campaign",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )
    perception_population = fields.Selection(POPULATIONS, readonly=True)
