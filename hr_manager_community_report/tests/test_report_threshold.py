# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The privacy threshold of the director analytics (DESIGN.md section 6):
under every grouping and filter a pivot allows, no figure involves fewer than
k managers or a single community, and two overlapping filters never reveal,
by subtraction, what fewer than k managers said."""

from itertools import combinations

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import tagged
from odoo.tools import SQL

from .common import ReportCase

GROUPBYS = (
    "kind",
    "date:quarter",
    "date:month",
    "date:year",
    "company_id",
    "department_id",
    "factor_id",
    "level",
    "feedback_state",
)
MEASURES = [
    "__count",
    "session_count:count_distinct",
    "attendance_count:sum",
    "attendance_present_count:sum",
    "attendance_rate:avg",
    "situation_count:count_distinct",
    "action_count:count_distinct",
    "action_done_count:count_distinct",
    "action_completion_rate:avg",
    "feedback_count:count_distinct",
    "response_delay:avg",
]


@tagged("post_install", "-at_install")
class TestReportThreshold(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["hr.manager.community.report"]
        cls.as_director = cls.Report.with_user(cls.director)

    def _filters(self):
        mid_quarter = self.last_quarter.replace(day=15)
        return [
            [],
            [("kind", "=", "situation")],
            [("kind", "in", ("attendance", "action"))],
            [("department_id", "=", self.dept_a.id)],
            [("department_id", "in", (self.dept_a | self.dept_b).ids)],
            [("department_id", "!=", self.dept_b.id)],
            [("department_id", "child_of", self.dept_c.id)],
            [("department_id", "=", False)],
            [("factor_id", "=", self.factor_common.id)],
            [("factor_id", "=", self.factor_rare.id)],
            [("factor_id.framework", "=", "inrs")],
            ["|", ("level", "=", "organisational"), ("kind", "=", "attendance")],
            ["!", ("level", "=", "managerial")],
            [("date", ">=", mid_quarter)],
            [("date", ">=", self.last_quarter), ("date", "<", self.this_quarter)],
            [("feedback_state", "in", ("released", "answered"))],
        ]

    def _people_behind(self, domain):
        """(distinct managers, distinct communities) of the rows of ``domain``,
        read as superuser from the columns directors never see."""
        [(managers, communities)] = self.Report.sudo()._read_group(
            domain, [], ["manager_ref:count_distinct", "community_ref:count_distinct"]
        )
        return managers, communities

    def _figures(self, domain):
        [row] = self.as_director._read_group(self.period + domain, [], MEASURES[1:])
        return row

    def test_fixture_has_activity_and_a_lonely_manager(self):
        # The raw data the tests rely on: without the threshold, department B
        # (one manager) and the rare factor (one manager) would show.
        lonely = self.managers[5]
        self.assertEqual(lonely.department_id, self.dept_b)
        rare = self.situations.filtered(lambda s: self.factor_rare in s.factor_ids)
        self.assertEqual(rare.member_id.employee_id, lonely)
        self.assertEqual(len(self.situations), 12)
        self.assertTrue(all(s.state == "done" for s in self.sessions))

    def test_every_group_of_every_grouping_and_filter_passes(self):
        k = self.company.manager_community_report_min_managers
        groupings = [()] + [(g,) for g in GROUPBYS] + list(combinations(GROUPBYS, 2))
        groupings += [
            ("kind", "department_id", "factor_id"),
            ("date:quarter", "kind", "level"),
        ]
        checked = 0
        for domain in self._filters():
            for groupby in groupings:
                groups = self.as_director.read_group(
                    self.period + domain, MEASURES, list(groupby), lazy=False
                )
                for group in groups:
                    if not group["__count"]:
                        continue
                    with self.subTest(
                        domain=domain, groupby=groupby, group=group["__domain"]
                    ):
                        managers, communities = self._people_behind(group["__domain"])
                        self.assertGreaterEqual(managers, k)
                        self.assertGreaterEqual(communities, 2)
                        # The atoms make every group pass: nothing is blanked.
                        self.assertIsNotNone(group["situation_count"])
                    checked += 1
        self.assertGreater(checked, 500)

    def test_figures_are_real(self):
        attendance = self._figures([("kind", "=", "attendance")])
        # Both sessions held; manager 5 (department B) is left out of every figure.
        self.assertEqual(attendance[0], 2)
        self.assertEqual(attendance[1], 11)
        self.assertEqual(attendance[2], 9)
        situations = self._figures([("kind", "=", "situation")])
        self.assertEqual(situations[4], 11)
        actions = self._figures([("kind", "=", "action")])
        self.assertEqual(actions[5], 22)
        self.assertEqual(actions[6], 11)
        self.assertAlmostEqual(actions[7], 50.0)
        feedback = self._figures([("kind", "=", "feedback")])
        self.assertEqual(feedback[8], 2)

    def test_small_department_cannot_be_subtracted(self):
        # Raw data: department A or B holds one situation more than A alone,
        # the lonely manager's. The report gives the same figures for both
        # filters, so their difference reveals nothing.
        raw_ab = self.situations.filtered(
            lambda s: (
                s.member_id.employee_id.department_id in (self.dept_a | self.dept_b)
            )
        )
        raw_a = self.situations.filtered(
            lambda s: s.member_id.employee_id.department_id == self.dept_a
        )
        self.assertEqual(len(raw_ab) - len(raw_a), 1)
        with_b = self._figures(
            [("department_id", "in", (self.dept_a | self.dept_b).ids)]
        )
        without_b = self._figures([("department_id", "=", self.dept_a.id)])
        self.assertEqual(with_b, without_b)
        self.assertEqual(
            self._figures([]), self._figures([("department_id", "!=", self.dept_b.id)])
        )
        self.assertEqual(
            self.as_director.read_group(
                self.period + [("department_id", "=", self.dept_b.id)],
                ["__count"],
                [],
                lazy=False,
            )[0]["__count"],
            0,
        )
        departments = self.as_director._read_group(
            self.period, ["department_id"], ["__count"]
        )
        self.assertNotIn(
            self.dept_b, [department for department, _count in departments]
        )

    def test_rare_factor_cannot_be_subtracted(self):
        situations = self.period + [("kind", "=", "situation")]
        everything = self._figures(situations)
        without_rare = self._figures(
            situations + [("factor_id", "!=", self.factor_rare.id)]
        )
        self.assertEqual(everything, without_rare)
        self.assertFalse(
            self.as_director._read_group(
                situations + [("factor_id", "=", self.factor_rare.id)],
                ["factor_id"],
                ["__count"],
            )
        )
        by_factor = self.as_director._read_group(situations, ["factor_id"], ["__count"])
        self.assertNotIn(self.factor_rare, [factor for factor, _count in by_factor])

    def test_dates_cannot_split_a_quarter(self):
        # A range ending mid-quarter and one ending at its start give the same
        # figures: periods are whole quarters, so no day or week is isolated.
        mid = self.last_quarter.replace(day=15)
        self.assertEqual(
            self._figures([("date", "<", mid)]),
            self._figures([("date", "<=", self.last_quarter)]),
        )
        self.assertEqual(
            self._figures([("date", ">", self.last_quarter)]),
            self._figures([("date", ">=", self.this_quarter)]),
        )

    def test_generalised_facts_count_under_broader_headings(self):
        # North's feedback is answered, South's released: each status holds a
        # single community, so both feedback count under no status at all.
        feedback = self.period + [("kind", "=", "feedback")]
        by_state = dict(
            (state, count)
            for state, count in self.as_director._read_group(
                feedback, ["feedback_state"], ["feedback_count:count_distinct"]
            )
        )
        self.assertEqual(set(by_state), {False})
        self.assertEqual(by_state[False], 2)

    def test_smaller_threshold_shows_more_detail(self):
        self.company.manager_community_report_min_managers = 3
        self.env.flush_all()
        departments = [
            department
            for department, _count in self.as_director._read_group(
                self.period + [("kind", "=", "situation")],
                ["department_id"],
                ["__count"],
            )
        ]
        self.assertIn(self.dept_a, departments)
        self.assertIn(self.dept_c, departments)
        self.assertNotIn(self.dept_b, departments)

    def test_threshold_setting_floor(self):
        with self.assertRaises(ValidationError):
            self.company.manager_community_report_min_managers = 2
        settings = self.env["res.config.settings"].create(
            {"manager_community_report_min_managers": 7}
        )
        settings.execute()
        self.assertEqual(self.company.manager_community_report_min_managers, 7)

    def test_one_threshold_for_python_and_sql(self):
        # res.company holds the rule once: its Python value and its SQL
        # expression agree, with the default for an unset value and the floor
        # for a value the constraint would refuse.
        Company = self.env["res.company"]
        other = Company.create({"name": "Second Company of the Threshold"})

        def sql_k(company):
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM res_company c WHERE c.id = %s",
                    Company._manager_community_report_k_sql("c"),
                    company.id,
                )
            )
            return self.env.cr.fetchone()[0]

        for stored, expected in ((None, 5), (0, 5), (1, 3), (3, 3), (7, 7)):
            with self.subTest(stored=stored):
                self.env.cr.execute(
                    "UPDATE res_company SET manager_community_report_min_managers = %s"
                    " WHERE id = %s",
                    (stored, other.id),
                )
                other.invalidate_recordset(["manager_community_report_min_managers"])
                self.assertEqual(other._manager_community_report_k(), expected)
                self.assertEqual(sql_k(other), expected)
        # Several companies: the strictest; none: the default.
        self.assertEqual((self.company | other)._manager_community_report_k(), 7)
        self.assertEqual(Company.browse()._manager_community_report_k(), 5)
        # The analysis' second line of defence uses the reader's companies.
        self.assertEqual(self.as_director._min_managers(), 5)
        self.director.company_ids |= other
        self.assertEqual(
            self.Report.with_user(self.director)
            .with_context(allowed_company_ids=(self.company | other).ids)
            ._min_managers(),
            7,
        )
        self.assertEqual(
            self.env["report.hr_manager_community_report.report_duerp"]
            .with_user(self.director)
            .with_context(allowed_company_ids=other.ids)
            ._figures_min_managers(),
            7,
        )

    def test_second_line_of_defence_blanks_small_groups(self):
        # If the view ever let a small group through (here: a stricter
        # threshold for the running read than for the view), read_group
        # blanks it rather than show it.
        self.patch(
            type(self.Report),
            "_min_managers",
            lambda model: 1000,
        )
        [(count, situations)] = self.as_director._read_group(
            [("kind", "=", "situation")],
            [],
            ["__count", "situation_count:count_distinct"],
        )
        self.assertEqual(count, 0)
        self.assertIsNone(situations)

    # ----------------------------------------------------------------- rows

    def test_rows_are_never_read(self):
        Report = self.as_director
        self.env.ref("base.group_allow_export").users |= self.director
        row_id = self.Report.sudo().search([], limit=1).id
        self.assertTrue(row_id)
        attempts = {
            "search": lambda: Report.search([]),
            "search_read": lambda: Report.search_read([], ["kind"]),
            "web_search_read": lambda: Report.web_search_read([], {"kind": {}}),
            "read": lambda: Report.browse(row_id).read(["kind"]),
            "field": lambda: Report.browse(row_id).kind,
            "export": lambda: Report.browse(row_id).export_data(["kind"]),
            "name_search": lambda: Report.name_search(""),
            "count by id": lambda: Report.search_count([("id", "=", row_id)]),
            "filter on manager": lambda: Report.search_count([("manager_ref", "=", 1)]),
            "filter on community": lambda: Report._read_group(
                [("community_ref", "=", self.community.id)], [], ["__count"]
            ),
            "group by manager": lambda: Report._read_group(
                [], ["manager_ref"], ["__count"]
            ),
            "group by id": lambda: Report.read_group([], ["__count"], ["id"]),
            "count managers": lambda: Report._read_group(
                [], [], ["manager_ref:count_distinct"]
            ),
            "array of sessions": lambda: Report._read_group(
                [], [], ["session_count:array_agg"]
            ),
            "max situation id": lambda: Report._read_group(
                [], [], ["situation_count:max"]
            ),
            "sum of ids": lambda: Report.read_group([], ["situation_count:sum"], []),
            "having managers": lambda: Report._read_group(
                [],
                ["kind"],
                ["__count"],
                having=[("manager_ref:count_distinct", ">", 1)],
            ),
            "order by communities": lambda: Report._read_group(
                [], ["kind"], ["__count"], order="community_ref:count_distinct desc"
            ),
        }
        for name, attempt in attempts.items():
            with self.subTest(attempt=name), self.assertRaises(AccessError):
                attempt()
        fields = Report.fields_get()
        self.assertNotIn("manager_ref", fields)
        self.assertNotIn("community_ref", fields)
        # What the pivot and the graph ask for works.
        self.assertTrue(
            Report.read_group(
                [("kind", "=", "situation")],
                ["situation_count"],
                ["date:quarter", "level"],
                lazy=False,
            )
        )
        self.assertTrue(
            Report.web_read_group([], ["attendance_rate:avg"], ["department_id"])[
                "groups"
            ]
        )

    def test_only_directors(self):
        self.assertTrue(
            self.Report.with_user(self.director)._read_group([], ["kind"], ["__count"])
        )
        for user in (
            self.admin_user,
            self.officer,
            self.hr_manager,
            self.facilitator,
            self.members[0].user_id,
            self.members[4].user_id,
            self.outsider,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Report.with_user(user).read_group([], ["__count"], ["kind"])
        rules = self.env["ir.rule"].search([("model_id.model", "=", self.Report._name)])
        self.assertTrue(rules)
        self.assertFalse(rules.filtered("groups"))
