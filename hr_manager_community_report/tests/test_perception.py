# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import new_test_user, tagged

from odoo.addons.hr_manager_community.tests.common import ManagerCommunityCase
from odoo.addons.hr_manager_community.tests.test_workflow_mixin import (
    WorkflowTableMixin,
)


@tagged("post_install", "-at_install")
class TestPerceptionGap(WorkflowTableMixin, ManagerCommunityCase):
    """Five directors and the six active managers of ``community`` answer
    the same two-item questionnaire; k is 5."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_report_min_managers = 5
        cls.directors = cls.director
        for index in range(4):
            cls.directors |= new_test_user(
                cls.env,
                f"mc_perception_director{index}",
                name=f"Director {index}",
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
                "sequence": 1,
            }
        )
        cls.q_choice = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Is helping a colleague part of the job?",
                "question_type": "simple_choice",
                "sequence": 2,
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

    def _campaign(self, **values):
        return self.Campaign.with_user(self.officer).create(
            dict(
                {
                    "name": "A job well done",
                    "survey_id": self.survey.id,
                    "director_user_ids": [(6, 0, self.directors.ids)],
                    "manager_user_ids": [(6, 0, self.manager_users.ids)],
                },
                **values,
            )
        )

    def _inputs(self, campaign, population):
        return self.env["survey.user_input"].search(
            [
                ("perception_campaign_id", "=", campaign.id),
                ("perception_population", "=", population),
            ]
        )

    def _answer(self, user_input, number, choice):
        user_input._save_lines(self.q_number, str(number))
        user_input._save_lines(self.q_choice, choice.id)
        user_input._mark_done()

    def _answer_all(self, campaign, directors, managers):
        """``directors``/``managers``: (number, choice index) per answering person."""
        for population, answers in (("director", directors), ("manager", managers)):
            for user_input, (number, choice) in zip(
                self._inputs(campaign, population), answers, strict=False
            ):
                self._answer(user_input, number, self.choices[choice])
        self.env.flush_all()

    def _gap(self, campaign, user=None):
        return campaign.with_user(user or self.director)._perception_gap_rows()

    # ---------------------------------------------------------------- workflow

    def test_workflow_table(self):
        def make(state):
            campaign = self._campaign()
            if state != "draft":
                self._force_state(campaign, state)
            return campaign

        self._walk_table(self.Campaign.with_user(self.officer), make)

    def test_managers_default_to_active_members(self):
        campaign = self.Campaign.with_user(self.officer).create(
            {"name": "Defaults", "survey_id": self.survey.id}
        )
        self.assertLessEqual(self.manager_users, campaign.manager_user_ids)
        # community_other is a draft: its member is not invited by default.
        self.assertNotIn(self.member_other.user_id, campaign.manager_user_ids)
        self.assertFalse(campaign.director_user_ids)

    def test_open_invites_both_populations(self):
        campaign = self._campaign()
        campaign.action_open()
        self.assertEqual(campaign.state, "open")
        directors = self._inputs(campaign, "director")
        managers = self._inputs(campaign, "manager")
        self.assertEqual(directors.partner_id, self.directors.partner_id)
        self.assertEqual(managers.partner_id, self.manager_users.partner_id)
        self.assertEqual(len(directors), 5)
        self.assertEqual(len(managers), 6)
        self.assertTrue(all((directors | managers).mapped("access_token")))
        self.assertEqual(campaign.invitation_count, 11)
        self.assertEqual(campaign.completed_count, 0)
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")

    def test_open_refuses_a_person_in_both_populations(self):
        campaign = self._campaign(
            manager_user_ids=[(6, 0, (self.manager_users | self.director).ids)]
        )
        with self.assertRaises(UserError):
            campaign.action_open()
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(self._inputs(campaign, "director"))

    # --------------------------------------------------------------------- gap

    def test_gap_with_enough_answers(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer_all(
            campaign,
            directors=[(9, 2), (8, 2), (10, 1), (9, 2), (9, 2)],
            managers=[(5, 1), (6, 0), (4, 1), (5, 2), (6, 1), (4, 0)],
        )
        rows = self._gap(campaign)
        self.assertEqual(len(rows), 2)
        number, choice = rows
        self.assertEqual(number["question"], self.q_number.title)
        self.assertAlmostEqual(number["director_average"], 9.0)
        self.assertAlmostEqual(number["manager_average"], 5.0)
        self.assertAlmostEqual(number["gap"], 4.0)
        self.assertEqual(choice["question"], self.q_choice.title)
        self.assertAlmostEqual(choice["director_average"], 9.0)
        self.assertAlmostEqual(choice["manager_average"], 25 / 6)
        self.assertAlmostEqual(choice["gap"], 9.0 - 25 / 6)
        self.assertEqual(campaign.completed_count, 11)
        # The community administrator reads no gap (aggregates: directors only).
        with self.assertRaises(AccessError):
            self._gap(campaign, self.admin_user)

    def test_gap_hidden_below_threshold(self):
        campaign = self._campaign()
        campaign.action_open()
        # Four directors complete, the fifth starts but never finishes.
        self._answer_all(
            campaign,
            directors=[(9, 2), (8, 2), (10, 1), (9, 2)],
            managers=[(5, 1), (6, 0), (4, 1), (5, 2), (6, 1), (4, 0)],
        )
        last = self._inputs(campaign, "director").filtered(lambda i: i.state == "new")
        self.assertEqual(len(last), 1)
        last._save_lines(self.q_number, "1")
        self.env.flush_all()
        for row in self._gap(campaign):
            self.assertIsNone(row["director_average"])
            self.assertIsNone(row["gap"])
            self.assertIsNotNone(row["manager_average"])
        self.assertAlmostEqual(self._gap(campaign)[0]["manager_average"], 5.0)

        # A stricter threshold hides the managers too (six answered).
        self.company.manager_community_report_min_managers = 7
        self.env.invalidate_all()
        for row in self._gap(campaign):
            self.assertEqual(
                (row["director_average"], row["manager_average"], row["gap"]),
                (None, None, None),
            )

    def test_gap_rows_carry_no_identity(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer_all(
            campaign,
            directors=[(9, 2)] * 5,
            managers=[(5, 1)] * 6,
        )
        Gap = self.env["hr.manager.community.perception.gap"]
        relational = {
            name
            for name, field in Gap._fields.items()
            if field.relational and name not in ("create_uid", "write_uid")
        }
        self.assertEqual(relational, {"campaign_id", "company_id", "question_id"})
        self.env.invalidate_all()
        gaps = campaign.with_user(self.director).gap_ids
        self.assertEqual(len(gaps), 2)
        names = set(
            (self.directors | self.manager_users).mapped("name")
            + (self.directors | self.manager_users).mapped("login")
        )
        for values in gaps.read([]):
            for value in values.values():
                flat = value if isinstance(value, (list, tuple)) else [value]
                for item in flat:
                    self.assertNotIn(item, names)
                    if isinstance(item, str):
                        for name in names:
                            self.assertNotIn(name, item)

    # ------------------------------------------------------------------ access

    def test_access_refused(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer_all(campaign, directors=[(9, 2)] * 5, managers=[(5, 1)] * 6)
        Gap = self.env["hr.manager.community.perception.gap"]
        member = self.manager_users[0]
        portal_member = self.manager_users.filtered(lambda u: u.share)[:1]
        self.assertTrue(portal_member)
        for user in (member, portal_member, self.outsider, self.facilitator):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    campaign.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.Campaign.with_user(user).search([])
                with self.assertRaises(AccessError):
                    Gap.with_user(user).search([])
                with self.assertRaises(AccessError):
                    Gap.with_user(user).read_group([], ["campaign_id"], ["campaign_id"])
        # HR officers organise campaigns but read no gap.
        self.assertEqual(campaign.with_user(self.officer).state, "open")
        with self.assertRaises(AccessError):
            Gap.with_user(self.officer).search([])
        with self.assertRaises(AccessError):
            campaign.with_user(self.officer).read(["gap_ids"])
        with self.assertRaises(AccessError):
            Gap.with_user(self.officer).browse(Gap.search([]).ids).read(["gap"])
        # Community administrators (HR officers too) likewise: no gap.
        self.assertEqual(campaign.with_user(self.admin_user).state, "open")
        with self.assertRaises(AccessError):
            Gap.with_user(self.admin_user).search([])
        with self.assertRaises(AccessError):
            campaign.with_user(self.admin_user).read(["gap_ids"])
        # Directors read campaigns and gaps, but change nothing.
        self.assertEqual(len(Gap.with_user(self.director).search([])), 2)
        with self.assertRaises(AccessError):
            campaign.with_user(self.director).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            campaign.with_user(self.director).action_close()
        # Nobody of the campaign gets a right on answer lines from it.
        with self.assertRaises(AccessError):
            self.env["survey.user_input.line"].with_user(self.officer).search([])

    def test_director_backend_view(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer_all(campaign, directors=[(9, 2)] * 5, managers=[(5, 1)] * 6)
        self.env.invalidate_all()
        as_director = campaign.with_user(self.director)
        arch = as_director.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="gap_ids"', arch)
        [values] = as_director.web_read(
            {
                "name": {},
                "state": {},
                "survey_id": {"fields": {"display_name": {}}},
                "gap_ids": {
                    "fields": {
                        "question": {},
                        "director_average": {},
                        "manager_average": {},
                        "gap": {},
                        "director_shown": {},
                        "manager_shown": {},
                    }
                },
            }
        )
        self.assertEqual(values["survey_id"]["display_name"], "A job well done")
        self.assertEqual(len(values["gap_ids"]), 2)
        self.assertTrue(all(row["director_shown"] for row in values["gap_ids"]))
        # Officers organise: their form has no gap.
        as_officer = campaign.with_user(self.officer)
        arch = as_officer.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="gap_ids"', arch)
        self.assertIn('name="action_close"', arch)
