# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.fields import NO_ACCESS
from odoo.osv import expression
from odoo.tools import SQL

from .res_company import DEFAULT_MIN_MANAGERS, MIN_MANAGERS_FLOOR

# A figure involves at least this many communities (DESIGN.md section 6).
MIN_COMMUNITIES = 2

# Fields directors may filter and group on: each is constant within an atom.
DIMENSIONS = frozenset(
    {
        "kind",
        "company_id",
        "date",
        "department_id",
        "factor_id",
        "level",
        "feedback_state",
    }
)
# Technical columns behind the threshold; never filtered, grouped, ordered
# or aggregated by anyone but the superuser.
COUNTING_FIELDS = ("manager_ref", "community_ref")

# Generalisation ladder: (department, factor, level, feedback state) of a fact
# at each step. A fact stays at the first step where its atom passes the
# threshold, and is left out of every figure when none does.
LADDER = (
    ("department_id", "factor_id", "level", "feedback_state"),
    ("0", "factor_id", "level", "feedback_state"),
    ("0", "family_id", "level", "feedback_state"),
    ("0", "0", "''", "feedback_state"),
    ("0", "0", "''", "''"),
)
ATOM_KEY = "kind, company_id, quarter, d, f, l, s"
FACT_COLUMNS = (
    "kind",
    "company_id",
    "quarter",
    "department_id",
    "factor_id",
    "family_id",
    "level",
    "feedback_state",
    "manager_ref",
    "community_ref",
    "min_managers",
    "session_count",
    "attendance_count",
    "attendance_present_count",
    "attendance_rate",
    "situation_count",
    "action_count",
    "action_done_count",
    "action_completion_rate",
    "feedback_count",
    "response_delay",
)
LEVELS = [
    ("individual", "Individual"),
    ("interpersonal", "Interpersonal"),
    ("managerial", "Managerial"),
    ("organisational", "Organisational"),
]


