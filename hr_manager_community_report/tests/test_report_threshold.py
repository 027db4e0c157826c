# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The privacy threshold of the director figures (DESIGN.md section 6): they
are the published cells of closed quarters; under every grouping and filter a
pivot allows, no figure involves fewer than k managers or a single community,
and no two figures reveal, by subtraction, what fewer than k managers said."""

from itertools import combinations

from odoo.exceptions import AccessError, UserError, ValidationError
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
    "session_count:sum",
    "attendance_count:sum",
    "attendance_present_count:sum",
    "attendance_rate:avg",
    "situation_count:sum",
    "action_count:sum",
    "action_done_count:sum",
    "action_completion_rate:avg",
    "feedback_count:sum",
    "response_delay:avg",
]
# Group-bys on two of these are refused: no cross-tabulation is published.
BREAKDOWNS = {"department_id", "factor_id", "level", "feedback_state"}


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

    def _facts(self):
        """{(period, kind, axis, value): facts} of the published periods, a
        fact being (kind, item, manager, community): the live data the cells
        were built from, read as superuser in the builder's own terms."""
        self.env.cr.execute(self.Period._facts_query(tuple(self.periods.ids)))
        cells = {}
        for row in self.env.cr.dictfetchall():
            fact = (row["kind"], row["item"], row["manager"], row["community"])
            keys = [("total", "")]
            if row["department"]:
                keys.append(("department", row["department"]))
            if row["kind"] in ("situation", "feedback") and row["factor"]:
                keys.append(("factor", row["factor"]))
            if row["level"]:
                keys.append(("level", row["level"]))
            if row["kind"] == "feedback":
                keys.append(("feedback_state", row["state"]))
            for axis, value in keys:
                key = (row["period_id"], row["kind"], axis, value)
                cells.setdefault(key, set()).add(fact)
        return cells

    def _facts_of_group(self, facts, domain, breakdown):
        """The facts behind a group: those of the published cells it sums."""
        cells = (
            self.Report.sudo()
            .with_context(active_test=False)
            .search(list(domain) + [("breakdown", "=", breakdown)])
        )
        behind = set()
        for cell in cells:
            value = {
                "total": "",
                "department": cell.department_id.id,
                "factor": cell.factor_id.id,
                "level": cell.level,
                "feedback_state": cell.feedback_state,
            }[cell.breakdown]
            behind |= facts[(cell.period_id.id, cell.kind, cell.breakdown, value)]
        return frozenset(behind)

    def assertSafeSet(self, facts, what):
        """A set of facts a director could isolate: none, or k managers and
        2 communities."""
        if not facts:
            return
        k = self.company.manager_community_report_min_managers
        managers = {fact[2] for fact in facts}
        communities = {fact[3] for fact in facts}
        self.assertGreaterEqual(len(managers), k, what)
        self.assertGreaterEqual(len(communities), 2, what)

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
        # The property test: every figure a director can get (every grouping
        # the model allows, every filter), every pair of them whose facts are
        # nested, and what the visible groups of a grouping leave out of its
        # total: none isolates fewer than k managers or a single community.
        groupings = [()] + [(g,) for g in GROUPBYS] + list(combinations(GROUPBYS, 2))
        groupings += [
            ("kind", "department_id", "date:quarter"),
            ("date:quarter", "kind", "level"),
            ("kind", "department_id", "factor_id"),
        ]
        facts = self._facts()
        figures = set()
        checked = refused = 0
        for domain in self._filters():
            for groupby in groupings:
                filtered = {
                    leaf[0].split(".")[0]
                    for leaf in domain
                    if isinstance(leaf, list | tuple)
                }
                grouped = {spec.split(":")[0] for spec in groupby}
                crossed = len((filtered | grouped) & BREAKDOWNS) > 1
                if crossed:
                    with self.assertRaises(UserError):
                        self.as_director.read_group(
                            self.period + domain, MEASURES, list(groupby), lazy=False
                        )
                    refused += 1
                    continue
                breakdown = self.Report._breakdown(self.period + domain, groupby)
                groups = self.as_director.read_group(
                    self.period + domain, MEASURES, list(groupby), lazy=False
                )
                union = set()
                for group in groups:
                    if not group["__count"]:
                        continue
                    behind = self._facts_of_group(facts, group["__domain"], breakdown)
                    with self.subTest(
                        domain=domain, groupby=groupby, group=group["__domain"]
                    ):
                        self.assertSafeSet(behind, "group")
                        self.assertIsNotNone(group["__count"])
                    union |= behind
                    figures.add(behind)
                    checked += 1
                if grouped & BREAKDOWNS and not filtered & BREAKDOWNS:
                    total = self._facts_of_group(facts, self.period + domain, "total")
                    rest = total - union
                    with self.subTest(domain=domain, groupby=groupby, rest=True):
                        self.assertSafeSet(rest, "total minus the visible groups")
        self.assertGreater(checked, 300)
        self.assertGreater(refused, 50)
        # Every pair of visible figures whose facts are nested differs by
        # nothing or by a group that passes the threshold.
        figures = sorted(figures, key=len)
        pairs = 0
        for index, small in enumerate(figures):
            for large in figures[index + 1 :]:
                if small < large:
                    pairs += 1
                    self.assertSafeSet(large - small, "difference of two figures")
        self.assertGreater(pairs, 5)

    def test_figures_are_real(self):
        attendance = self._figures([("kind", "=", "attendance")])
        # Both sessions held, twelve managers expected, ten present: the
        # totals involve everyone, the lonely manager 5 included, since
        # twelve managers and two communities are behind them.
        self.assertEqual(attendance[0], 2)
        self.assertEqual(attendance[1], 12)
        self.assertEqual(attendance[2], 10)
        situations = self._figures([("kind", "=", "situation")])
        self.assertEqual(situations[4], 12)
        actions = self._figures([("kind", "=", "action")])
        self.assertEqual(actions[5], 24)
        self.assertEqual(actions[6], 12)
        self.assertAlmostEqual(actions[7], 50.0)
        feedback = self._figures([("kind", "=", "feedback")])
        self.assertEqual(feedback[8], 2)
        # South's feedback awaits an answer: it has no delay, North's has 14.
        self.assertAlmostEqual(feedback[9], 14.0)
        [(pending,)] = self.as_director._read_group(
            self.period + [("kind", "=", "feedback")],
            [],
            ["feedback_pending_count:sum"],
        )
        self.assertEqual(pending, 1)

    def test_small_department_cannot_be_subtracted(self):
        # Raw data: department A or B holds one situation more than A alone,
        # the lonely manager's. The figures give the same for both filters,
        # so their difference reveals nothing.
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
        # Department C passes alone, but the total minus A and C would be B's
        # one manager: C is suppressed too (complementary suppression), and
        # the total minus what the departments show is B and C: 6 managers.
        self.assertEqual(
            self._figures([("department_id", "!=", self.dept_b.id)]), without_b
        )
        self.assertFalse(self._figures([("department_id", "=", self.dept_c.id)])[4])
        self.assertEqual(self._figures([])[4] - without_b[4], 6)
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
        self.assertEqual(
            {department for department, _count in departments}, {self.dept_a}
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

    def test_statuses_of_a_single_community_are_not_published(self):
        # North's feedback is answered, South's released: each status holds a
        # single community, so no status is published; the total holds both.
        feedback = self.period + [("kind", "=", "feedback")]
        by_state = dict(
            self.as_director._read_group(
                feedback, ["feedback_state"], ["feedback_count:sum"]
            )
        )
        self.assertEqual(by_state, {})
        self.assertEqual(self._figures([("kind", "=", "feedback")])[8], 2)

    def _rebuild(self, k):
        """Publish the fixture's quarters again with threshold ``k`` (a test
        device: a published period is never rebuilt by the product)."""
        self.company.manager_community_report_min_managers = k
        self.periods.unlink()
        self.Period._build_closed_periods(self.company)
        self.periods = self.Period.search(
            [
                ("company_id", "=", self.company.id),
                ("date_start", "in", (self.last_quarter, self.this_quarter)),
            ]
        )

    def test_smaller_threshold_shows_more_detail(self):
        def departments():
            return [
                department
                for department, _count in self.as_director._read_group(
                    self.period + [("kind", "=", "situation")],
                    ["department_id"],
                    ["__count"],
                )
            ]

        self._rebuild(7)
        self.assertFalse(departments())
        self._rebuild(3)
        self.assertIn(self.dept_a, departments())
        self.assertNotIn(self.dept_b, departments())
        self.assertEqual(self.periods.mapped("min_managers"), [3, 3])

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
        # If a published cell ever fell below the threshold (here: a stricter
        # threshold for the running read than when the period was built),
        # read_group blanks it rather than show it.
        self.patch(
            type(self.Report),
            "_min_managers",
            lambda model: 1000,
        )
        [(count, situations)] = self.as_director._read_group(
            [("kind", "=", "situation")],
            [],
            ["__count", "situation_count:sum"],
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
            "filter on managers": lambda: Report.search_count(
                [("manager_count", "=", 1)]
            ),
            "filter on communities": lambda: Report._read_group(
                [("community_count", "=", 2)], [], ["__count"]
            ),
            "filter on breakdown": lambda: Report._read_group(
                [("breakdown", "=", "department")], [], ["__count"]
            ),
            "group by managers": lambda: Report._read_group(
                [], ["manager_count"], ["__count"]
            ),
            "group by id": lambda: Report.read_group([], ["__count"], ["id"]),
            "count managers": lambda: Report._read_group([], [], ["manager_count:min"]),
            "array of sessions": lambda: Report._read_group(
                [], [], ["session_count:array_agg"]
            ),
            "max situation id": lambda: Report._read_group(
                [], [], ["situation_count:max"]
            ),
            "distinct counts": lambda: Report.read_group(
                [], ["situation_count:count_distinct"], []
            ),
            "having managers": lambda: Report._read_group(
                [],
                ["kind"],
                ["__count"],
                having=[("manager_count:min", ">", 1)],
            ),
            "order by communities": lambda: Report._read_group(
                [], ["kind"], ["__count"], order="community_count:min desc"
            ),
        }
        for name, attempt in attempts.items():
            with self.subTest(attempt=name), self.assertRaises(AccessError):
                attempt()
        fields = Report.fields_get()
        self.assertNotIn("manager_count", fields)
        self.assertNotIn("community_count", fields)
        self.assertNotIn("breakdown", fields)
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
