# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..report.hr_manager_community_report import MIN_COMMUNITIES
from ..wizards.hr_manager_community_report_wizard import quarter_start

_logger = logging.getLogger(__name__)

BUILDERS = ("hr_manager_community.group_community_officer",)

# Step 5 of HrManagerCommunityReportPeriod._build: the visible cells and their
# figures ("no factor" goes to the totals).
INSERT_CELLS = """
            INSERT INTO hr_manager_community_report (
                period_id, company_id, date, kind, breakdown, department_id,
                factor_id, level, feedback_state, manager_count, community_count,
                session_count, attendance_count, attendance_present_count,
                attendance_rate, situation_count, unfactored_count, action_count,
                action_done_count, action_completion_rate, feedback_count,
                feedback_pending_count, response_delay,
                create_uid, create_date, write_uid, write_date)
            WITH items AS (
                SELECT DISTINCT ON (period_id, kind, item)
                       period_id, kind, item, session, present, done, dropped,
                       answered, delay
                  FROM mc_snapshot_facts
            ), cell_items AS (
                SELECT DISTINCT t.period_id, t.kind, t.axis, t.value, t.item
                  FROM mc_snapshot_tags t
                  JOIN mc_snapshot_cells c USING (period_id, kind, axis, value)
                 WHERE c.visible
            ), figures AS (
                SELECT ci.period_id, ci.kind, ci.axis, ci.value,
                       count(DISTINCT i.session) AS sessions,
                       count(*) AS items,
                       count(*) FILTER (WHERE i.present) AS present,
                       count(*) FILTER (WHERE i.done) AS done,
                       count(*) FILTER (WHERE NOT i.dropped) AS open_or_done,
                       count(*) FILTER (WHERE NOT i.answered) AS pending,
                       avg(i.delay) FILTER (WHERE i.answered) AS delay
                  FROM cell_items ci
                  JOIN items i USING (period_id, kind, item)
                 GROUP BY 1, 2, 3, 4
            )
            SELECT f.period_id, p.company_id, p.date_start, f.kind, f.axis,
                   CASE WHEN f.axis = 'department' THEN f.value::integer END,
                   CASE WHEN f.axis = 'factor' THEN f.value::integer END,
                   CASE WHEN f.axis = 'level' THEN f.value END,
                   CASE WHEN f.axis = 'feedback_state' THEN f.value END,
                   c.managers, c.communities,
                   CASE WHEN f.kind = 'attendance' THEN f.sessions END,
                   CASE WHEN f.kind = 'attendance' THEN f.items END,
                   CASE WHEN f.kind = 'attendance' THEN f.present END,
                   CASE WHEN f.kind = 'attendance'
                        THEN 100.0 * f.present / f.items END,
                   CASE WHEN f.kind = 'situation' THEN f.items END,
                   CASE WHEN f.axis = 'total'
                         AND f.kind IN ('situation', 'feedback')
                        THEN COALESCE(u.items, 0) END,
                   CASE WHEN f.kind = 'action' THEN f.items END,
                   CASE WHEN f.kind = 'action' THEN f.done END,
                   CASE WHEN f.kind = 'action'
                        THEN 100.0 * f.done / NULLIF(f.open_or_done, 0) END,
                   CASE WHEN f.kind = 'feedback' THEN f.items END,
                   CASE WHEN f.kind = 'feedback' THEN f.pending END,
                   CASE WHEN f.kind = 'feedback' THEN f.delay END,
                   %(uid)s, now() AT TIME ZONE 'UTC',
                   %(uid)s, now() AT TIME ZONE 'UTC'
              FROM figures f
              JOIN mc_snapshot_cells c USING (period_id, kind, axis, value)
              JOIN hr_manager_community_report_period p ON p.id = f.period_id
              LEFT JOIN figures u
                ON u.period_id = f.period_id AND u.kind = f.kind
               AND u.axis = 'factor' AND u.value = '0'
             WHERE NOT (f.axis = 'factor' AND f.value = '0')
               AND f.period_id IN %(ids)s
        """


