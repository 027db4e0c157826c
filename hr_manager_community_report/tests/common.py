# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.hr_manager_community.tests.common import ManagerCommunityCase

from ..wizards.hr_manager_community_report_wizard import quarter_start


class ReportCase(ManagerCommunityCase):
    """Two active communities of six managers, with a quarter of activity.

    ``community`` (North): managers 0-5; ``community_other`` (South): managers
    6-11. Departments: ``dept_a`` holds managers 0, 1, 2 (North) and 6, 7, 8
    (South); ``dept_c`` holds 3, 4 (North) and 9, 10, 11 (South); ``dept_b``
    holds manager 5 alone, the one whose facts must never be isolated.

    ``last_quarter`` (three years ago): one held session per community
    (everybody present but managers 4 and 9), one submitted situation per
    manager (factor
    ``factor_common``, analysed at the organisational level; manager 5 also
    tags ``factor_rare``), two actions per manager (one done). The quarter
    after (``this_quarter``): one released feedback per community, North's
    answered 14 days after its release. ``period`` covers both quarters,
    which have closed: their director figures are published (``periods``).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_report_min_managers = 5
        cls.company.manager_community_feedback_quorum = 50
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.dept_a, cls.dept_b, cls.dept_c = Department.create(
            [
                {"name": "Department A"},
                {"name": "Department B"},
                {"name": "Department C"},
            ]
        )
        for index in (10, 11):
            cls._add_manager(index)
        placement = {
            cls.dept_a: (0, 1, 2, 6, 7, 8),
            cls.dept_b: (5,),
            cls.dept_c: (3, 4, 9, 10, 11),
        }
        for department, indexes in placement.items():
            Employee.browse(
                [cls.managers[i].id for i in indexes]
            ).department_id = department
        cls.members_other = cls.member_other | cls.env[
            "hr.manager.community.member"
        ].create(
            [
                {
                    "community_id": cls.community_other.id,
                    "employee_id": cls.managers[i].id,
                }
                for i in (7, 8, 9, 10, 11)
            ]
        )
        cls._accept_pacts(cls.members_other)
        cls.members_other.filtered(lambda m: m.state == "invited").action_activate()
        cls.community_other.action_activate()
        cls.all_members = cls.members | cls.members_other

        cls.factor_common = cls.env.ref("hr_manager_community.factor_inrs_workload")
        cls.factor_rare = cls.env.ref("hr_manager_community.factor_iso_remote_work")
        # Three years back: no demo data lives in these quarters, and every
        # figure depends on its quarter, so the demo cannot change the tests'.
        today = fields.Date.context_today(cls.env.user)
        cls.last_quarter = quarter_start(today - relativedelta(years=3))
        cls.this_quarter = cls.last_quarter + relativedelta(months=3)
        cls.period = [
            ("date", ">=", cls.last_quarter),
            ("date", "<=", cls.this_quarter),
        ]
        cls.all_members.sudo().write({"date_join": cls.last_quarter})
        cls.sessions = cls.env["hr.manager.community.session"]
        for community in (cls.community, cls.community_other):
            session = cls._create_session(community=community, days=0)
            session.date_start = fields.Datetime.to_datetime(
                cls.last_quarter
            ) + timedelta(days=20, hours=8)
            session.action_schedule()
            session.action_start()
            session.attendance_ids.action_mark_present()
            session.attendance_ids.filtered(
                lambda a: a.member_id.employee_id in (cls.managers[4] | cls.managers[9])
            ).action_mark_absent()
            session.action_finish()
            cls.sessions |= session
        cls.situations = cls.env["hr.manager.community.situation"]
        for member in cls.all_members:
            session = cls.sessions.filtered(
                lambda s, m=member: s.community_id == m.community_id
            )
            factors = cls.factor_common
            if member.employee_id == cls.managers[5]:
                factors |= cls.factor_rare
            situation = cls._create_situation(
                member=member,
                session_id=session.id,
                factor_ids=[(6, 0, factors.ids)],
                analysis_individual=False,
                analysis_interpersonal=False,
                analysis_managerial=False,
            )
            situation.with_user(member.user_id).action_submit()
            cls.situations |= situation
        Plan = cls.env["hr.manager.community.action.plan"]
        Action = cls.env["hr.manager.community.action"]
        plans = Plan.create([{"member_id": member.id} for member in cls.all_members])
        deadline = cls.last_quarter + timedelta(days=40)
        cls.actions = Action.create(
            [
                {
                    "plan_id": plan.id,
                    "name": f"Action {level}",
                    "level": level,
                    "date_deadline": deadline,
                }
                for plan in plans
                for level in ("managerial", "organisational")
            ]
        )
        cls._force_state(
            cls.actions.filtered(lambda a: a.level == "managerial"), "done"
        )

        Feedback = cls.env["hr.manager.community.feedback"]
        cls.feedbacks = Feedback
        for community, members in (
            (cls.community, cls.members),
            (cls.community_other, cls.members_other),
        ):
            feedback = Feedback.with_user(community.facilitator_user_id).create(
                {
                    "community_id": community.id,
                    "name": f"GROUP-TITLE {community.name}",
                    "description": "GROUP-TEXT objectives contradict each other",
                    "recommendation": "GROUP-RECOMMENDATION arbitrate",
                    "level": "organisational",
                    "factor_ids": [(6, 0, cls.factor_common.ids)],
                }
            )
            feedback = Feedback.browse(feedback.id)
            feedback.with_user(members[0].user_id).action_open_vote()
            for member in members:
                feedback.with_user(member.user_id).action_vote("approve")
            feedback.with_user(community.facilitator_user_id).action_release()
            cls.feedbacks |= feedback
        cls.feedbacks.sudo().write(
            {"date_released": cls.this_quarter + timedelta(days=10)}
        )
        cls.feedback_north = cls.feedbacks[0]
        cls.feedback_north.with_user(cls.director).write(
            {
                "response": "<p>DIRECTOR-RESPONSE weekly arbitration</p>",
                "decision": "accepted",
                "measure": "DIRECTOR-MEASURE weekly arbitration committee",
                "owner_id": cls.director.id,
                "date_due": today + timedelta(days=60),
            }
        )
        cls.feedback_north.with_user(cls.director).action_answer()
        cls.feedback_north.sudo().write(
            {"date_answered": cls.this_quarter + timedelta(days=24)}
        )
        cls.env.flush_all()
        # Both quarters have closed: publish them, as the scheduled action does.
        cls.Period = cls.env["hr.manager.community.report.period"]
        cls.Period._build_closed_periods(cls.company)
        cls.periods = cls.Period.search(
            [
                ("company_id", "=", cls.company.id),
                ("date_start", "in", (cls.last_quarter, cls.this_quarter)),
            ]
        )

    @classmethod
    def _wizard(cls, user=None, **values):
        user = user or cls.director
        return (
            cls.env["hr.manager.community.report.wizard"]
            .with_user(user)
            .create(
                dict(
                    {
                        "date_from": cls.last_quarter,
                        "date_to": cls.this_quarter + relativedelta(months=3, days=-1),
                    },
                    **values,
                )
            )
        )

    @classmethod
    def _names_of_members(cls):
        return set(
            cls.all_members.mapped("employee_id.name") + cls.member_users.mapped("name")
        )
