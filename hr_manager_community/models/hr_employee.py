# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    manager_community_member_ids = fields.One2many(
        "hr.manager.community.member",
        "employee_id",
        string="Community Memberships",
        groups="hr_manager_community.group_community_officer",
    )
    manager_community_member_count = fields.Integer(
        compute="_compute_manager_community_member_count",
        string="Communities",
    )

    @api.depends_context("uid")
    def _compute_manager_community_member_count(self):
        counts = self._manager_community_member_counts(self.ids)
        for employee in self:
            employee.manager_community_member_count = counts.get(employee._origin.id, 0)

    @api.model
    def _manager_community_member_counts(self, employee_ids):
        """Memberships per employee id, counted as the current user: record
        rules show HR officers every membership, an employee their own."""
        groups = self.env["hr.manager.community.member"]._read_group(
            [("employee_id", "in", employee_ids)], ["employee_id"], ["__count"]
        )
        return {employee.id: count for employee, count in groups}

    def action_view_manager_community_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_manager_community.action_hr_manager_community_member"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    def _manager_community_hierarchy_conflict(self):
        """Return (manager, report) for the first pair of these employees where
        one is the direct or indirect line manager of the other, else None.

        Walks the management chain one level at a time for the whole set, so
        the number of queries grows with the depth of the hierarchy, not with
        the number of employees. The chain is organisational data, not
        confidential: it is read with sudo() because members' managers may be
        outside what the acting user can read.
        """
        # sudo: the management chain is organisational data (see the docstring).
        employees = self.sudo()
        members = set(employees.ids)
        # chain_origin[manager_id] = the member whose chain reached this manager
        current = {employee.id: employee for employee in employees}
        seen = {employee_id: {employee_id} for employee_id in members}
        while current:
            parents = {}
            for origin_id, employee in current.items():
                parent = employee.parent_id
                if not parent or parent.id in seen[origin_id]:
                    continue
                if parent.id in members:
                    return (
                        # sudo: the same organisational chain, as read above.
                        self.browse(parent.id).sudo(),
                        self.browse(origin_id).sudo(),
                    )
                seen[origin_id].add(parent.id)
                parents[origin_id] = parent
            current = parents
        return None

    def _manager_community_reporting_lines(self):
        """{employee id: ids of their managers, direct or indirect} for these
        employees, through ``parent_id`` and department managers (an employee's
        department manager, and for a department manager the manager of the
        parent department). One read of the companies' employees and
        departments, then walked in Python: no query per employee or pair.
        """
        if not self:
            return {}
        # sudo: the management chain is organisational data; managers above the
        # pool may be outside what the acting user can read. Only ids are kept.
        Employee = self.env["hr.employee"].sudo()
        companies = self.sudo().company_id.ids  # sudo: company ids only
        staff = Employee.search_fetch(
            [("company_id", "in", companies)], ["parent_id", "department_id"]
        )
        departments = (
            self.env["hr.department"]
            # sudo: the same organisational data, for the departments' managers.
            .sudo()
            .search_fetch(
                [("company_id", "in", companies + [False])],
                ["manager_id", "parent_id"],
            )
        )
        department_head = {dep.id: dep.manager_id.id for dep in departments}
        department_parent = {dep.id: dep.parent_id.id for dep in departments}
        bosses = {}
        for employee in staff:
            direct = set()
            if employee.parent_id:
                direct.add(employee.parent_id.id)
            department = employee.department_id.id
            seen_departments = set()
            while department and department not in seen_departments:
                seen_departments.add(department)
                head = department_head.get(department)
                if head and head != employee.id:
                    direct.add(head)
                    break
                department = department_parent.get(department)
            bosses[employee.id] = direct
        lines = {}
        for employee_id in self.ids:
            chain, todo = set(), list(bosses.get(employee_id, ()))
            while todo:
                boss = todo.pop()
                if boss in chain or boss == employee_id:
                    continue
                chain.add(boss)
                todo.extend(bosses.get(boss, ()))
            lines[employee_id] = chain
        return lines


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    manager_community_member_count = fields.Integer(
        compute="_compute_manager_community_member_count",
        string="Communities",
    )

    @api.depends_context("uid")
    def _compute_manager_community_member_count(self):
        # Employees who are not HR users see this public profile.
        counts = self.env["hr.employee"]._manager_community_member_counts(self.ids)
        for employee in self:
            employee.manager_community_member_count = counts.get(employee.id, 0)

    def action_view_manager_community_memberships(self):
        return (
            self.env["hr.employee"]
            .browse(self.id)
            .action_view_manager_community_memberships()
        )