class HrManagerCommunityReportPeriod(models.Model):
    """A closed reporting period (a quarter of a company) whose director
    figures are published: the cells of ``hr.manager.community.report``.

    A period is built once, when it has closed (the scheduled action, or HR
    on demand), from the live data of that moment, and never again: what
    directors read of a quarter never changes, so no two readings differ by
    what one manager did in between. ``_build`` computes the cells in SQL
    with the threshold applied (see its docstring and readme/CONFIGURE.md).
    """

    _name = "hr.manager.community.report.period"
    _description = "Manager Communities Published Period"
    _order = "date_start, company_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    date_start = fields.Date(string="Start", required=True, readonly=True)
    date_end = fields.Date(string="End", required=True, readonly=True)
    name = fields.Char(compute="_compute_name", store=True)
    min_managers = fields.Integer(
        string="Minimum Managers",
        readonly=True,
        help="The minimum number of managers behind each figure when the period "
        "was published.",
    )
    date_built = fields.Datetime(string="Published On", readonly=True)
    cell_count = fields.Integer(string="Figures Published", readonly=True)

    _sql_constraints = [
        (
            "company_quarter_unique",
            "unique(company_id, date_start)",
            "A quarter is published once per company.",
        )
    ]

    @api.depends("date_start")
    def _compute_name(self):
        for period in self:
            period.name = period.date_start and "Q%s %s" % (
                (period.date_start.month - 1) // 3 + 1,
                period.date_start.year,
            )

    @api.depends("date_start")
    def _compute_display_name(self):
        for period in self:
            period.display_name = period.date_start and _(
                "Q%(quarter)s %(year)s",
                quarter=(period.date_start.month - 1) // 3 + 1,
                year=period.date_start.year,
            )

    # ------------------------------------------------------------ building

    def action_build_closed_periods(self):
        """HR publishes the quarters that closed and are not published yet."""
        if not any(self.env.user.has_group(group) for group in BUILDERS):
            raise AccessError(_("Only HR officers publish the director figures."))
        # sudo: publishing writes thresholded cells that HR itself may not
        # read; it reads the live data only through the SQL of _build.
        built = self.sudo()._build_closed_periods(self.env.companies)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if built else "info",
                "message": _("%(count)s quarter(s) published.", count=len(built)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_build_closed_periods(self):
        # sudo: the scheduled publication covers every company.
        self.sudo()._build_closed_periods(self.env["res.company"].sudo().search([]))
        return True

    @api.model
    def _build_closed_periods(self, companies):
        """Create and build the periods of ``companies`` that closed since
        their first recorded activity and are not built yet."""
        today = fields.Date.context_today(self)
        last_start = quarter_start(today) - relativedelta(months=3)
        firsts = self._first_activity(companies)
        existing = {
            (period.company_id.id, period.date_start)
            for period in self.search([("company_id", "in", companies.ids)])
        }
        values = []
        for company in companies:
            first = firsts.get(company.id)
            if not first:
                continue
            start = quarter_start(first)
            while start <= last_start:
                if (company.id, start) not in existing:
                    values.append(
                        {
                            "company_id": company.id,
                            "date_start": start,
                            "date_end": start + relativedelta(months=3, days=-1),
                            "min_managers": company._manager_community_report_k(),
                        }
                    )
                start += relativedelta(months=3)
        periods = self.create(values)
        if periods:
            periods._build()
        return periods

    @api.model
    def _first_activity(self, companies):
        """{company id: date of its first fact} (the earliest quarter to build)."""
        if not companies:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, min(day) FROM (
                    SELECT company_id, min(date_start)::date AS day
                      FROM hr_manager_community_session
                     WHERE state = 'done' GROUP BY company_id
                    UNION ALL
                    SELECT sit.company_id,
                           min(COALESCE(ses.date_start, sit.create_date))::date
                      FROM hr_manager_community_situation sit
                      LEFT JOIN hr_manager_community_session ses
                        ON ses.id = sit.session_id
                     GROUP BY sit.company_id
                    UNION ALL
                    SELECT company_id,
                           min(COALESCE(date_deadline, create_date::date))
                      FROM hr_manager_community_action GROUP BY company_id
                    UNION ALL
                    SELECT company_id, min(date_released)
                      FROM hr_manager_community_feedback GROUP BY company_id
                ) AS firsts
                 WHERE company_id IN %s AND day IS NOT NULL
                 GROUP BY company_id
                """,
                tuple(companies.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    def _build(self):
        """Publish the cells of these periods, in SQL.

        1. *Facts*: one row per indicator, item and manager behind it (an
           attendance line of a held session, a situation brought to the
           group for each factor and analysis level, an action, a released
           feedback for each member at its release), with its period,
           community, department, factor, level and feedback status.
        2. *Candidate cells*: per period and indicator, the total and one
           cell per value of each breakdown (department, factor — "no
           factor" apart —, level, feedback status), a set of facts.
        3. *Primary rule*: a cell is visible when at least *k* distinct
           managers and 2 communities are behind it, and the facts of its
           indicator outside it are none or also involve *k* managers and 2
           communities (so the total minus the cell reveals no small group).
        4. *Complementary rule*: per period, indicator and breakdown, the
           facts that no visible cell covers are none or involve *k*
           managers and 2 communities; otherwise the visible cell with the
           fewest managers is suppressed too, until this holds (so the total
           minus the visible cells reveals no small group either).
        5. The visible cells are inserted with their figures; "no factor"
           goes to the totals as ``unfactored_count``.
        """
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        ids = tuple(self.ids)
        for table in ("mc_snapshot_facts", "mc_snapshot_tags", "mc_snapshot_cells"):
            cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
        cr.execute(
            SQL(
                "CREATE TEMP TABLE mc_snapshot_facts ON COMMIT DROP AS %s",
                self._facts_query(ids),
            )
        )
        cr.execute(
            """
            CREATE TEMP TABLE mc_snapshot_tags ON COMMIT DROP AS
            SELECT DISTINCT period_id, kind, item, manager, community, axis, value
              FROM (
                SELECT period_id, kind, item, manager, community,
                       'total'::varchar AS axis, ''::varchar AS value
                  FROM mc_snapshot_facts
                UNION ALL
                SELECT period_id, kind, item, manager, community,
                       'department', department::varchar
                  FROM mc_snapshot_facts WHERE department <> 0
                UNION ALL
                SELECT period_id, kind, item, manager, community,
                       'factor', factor::varchar
                  FROM mc_snapshot_facts WHERE kind IN ('situation', 'feedback')
                UNION ALL
                SELECT period_id, kind, item, manager, community, 'level', level
                  FROM mc_snapshot_facts WHERE level <> ''
                UNION ALL
                SELECT period_id, kind, item, manager, community,
                       'feedback_state', state
                  FROM mc_snapshot_facts WHERE kind = 'feedback'
              ) AS tags
            """
        )
        # The facts of each manager and of each community, per indicator: a
        # manager (community) is outside a set of facts when some of their
        # facts are not in it.
        cr.execute(
            SQL(
                """
                CREATE TEMP TABLE mc_snapshot_cells ON COMMIT DROP AS
                WITH k AS (
                    SELECT p.id AS period_id, %(k)s AS k
                      FROM hr_manager_community_report_period p
                      JOIN res_company c ON c.id = p.company_id
                     WHERE p.id IN %(ids)s
                ), tot_m AS (
                    SELECT period_id, kind, manager, count(*) AS n
                      FROM mc_snapshot_tags WHERE axis = 'total' GROUP BY 1, 2, 3
                ), tot_c AS (
                    SELECT period_id, kind, community, count(*) AS n
                      FROM mc_snapshot_tags WHERE axis = 'total' GROUP BY 1, 2, 3
                ), kind_tot AS (
                    SELECT period_id, kind,
                           count(DISTINCT manager) AS managers,
                           count(DISTINCT community) AS communities
                      FROM mc_snapshot_tags WHERE axis = 'total' GROUP BY 1, 2
                ), mstat AS (
                    SELECT cm.period_id, cm.kind, cm.axis, cm.value,
                           count(*) AS managers,
                           count(*) FILTER (WHERE cm.n = t.n) AS whole
                      FROM (SELECT period_id, kind, axis, value, manager,
                                   count(*) AS n
                              FROM mc_snapshot_tags GROUP BY 1, 2, 3, 4, 5) cm
                      JOIN tot_m t USING (period_id, kind, manager)
                     GROUP BY 1, 2, 3, 4
                ), cstat AS (
                    SELECT cc.period_id, cc.kind, cc.axis, cc.value,
                           count(*) AS communities,
                           count(*) FILTER (WHERE cc.n = t.n) AS whole
                      FROM (SELECT period_id, kind, axis, value, community,
                                   count(*) AS n
                              FROM mc_snapshot_tags GROUP BY 1, 2, 3, 4, 5) cc
                      JOIN tot_c t USING (period_id, kind, community)
                     GROUP BY 1, 2, 3, 4
                )
                SELECT m.period_id, m.kind, m.axis, m.value, k.k,
                       m.managers, c.communities,
                       m.managers >= k.k
                       AND c.communities >= %(min_communities)s
                       AND (kt.managers - m.whole = 0
                            OR (kt.managers - m.whole >= k.k
                                AND kt.communities - c.whole
                                    >= %(min_communities)s)) AS visible
                  FROM mstat m
                  JOIN cstat c USING (period_id, kind, axis, value)
                  JOIN kind_tot kt USING (period_id, kind)
                  JOIN k USING (period_id)
                """,
                k=self.env["res.company"]._manager_community_report_k_sql("c"),
                ids=ids,
                min_communities=MIN_COMMUNITIES,
            )
        )
        rounds = 0
        while self._suppress_uncovered():
            rounds += 1
        cr.execute(SQL(INSERT_CELLS, ids=ids, uid=self.env.uid))
        cr.execute(
            SQL(
                """
                UPDATE hr_manager_community_report_period p
                   SET date_built = now() AT TIME ZONE 'UTC',
                       cell_count = (SELECT count(*) FROM hr_manager_community_report r
                                      WHERE r.period_id = p.id)
                 WHERE p.id IN %s
                """,
                ids,
            )
        )
        self.invalidate_recordset(["date_built", "cell_count"])
        self.env["hr.manager.community.report"].invalidate_model()
        # Counts only: nothing of what the figures hold.
        _logger.info(
            "Director figures: %s period(s) published, %s complementary "
            "suppression round(s).",
            len(self),
            rounds,
        )

    def _suppress_uncovered(self):
        """One round of the complementary rule: in every (period, indicator,
        breakdown) whose facts outside the visible cells involve fewer than
        *k* managers or 2 communities (but some), suppress the visible cell
        with the fewest managers. Returns whether a cell was suppressed."""
        self.env.cr.execute(
            SQL(
                """
                WITH visible AS (
                    SELECT period_id, kind, axis, value, k
                      FROM mc_snapshot_cells WHERE visible AND axis <> 'total'
                ), groups AS (
                    SELECT DISTINCT period_id, kind, axis, k FROM visible
                ), covered AS (
                    SELECT DISTINCT t.period_id, t.kind, v.axis, t.item, t.manager,
                           t.community
                      FROM mc_snapshot_tags t
                      JOIN visible v USING (period_id, kind, axis, value)
                ), facts AS (
                    SELECT period_id, kind, item, manager, community
                      FROM mc_snapshot_tags WHERE axis = 'total'
                ), outside AS (
                    SELECT g.period_id, g.kind, g.axis, g.k, f.manager, f.community
                      FROM groups g
                      JOIN facts f USING (period_id, kind)
                     WHERE NOT EXISTS (
                           SELECT 1 FROM covered c
                            WHERE c.period_id = f.period_id AND c.kind = f.kind
                              AND c.axis = g.axis AND c.item = f.item
                              AND c.manager = f.manager)
                ), failing AS (
                    SELECT period_id, kind, axis
                      FROM outside
                     GROUP BY period_id, kind, axis, k
                    HAVING count(DISTINCT manager) < k
                        OR count(DISTINCT community) < %(min_communities)s
                ), victims AS (
                    SELECT DISTINCT ON (c.period_id, c.kind, c.axis)
                           c.period_id, c.kind, c.axis, c.value
                      FROM mc_snapshot_cells c
                      JOIN failing f USING (period_id, kind, axis)
                     WHERE c.visible
                     ORDER BY c.period_id, c.kind, c.axis, c.managers, c.value
                )
                UPDATE mc_snapshot_cells c SET visible = FALSE
                  FROM victims v
                 WHERE (c.period_id, c.kind, c.axis, c.value)
                     = (v.period_id, v.kind, v.axis, v.value)
                """,
                min_communities=MIN_COMMUNITIES,
            )
        )
        return bool(self.env.cr.rowcount)

    @api.model
    def _facts_query(self, ids):
        """The facts of the periods ``ids``: see ``_build``. Dates are those
        of the old analysis: the session's start, the situation's session
        (or its creation), the action's deadline (or its creation), the
        feedback's release."""
        situation_factors = self.env["hr.manager.community.situation"]._fields[
            "factor_ids"
        ]
        feedback_factors = self.env["hr.manager.community.feedback"]._fields[
            "factor_ids"
        ]
        return SQL(
            """
            WITH periods AS (
                SELECT id, company_id, date_start, date_end
                  FROM hr_manager_community_report_period WHERE id IN %(ids)s
            )
            SELECT p.id AS period_id,
                   'attendance'::varchar AS kind,
                   a.id AS item,
                   m.employee_id AS manager,
                   s.community_id AS community,
                   COALESCE(m.department_id, 0) AS department,
                   0 AS factor,
                   ''::varchar AS level,
                   ''::varchar AS state,
                   s.id AS session,
                   a.state = 'present' AS present,
                   FALSE AS done,
                   FALSE AS dropped,
                   FALSE AS answered,
                   NULL::float AS delay
              FROM hr_manager_community_attendance a
              JOIN hr_manager_community_session s ON s.id = a.session_id
              JOIN hr_manager_community_member m ON m.id = a.member_id
              JOIN periods p ON p.company_id = s.company_id
               AND s.date_start::date BETWEEN p.date_start AND p.date_end
             WHERE s.state = 'done'
               AND a.state IN ('present', 'absent', 'excused')
            UNION ALL
            SELECT p.id, 'situation', sit.id, m.employee_id, sit.community_id,
                   COALESCE(m.department_id, 0), COALESCE(fac.id, 0),
                   COALESCE(lvl.level, ''), '', NULL, FALSE, FALSE, FALSE, FALSE,
                   NULL
              FROM hr_manager_community_situation sit
              JOIN hr_manager_community_member m ON m.id = sit.member_id
              LEFT JOIN hr_manager_community_session ses ON ses.id = sit.session_id
              JOIN periods p ON p.company_id = sit.company_id
               AND COALESCE(ses.date_start, sit.create_date)::date
                   BETWEEN p.date_start AND p.date_end
              LEFT JOIN %(sit_rel)s sit_rel ON sit_rel.%(sit_col1)s = sit.id
              LEFT JOIN hr_psychosocial_factor fac ON fac.id = sit_rel.%(sit_col2)s
              LEFT JOIN LATERAL (
                    SELECT v.level
                      FROM (VALUES ('individual', sit.analysis_individual),
                                   ('interpersonal', sit.analysis_interpersonal),
                                   ('managerial', sit.analysis_managerial),
                                   ('organisational', sit.analysis_organisational)
                           ) AS v(level, body)
                     WHERE COALESCE(btrim(v.body), '') <> ''
                   ) lvl ON TRUE
             WHERE sit.state IN ('submitted', 'selected', 'discussed', 'closed')
            UNION ALL
            SELECT p.id, 'action', act.id, m.employee_id, act.community_id,
                   COALESCE(m.department_id, 0), 0, COALESCE(act.level, ''), '',
                   NULL, FALSE, act.state = 'done', act.state = 'dropped', FALSE,
                   NULL
              FROM hr_manager_community_action act
              JOIN hr_manager_community_member m ON m.id = act.member_id
              JOIN periods p ON p.company_id = act.company_id
               AND COALESCE(act.date_deadline, act.create_date::date)
                   BETWEEN p.date_start AND p.date_end
            UNION ALL
            SELECT p.id, 'feedback', fb.id, m.employee_id, fb.community_id,
                   COALESCE(m.department_id, 0), COALESCE(fac.id, 0),
                   COALESCE(fb.level, ''), fb.state, NULL, FALSE, FALSE, FALSE,
                   fb.date_answered IS NOT NULL,
                   (fb.date_answered - fb.date_released)::float
              FROM hr_manager_community_feedback fb
              JOIN periods p ON p.company_id = fb.company_id
               AND fb.date_released BETWEEN p.date_start AND p.date_end
              -- The managers behind a feedback: the community's members at its
              -- release.
              JOIN hr_manager_community_member m
                ON m.community_id = fb.community_id
               AND m.date_join IS NOT NULL
               AND m.date_join <= fb.date_released
               AND (m.date_leave IS NULL OR m.date_leave >= fb.date_released)
              LEFT JOIN %(fb_rel)s fb_rel ON fb_rel.%(fb_col1)s = fb.id
              LEFT JOIN hr_psychosocial_factor fac ON fac.id = fb_rel.%(fb_col2)s
             WHERE fb.state IN ('released', 'answered', 'closed')
            """,
            ids=ids,
            sit_rel=SQL.identifier(situation_factors.relation),
            sit_col1=SQL.identifier(situation_factors.column1),
            sit_col2=SQL.identifier(situation_factors.column2),
            fb_rel=SQL.identifier(feedback_factors.relation),
            fb_col1=SQL.identifier(feedback_factors.column1),
            fb_col2=SQL.identifier(feedback_factors.column2),
        )
