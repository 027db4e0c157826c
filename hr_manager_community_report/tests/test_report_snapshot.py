# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Director figures come from snapshots of closed quarters: built once (by the
scheduled action or by HR), never changed by later live data, read through
read_group only, with clear refusals of malformed reads."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import tagged

from .common import ReportCase

PIVOT = ("session_count:sum", "situation_count:sum", "feedback_count:sum")


@tagged("post_install", "-at_install")
class TestReportSnapshot(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["hr.manager.community.report"]
        cls.as_director = cls.Report.with_user(cls.director)

    def _pivot(self):
        """What the default pivot asks for: rows period, columns kind."""
        reads = [
            self.as_director.read_group(self.period, PIVOT, [], lazy=False),
            self.as_director.read_group(
                self.period, PIVOT, ["period_id", "kind"], lazy=False
            ),
            self.as_director.read_group(self.period, PIVOT, ["period_id"], lazy=False),
            self.as_director.read_group(self.period, PIVOT, ["kind"], lazy=False),
        ]
        return [
            [
                {key: value for key, value in group.items() if key != "__domain"}
                for group in groups
            ]
            for groups in reads
        ]

    def test_periods_are_published_once(self):
        self.assertEqual(len(self.periods), 2)
        self.assertTrue(all(self.periods.mapped("date_built")))
        self.assertTrue(all(self.periods.mapped("cell_count")))
        self.assertEqual(self.periods.mapped("min_managers"), [5, 5])
        # Every closed quarter since the first activity, none open.
        today = fields.Date.context_today(self.env.user)
        published = self.Period.search([("company_id", "=", self.company.id)])
        self.assertTrue(all(p.date_end < today for p in published))
        again = self.Period._build_closed_periods(self.company)
        self.assertFalse(again)
        self.assertEqual(
            self.periods.with_user(self.director).mapped("display_name"),
            [
                "Q%s %s" % ((q.month - 1) // 3 + 1, q.year)
                for q in (self.last_quarter, self.this_quarter)
            ],
        )

    def test_figures_do_not_follow_live_data(self):
        # Read, let managers act in the closed quarters, publish again, read
        # again: nothing moves, since a closed quarter is published once.
        before = self._pivot()
        departments = self.as_director._read_group(
            self.period, ["department_id"], ["situation_count:sum"]
        )
        member = self.members[1]
        situation = self._create_situation(
            member=member,
            session_id=self.sessions[0].id,
            factor_ids=[(6, 0, self.factor_rare.ids)],
        )
        situation.with_user(member.user_id).action_submit()
        self.env["hr.manager.community.action"].create(
            {
                "plan_id": self.actions[0].plan_id.id,
                "name": "LATE-ACTION",
                "level": "managerial",
                "date_deadline": self.last_quarter + timedelta(days=5),
            }
        )
        self.managers[5].department_id = self.dept_a
        self.situations[0].sudo().factor_ids = [(6, 0, self.factor_rare.ids)]
        self.env["hr.manager.community.report.period"]._cron_build_closed_periods()
        self.assertEqual(self._pivot(), before)
        self.assertEqual(
            self.as_director._read_group(
                self.period, ["department_id"], ["situation_count:sum"]
            ),
            departments,
        )

    def test_closed_community_keeps_its_figures(self):
        # A community closed (and purged) after its quarter closed keeps its
        # sessions and levels in that quarter's figures.
        before = self._pivot()
        levels = self.as_director._read_group(
            self.period + [("kind", "=", "situation")], ["level"], ["__count"]
        )
        self.assertTrue(levels)
        for community in self.community | self.community_other:
            community.action_close()
        (self.community | self.community_other)._purge_narratives()
        self.assertEqual(self._pivot(), before)
        self.assertEqual(
            self.as_director._read_group(
                self.period + [("kind", "=", "situation")], ["level"], ["__count"]
            ),
            levels,
        )

    def test_open_quarter_is_not_published(self):
        today = fields.Date.context_today(self.env.user)
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        self.assertFalse(
            self.Period.search(
                [("company_id", "=", self.company.id), ("date_end", ">=", quarter)]
            )
        )
        self.assertFalse(
            self.as_director._read_group(
                [("date", ">=", quarter)], ["kind"], ["__count"]
            )
        )

    def test_hr_publishes_on_demand(self):
        # A quarter with activity but not yet published (as after an install):
        # HR publishes it from the list of periods.
        self.periods.unlink()
        self.assertFalse(
            self.as_director._read_group(self.period, ["kind"], ["__count"])
        )
        Period = self.Period.with_user(self.officer)
        action = Period.action_build_closed_periods()
        self.assertEqual(action["tag"], "display_notification")
        self.assertTrue(
            self.as_director._read_group(self.period, ["kind"], ["__count"])
        )
        # HR reads what was published and when, never a figure.
        self.assertTrue(Period.search([("date_start", "=", self.last_quarter)]))
        with self.assertRaises(AccessError):
            self.Report.with_user(self.officer).read_group([], ["__count"], ["kind"])

    def test_only_hr_publishes_and_reads_periods(self):
        for user in (self.director, self.facilitator, self.members[0].user_id):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Period.with_user(user).action_build_closed_periods()
        for user in (self.officer, self.director):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.Period.with_user(user).search(
                        [("id", "in", self.periods.ids)]
                    ),
                    self.periods,
                )
        for user in (self.facilitator, self.members[0].user_id, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Period.with_user(user).search([])
        for user in (self.officer, self.director):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.periods.with_user(user).write({"min_managers": 3})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.periods.with_user(user).unlink()

    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Snapshot Company"})
        period = self.Period.create(
            {
                "company_id": other.id,
                "date_start": self.last_quarter,
                "date_end": self.this_quarter - relativedelta(days=1),
            }
        )
        self.assertFalse(
            self.Period.with_user(self.director).search([("id", "=", period.id)])
        )
        self.assertFalse(
            self.as_director._read_group(
                [("company_id", "=", other.id)], ["kind"], ["__count"]
            )
        )

    def test_malformed_reads_are_refused(self):
        # Issue 11, leak 7: clear refusals, never a TypeError, ValueError or
        # IndexError.
        Report = self.as_director
        attempts = {
            "order by a measure without aggregate": (
                AccessError,
                lambda: Report.read_group(
                    [], ["__count"], ["kind"], orderby="situation_count"
                ),
            ),
            "order by a date not grouped": (
                AccessError,
                lambda: Report.read_group([], ["__count"], ["kind"], orderby="date"),
            ),
            "order by an unknown field": (
                AccessError,
                lambda: Report.read_group([], ["__count"], ["kind"], orderby="name"),
            ),
            "order by a dimension not grouped": (
                AccessError,
                lambda: Report._read_group([], ["kind"], ["__count"], order="level"),
            ),
            "order with a bad direction": (
                UserError,
                lambda: Report.read_group(
                    [], ["__count"], ["kind"], orderby="kind sideways"
                ),
            ),
            "order not a string": (
                UserError,
                lambda: Report.read_group([], ["__count"], ["kind"], orderby=42),
            ),
            "empty leaf": (
                UserError,
                lambda: Report.read_group([[]], ["__count"], ["kind"]),
            ),
            "short leaf": (
                UserError,
                lambda: Report.read_group([("kind", "=")], ["__count"], ["kind"]),
            ),
            "bad operator": (
                UserError,
                lambda: Report.read_group([("kind", "~", "x")], ["__count"], ["kind"]),
            ),
            "domain not a list": (
                UserError,
                lambda: Report.read_group("kind", ["__count"], ["kind"]),
            ),
            "dangling operator": (
                UserError,
                lambda: Report.read_group(["|", ("kind", "=", "x")], ["__count"], []),
            ),
            "related group-by": (
                AccessError,
                lambda: Report.read_group([], ["__count"], ["department_id.parent_id"]),
            ),
            "related group-by, private API": (
                AccessError,
                lambda: Report._read_group(
                    [], ["department_id.parent_id"], ["__count"]
                ),
            ),
            "group-by not a string": (
                UserError,
                lambda: Report.read_group([], ["__count"], [42]),
            ),
            "group-by not a list": (
                UserError,
                lambda: Report.read_group([], ["__count"], 42),
            ),
            "group-by with a bad granularity": (
                UserError,
                lambda: Report.read_group([], ["__count"], ["date:century"]),
            ),
            "granularity on a selection": (
                UserError,
                lambda: Report.read_group([], ["__count"], ["kind:month"]),
            ),
            "private group-by not a list": (
                UserError,
                lambda: Report._read_group([], 42, ["__count"]),
            ),
            "figures not a list": (
                UserError,
                lambda: Report.read_group([], "situation_count", ["kind"]),
            ),
            "figure not a string": (
                UserError,
                lambda: Report.read_group([], [42], ["kind"]),
            ),
            "unknown figure": (
                AccessError,
                lambda: Report.read_group([], ["nothing:sum"], ["kind"]),
            ),
            "limit not a number": (
                UserError,
                lambda: Report.read_group([], ["__count"], ["kind"], limit="ten"),
            ),
            "two breakdowns crossed": (
                UserError,
                lambda: Report.read_group(
                    [], ["__count"], ["department_id", "factor_id"], lazy=False
                ),
            ),
            "a breakdown filtered, another grouped": (
                UserError,
                lambda: Report.read_group(
                    [("level", "=", "managerial")], ["__count"], ["department_id"]
                ),
            ),
            "web_read_group with a related group-by": (
                AccessError,
                lambda: Report.web_read_group(
                    [], ["__count"], ["department_id.parent_id"]
                ),
            ),
        }
        before = self._pivot()
        for name, (error, attempt) in attempts.items():
            with self.subTest(attempt=name), self.assertRaises(error):
                attempt()
        self.assertEqual(self._pivot(), before)

    def test_pivot_defaults(self):
        arch = self.as_director.get_view(
            self.env.ref(
                "hr_manager_community_report.hr_manager_community_report_view_pivot"
            ).id,
            "pivot",
        )["arch"]
        self.assertIn('name="period_id" type="row"', arch)
        self.assertIn('name="kind" type="col"', arch)
        fields_info = self.as_director.fields_get(
            ["feedback_pending_count", "unfactored_count", "response_delay"],
            ["string"],
        )
        self.assertEqual(
            fields_info["feedback_pending_count"]["string"],
            "Feedback Awaiting an Answer",
        )
        # Grouping by factor shows no "None" row: items without a factor are
        # counted apart, on the totals.
        by_factor = self.as_director._read_group(
            self.period + [("kind", "=", "situation")], ["factor_id"], ["__count"]
        )
        self.assertTrue(by_factor)
        self.assertTrue(all(factor for factor, _count in by_factor))
        [(unfactored,)] = self.as_director._read_group(
            self.period + [("kind", "=", "situation")], [], ["unfactored_count:sum"]
        )
        self.assertEqual(unfactored, 0)
        # Periods read as quarters.
        [period] = self.as_director.read_group(
            [("date", "=", self.last_quarter)], ["__count"], ["period_id"]
        )
        self.assertTrue(period["period_id"][1].startswith("Q"))

    def _count_queries(self, function):
        """Queries of ``function`` with warm caches (the fewest of two runs),
        the records read again from the database."""
        counts = []
        for _run in range(2):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            function()
            counts.append(self.env.cr.sql_log_count - before)
        return min(counts)

    def test_query_counts_do_not_grow(self):
        # The pivot and the reports read published cells: more data in a
        # quarter (here: four times the actions of an earlier quarter) does
        # not add queries.
        earlier = self.last_quarter - relativedelta(months=3)
        wizard = self._wizard(date_from=earlier)
        activity = self.env["report.hr_manager_community_report.report_activity"]
        duerp = self.env["report.hr_manager_community_report.report_duerp"]
        plans = self.actions.plan_id

        def publish_earlier(count):
            self.Period.search(
                [("company_id", "=", self.company.id), ("date_start", "=", earlier)]
            ).unlink()
            self.env["hr.manager.community.action"].create(
                [
                    {
                        "plan_id": plan.id,
                        "name": f"Earlier action {index}",
                        "level": "individual",
                        "date_deadline": earlier + timedelta(days=10 + index),
                    }
                    for plan in plans
                    for index in range(count)
                ]
            )
            self.Period._build_closed_periods(self.company)

        def read_all():
            self._pivot()
            activity.with_user(self.director)._activity_data(wizard)
            duerp.with_user(self.director)._duerp_data(wizard)

        publish_earlier(1)
        read_all()
        small = self._count_queries(read_all)
        publish_earlier(3)
        [(actions,)] = self.as_director._read_group(
            [("date", "=", earlier)], [], ["action_count:sum"]
        )
        self.assertEqual(actions, 4 * len(plans))
        read_all()
        large = self._count_queries(read_all)
        self.assertLessEqual(large, small)
        self.assertLess(small, 40)
