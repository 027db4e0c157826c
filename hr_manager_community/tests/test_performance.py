# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""DESIGN.md section 10: key transitions and portal pages use a number of SQL
queries that does not grow with the data and stays under a stated budget.

Measured as the people who use them, never as the superuser (who skips the
record rules), with Odoo's ``users`` + ``warmup`` + ``assertQueryCount``: the
budgets below are per login, and each flow is measured at two sizes (a
community of 6 and one of 8; few and many situations, sessions and actions),
which must give the same count.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.tests.common import new_test_user, tagged, users, warmup

from .common import ManagerCommunityCase
from .common_action_plan import ActionPlanCase
from .test_portal import PortalCase

_logger = logging.getLogger(__name__)

FACILITATOR = "mc_facilitator"
OFFICER = "mc_officer"
DIRECTOR = "mc_director"
INTERNAL_MEMBER = "mc_manager0"  # the author of the portal fixture
PORTAL_MEMBER = "mc_manager4"

# Budgets: queries per flow, by login. They carry about 20% over the counts
# measured when they were written (in brackets), so that a small change
# elsewhere does not fail them; the equality between the two sizes is exact.
TRANSITION_BUDGETS = {
    # schedule: + the members' e-mails with the .ics, queued in one batch.
    "schedule": {FACILITATOR: 53, OFFICER: 54},  # [44, 45]
    "start": {FACILITATOR: 10, OFFICER: 9},  # [8, 7]
    "finish": {FACILITATOR: 14, OFFICER: 11},  # [12, 9]
    "activate": {FACILITATOR: 14, OFFICER: 13},  # [12, 11]
}
# Portal requests (a 404 where the user may not read the record).
PAGE_LOGINS = (INTERNAL_MEMBER, PORTAL_MEMBER, FACILITATOR, DIRECTOR)
PAGE_BUDGETS = {
    page: dict(zip(PAGE_LOGINS, budgets, strict=True))
    for page, budgets in {
        # /my: + the "to do" block (pact, votes, actions due, sessions).
        "/my": (19, 28, 12, 12),  # [16, 23, 11, 11]
        "/my/counters": (12, 12, 8, 8),  # [10, 10, 6, 6]
        "/my/communities": (19, 19, 14, 9),  # [16, 16, 12, 7]
        "/my/communities/<id>": (24, 24, 20, 23),  # [20, 20, 17, 19]
        "/my/situations": (12, 12, 12, 10),  # [10, 10, 10, 8]
        "/my/situations/<submitted>": (16, 16, 16, 23),  # [13, 13, 13, 19]
        "/my/situations/<draft>": (18, 23, 23, 23),  # [15, 19, 19, 19]
        "/my/action-plan": (22, 24, 9, 9),  # [18, 20, 7, 7]
    }.items()
}


class QueryCountCase:
    """``assertQueryCount`` that also records the count, so that two sizes
    can be compared (the budget only bounds them)."""

    @contextmanager
    def counted(self, counts, key, budgets):
        self.env.flush_all()
        # A cold record cache, warm ormcaches (see ``warmup``): the state of a
        # new request.
        self.env.invalidate_all()
        with self.assertQueryCount(**budgets):
            start = self.cr.sql_log_count
            yield
            self.env.flush_all()
            self.env.cr.flush()
            counts[key] = self.cr.sql_log_count - start

    @contextmanager
    def rolled_back(self):
        """Undo the data a measure adds, for the next user of ``@users``."""
        self.env.flush_all()
        self.cr.execute("SAVEPOINT mc_query_counts")
        try:
            yield
        finally:
            self.env.invalidate_all()
            self.cr.execute("ROLLBACK TO SAVEPOINT mc_query_counts")
            self.env.invalidate_all()

    def assert_same_at_both_sizes(self, small, large):
        # The warm-up run fills the ormcaches: only the second run counts.
        if self.warm:
            _logger.info("query counts of %s: %s", self.env.user.login, small)
            self.assertTrue(all(small.values()), small)
            self.assertEqual(small, large)


