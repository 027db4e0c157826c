# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests.common import TransactionCase, new_test_user

from ..models.workflow_mixin import _TRANSITION_MARKER


class ManagerCommunityCase(TransactionCase):
    """Two communities with their people, for every test of the addon.

    ``community``: active, facilitated by ``facilitator``, with six active
    members (``member_users[0..5]``, four internal users and two portal
    users); ``community_other``: draft, facilitated by ``facilitator_other``.
    Every member manages one employee and reports to ``head``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.write(
            {
                "manager_community_min_members": 6,
                "manager_community_max_members": 8,
                "manager_community_single_membership": True,
            }
        )
        group = "hr_manager_community.group_community_%s"
        cls.officer = new_test_user(
            cls.env, "mc_officer", groups="base.group_user," + group % "officer"
        )
        cls.admin_user = new_test_user(
            cls.env, "mc_admin", groups="base.group_user," + group % "admin"
        )
        cls.director = new_test_user(
            cls.env, "mc_director", groups="base.group_user," + group % "director"
        )
        cls.facilitator = new_test_user(
            cls.env, "mc_facilitator", groups="base.group_user," + group % "facilitator"
        )
        cls.facilitator_other = new_test_user(
            cls.env,
            "mc_facilitator_other",
            groups="base.group_user," + group % "facilitator",
        )
        cls.outsider = new_test_user(cls.env, "mc_outsider", groups="base.group_user")
        cls.hr_manager = new_test_user(
            cls.env, "mc_hr_manager", groups="hr.group_hr_manager"
        )
        Employee = cls.env["hr.employee"]
        cls.head = Employee.create({"name": "Head of Operations"})
        cls.member_users = cls.env["res.users"]
        cls.managers = Employee
        for index in range(10):
            cls._add_manager(index, portal=index in (4, 5))
        cls.community = cls.env["hr.manager.community"].create(
            {
                "name": "Community North",
                "facilitator_user_id": cls.facilitator.id,
            }
        )
        cls.members = cls.env["hr.manager.community.member"].create(
            [
                {"community_id": cls.community.id, "employee_id": manager.id}
                for manager in cls.managers[:6]
            ]
        )
        cls._accept_pacts(cls.members)
        cls.members.action_activate()
        cls.community.action_activate()
        cls.community_other = cls.env["hr.manager.community"].create(
            {
                "name": "Community South",
                "facilitator_user_id": cls.facilitator_other.id,
            }
        )
        cls.member_other = cls.env["hr.manager.community.member"].create(
            {"community_id": cls.community_other.id, "employee_id": cls.managers[6].id}
        )
        cls._accept_pacts(cls.member_other)
        cls.member_other.action_activate()

    # ---------------------------------------------------------------- helpers

    @classmethod
    def _add_manager(cls, index, portal=False):
        """Manager ``index``: a user, an employee under ``head`` managing one
        report; added to ``member_users`` and ``managers``."""
        Employee = cls.env["hr.employee"]
        user = new_test_user(
            cls.env,
            f"mc_manager{index}",
            name=f"Manager {index}",
            groups="base.group_portal" if portal else "base.group_user",
        )
        manager = Employee.create(
            {"name": f"Manager {index}", "user_id": user.id, "parent_id": cls.head.id}
        )
        Employee.create({"name": f"Report of manager {index}", "parent_id": manager.id})
        cls.member_users |= user
        cls.managers |= manager
        return manager

    @classmethod
    def _accept_pacts(cls, members, accepted=True):
        """Record the pact as accepted by ``members`` (what each does on the
        portal, which also activates them: see ``action_accept_pact``), so
        that HR may activate them; ``accepted=False`` puts them back in the
        state of a member made active before the pact rule (an upgraded
        database), who still has to accept it."""
        members.sudo().write(
            {"pact_accepted_date": fields.Datetime.now() if accepted else False}
        )

    @classmethod
    def _force_state(cls, records, state):
        """Put records in a state directly, as only the workflow may."""
        records.sudo().with_context(workflow_marker=_TRANSITION_MARKER).write(
            {"state": state}
        )

    @classmethod
    def _member_of(cls, user):
        return cls.members.filtered(lambda m: m.user_id == user)

    @classmethod
    def _create_session(cls, community=None, days=7, **values):
        community = community or cls.community
        return cls.env["hr.manager.community.session"].create(
            dict(
                {
                    "community_id": community.id,
                    "date_start": fields.Datetime.now() + timedelta(days=days),
                    "duration": 3.0,
                    "location": "Room 4",
                },
                **values,
            )
        )

    @classmethod
    def _create_situation(cls, member=None, **values):
        member = member or cls.members[0]
        situation = (
            cls.env["hr.manager.community.situation"]
            .with_user(member.user_id)
            .create(
                dict(
                    {
                        "community_id": member.community_id.id,
                        "member_id": member.id,
                        "name": "Tension in team B",
                        "description": "SECRET-NARRATIVE A refuses changes",
                        "help_wanted": "SECRET-CONTRACT how to talk to A",
                        "analysis_individual": "SECRET-INDIVIDUAL",
                        "analysis_interpersonal": "SECRET-INTERPERSONAL",
                        "analysis_managerial": "SECRET-MANAGERIAL",
                        "analysis_organisational": "SECRET-ORGANISATIONAL",
                    },
                    **values,
                )
            )
        )
        return cls.env["hr.manager.community.situation"].browse(situation.id)
