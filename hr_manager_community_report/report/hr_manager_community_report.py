# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.fields import NO_ACCESS
from odoo.models import READ_GROUP_ALL_TIME_GRANULARITY
from odoo.osv import expression
from odoo.tools.sql import TableKind, table_kind

# A figure involves at least this many communities (DESIGN.md section 6).
MIN_COMMUNITIES = 2

# The breakdowns published for each indicator and period: a field a director
# may group or filter by, and the ``breakdown`` of the cells that hold it.
AXES = {
    "department_id": "department",
    "factor_id": "factor",
    "level": "level",
    "feedback_state": "feedback_state",
}
# Fields directors may filter and group on.
DIMENSIONS = frozenset({"kind", "company_id", "period_id", "date", *AXES})
# Many2one dimensions whose own fields may be used in a filter (a filter on
# them selects whole published cells).
PATH_DIMENSIONS = frozenset({"company_id", "period_id", "department_id", "factor_id"})
# Technical columns behind the second line of defence: superuser only.
COUNTING_FIELDS = ("manager_count", "community_count", "breakdown")
DOMAIN_OPERATORS = ("&", "|", "!")
ORDER_WORDS = ("asc", "desc", "nulls", "first", "last")
LEVELS = [
    ("individual", "Individual"),
    ("interpersonal", "Interpersonal"),
    ("managerial", "Managerial"),
    ("organisational", "Organisational"),
]