@tagged("post_install", "-at_install")
class TestTransitionQueryCounts(QueryCountCase, ManagerCommunityCase):
    """Session schedule/start/finish and community activation, as the
    facilitator and the HR officer, in a community of 6 and one of 8."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_single_membership = False
        cls.community_large = cls.env["hr.manager.community"].create(
            {"name": "Large community", "facilitator_user_id": cls.facilitator.id}
        )
        cls.members_large = cls.env["hr.manager.community.member"].create(
            [
                {"community_id": cls.community_large.id, "employee_id": manager.id}
                for manager in cls.managers[2:10]
            ]
        )
        cls._accept_pacts(cls.members_large)
        cls.members_large.action_activate()
        cls.community_large.action_activate()

    def _session_lifecycle_counts(self, community):
        session = self.env["hr.manager.community.session"].create(
            {
                "community_id": community.id,
                # within the company's start tolerance, so that it may start
                "date_start": fields.Datetime.now() + timedelta(hours=1),
                "duration": 3.0,
                "location": "Room 4",
            }
        )
        counts = {}
        for name in ("schedule", "start", "finish"):
            if name == "finish":
                session.attendance_ids.action_mark_present()
            with self.counted(counts, name, TRANSITION_BUDGETS[name]):
                getattr(session, f"action_{name}")()
        self.assertEqual(session.state, "done")
        return counts

    @users(FACILITATOR, OFFICER)
    @warmup
    def test_session_transitions_do_not_grow_with_members(self):
        self.assertEqual(len(self.community.member_ids), 6)
        self.assertEqual(len(self.community_large.member_ids), 8)
        self.assert_same_at_both_sizes(
            self._session_lifecycle_counts(self.community),
            self._session_lifecycle_counts(self.community_large),
        )

    def _activation_counts(self, managers):
        # Prepared by HR (as superuser here): a draft community and its members.
        community = (
            self.env["hr.manager.community"]
            .sudo()
            .create({"name": "Sized", "facilitator_user_id": self.facilitator.id})
        )
        members = (
            self.env["hr.manager.community.member"]
            .sudo()
            .create(
                [{"community_id": community.id, "employee_id": m.id} for m in managers]
            )
        )
        self._accept_pacts(members)
        members.action_activate()
        counts = {}
        community = community.with_env(self.env)
        with self.counted(counts, "activate", TRANSITION_BUDGETS["activate"]):
            community.action_activate()
        self.assertEqual(community.state, "active")
        return counts

    @users(OFFICER, FACILITATOR)
    @warmup
    def test_activation_does_not_grow_with_members(self):
        self.assert_same_at_both_sizes(
            self._activation_counts(self.managers[:6]),
            self._activation_counts(self.managers[:8]),
        )


@tagged("post_install", "-at_install")
class TestPortalQueryCounts(QueryCountCase, PortalCase, ActionPlanCase):
    """Every portal page of the addon, as an internal and a portal member,
    the facilitator and a director: the same count once the community grows
    from 6 to 8 members with more situations, sessions and actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_progress(cls._create_action(name="First", share_with_group=True))
        portal_plan = cls._create_plan(cls.members[4])
        cls._add_progress(cls._create_action(portal_plan, name="Portal first"))
        # The small size already holds what the large one holds more of.
        factor = cls.env["hr.psychosocial.factor"].search([], limit=1)
        (cls.author_submitted | cls.author_draft).factor_ids = factor

    def _urls(self):
        return {
            "/my": "/my",
            "/my/communities": "/my/communities",
            "/my/communities/<id>": f"/my/communities/{self.community.id}",
            "/my/situations": "/my/situations",
            "/my/situations/<submitted>": f"/my/situations/{self.author_submitted.id}",
            "/my/situations/<draft>": f"/my/situations/{self.author_draft.id}",
            "/my/action-plan": "/my/action-plan",
        }

    @warmup
    def _measure_pages(self, counts):
        """Fill ``counts`` with the queries of each page: warmed up first, as
        the data added between two sizes clears the ormcaches."""
        login = self.env.user.login
        for key, url in self._urls().items():
            with self.counted(counts, key, PAGE_BUDGETS[key]):
                response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (200, 404), (login, url))
        names = ["mc_communities", "mc_sessions", "mc_situations", "mc_actions"]
        with self.counted(counts, "/my/counters", PAGE_BUDGETS["/my/counters"]):
            self.make_jsonrpc_request("/my/counters", {"counters": names})

    def _grow(self):
        """The community grows from 6 to 8 active members (one of the six
        left), with 12 more situations, 3 more sessions, more actions and
        progress notes, and more factors on the situations shown."""
        env = self.env(su=True)
        Employee = env["hr.employee"]
        newcomers = env["hr.manager.community.member"]
        for index in range(3):
            user = new_test_user(
                env, f"mc_perf_newcomer{index}", groups="base.group_portal"
            )
            employee = Employee.create(
                {"name": f"Newcomer {index}", "user_id": user.id}
            )
            Employee.create({"name": f"Report {index}", "parent_id": employee.id})
            newcomers |= newcomers.create(
                {"community_id": self.community.id, "employee_id": employee.id}
            )
        self._accept_pacts(newcomers)
        newcomers.action_activate()
        self.assertEqual(
            len(self.community.member_ids.filtered(lambda m: m.state == "active")), 8
        )
        factors = env["hr.psychosocial.factor"].search([], limit=4)
        (self.author_submitted | self.author_draft).write(
            {"factor_ids": [(6, 0, factors.ids)]}
        )
        for index in range(12):
            member = self.members[index % 2]
            situation = self._create_situation(
                member, name=f"More {index}", factor_ids=factors.ids
            )
            if index % 3:
                situation.with_user(member.user_id).action_submit()
        for index in range(3):
            self._create_session(days=8 + index).action_schedule()
        portal_plan = self.Plan.search([("member_id", "=", self.members[4].id)])
        for index in range(6):
            self._add_progress(
                self._create_action(name=f"More {index}", share_with_group=True)
            )
            self._add_progress(self._create_action(portal_plan, name=f"Own {index}"))

    @users(*PAGE_LOGINS)
    def test_pages_at_two_sizes(self):
        login = self.env.user.login
        self.authenticate(login, login)
        small, large = {}, {}
        with self.rolled_back():
            self._measure_pages(small)
            self._grow()
            self._measure_pages(large)
        self.assert_same_at_both_sizes(small, large)
