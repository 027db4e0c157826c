# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cause 8: the answers of a perception-gap campaign are read by their author
only; survey users and administrators read none of them; only the
thresholded gap leaves them."""

from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user, tagged

from odoo.addons.hr_manager_community.tests.common import ManagerCommunityCase

from .test_perception import TestPerceptionGap


@tagged("post_install", "-at_install")
class TestPerceptionAnswers(ManagerCommunityCase):
    # TestPerceptionGap's helpers, without its tests.
    _campaign = TestPerceptionGap._campaign
    _inputs = TestPerceptionGap._inputs
    _answer = TestPerceptionGap._answer
    _answer_all = TestPerceptionGap._answer_all
    _gap = TestPerceptionGap._gap

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_report_min_managers = 5
        cls.directors = cls.director
        for index in range(4):
            cls.directors |= new_test_user(
                cls.env,
                f"mc_answers_director{index}",
                groups="base.group_user,hr_manager_community.group_community_director",
            )
        cls.survey = cls.env["survey.survey"].create(
            {"title": "A job well done", "access_mode": "public"}
        )
        Question = cls.env["survey.question"]
        cls.q_number = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "How much does meeting deadlines matter?",
                "question_type": "numerical_box",
            }
        )
        cls.q_choice = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Is helping a colleague part of the job?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (0, 0, {"value": "Not at all", "answer_score": 0}),
                    (0, 0, {"value": "Somewhat", "answer_score": 5}),
                    (0, 0, {"value": "Fully", "answer_score": 10}),
                ],
            }
        )
        cls.choices = cls.q_choice.suggested_answer_ids
        cls.manager_users = cls.members.mapped("user_id")
        cls.Campaign = cls.env["hr.manager.community.perception.campaign"]
        group = "base.group_user,survey.group_survey_%s"
        cls.survey_user = new_test_user(
            cls.env, "mc_survey_user", groups=group % "user"
        )
        cls.survey_manager = new_test_user(
            cls.env, "mc_survey_manager", groups=group % "manager"
        )
        cls.directors[1].groups_id = [(4, cls.env.ref("survey.group_survey_user").id)]
        cls.system_admin = new_test_user(
            cls.env, "mc_perception_system", groups="base.group_user,base.group_system"
        )

    def test_answers_read_by_their_author_only(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer_all(campaign, directors=[(9, 2)] * 5, managers=[(5, 1)] * 6)
        inputs = self._inputs(campaign, "manager") | self._inputs(campaign, "director")
        self.assertEqual(len(inputs), 11)
        Input = self.env["survey.user_input"]
        Line = self.env["survey.user_input.line"]
        ordinary = self.survey.sudo()._create_answer(user=self.outsider)
        for user in (
            self.survey_user,
            self.survey_manager,
            self.system_admin,
            self.officer,
            self.director,
        ):
            with self.subTest(user=user.login):
                as_user = Input.with_user(user)
                if not as_user.has_access("read"):
                    # No right on survey answers at all (Odoo's access).
                    with self.assertRaises(AccessError):
                        as_user.search([("id", "in", inputs.ids)])
                    continue
                self.assertFalse(as_user.search([("id", "in", inputs.ids)]))
                self.assertFalse(
                    Line.with_user(user).search([("user_input_id", "in", inputs.ids)])
                )
                self.assertFalse(
                    Line.with_user(user).read_group(
                        [("user_input_id", "in", inputs.ids)],
                        ["value_numerical_box:sum"],
                        [],
                    )[0]["__count"]
                )
                with self.assertRaises(AccessError):
                    inputs[:1].with_user(user).read(["scoring_percentage"])
                with self.assertRaises(AccessError):
                    inputs.user_input_line_ids[:1].with_user(user).read(
                        ["value_numerical_box"]
                    )
        # Survey managers still read the answers of other surveys.
        self.assertEqual(
            Input.with_user(self.survey_manager).search([("id", "=", ordinary.id)]),
            ordinary,
        )
        # Its author reads their own answer, nobody else's (a director who
        # is also a survey user).
        author = self.directors[1]
        own = inputs.filtered(lambda i: i.partner_id == author.partner_id)
        self.assertEqual(len(own), 1)
        self.assertEqual(
            Input.with_user(author).search([("id", "in", inputs.ids)]), own
        )
        self.assertTrue(own.with_user(author).read(["scoring_percentage"]))
        self.assertEqual(
            Line.with_user(author).search([("user_input_id", "in", inputs.ids)]),
            own.user_input_line_ids,
        )
        # The gap, thresholded, is what leaves the answers.
        self.assertTrue(all(row["gap"] is not None for row in self._gap(campaign)))