class HrManagerCommunityReport(models.Model):
    """Director figures: the published cells of the snapshots of closed
    reporting periods (quarters), thresholded when they were built.

    **Cells.** ``hr.manager.community.report.period`` builds, once per
    closed quarter and company, one row per published cell: an indicator
    (``kind``) for the whole company (``breakdown`` total) or for one value
    of one breakdown (a department, a psychosocial factor, a level, a
    feedback status), with its figures. Cross-tabulations of two breakdowns
    are not published. The rule each cell passes is in ``_build`` of the
    period model and in the readme (CONFIGURE): at least *k* distinct
    managers and 2 communities behind it and behind what the whole company
    shows beside it, and the part of the indicator that no visible cell of a
    breakdown covers is empty or passes too (complementary suppression).

    **Reading.** Nobody reads cells one by one: ``search``, ``read``,
    exports and ``name_search`` raise ``AccessError`` for anyone but the
    superuser; ``read_group`` is the only way in. It takes the breakdown of
    the cells from the fields grouped by and filtered on (none: the totals;
    one: its cells; two: refused, since no cross-tabulation is published),
    so every figure a director sees is a published cell or a sum of them,
    and it refuses group-bys, filters, aggregates, ``having`` and ``order``
    terms outside the published dimensions and measures with an
    ``AccessError`` or, for malformed arguments, a ``UserError``. A second
    line of defence blanks a group if one of its cells no longer passes the
    current *k* (a company that raises *k* hides older cells that do not
    reach it). Record rules and access rights: directors only.

    Figures never change once published: a period is built once, from what
    was recorded when it closed; later changes of live data and of the
    settings do not reach it.
    """

    _name = "hr.manager.community.report"
    _description = "Manager Communities Analysis"
    _order = "date desc, id"
    _rec_name = "kind"

    period_id = fields.Many2one(
        "hr.manager.community.report.period",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    date = fields.Date(string="Quarter", required=True, readonly=True)
    kind = fields.Selection(
        [
            ("attendance", "Attendance"),
            ("situation", "Situations"),
            ("action", "Actions"),
            ("feedback", "Feedback"),
        ],
        string="Kind of Figure",
        required=True,
        readonly=True,
    )
    breakdown = fields.Selection(
        [
            ("total", "Whole company"),
            ("department", "Department"),
            ("factor", "Psychosocial factor"),
            ("level", "Level"),
            ("feedback_state", "Feedback status"),
        ],
        required=True,
        readonly=True,
        groups=NO_ACCESS,
    )
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
    manager_count = fields.Integer(readonly=True, aggregator="min", groups=NO_ACCESS)
    community_count = fields.Integer(readonly=True, aggregator="min", groups=NO_ACCESS)
    session_count = fields.Integer(string="Sessions Held", readonly=True)
    attendance_count = fields.Integer(string="Expected Attendances", readonly=True)
    attendance_present_count = fields.Integer(string="Attendances", readonly=True)
    attendance_rate = fields.Float(
        string="Attendance Rate (%)", readonly=True, aggregator="avg"
    )
    situation_count = fields.Integer(string="Situations", readonly=True)
    unfactored_count = fields.Integer(
        string="Without a Factor",
        readonly=True,
        help="Situations or feedback tagged with no psychosocial factor, counted "
        "apart from the factors (on the totals only).",
    )
    action_count = fields.Integer(string="Actions", readonly=True)
    action_done_count = fields.Integer(string="Actions Done", readonly=True)
    action_completion_rate = fields.Float(
        string="Action Completion (%)",
        readonly=True,
        aggregator="avg",
        help="Done actions among actions not dropped.",
    )
    feedback_count = fields.Integer(string="Feedback Released", readonly=True)
    feedback_pending_count = fields.Integer(
        string="Feedback Awaiting an Answer",
        readonly=True,
        help="Released feedback the directors had not answered when the period closed.",
    )
    response_delay = fields.Float(
        string="Response Delay (days)",
        readonly=True,
        aggregator="avg",
        help="Days between the release of a feedback and the directors' answer, "
        "over the answered feedback only: feedback awaiting an answer has no delay.",
    )

    # ------------------------------------------------------------- table

    def _auto_init(self):
        # Before 18.0.1.1 the analysis was an SQL view of the same name: make
        # room for the table of published cells.
        if table_kind(self.env.cr, self._table) == TableKind.View:
            tools.drop_view_if_exists(self.env.cr, self._table)
        return super()._auto_init()

    def init(self):
        tools.create_index(
            self.env.cr,
            "hr_manager_community_report_pivot_index",
            self._table,
            ["company_id", "breakdown", "kind", "date"],
        )

    # ------------------------------------------------------------ protection

    @api.model
    def _measures(self):
        """{field name: its aggregator} of the published measures."""
        return {
            name: field.aggregator
            for name, field in self._fields.items()
            if field.aggregator
            and field.type in ("integer", "float")
            and name not in DIMENSIONS
            and name not in COUNTING_FIELDS
            and name != "id"
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
    def _malformed(self, what):
        raise UserError(
            _("The manager communities analysis cannot read %(what)s.") % {"what": what}
        )

    @api.model
    def _check_domain(self, domain):
        """Refuse a malformed domain (UserError) or a condition on anything
        but a published dimension (AccessError)."""
        if not domain:
            return
        if not isinstance(domain, list | tuple):
            self._malformed(_("this filter"))
        for leaf in domain:
            if isinstance(leaf, str) and leaf in DOMAIN_OPERATORS:
                continue
            if not isinstance(leaf, list | tuple) or len(leaf) != 3:
                self._malformed(_("the filter %(leaf)r") % {"leaf": leaf})
            leaf = tuple(leaf)
            if leaf in (expression.TRUE_LEAF, expression.FALSE_LEAF):
                continue
            path, operator, _value = leaf
            if not isinstance(path, str) or not path:
                self._malformed(_("the filter %(leaf)r") % {"leaf": leaf})
            if (
                not isinstance(operator, str)
                or operator.lower() not in expression.TERM_OPERATORS
            ):
                self._malformed(_("the filter %(leaf)r") % {"leaf": leaf})
            root, dot, _rest = path.partition(".")
            if root not in DIMENSIONS or (dot and root not in PATH_DIMENSIONS):
                self._refuse(_("filtering on %(field)s") % {"field": path})
        try:
            expression.normalize_domain(list(domain))
        except (AssertionError, ValueError, TypeError, IndexError):
            self._malformed(_("this filter"))

    @api.model
    def _check_groupby(self, spec):
        if not isinstance(spec, str) or not spec:
            self._malformed(_("the grouping %(spec)r") % {"spec": spec})
        fname, _sep, granularity = spec.partition(":")
        if "." in fname or fname not in DIMENSIONS:
            self._refuse(_("grouping by %(field)s") % {"field": spec})
        field = self._fields[fname]
        if granularity and (
            field.type not in ("date", "datetime")
            or granularity not in READ_GROUP_ALL_TIME_GRANULARITY
        ):
            self._malformed(_("the grouping %(spec)r") % {"spec": spec})

    @api.model
    def _check_aggregate(self, spec):
        if not isinstance(spec, str):
            self._malformed(_("the figure %(spec)r") % {"spec": spec})
        if spec == "__count":
            return
        fname, _sep, func = spec.partition(":")
        if not func and fname in self._fields:
            func = self._fields[fname].aggregator
        if self._measures().get(fname) != func:
            self._refuse(_("the aggregate %(spec)s") % {"spec": spec})

    @api.model
    def _check_order(self, order, groupby, aggregates):
        if not order:
            return
        if not isinstance(order, str):
            self._malformed(_("the order %(order)r") % {"order": order})
        for term in order.split(","):
            words = term.split()
            if not words:
                self._malformed(_("the order %(order)r") % {"order": order})
            name, *modifiers = words
            if any(word.lower() not in ORDER_WORDS for word in modifiers):
                self._malformed(_("the order %(order)r") % {"order": order})
            if name in groupby:
                continue
            self._check_aggregate(name)
            if ":" not in name and name != "__count":
                # A measure without its aggregate orders nothing in a group.
                self._refuse(_("ordering by %(field)s") % {"field": name})

    @api.model
    def _check_read_group(self, domain, groupby, aggregates, having, order):
        self._check_domain(domain)
        for spec in groupby:
            self._check_groupby(spec)
        for spec in aggregates:
            self._check_aggregate(spec)
        if having:
            if not isinstance(having, list | tuple):
                self._malformed(_("this condition"))
            for leaf in having:
                if isinstance(leaf, str) and leaf in DOMAIN_OPERATORS:
                    continue
                if not isinstance(leaf, list | tuple) or len(leaf) != 3:
                    self._malformed(_("the condition %(leaf)r") % {"leaf": leaf})
                self._check_aggregate(leaf[0])
        self._check_order(order, groupby, aggregates)

    @api.model
    def _breakdown(self, domain, groupby):
        """The breakdown of the cells that answer a read: the one breakdown
        field grouped by or filtered on, or the totals."""
        used = {spec.split(":", 1)[0] for spec in groupby} & AXES.keys()
        for leaf in domain or ():
            if isinstance(leaf, list | tuple) and leaf and isinstance(leaf[0], str):
                root = leaf[0].split(".", 1)[0]
                if root in AXES:
                    used.add(root)
        if len(used) > 1:
            labels = sorted(self._fields[name].string for name in used)
            raise UserError(
                _(
                    "Director figures are published by one breakdown at a time "
                    "(department, psychosocial factor, level or feedback status), "
                    "never crossed: %(fields)s cannot be combined."
                )
                % {"fields": ", ".join(labels)}
            )
        return AXES[used.pop()] if used else "total"

    @api.model
    def _min_managers(self):
        """*k* of the companies the user reads, for the second line of defence."""
        return self.env.companies._manager_community_report_k()

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
    @api.readonly
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        # Arguments that the generic code would reject with a TypeError or a
        # ValueError get a clear refusal instead.
        if not isinstance(fields, list | tuple) or not all(
            isinstance(spec, str) for spec in fields
        ):
            self._malformed(_("these figures"))
        for spec in fields:
            name = spec.split(":", 1)[0].split("(", 1)[0]
            if spec != "__count" and name not in self._fields:
                self._refuse(_("the figure %(spec)s") % {"spec": spec})
        specs = [groupby] if isinstance(groupby, str) else groupby
        if not isinstance(specs, list | tuple):
            self._malformed(_("this grouping"))
        for spec in specs:
            self._check_groupby(spec)
        if orderby and not isinstance(orderby, str):
            self._malformed(_("the order %(order)r") % {"order": orderby})
        for value in (offset, limit):
            if value is not None and not isinstance(value, int):
                self._malformed(_("this page of groups"))
        return super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )

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
        # read_group hands over dict views: any collection but a string.
        for specs in (groupby, aggregates):
            if isinstance(specs, str | bytes) or not hasattr(specs, "__iter__"):
                self._malformed(_("this grouping"))
        groupby, aggregates = tuple(groupby), tuple(aggregates)
        if self.env.su and any(
            isinstance(leaf, list | tuple) and len(leaf) == 3 and leaf[0] == "breakdown"
            for leaf in domain or ()
        ):
            # The builder and the tests read chosen cells.
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        if not self.env.su:
            self._check_read_group(domain, groupby, aggregates, having, order)
            self.browse().check_access("read")
        breakdown = self._breakdown(domain, groupby)
        # The counting columns are superuser-only: the query runs with sudo()
        # and the user's own record rules added to the domain, so it sees
        # exactly the cells the user may aggregate.
        rules = self.env["ir.rule"]._compute_domain(self._name, "read")
        full_domain = expression.AND(
            [list(domain or []), rules or [], [("breakdown", "=", breakdown)]]
        )
        counting = ("manager_count:min", "community_count:min")
        # sudo: reads the superuser-only counts of the user's own cells.
        rows = super(HrManagerCommunityReport, self.sudo())._read_group(
            full_domain, groupby, aggregates + counting, having, offset, limit, order
        )
        min_managers = self._min_managers()
        width = len(groupby) + len(aggregates)
        result = []
        for row in rows:
            managers, communities = row[width:]
            values = row[:width]
            if managers is not None and (
                managers < min_managers or communities < MIN_COMMUNITIES
            ):
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