class HrManagerCommunityReport(models.Model):
    """Director analytics on manager communities, thresholded so that no
    figure can be traced back to fewer than *k* managers or to one community.

    **Facts.** One row per manager and fact: an attendance line of a held
    session, a situation brought to the group (non-draft, not withdrawn) for
    each of its factors and of the analysis levels it was worked at, an
    action of a personal plan, a released feedback for each manager of the
    community at the time of the release and each of its factors. Every row
    carries the manager (employee) and the community behind it, in columns
    nobody but the superuser may read, filter, group or aggregate
    (``COUNTING_FIELDS``). No text is ever copied.

    **Atoms.** Directors filter and group only on ``DIMENSIONS``: indicator,
    company, quarter (dates are truncated to the quarter), department,
    factor, level and feedback status. A combination of values of all the
    dimensions is an *atom*. The view is built so that every atom involves at
    least *k* distinct managers (company setting, default 5, never below 3)
    and at least 2 communities: a fact whose atom is too small is
    generalised step by step along ``LADDER`` (department dropped, factor
    replaced by its family, factor and level dropped, feedback status
    dropped) until its atom passes; a fact that passes at no step is left out
    of every figure. Since a fact joins an atom only when that atom already
    passes without it, every atom of the final view passes.

    **Why this stops subtraction.** Every column a director can use in a
    domain or a group-by is constant within an atom, so any filter, group,
    drill-down or pivot cell, whatever its operators (ranges, negations,
    ``or``), is a union of whole atoms, and so is the difference between two
    overlapping cells: it is either empty or holds at least one whole atom,
    hence at least *k* managers and 2 communities. This is the rule tested
    by ``test_report_threshold``: two overlapping filters whose raw
    difference would isolate fewer than *k* managers give the same figures.

    **Enforcement.** Rows are never read individually: ``search``,
    ``read``, exports and ``name_search`` raise ``AccessError`` for anyone
    but the superuser; ``_search`` refuses any condition on a field outside
    ``DIMENSIONS`` (``id`` included); ``_read_group`` refuses group-bys,
    aggregates, ``having`` and ``order`` terms outside the published
    dimensions and measures (each measure only with its own aggregator), and
    checks every returned group again against the distinct-manager and
    distinct-community counts of its rows, blanking its figures if they are
    short (a second line of defence: with the atoms above it never
    triggers). Record rules and access rights: directors only.

    **Known limits.** Figures are live: two readings taken at different
    times differ by what happened in between. Levels of situations come from
    their analysis, so they disappear when the narratives of a closed
    community are purged (factors stay).
    """

    _name = "hr.manager.community.report"
    _description = "Manager Communities Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "kind"

    kind = fields.Selection(
        [
            ("attendance", "Attendance"),
            ("situation", "Situations"),
            ("action", "Actions"),
            ("feedback", "Feedback"),
        ],
        string="Indicator",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Quarter", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    factor_id = fields.Many2one(
        "hr.psychosocial.factor", string="Psychosocial Factor", readonly=True
    )
    level = fields.Selection(LEVELS, readonly=True)
    feedback_state = fields.Selection(
        [("released", "Released"), ("answered", "Answered"), ("closed", "Closed")],
        string="Feedback Status",
        readonly=True,
    )
    manager_ref = fields.Integer(readonly=True, aggregator=None, groups=NO_ACCESS)
    community_ref = fields.Integer(readonly=True, aggregator=None, groups=NO_ACCESS)
    session_count = fields.Integer(
        string="Sessions Held", readonly=True, aggregator="count_distinct"
    )
    attendance_count = fields.Integer(string="Expected Attendances", readonly=True)
    attendance_present_count = fields.Integer(string="Attendances", readonly=True)
    attendance_rate = fields.Float(
        string="Attendance Rate (%)", readonly=True, aggregator="avg"
    )
    situation_count = fields.Integer(
        string="Situations", readonly=True, aggregator="count_distinct"
    )
    action_count = fields.Integer(
        string="Actions", readonly=True, aggregator="count_distinct"
    )
    action_done_count = fields.Integer(
        string="Actions Done", readonly=True, aggregator="count_distinct"
    )
    action_completion_rate = fields.Float(
        string="Action Completion (%)",
        readonly=True,
        aggregator="avg",
        help="Done actions among actions not dropped.",
    )
    feedback_count = fields.Integer(
        string="Feedback", readonly=True, aggregator="count_distinct"
    )
    response_delay = fields.Float(
        string="Response Delay (days)",
        readonly=True,
        aggregator="avg",
        help="Days between the release of a feedback and the directors' answer, "
        "averaged over the managers of the communities concerned.",
    )

    # ------------------------------------------------------------------- view

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
        ctes = [SQL("facts AS (%s)", self._facts_query())]
        columns = SQL(", ").join(SQL.identifier(name) for name in FACT_COLUMNS)
        source = SQL.identifier("facts")
        settled = []
        previous_atoms = None
        for index, (dept, factor, level, state) in enumerate(LADDER):
            pending, atoms, done, left = (
                SQL.identifier(f"{prefix}{index}")
                for prefix in ("pending", "atoms", "done", "left")
            )
            ctes.append(
                SQL(
                    "%s AS (SELECT %s, %s AS d, %s AS f, %s AS l, %s AS s FROM %s)",
                    pending,
                    columns,
                    SQL(dept),
                    SQL(factor),
                    SQL(level),
                    SQL(state),
                    source,
                )
            )
            passing = SQL(
                "SELECT %s FROM %s GROUP BY %s"
                " HAVING count(DISTINCT manager_ref) >= min(min_managers)"
                " AND count(DISTINCT community_ref) >= %s",
                SQL(ATOM_KEY),
                pending,
                SQL(ATOM_KEY),
                MIN_COMMUNITIES,
            )
            if previous_atoms is not None:
                # An atom that passed at an earlier step keeps passing with more facts.
                passing = SQL(
                    "%s UNION SELECT %s FROM %s", passing, SQL(ATOM_KEY), previous_atoms
                )
            ctes.append(SQL("%s AS (%s)", atoms, passing))
            ctes.append(
                SQL(
                    "%s AS (SELECT p.* FROM %s p JOIN %s USING (%s))",
                    done,
                    pending,
                    atoms,
                    SQL(ATOM_KEY),
                )
            )
            ctes.append(
                SQL(
                    "%s AS (SELECT p.* FROM %s p WHERE NOT EXISTS ("
                    "SELECT 1 FROM %s a"
                    " WHERE (a.kind, a.company_id, a.quarter, a.d, a.f, a.l, a.s)"
                    " = (p.kind, p.company_id, p.quarter, p.d, p.f, p.l, p.s)))",
                    left,
                    pending,
                    atoms,
                )
            )
            settled.append(SQL("SELECT * FROM %s", done))
            source = left
            previous_atoms = atoms
        return SQL(
            """
            WITH %s
            SELECT row_number() OVER () AS id,
                   kind,
                   company_id,
                   quarter AS date,
                   NULLIF(d, 0) AS department_id,
                   NULLIF(f, 0) AS factor_id,
                   NULLIF(l, '') AS level,
                   NULLIF(s, '') AS feedback_state,
                   manager_ref,
                   community_ref,
                   session_count,
                   attendance_count,
                   attendance_present_count,
                   attendance_rate,
                   situation_count,
                   action_count,
                   action_done_count,
                   action_completion_rate,
                   feedback_count,
                   response_delay
              FROM (%s) AS settled
            """,
            SQL(", ").join(ctes),
            SQL(" UNION ALL ").join(settled),
        )

    def _facts_query(self):
        situation_factors = self.env["hr.manager.community.situation"]._fields[
            "factor_ids"
        ]
        feedback_factors = self.env["hr.manager.community.feedback"]._fields[
            "factor_ids"
        ]
        return SQL(
            """
            SELECT 'attendance'::varchar AS kind,
                   s.company_id,
                   date_trunc('quarter', s.date_start)::date AS quarter,
                   COALESCE(m.department_id, 0) AS department_id,
                   0 AS factor_id,
                   0 AS family_id,
                   ''::varchar AS level,
                   ''::varchar AS feedback_state,
                   m.employee_id AS manager_ref,
                   s.community_id AS community_ref,
                   %(min_managers)s AS min_managers,
                   s.id AS session_count,
                   1 AS attendance_count,
                   CASE WHEN a.state = 'present' THEN 1 ELSE 0 END
                       AS attendance_present_count,
                   CASE WHEN a.state = 'present' THEN 100.0 ELSE 0.0 END::float
                       AS attendance_rate,
                   NULL::integer AS situation_count,
                   NULL::integer AS action_count,
                   NULL::integer AS action_done_count,
                   NULL::float AS action_completion_rate,
                   NULL::integer AS feedback_count,
                   NULL::float AS response_delay
              FROM hr_manager_community_attendance a
              JOIN hr_manager_community_session s ON s.id = a.session_id
              JOIN hr_manager_community_member m ON m.id = a.member_id
              JOIN res_company c ON c.id = s.company_id
             WHERE s.state = 'done'
               AND s.date_start IS NOT NULL
               AND a.state IN ('present', 'absent', 'excused')
            UNION ALL
            SELECT 'situation',
                   sit.company_id,
                   date_trunc(
                       'quarter', COALESCE(ses.date_start, sit.create_date)
                   )::date,
                   COALESCE(m.department_id, 0),
                   COALESCE(fac.id, 0),
                   COALESCE(split_part(fac.parent_path, '/', 1)::integer, 0),
                   COALESCE(lvl.level, ''),
                   '',
                   m.employee_id,
                   sit.community_id,
                   %(min_managers)s,
                   NULL, NULL, NULL, NULL,
                   sit.id,
                   NULL, NULL, NULL, NULL, NULL
              FROM hr_manager_community_situation sit
              JOIN hr_manager_community_member m ON m.id = sit.member_id
              JOIN res_company c ON c.id = sit.company_id
              LEFT JOIN hr_manager_community_session ses ON ses.id = sit.session_id
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
            SELECT 'action',
                   act.company_id,
                   date_trunc(
                       'quarter', COALESCE(act.date_deadline, act.create_date::date)
                   )::date,
                   COALESCE(m.department_id, 0),
                   0,
                   0,
                   COALESCE(act.level, ''),
                   '',
                   m.employee_id,
                   act.community_id,
                   %(min_managers)s,
                   NULL, NULL, NULL, NULL, NULL,
                   act.id,
                   CASE WHEN act.state = 'done' THEN act.id END,
                   CASE WHEN act.state = 'done' THEN 100.0
                        WHEN act.state = 'dropped' THEN NULL
                        ELSE 0.0 END,
                   NULL, NULL
              FROM hr_manager_community_action act
              JOIN hr_manager_community_member m ON m.id = act.member_id
              JOIN res_company c ON c.id = act.company_id
            UNION ALL
            SELECT 'feedback',
                   fb.company_id,
                   date_trunc('quarter', fb.date_released)::date,
                   COALESCE(m.department_id, 0),
                   COALESCE(fac.id, 0),
                   COALESCE(split_part(fac.parent_path, '/', 1)::integer, 0),
                   COALESCE(fb.level, ''),
                   fb.state,
                   m.employee_id,
                   fb.community_id,
                   %(min_managers)s,
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   fb.id,
                   (fb.date_answered - fb.date_released)::float
              FROM hr_manager_community_feedback fb
              JOIN res_company c ON c.id = fb.company_id
              -- The managers behind a feedback: the community's members at its release.
              JOIN hr_manager_community_member m
                ON m.community_id = fb.community_id
               AND m.date_join IS NOT NULL
               AND m.date_join <= fb.date_released
               AND (m.date_leave IS NULL OR m.date_leave >= fb.date_released)
              LEFT JOIN %(fb_rel)s fb_rel ON fb_rel.%(fb_col1)s = fb.id
              LEFT JOIN hr_psychosocial_factor fac ON fac.id = fb_rel.%(fb_col2)s
             WHERE fb.state IN ('released', 'answered', 'closed')
               AND fb.date_released IS NOT NULL
            """,
            min_managers=SQL(
                "GREATEST(COALESCE(c.manager_community_report_min_managers, %s), %s)",
                DEFAULT_MIN_MANAGERS,
                MIN_MANAGERS_FLOOR,
            ),
            sit_rel=SQL.identifier(situation_factors.relation),
            sit_col1=SQL.identifier(situation_factors.column1),
            sit_col2=SQL.identifier(situation_factors.column2),
            fb_rel=SQL.identifier(feedback_factors.relation),
            fb_col1=SQL.identifier(feedback_factors.column1),
            fb_col2=SQL.identifier(feedback_factors.column2),
        )

    # ------------------------------------------------------------ protection

    @api.model
    def _measures(self):
        """{field name: its aggregator} of the published measures."""
        return {
            name: field.aggregator
            for name, field in self._fields.items()
            if field.aggregator
            and name not in DIMENSIONS
            and name not in COUNTING_FIELDS
        }

    @api.model
    def _refuse(self, what):
        raise AccessError(
            _(
                "The manager communities analysis shows thresholded aggregates only; "
                "%(what)s is not available."
            )
            % {"what": what}
        )

    @api.model
    def _check_domain(self, domain):
        for leaf in domain or ():
            if not isinstance(leaf, list | tuple) or len(leaf) != 3:
                continue  # '&', '|', '!'
            if leaf in (expression.TRUE_LEAF, expression.FALSE_LEAF) or (
                tuple(leaf) in (expression.TRUE_LEAF, expression.FALSE_LEAF)
            ):
                continue
            path = leaf[0]
            if not isinstance(path, str) or path.split(".", 1)[0] not in DIMENSIONS:
                self._refuse(_("filtering on %(field)s") % {"field": path})

    @api.model
    def _check_aggregate(self, spec):
        if spec == "__count":
            return
        fname, _sep, func = spec.partition(":")
        if not func and fname in self._fields:
            func = self._fields[fname].aggregator
        if self._measures().get(fname) != func:
            self._refuse(_("the aggregate %(spec)s") % {"spec": spec})

    @api.model
    def _check_read_group(self, domain, groupby, aggregates, having, order):
        self._check_domain(domain)
        for spec in groupby:
            if spec.split(":", 1)[0].split(".", 1)[0] not in DIMENSIONS:
                self._refuse(_("grouping by %(field)s") % {"field": spec})
        for spec in aggregates:
            self._check_aggregate(spec)
        for leaf in having or ():
            if isinstance(leaf, list | tuple) and len(leaf) == 3:
                self._check_aggregate(leaf[0])
        for term in (order or "").split(","):
            words = term.split()
            if not words:
                continue
            name = words[0]
            if name.split(":", 1)[0].split(".", 1)[0] in DIMENSIONS:
                continue
            self._check_aggregate(name)

    @api.model
    def _min_managers(self):
        companies = self.env.companies
        return max(
            [
                max(k or DEFAULT_MIN_MANAGERS, MIN_MANAGERS_FLOOR)
                for k in companies.mapped("manager_community_report_min_managers")
            ]
            or [DEFAULT_MIN_MANAGERS]
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            self._check_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        if not self.env.su:
            self._refuse(_("reading individual rows"))
        return super().search_fetch(domain, field_names, offset, limit, order)

    def _fetch_query(self, query, fields):
        if not self.env.su:
            self._refuse(_("reading individual rows"))
        return super()._fetch_query(query, fields)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if self.env.su:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        groupby, aggregates = tuple(groupby), tuple(aggregates)
        self._check_read_group(domain, groupby, aggregates, having, order)
        self.browse().check_access("read")
        # The counting columns are superuser-only: the query runs with sudo()
        # and the user's own record rules added to the domain, so it sees
        # exactly the rows the user may aggregate.
        rules = self.env["ir.rule"]._compute_domain(self._name, "read")
        full_domain = expression.AND([domain or [], rules]) if rules else (domain or [])
        counting = (
            "__count",
            "manager_ref:count_distinct",
            "community_ref:count_distinct",
        )
        # sudo: the user's own record rules are in full_domain (see above).
        rows = super(HrManagerCommunityReport, self.sudo())._read_group(
            full_domain, groupby, aggregates + counting, having, offset, limit, order
        )
        min_managers = self._min_managers()
        width = len(groupby) + len(aggregates)
        result = []
        for row in rows:
            facts, managers, communities = row[width:]
            values = row[:width]
            # An empty group (no groupby, nothing matches) involves nobody.
            if facts and (managers < min_managers or communities < MIN_COMMUNITIES):
                values = values[: len(groupby)] + tuple(
                    0 if spec == "__count" else None for spec in aggregates
                )
            result.append(tuple(self._with_user_env(value) for value in values))
        return result

    def _with_user_env(self, value):
        # Group values (departments, factors...) come back as sudo records:
        # hand them to the caller in the caller's environment.
        if isinstance(value, models.BaseModel):
            return value.with_env(self.env)
        return value
