# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

# Question types whose answers carry a number: the value typed, or the score
# of the chosen answer.
SCORED_TYPES = ("numerical_box", "simple_choice")


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
            k=self.env["res.company"]._manager_community_report_k_sql("co"),
        )
