# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .mail_queue import queue_template
from .workflow_mixin import Transition


class HrManagerCommunityMember(models.Model):
    _name = "hr.manager.community.member"
    _description = "Manager Community Membership"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _order = "community_id, state, employee_id"
    _rec_name = "employee_id"

    community_id = fields.Many2one(
        "hr.manager.community",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="community_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        store=True,
        index=True,
        string="User",
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    job_title = fields.Char(related="employee_id.job_title")
    state = fields.Selection(
        [("invited", "Invited"), ("active", "Active"), ("left", "Left")],
        default="invited",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        group_expand="_workflow_expand_states",
    )
    date_join = fields.Date(string="Joined On", readonly=True, copy=False)
    date_leave = fields.Date(string="Left On", readonly=True, copy=False)
    pact_accepted_date = fields.Datetime(
        string="Pact Accepted On", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "community_employee_unique",
            "UNIQUE(community_id, employee_id)",
            "An employee is a member of a community once.",
        ),
    ]

    @api.depends("employee_id", "community_id")
    def _compute_display_name(self):
        for member in self:
            member.display_name = member.employee_id.name or ""

    @api.model
    def _current_user_memberships(self, communities=None):
        """The current user's active memberships (in ``communities`` if given):
        what makes someone a member who may write, vote or report."""
        domain = [("user_id", "=", self.env.uid), ("state", "=", "active")]
        if communities is not None:
            domain.append(("community_id", "in", communities.ids))
        return self.search(domain)

    def _check_manages_people(self):
        counts = dict(
            self.env["hr.employee"]
            # sudo: the team size is organisational data; employees below a
            # member may be outside what the user can read.
            .sudo()
            ._read_group(
                [("parent_id", "in", self.employee_id.ids)], ["parent_id"], ["__count"]
            )
        )
        for member in self:
            # sudo: the key of the counts above (an employee), nothing read.
            if not counts.get(member.employee_id.sudo()):
                raise UserError(
                    _(
                        "%(employee)s manages nobody: communities are for managers "
                        "of people."
                    )
                    % {"employee": member.employee_id.name}
                )

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "activate": Transition(
                ("invited",),
                "active",
                "_guard_activate",
                stamps={"date_join": "today", "date_leave": False},
                after="_join_upcoming_sessions",
            ),
            "leave": Transition(
                ("invited", "active"), "left", stamps={"date_leave": "today"}
            ),
            "reinvite": Transition(("left",), "invited"),
        }

    def _guard_activate(self):
        missing = self.filtered(lambda m: not m.pact_accepted_date)
        if missing:
            raise UserError(
                _(
                    "%(employee)s has not accepted the confidentiality pact yet: a "
                    "member becomes active by accepting it on the portal."
                )
                % {"employee": missing[0].employee_id.name}
            )
        self._check_manages_people()
        single = self.filtered("company_id.manager_community_single_membership")
        if not single:
            return
        # sudo: memberships of other communities: the rule "one active
        # community at a time" must see them all; only their existence is used.
        others = self.sudo().search(
            [
                ("employee_id", "in", single.employee_id.ids),
                ("state", "=", "active"),
                ("id", "not in", single.ids),
            ]
        )
        if others:
            raise UserError(
                _("%(employee)s is already an active member of another community.")
                % {"employee": others[0].employee_id.name}
            )

    def _join_upcoming_sessions(self):
        """A member who becomes active is invited to the community's sessions
        already scheduled and still to come (attendance and calendar)."""
        # sudo: the attendance lines and calendar events of the member's own
        # community, logistics only; the member may activate themselves.
        sessions = (
            self.env["hr.manager.community.session"]
            # sudo: see above (the member's own community's sessions).
            .sudo()
            .search(
                [
                    ("community_id", "in", self.community_id.ids),
                    ("state", "=", "scheduled"),
                    ("date_start", ">", fields.Datetime.now()),
                ]
            )
        )
        if sessions:
            sessions._create_attendance_lines()
            sessions._sync_calendar_event()
            # sudo: the memberships just activated, to pick their lines.
            sessions._mail_session_scheduled(members=self.sudo())
        return True

    def action_accept_pact(self):
        """Record that the member accepted the confidentiality pact (once)."""
        for member in self:
            if member.user_id != self.env.user:
                raise AccessError(
                    _("Only %(employee)s can accept the pact for themselves.")
                    % {"employee": member.employee_id.name}
                )
        # Members read but do not write memberships.
        # sudo: the check above proved the member is the current user.
        self.filtered(lambda m: not m.pact_accepted_date).sudo().write(
            {"pact_accepted_date": fields.Datetime.now()}
        )
        # Accepting the pact is what makes an invited member active. When the
        # activation is refused (already active elsewhere, say), the member
        # stays invited with the pact accepted and HR sees why in the backend.
        for member in self.filtered(lambda m: m.state == "invited"):
            try:
                with self.env.cr.savepoint():
                    # sudo: the member's own membership (checked above); the
                    # workflow and its guard still decide.
                    member.sudo()._workflow_apply("activate")
            except UserError:
                continue
        return True

    # ------------------------------------------------------------ invitation

    def _grant_portal_access(self):
        """Give a portal user to the members whose employee has none, through
        Odoo's portal wizard (which sends Odoo's own welcome e-mail with the
        sign-up link), and link it to the employee."""
        # sudo: HR (who invites) reads employees but may not create users; the
        # wizard creates a portal user for the employee's own work contact.
        without_user = self.sudo().filtered(lambda m: not m.employee_id.user_id)
        if not without_user:
            return self.env["res.users"]
        contacts = without_user.employee_id.work_contact_id
        missing = without_user.filtered(
            lambda m: (
                not m.employee_id.work_contact_id.email and not m.employee_id.work_email
            )
        )
        if missing:
            raise UserError(
                _("%(employee)s has no work e-mail: set one to invite them.")
                % {"employee": missing[0].employee_id.name}
            )
        for member in without_user:
            contact = member.employee_id.work_contact_id
            if not contact.email:
                contact.email = member.employee_id.work_email
        # sudo: see above (the portal wizard is an administrator's tool).
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": contacts.ids})
        for line in wizard.user_ids:
            line.action_grant_access()
        users = wizard.user_ids.user_id
        for member in without_user:
            user = users.filtered(
                lambda u, c=member.employee_id.work_contact_id: u.partner_id == c
            )
            member.employee_id.user_id = user[:1]
        return users

    def action_send_invitation(self):
        """Invite the members: a portal user for those without one, then the
        invitation e-mail (queued) with the link to the pact."""
        if not self.env.user.has_group("hr_manager_community.group_community_officer"):
            raise AccessError(_("Only HR officers invite members."))
        invited = self.filtered(lambda m: m.state == "invited")
        invited._grant_portal_access()
        invited._notify_members(
            "hr_manager_community.mail_template_member_invitation", False
        )
        return True

    # ---------------------------------------------------------------- e-mails

    def _mail_partner(self):
        """The partner who receives the member's e-mails."""
        self.ensure_one()
        # sudo: the member's own contact (an address), to send them their mail.
        member = self.sudo()
        return member.user_id.partner_id or member.employee_id.work_contact_id

    def _notify_members(self, template_xmlid, url):
        """Queue ``template_xmlid`` for these memberships, with ``url``."""
        template = self.env.ref(template_xmlid)
        queue_template(template, self.filtered(lambda m: m._mail_partner()), mc_url=url)

    # ------------------------------------------------------------------ menus

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.user_id._sync_manager_community_member_group()
        return members

    def write(self, vals):
        users = self.user_id
        result = super().write(vals)
        if {"state", "employee_id"} & set(vals):
            (users | self.user_id)._sync_manager_community_member_group()
        return result
