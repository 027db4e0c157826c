# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.hr_manager_community.models.workflow_mixin import Transition

from .res_company import DEFAULT_MIN_MANAGERS, MIN_MANAGERS_FLOOR

POPULATIONS = [("director", "Directors"), ("manager", "Managers")]
# Question types whose answers carry a number: the value typed, or the score
# of the chosen answer.
SCORED_TYPES = ("numerical_box", "simple_choice")


class HrManagerCommunityPerceptionCampaign(models.Model):
    """The same questionnaire about what "a job well done" means, answered by
    directors and by managers; the gap is read item by item, thresholded
    (``hr.manager.community.perception.gap``)."""

    _name = "hr.manager.community.perception.campaign"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _description = "Perception Gap Campaign"
    _order = "id desc"

    _workflow_transitions = {
        "open": Transition(("draft",), "open", "_check_can_open"),
        "close": Transition(("open",), "closed"),
    }

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

    def action_open(self):
        return self._workflow_apply("open")

    def action_close(self):
        return self._workflow_apply("close")

    def _workflow_after(self, name):
        if name == "open":
            self._create_invitations()
        return super()._workflow_after(name)

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


class HrManagerCommunityPerceptionGap(models.Model):
    """One row per campaign and scored question: the directors' average, the
    managers' average and their gap.

    A population's average is published only when at least *k* distinct
    people of that population completed the questionnaire with an answer to
    that question (company setting ``manager_community_report_min_managers``,
    default 5, never below 3); otherwise it is empty, and so is the gap.
    Rows carry no person, no answer and no count: only the averages.
    """

    _name = "hr.manager.community.perception.gap"
    _description = "Perception Gap"
    _auto = False
    _order = "sequence, id"
    _rec_name = "question"

    campaign_id = fields.Many2one(
        "hr.manager.community.perception.campaign", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    question_id = fields.Many2one(
        "survey.question", string="Survey Question", readonly=True
    )
    question = fields.Char(translate=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    director_average = fields.Float(
        string="Directors' Average", readonly=True, aggregator=None
    )
    manager_average = fields.Float(
        string="Managers' Average", readonly=True, aggregator=None
    )
    gap = fields.Float(
        readonly=True,
        aggregator=None,
        help="Directors' average minus managers' average.",
    )
    director_shown = fields.Boolean(
        string="Directors' Average Shown",
        readonly=True,
        help="Enough directors answered for their average to be shown.",
    )
    manager_shown = fields.Boolean(
        string="Managers' Average Shown",
        readonly=True,
        help="Enough managers answered for their average to be shown.",
    )

    def _rows(self):
        """The gap as plain rows, with None for every hidden figure."""
        return [
            {
                "question": row.question,
                "director_average": row.director_average
                if row.director_shown
                else None,
                "manager_average": row.manager_average if row.manager_shown else None,
                "gap": row.gap if row.director_shown and row.manager_shown else None,
            }
            for row in self
        ]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._view_query(),
            )
        )

    def _view_query(self):
        return SQL(
            """
            WITH answers AS (
                SELECT ui.perception_campaign_id AS campaign_id,
                       ui.perception_population AS population,
                       l.question_id,
                       ui.partner_id,
                       CASE WHEN q.question_type = 'numerical_box'
                            THEN l.value_numerical_box
                            ELSE a.answer_score END AS value
                  FROM survey_user_input_line l
                  JOIN survey_user_input ui ON ui.id = l.user_input_id
                  JOIN survey_question q ON q.id = l.question_id
                  LEFT JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                 WHERE ui.perception_campaign_id IS NOT NULL
                   AND ui.state = 'done'
                   AND NOT COALESCE(ui.test_entry, FALSE)
                   AND NOT COALESCE(l.skipped, FALSE)
                   AND q.question_type IN %(types)s
            ),
            populations AS (
                SELECT campaign_id, question_id, population,
                       avg(value) AS average,
                       count(DISTINCT partner_id) AS people
                  FROM answers
                 WHERE value IS NOT NULL
                 GROUP BY campaign_id, question_id, population
            ),
            published AS (
                SELECT c.id AS campaign_id,
                       c.company_id,
                       q.id AS question_id,
                       q.title AS question,
                       q.sequence,
                       CASE WHEN d.people >= %(k)s THEN d.average END
                           AS director_average,
                       CASE WHEN m.people >= %(k)s THEN m.average END
                           AS manager_average,
                       COALESCE(d.people >= %(k)s, FALSE) AS director_shown,
                       COALESCE(m.people >= %(k)s, FALSE) AS manager_shown
                  FROM hr_manager_community_perception_campaign c
                  JOIN res_company co ON co.id = c.company_id
                  JOIN survey_question q ON q.survey_id = c.survey_id
                       AND NOT COALESCE(q.is_page, FALSE)
                       AND q.question_type IN %(types)s
                  LEFT JOIN populations d ON d.campaign_id = c.id
                       AND d.question_id = q.id AND d.population = 'director'
                  LEFT JOIN populations m ON m.campaign_id = c.id
                       AND m.question_id = q.id AND m.population = 'manager'
            )
            SELECT row_number() OVER (ORDER BY campaign_id, question_id) AS id,
                   campaign_id,
                   company_id,
                   question_id,
                   question,
                   sequence,
                   director_average::float AS director_average,
                   manager_average::float AS manager_average,
                   (director_average - manager_average)::float AS gap,
                   director_shown,
                   manager_shown
              FROM published
            """,
            types=SCORED_TYPES,
            k=SQL(
                "GREATEST(COALESCE(co.manager_community_report_min_managers, %s), %s)",
                DEFAULT_MIN_MANAGERS,
                MIN_MANAGERS_FLOOR,
            ),
        )
