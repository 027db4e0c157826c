# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import composition_solver as solver

SITE_POLICIES = [
    ("ignore", "Ignore sites"),
    ("together", "Keep each site together"),
    ("mixed", "Mix sites"),
]


class HrManagerCommunityCompositionWizard(models.TransientModel):
    _name = "hr.manager.community.composition.wizard"
    _description = "Composition Assistant for Manager Communities"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("pool", "Pool"), ("proposed", "Proposal")], default="pool", required=True
    )
    pool_mode = fields.Selection(
        [
            ("departments", "Departments"),
            ("employees", "Chosen employees"),
            ("tags", "Employee tags"),
            ("managers", "Every manager of the company"),
        ],
        string="Pool",
        default="departments",
        required=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        "hr_mc_composition_wizard_department_rel",
        "wizard_id",
        "department_id",
        string="Departments",
        check_company=True,
    )
    include_sub_departments = fields.Boolean(default=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "hr_mc_composition_wizard_employee_rel",
        "wizard_id",
        "employee_id",
        string="Employees",
        check_company=True,
    )
    category_ids = fields.Many2many(
        "hr.employee.category",
        "hr_mc_composition_wizard_category_rel",
        "wizard_id",
        "category_id",
        string="Employee Tags",
    )
    only_managers = fields.Boolean(
        string="Managers Only",
        default=True,
        help="Keep only the employees who manage people.",
    )
    size_min = fields.Integer(
        string="Minimum Size",
        default=lambda self: self.env.company.manager_community_min_members,
    )
    size_max = fields.Integer(
        string="Maximum Size",
        default=lambda self: self.env.company.manager_community_max_members,
    )
    max_department_share = fields.Integer(
        string="Maximum Share of One Department (%)",
        default=50,
        help="No department should make up more than this share of a group "
        "(0: no limit). A soft objective: broken only when the pool leaves no choice.",
    )
    keep_apart_previous = fields.Boolean(
        string="Keep Earlier Pairs Apart",
        default=True,
        help="Avoid putting together people who were in a community together before.",
    )
    site_policy = fields.Selection(
        SITE_POLICIES,
        string="Sites",
        default="ignore",
        required=True,
        help="Work addresses of the employees kept together in a group or mixed.",
    )
    time_limit = fields.Integer(
        string="Time Limit (s)",
        default=lambda self: self.env.company.manager_community_composition_time_limit,
    )
    name_prefix = fields.Char(
        string="Community Name", default=lambda self: _("Community"), required=True
    )
    facilitator_user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("hr_manager_community.group_community_facilitator").ids,
            )
        ],
    )
    group_ids = fields.One2many(
        "hr.manager.community.composition.group", "wizard_id", string="Groups"
    )
    left_out_ids = fields.One2many(
        "hr.manager.community.composition.left.out",
        "wizard_id",
        string="Employees Left Out",
    )
    pool_count = fields.Integer(readonly=True)
    solve_seconds = fields.Float(string="Solved In (s)", readonly=True, digits=(16, 1))
    placed_count = fields.Integer(compute="_compute_figures", string="Placed")
    left_out_count = fields.Integer(compute="_compute_figures", string="Left Out")
    diversity_score = fields.Float(
        compute="_compute_figures",
        string="Department Diversity (%)",
        digits=(16, 0),
        help="Distinct departments per member, averaged over the groups.",
    )
    size_spread = fields.Char(compute="_compute_figures", string="Group Sizes")
    repeated_pair_count = fields.Integer(
        compute="_compute_figures",
        string="Earlier Pairs Together",
        help="Pairs of people who were in a community together before.",
    )
    level_mix = fields.Float(
        compute="_compute_figures",
        string="Levels per Group",
        digits=(16, 1),
        help="Distinct hierarchy levels per group, on average.",
    )
    violation_text = fields.Text(
        compute="_compute_figures",
        string="Broken Constraints",
        help="Hard constraints the current groups break: Create refuses them.",
    )
    move_employee_id = fields.Many2one(
        "hr.employee", string="Move", domain="[('id', 'in', movable_employee_ids)]"
    )
    movable_employee_ids = fields.Many2many(
        "hr.employee", compute="_compute_movable_employee_ids"
    )
    move_group_id = fields.Many2one(
        "hr.manager.community.composition.group",
        string="To",
        domain="[('wizard_id', '=', id)]",
        help="Leave empty to leave the person out.",
    )
    move_warning = fields.Char(compute="_compute_move_warning")

    _sql_constraints = [
        (
            "time_limit_positive",
            "CHECK(time_limit IS NULL OR time_limit > 0)",
            "The time limit is a number of seconds above 0.",
        ),
    ]

    # ------------------------------------------------------------ entry point

    @api.model
    def _propose_groups(self, employees, size_min, size_max, **options):
        """Split ``employees`` into groups of ``size_min..size_max`` under the
        hard constraints. Returns ``(groups, left_out)``: a list of
        ``hr.employee`` recordsets and a recordset. Options: see ``_propose``."""
        proposal = self._propose(employees, size_min, size_max, **options)
        return proposal["groups"], proposal["left_out"]

    @api.model
    def _propose(
        self,
        employees,
        size_min,
        size_max,
        max_department_share=0,
        keep_apart_previous=True,
        site_policy="ignore",
        mix_levels=True,
        time_limit=None,
    ):
        """The full proposal: groups, left out, a reason per left-out employee
        id and the figures of ``composition_solver.figures``."""
        started = time.monotonic()
        self.env["ir.model.access"].check(self._name, "create")
        if not 2 <= size_min <= size_max:
            raise ValidationError(
                _("A group needs at least 2 people and a maximum above its minimum.")
            )
        try:
            solver._import_cp_model()
        except ImportError as error:
            raise UserError(
                _(
                    "The composition assistant needs Google OR-Tools: install the "
                    "Python package 'ortools' on the server (pip install ortools)."
                )
            ) from error
        Employee = self.env["hr.employee"]
        employees = employees.exists()
        busy = self._busy_employees(employees)
        reasons = {
            employee_id: self.env._(
                "already a member of %(community)s (active or draft)"
            )
            % {"community": community}
            for employee_id, community in busy.items()
        }
        candidates = employees - Employee.browse(list(busy.keys()))
        result = {
            "groups": [],
            "left_out": Employee.browse(list(busy.keys())),
            "reasons": reasons,
            "stats": {},
        }
        limit = (
            time_limit
            or employees.company_id[:1].manager_community_composition_time_limit
        )
        for company in candidates.company_id:
            pool = candidates.filtered(lambda e, c=company: e.company_id == c)
            people, by_id = self._solver_people(pool)
            pairs = self._previous_pairs(pool) if keep_apart_previous else frozenset()
            # What reading the pool took comes off the solver's time.
            seconds = max((limit or 20) - (time.monotonic() - started), 1.0)
            found = solver.solve(
                people,
                size_min,
                size_max,
                solver.Options(
                    max_department_share=max_department_share or 0,
                    previous_pairs=pairs,
                    site_policy=site_policy,
                    mix_levels=mix_levels,
                    time_limit=seconds * len(pool) / len(candidates),
                    seed=0,
                ),
            )
            result["groups"] += [Employee.browse(group) for group in found.groups]
            result["left_out"] |= Employee.browse(list(found.left_out))
            for key, (code, data) in found.left_out.items():
                reasons[key] = self._reason_text(
                    by_id[key], code, data, size_min, size_max
                )
            for name, value in found.stats.items():
                if isinstance(value, int | float) and name not in (
                    "diversity",
                    "levels",
                    "sites",
                ):
                    result["stats"][name] = result["stats"].get(name, 0) + value
                else:
                    result["stats"].setdefault(name, value)
        result["stats"]["pool"] = len(employees)
        return result

    @api.model
    def _busy_employees(self, employees):
        """{employee id: community name} for those already in an active or draft
        community, when the company allows one community at a time."""
        single = employees.filtered("company_id.manager_community_single_membership")
        if not single:
            return {}
        memberships = self.env["hr.manager.community.member"].search_fetch(
            [
                ("employee_id", "in", single.ids),
                ("state", "in", ("invited", "active")),
                ("community_id.state", "in", ("draft", "active")),
            ],
            ["employee_id", "community_id"],
        )
        return {m.employee_id.id: m.community_id.display_name for m in memberships}

    @api.model
    def _previous_pairs(self, employees):
        """Pairs of these employees who took part in one community before."""
        memberships = self.env["hr.manager.community.member"].search_fetch(
            [
                ("employee_id", "in", employees.ids),
                ("state", "in", ("active", "left")),
                ("community_id.state", "in", ("active", "closed")),
            ],
            ["employee_id", "community_id"],
        )
        by_community = {}
        for membership in memberships:
            by_community.setdefault(membership.community_id.id, []).append(
                membership.employee_id.id
            )
        return frozenset(
            frozenset((first, second))
            for members in by_community.values()
            for i, first in enumerate(members)
            for second in members[i + 1 :]
            if first != second
        )

    @api.model
    def _solver_people(self, employees):
        """``composition_solver.Person`` of each employee, and them by id."""
        lines = employees._manager_community_reporting_lines()
        pool = set(employees.ids)
        conflicts = {employee_id: set() for employee_id in pool}
        for employee_id, chain in lines.items():
            for boss in chain & pool:
                conflicts[employee_id].add(boss)
                conflicts[boss].add(employee_id)
        levels = {employee_id: len(chain) for employee_id, chain in lines.items()}
        people = [
            solver.Person(
                key=employee.id,
                department=employee.department_id.id or None,
                site=employee.address_id.id or None,
                level=levels.get(employee.id, 0),
                conflicts=frozenset(conflicts[employee.id]),
            )
            for employee in employees
        ]
        return people, {employee.id: employee for employee in employees}

    @api.model
    def _hierarchy_levels(self, employees):
        """Number of managers above each employee (0 at the top)."""
        lines = employees._manager_community_reporting_lines()
        return {employee_id: len(chain) for employee_id, chain in lines.items()}

    @api.model
    def _reason_text(self, employee, code, data, size_min, size_max):
        if code == "reporting_line":
            return _(
                "only %(count)s managers outside %(name)s's reporting line remain "
                "in the pool; a group needs %(size)s"
            ) % {"count": data["compatible"], "name": employee.name, "size": size_min}
        if code == "pool_too_small":
            return _(
                "the pool has %(count)s placeable managers; a group needs %(size)s"
            ) % {"count": data["count"], "size": size_min}
        if data.get("open_groups"):
            return _(
                "the solver found no place for %(name)s within its time limit: move "
                "them by hand, or propose again with more time"
            ) % {"name": employee.name}
        return _(
            "no group can take %(name)s: each is full or holds someone in their "
            "reporting line, and the %(others)s others left out outside it are too "
            "few for a group of %(min)s"
        ) % {
            "name": employee.name,
            "others": data.get("others_left", 0),
            "min": size_min,
        }

    # -------------------------------------------------------------- the pool

    def _pool_employees(self):
        self.ensure_one()
        Employee = self.env["hr.employee"]
        domain = [("company_id", "=", self.company_id.id)]
        if self.pool_mode == "departments":
            if not self.department_ids:
                raise UserError(_("Choose the departments of the pool."))
            operator = "child_of" if self.include_sub_departments else "in"
            domain.append(("department_id", operator, self.department_ids.ids))
        elif self.pool_mode == "employees":
            if not self.employee_ids:
                raise UserError(_("Choose the employees of the pool."))
            domain.append(("id", "in", self.employee_ids.ids))
        elif self.pool_mode == "tags":
            if not self.category_ids:
                raise UserError(_("Choose the employee tags of the pool."))
            domain.append(("category_ids", "in", self.category_ids.ids))
        employees = Employee.search(domain)
        if self.only_managers or self.pool_mode == "managers":
            # sudo: team sizes are organisational data; only the ids are used.
            managing = Employee.sudo()._read_group(
                [("parent_id", "in", employees.ids)], ["parent_id"]
            )
            managers = {parent.id for (parent,) in managing}
            employees = employees.filtered(lambda e: e.id in managers)
        return employees

    # ------------------------------------------------------------- proposal

    def _check_settings(self):
        for wizard in self:
            if not 2 <= wizard.size_min <= wizard.size_max:
                raise ValidationError(
                    _("A group needs at least 2 people and a maximum above its minimum")
                )
            if not 0 <= wizard.max_department_share <= 100:
                raise ValidationError(_("The maximum share is a percentage."))

    def action_propose(self):
        self.ensure_one()
        self._check_settings()
        employees = self._pool_employees()
        if not employees:
            raise UserError(_("The pool is empty: nobody matches these criteria."))
        proposal = self._propose(
            employees,
            self.size_min,
            self.size_max,
            max_department_share=self.max_department_share,
            keep_apart_previous=self.keep_apart_previous,
            site_policy=self.site_policy,
            time_limit=self.time_limit,
        )
        self.group_ids.unlink()
        self.left_out_ids.unlink()
        self.write(
            {
                "state": "proposed",
                "pool_count": len(employees),
                "solve_seconds": proposal["stats"].get("seconds", 0.0),
                "group_ids": [
                    fields.Command.create(
                        {
                            "sequence": number,
                            "name": f"{self.name_prefix} {number}",
                            "employee_ids": [fields.Command.set(group.ids)],
                        }
                    )
                    for number, group in enumerate(proposal["groups"], start=1)
                ],
                "left_out_ids": [
                    fields.Command.create(
                        {
                            "employee_id": employee.id,
                            "reason": proposal["reasons"][employee.id],
                        }
                    )
                    for employee in proposal["left_out"]
                ],
            }
        )
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.group_ids.unlink()
        self.left_out_ids.unlink()
        self.state = "pool"
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "name": _("Compose Communities"),
        }

    # ----------------------------------------------------- checks and moves

    def _constraint_data(self):
        """What the live checks need: the reporting lines of everyone in the
        proposal and the ones already in a community."""
        employees = self.group_ids.employee_ids | self.left_out_ids.employee_id
        employees |= self.move_employee_id
        lines = employees._manager_community_reporting_lines()
        return lines, self._busy_employees(employees)

    def _group_violations(self, group_employees, lines, busy):
        """Texts of the hard constraints a group of these employees breaks."""
        self.ensure_one()
        messages = []
        count = len(group_employees)
        if count and not self.size_min <= count <= self.size_max:
            messages.append(
                _("%(count)s members, outside %(min)s to %(max)s")
                % {"count": count, "min": self.size_min, "max": self.size_max}
            )
        ids = set(group_employees.ids)
        for employee in group_employees:
            for boss_id in sorted(lines.get(employee.id, set()) & ids):
                boss = group_employees.filtered(lambda e, b=boss_id: e.id == b)
                messages.append(
                    _("%(report)s is in %(boss)s's reporting line")
                    % {"report": employee.name, "boss": boss.name}
                )
        for employee in group_employees:
            if employee.id in busy:
                messages.append(
                    _("%(name)s is already in %(community)s")
                    % {"name": employee.name, "community": busy[employee.id]}
                )
        return messages

    @api.depends(
        "group_ids.employee_ids",
        "left_out_ids",
        "size_min",
        "size_max",
        "max_department_share",
    )
    def _compute_figures(self):
        for wizard in self:
            groups = wizard.group_ids.filtered("employee_ids")
            sizes = [len(group.employee_ids) for group in groups]
            wizard.placed_count = sum(sizes)
            wizard.left_out_count = len(wizard.left_out_ids)
            wizard.size_spread = (
                f"{min(sizes)}–{max(sizes)} ({len(sizes)})" if sizes else ""
            )
            wizard.diversity_score = (
                100 * sum(groups.mapped("diversity_ratio")) / len(groups)
                if groups
                else 0
            )
            wizard.level_mix = (
                sum(groups.mapped("level_count")) / len(groups) if groups else 0
            )
            pairs = (
                wizard._previous_pairs(groups.employee_ids) if groups else frozenset()
            )
            wizard.repeated_pair_count = sum(
                1
                for group in groups
                for pair in pairs
                if pair <= set(group.employee_ids.ids)
            )
            if not groups:
                wizard.violation_text = False
                continue
            lines, busy = wizard._constraint_data()
            messages = []
            seen = self.env["hr.employee"]
            for group in groups:
                twice = group.employee_ids & seen
                seen |= group.employee_ids
                for employee in twice:
                    messages.append(
                        _("%(name)s is in more than one group")
                        % {"name": employee.name}
                    )
                messages += [
                    f"{group.name}: {text}"
                    for text in wizard._group_violations(
                        group.employee_ids, lines, busy
                    )
                ]
            wizard.violation_text = "\n".join(messages) or False

    @api.depends("group_ids.employee_ids", "left_out_ids.employee_id")
    def _compute_movable_employee_ids(self):
        for wizard in self:
            wizard.movable_employee_ids = (
                wizard.group_ids.employee_ids | wizard.left_out_ids.employee_id
            )

    @api.depends("move_employee_id", "move_group_id", "group_ids.employee_ids")
    def _compute_move_warning(self):
        for wizard in self:
            employee, target = wizard.move_employee_id, wizard.move_group_id
            if not employee or not target:
                wizard.move_warning = False
                continue
            lines, busy = wizard._constraint_data()
            after = target.employee_ids | employee
            broken = wizard._group_violations(after, lines, busy)
            source = wizard.group_ids.filtered(
                lambda g, e=employee, t=target: e in g.employee_ids and g != t
            )
            for group in source:
                remaining = group.employee_ids - employee
                if remaining and len(remaining) < wizard.size_min:
                    broken.append(
                        _("%(group)s would keep %(count)s members, below %(min)s")
                        % {
                            "group": group.name,
                            "count": len(remaining),
                            "min": wizard.size_min,
                        }
                    )
            wizard.move_warning = (
                _("This move breaks: %(list)s") % {"list": "; ".join(broken)}
                if broken
                else _("This move keeps every hard constraint.")
            )

    def action_move(self):
        """Move ``move_employee_id`` to ``move_group_id`` (or out): allowed even
        when it breaks a constraint, which the form then shows; Create refuses."""
        self.ensure_one()
        employee = self.move_employee_id
        if not employee or employee not in self.movable_employee_ids:
            raise UserError(_("Choose someone of the proposal to move."))
        if self.move_group_id and self.move_group_id.wizard_id != self:
            raise UserError(_("Choose a group of this proposal."))
        for group in self.group_ids.filtered(lambda g: employee in g.employee_ids):
            group.employee_ids = [fields.Command.unlink(employee.id)]
        self.left_out_ids.filtered(lambda line: line.employee_id == employee).unlink()
        if self.move_group_id:
            self.move_group_id.employee_ids = [fields.Command.link(employee.id)]
        else:
            self.left_out_ids = [
                fields.Command.create(
                    {"employee_id": employee.id, "reason": _("left out by hand")}
                )
            ]
        self.write({"move_employee_id": False, "move_group_id": False})
        return self._reopen()

    # --------------------------------------------------------------- create

    def action_create_communities(self):
        """Draft communities, one per group, with their members invited."""
        self.ensure_one()
        groups = self.group_ids.filtered("employee_ids")
        if not groups:
            raise UserError(_("There is no group to create."))
        if self.violation_text:
            raise UserError(
                _("Fix these before creating the communities:\n%(list)s")
                % {"list": self.violation_text}
            )
        communities = self.env["hr.manager.community"].create(
            [
                {
                    "name": group.name,
                    "company_id": self.company_id.id,
                    "facilitator_user_id": self.facilitator_user_id.id,
                    "department_ids": [
                        fields.Command.set(group.employee_ids.department_id.ids)
                    ],
                    "member_ids": [
                        fields.Command.create({"employee_id": employee.id})
                        for employee in group.employee_ids
                    ],
                }
                for group in groups
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community.action_hr_manager_community"
        )
        action["domain"] = [("id", "in", communities.ids)]
        return action


class HrManagerCommunityCompositionGroup(models.TransientModel):
    _name = "hr.manager.community.composition.group"
    _description = "Proposed Community"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "hr.manager.community.composition.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    name = fields.Char(required=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "hr_mc_composition_group_employee_rel",
        "group_id",
        "employee_id",
        string="Members",
    )
    member_count = fields.Integer(compute="_compute_mix", string="Size")
    department_mix = fields.Char(compute="_compute_mix")
    diversity_ratio = fields.Float(compute="_compute_mix")
    diversity_score = fields.Integer(compute="_compute_mix", string="Score (%)")
    level_count = fields.Integer(compute="_compute_mix", string="Levels")
    check_message = fields.Char(compute="_compute_check_message", string="Check")

    @api.depends("employee_ids")
    def _compute_mix(self):
        levels = self.env["hr.manager.community.composition.wizard"]._hierarchy_levels(
            self.employee_ids
        )
        for group in self:
            employees = group.employee_ids
            counts = {}
            for employee in employees:
                name = employee.department_id.name or _("No department")
                counts[name] = counts.get(name, 0) + 1
            group.member_count = len(employees)
            group.department_mix = ", ".join(
                f"{name} ×{count}" if count > 1 else name
                for name, count in sorted(
                    counts.items(), key=lambda item: (-item[1], item[0])
                )
            )
            group.diversity_ratio = len(counts) / len(employees) if employees else 0.0
            group.diversity_score = round(100 * group.diversity_ratio)
            group.level_count = len({levels.get(e.id, 0) for e in employees})

    @api.depends("employee_ids", "wizard_id.size_min", "wizard_id.size_max")
    def _compute_check_message(self):
        for wizard in self.wizard_id:
            groups = self.filtered(lambda g, w=wizard: g.wizard_id == w)
            employees = groups.employee_ids
            lines = employees._manager_community_reporting_lines()
            busy = wizard._busy_employees(employees)
            for group in groups:
                group.check_message = "; ".join(
                    wizard._group_violations(group.employee_ids, lines, busy)
                )
        self.filtered(lambda g: not g.wizard_id).check_message = False


class HrManagerCommunityCompositionLeftOut(models.TransientModel):
    _name = "hr.manager.community.composition.left.out"
    _description = "Employee Left Out of a Proposal"
    _order = "id"

    wizard_id = fields.Many2one(
        "hr.manager.community.composition.wizard", required=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade")
    department_id = fields.Many2one(related="employee_id.department_id")
    reason = fields.Char()
