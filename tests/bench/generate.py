# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builds a company of N managers for the scale benchmark (setup/bench).

The structure that other code reacts to is created with the product's own
models, in batches, with tracking and mail off: the company, departments,
employees and their hierarchy, users, communities, the charter. The high
volume rows (memberships, sessions, attendance, situations and their
factors, plans, actions, feedback, votes, practices, endorsements,
acknowledgements) are inserted with raw SQL: through the ORM they cost
one constraint check, one workflow check and several related-field reads
per row, which at 10,000 managers (100,000 situations, 100,000 actions,
about 100,000 attendance lines) takes far longer than the 20 minutes
allowed. The SQL fills every stored related field (company, community,
user, member) exactly as the ORM would, and the caches are cleared after.

Figures at N managers (about): N/7.7 communities of 6 to 8, 10 sessions
per community, 10 situations and 10 actions per manager, 2.8 feedback per
community in every state with the votes of the members, one practice per
community, a published charter acknowledged by 60 % of the members.
"""

import importlib
import logging
import random
import time
from datetime import date, datetime, timedelta

_logger = logging.getLogger("mc.bench")

SEED = 13
BATCH = 1000
DOMAIN = "bench.example.com"
BENCH_PASSWORD = "bench-Password-13"  # noqa: S105 - a generated test company

NARRATIVE = (
    "Bench narrative {i}: a situation of uncertainty in a team, with the "
    "context, the people involved and what was tried so far."
)


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _values(cr, rows, columns):
    """One ``VALUES`` list, mogrified (rows are tuples of plain values)."""
    placeholder = "(" + ",".join(["%s"] * columns) + ")"
    return b",".join(cr.mogrify(placeholder, row) for row in rows).decode()


def insert(cr, table, columns, rows, returning=False):
    """Batched raw INSERT; returns the new ids (in order) if ``returning``."""
    ids = []
    for batch in chunks(rows, 5000):
        if not batch:
            continue
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
            f"{_values(cr, batch, len(columns))}"
        )
        if returning:
            cr.execute(sql + " RETURNING id")
            ids.extend(row[0] for row in cr.fetchall())
        else:
            cr.execute(sql)
    return ids


class Generator:
    def __init__(self, env, managers):
        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
                mail_auto_subscribe_no_notify=True,
            )
        )
        self.cr = env.cr
        self.n = managers
        self.rng = random.Random(SEED)
        self.today = date.today()
        self.now = datetime.now().replace(microsecond=0)
        self.timings = {}

    # ----------------------------------------------------------------- steps

    def _step(self, name, method):
        start = time.perf_counter()
        method()
        self.env.flush_all()
        self.timings[name] = time.perf_counter() - start
        _logger.info("generated %s in %.1f s", name, self.timings[name])

    def run(self):
        from odoo.addons.hr_manager_community.models.workflow_mixin import (
            _TRANSITION_MARKER,
        )

        self.marker = _TRANSITION_MARKER
        for name in (
            "company",
            "departments",
            "users",
            "employees",
            "communities",
            "memberships",
            "sessions",
            "attendance",
            "situations",
            "plans_actions",
            "feedback",
            "practices_charter",
            "finish",
        ):
            self._step(name, getattr(self, "_gen_" + name))
        return self.timings

    def _gen_company(self):
        env = self.env
        self.company = env["res.company"].create(
            {
                "name": f"Bench Company {self.n}",
                "manager_community_min_members": 6,
                "manager_community_max_members": 8,
                "manager_community_single_membership": True,
            }
        )
        group = "hr_manager_community.group_community_%s"
        base = {
            "company_id": self.company.id,
            "company_ids": [(6, 0, [self.company.id])],
        }
        Users = env["res.users"]

        def user(login, groups):
            return Users.create(
                dict(
                    base,
                    name=login.replace("_", " ").title(),
                    login=f"{login}@{DOMAIN}",
                    groups_id=[(6, 0, [env.ref(g).id for g in groups])],
                )
            )

        self.director = user("bench_director", ["base.group_user", group % "director"])
        self.officer = user("bench_officer", ["base.group_user", group % "officer"])
        facilitators = max(2, self.n // 100)
        self.facilitators = Users
        for index in range(facilitators):
            self.facilitators |= user(
                f"bench_facilitator_{index}",
                ["base.group_user", group % "facilitator"],
            )
        # One password for the bench's named accounts, hashed once (hashing
        # is meant to be slow: a hundred facilitators would take minutes).
        accounts = self.director | self.officer | self.facilitators
        hashed = Users._crypt_context().hash(BENCH_PASSWORD)
        self.cr.execute(
            "UPDATE res_users SET password = %s WHERE id IN %s",
            (hashed, tuple(accounts.ids)),
        )
        self.factor_ids = (
            env["hr.psychosocial.factor"]
            .search([("parent_id", "!=", False), ("framework", "=", "inrs")])
            .ids
        )

    def _gen_departments(self):
        Department = self.env["hr.department"]
        self.root = Department.create(
            {"name": "Bench Headquarters", "company_id": self.company.id}
        )
        divisions = Department.create(
            [
                {
                    "name": f"Division {i}",
                    "parent_id": self.root.id,
                    "company_id": self.company.id,
                }
                for i in range(10)
            ]
        )
        count = max(10, self.n // 50)
        self.departments = Department.create(
            [
                {
                    "name": f"Department {i}",
                    "parent_id": divisions[i % 10].id,
                    "company_id": self.company.id,
                }
                for i in range(count)
            ]
        )

    def _gen_employees(self):
        """Managers in a tree (fan-out 8: levels 0..4), each leaf manager
        with one report, so that every manager manages people."""
        Employee = self.env["hr.employee"].with_company(self.company)
        levels = []
        remaining = self.n
        width = 1
        while remaining > 0:
            take = min(width, remaining)
            levels.append(take)
            remaining -= take
            width *= 8
        self.levels = []  # list of lists of employee ids per level
        self.manager_ids = []
        self.parent_of = {}
        self.user_of = {}
        self.department_of = {}
        departments = self.departments.ids
        previous = []
        counter = 0
        for depth, size in enumerate(levels):
            vals = []
            for index in range(size):
                parent = previous[index // 8] if previous else False
                department = departments[(counter + index) % len(departments)]
                vals.append(
                    {
                        "name": f"Manager {counter + index}",
                        "user_id": self.manager_users[counter + index],
                        "parent_id": parent,
                        "department_id": department,
                        "company_id": self.company.id,
                        "job_title": f"Manager level {depth}",
                    }
                )
            ids = []
            for batch in chunks(vals):
                ids += Employee.create([dict(v) for v in batch]).ids
            for index, emp_id in enumerate(ids):
                self.user_of[emp_id] = self.manager_users[counter + index]
                self.parent_of[emp_id] = vals[index]["parent_id"]
                self.department_of[emp_id] = vals[index]["department_id"]
            self.levels.append(ids)
            self.manager_ids += ids
            previous = ids
            counter += size
        # One report under each manager that manages no manager.
        parents = set(self.parent_of.values())
        leaves = [emp for emp in self.manager_ids if emp not in parents]
        for batch in chunks(leaves):
            Employee.create(
                [
                    {
                        "name": f"Report of {emp}",
                        "parent_id": emp,
                        "department_id": self.department_of[emp],
                        "company_id": self.company.id,
                    }
                    for emp in batch
                ]
            )

    def _gen_users(self):
        """A user per manager, created before the employees so that each
        employee is created with its user (batched): 90 % portal, 10 %
        internal (as in the demo: managers with and without backend)."""
        env = self.env
        Users = env["res.users"]
        portal = env.ref("base.group_portal").id
        internal = env.ref("base.group_user").id
        self.manager_users = []
        for batch in chunks(list(range(self.n)), 500):
            vals = [
                {
                    "name": f"Manager {index}",
                    "login": f"manager{index}@{DOMAIN}",
                    "company_id": self.company.id,
                    "company_ids": [(6, 0, [self.company.id])],
                    "groups_id": [(6, 0, [internal if index % 10 == 0 else portal])],
                }
                for index in batch
            ]
            self.manager_users += Users.create(vals).ids

    def _gen_communities(self):
        """Groups of 6 to 8 with nobody in another's reporting line: each
        level of the tree is grouped on its own (same level: never
        ancestor and descendant), leaves spread across parents."""
        groups = []
        for level in self.levels[1:]:
            members = list(level)
            count = max(1, round(len(members) / 7.7))
            if len(members) < 6:
                continue
            # Stride: member i goes to group i % count; sizes 6..8 when
            # count = len / 7.7 (rounded), the remainder spread.
            level_groups = [[] for _ in range(count)]
            for index, emp in enumerate(members):
                level_groups[index % count].append(emp)
            groups += [g for g in level_groups if 6 <= len(g) <= 8]
        self.rng.shuffle(groups)
        Community = self.env["hr.manager.community"].with_context(
            workflow_marker=self.marker
        )
        vals = []
        self.community_members = []
        for index, group in enumerate(groups):
            roll = index % 20
            state = "draft" if roll == 0 else "closed" if roll in (1, 2) else "active"
            vals.append(
                {
                    "name": f"Bench community {index}",
                    "company_id": self.company.id,
                    "facilitator_user_id": self.facilitators[
                        index % len(self.facilitators)
                    ].id,
                    "state": state,
                    "date_start": self.today - timedelta(days=400),
                    "date_closed": self.today - timedelta(days=30)
                    if state == "closed"
                    else False,
                }
            )
            self.community_members.append(group)
        self.communities = []
        for batch in chunks(vals, 500):
            self.communities += Community.create(batch).ids
        self.community_state = {
            cid: vals[i]["state"] for i, cid in enumerate(self.communities)
        }

    def _gen_memberships(self):
        rows = []
        for cid, group in zip(self.communities, self.community_members, strict=True):
            state = {"draft": "invited", "closed": "left"}.get(
                self.community_state[cid], "active"
            )
            for emp in group:
                rows.append(
                    (
                        cid,
                        self.company.id,
                        emp,
                        self.user_of[emp],
                        self.department_of[emp],
                        state,
                        self.today - timedelta(days=390),
                        self.today - timedelta(days=30) if state == "left" else None,
                        None if state == "invited" else self.now - timedelta(days=390),
                        self.now,
                        self.now,
                        1,
                        1,
                    )
                )
        ids = insert(
            self.cr,
            "hr_manager_community_member",
            (
                "community_id company_id employee_id user_id department_id state "
                "date_join date_leave pact_accepted_date create_date write_date "
                "create_uid write_uid"
            ).split(),
            rows,
            returning=True,
        )
        self.members = {}  # community -> [(member_id, user_id, state)]
        for member_id, row in zip(ids, rows, strict=True):
            self.members.setdefault(row[0], []).append((member_id, row[3], row[5]))

    def _gen_sessions(self):
        rows = []
        for cid in self.communities:
            state = self.community_state[cid]
            facilitator = self.facilitators[cid % len(self.facilitators)].id
            for number in range(1, 11):
                start = self.now - timedelta(days=400 - number * 35)
                if state == "draft":
                    session_state = "draft"
                elif state == "closed" or start < self.now - timedelta(days=1):
                    session_state = "done"
                elif number == 10:
                    session_state = "scheduled"
                else:
                    session_state = "done"
                rows.append(
                    (
                        cid,
                        self.company.id,
                        facilitator,
                        number,
                        f"Session {number}",
                        session_state,
                        start,
                        start + timedelta(hours=3),
                        3.0,
                        "Room B",
                        self.now,
                        self.now,
                        1,
                        1,
                    )
                )
        ids = insert(
            self.cr,
            "hr_manager_community_session",
            (
                "community_id company_id facilitator_user_id number name state "
                "date_start date_end duration location create_date write_date "
                "create_uid write_uid"
            ).split(),
            rows,
            returning=True,
        )
        self.sessions = {}  # community -> [(session_id, state)]
        for session_id, row in zip(ids, rows, strict=True):
            self.sessions.setdefault(row[0], []).append((session_id, row[5]))

    def _gen_attendance(self):
        rows = []
        rng = self.rng
        for cid, sessions in self.sessions.items():
            for session_id, state in sessions:
                if state == "draft":
                    continue
                for member_id, user_id, _mstate in self.members[cid]:
                    if state == "done":
                        roll = rng.random()
                        att = (
                            "present"
                            if roll < 0.82
                            else "excused"
                            if roll < 0.92
                            else "absent"
                        )
                    else:
                        att = "confirmed" if rng.random() < 0.5 else "invited"
                    rows.append(
                        (user_id, cid, member_id, session_id, att, self.now, self.now)
                    )
        insert(
            self.cr,
            "hr_manager_community_attendance",
            (
                "user_id community_id member_id session_id state create_date write_date"
            ).split(),
            rows,
        )

    def _gen_situations(self):
        rng = self.rng
        rows = []
        kinds = ("difficulty", "uncertainty")
        for cid, members in self.members.items():
            done = [s for s, st in self.sessions[cid] if st == "done"]
            for member_id, user_id, mstate in members:
                for index in range(10):
                    if mstate == "invited":
                        state = "draft"
                    else:
                        state = rng.choice(
                            ("draft", "submitted", "selected", "discussed")
                            + ("closed",) * 5
                            + ("withdrawn",)
                        )
                    session = (
                        rng.choice(done)
                        if done and state in ("discussed", "closed")
                        else None
                    )
                    analysed = state in ("discussed", "closed")
                    text = NARRATIVE.format(i=index)
                    rows.append(
                        (
                            cid,
                            member_id,
                            user_id,
                            self.company.id,
                            session,
                            f"Situation {member_id}-{index}",
                            rng.choice(kinds),
                            state,
                            text,
                            "What help is wanted.",
                            "Individual analysis." if analysed else None,
                            "Interpersonal analysis." if analysed else None,
                            "Managerial analysis." if analysed else None,
                            "Organisational analysis." if analysed else None,
                            self.now - timedelta(days=rng.randint(1, 380)),
                            self.now,
                            user_id,
                            user_id,
                        )
                    )
        ids = insert(
            self.cr,
            "hr_manager_community_situation",
            (
                "community_id member_id author_user_id company_id session_id name "
                "kind state description help_wanted analysis_individual "
                "analysis_interpersonal analysis_managerial analysis_organisational "
                "create_date write_date create_uid write_uid"
            ).split(),
            rows,
            returning=True,
        )
        rel = []
        for situation_id in ids:
            for factor in rng.sample(self.factor_ids, 2):
                rel.append((situation_id, factor))
        insert(
            self.cr,
            "hr_manager_community_situation_hr_psychosocial_factor_rel",
            ("hr_manager_community_situation_id", "hr_psychosocial_factor_id"),
            rel,
        )
        self.situation_count = len(ids)

    def _gen_plans_actions(self):
        rng = self.rng
        plan_rows = []
        for cid, members in self.members.items():
            for member_id, user_id, _state in members:
                plan_rows.append(
                    (
                        member_id,
                        cid,
                        self.company.id,
                        user_id,
                        f"Action plan {member_id}",
                        rng.random() < 0.3,
                        False,
                        self.now,
                        self.now,
                        user_id,
                        user_id,
                    )
                )
        plan_ids = insert(
            self.cr,
            "hr_manager_community_action_plan",
            (
                "member_id community_id company_id user_id name "
                "share_with_facilitator has_group_action create_date write_date "
                "create_uid write_uid"
            ).split(),
            plan_rows,
            returning=True,
        )
        rows = []
        levels = ("individual", "interpersonal", "managerial", "organisational")
        for plan_id, plan in zip(plan_ids, plan_rows, strict=True):
            member_id, cid, _company, user_id = plan[:4]
            for index in range(10):
                state = rng.choice(("todo", "in_progress", "done", "done", "dropped"))
                deadline = self.today + timedelta(days=rng.randint(-200, 90))
                rows.append(
                    (
                        plan_id,
                        member_id,
                        cid,
                        self.company.id,
                        user_id,
                        f"Action {member_id}-{index}",
                        rng.choice(levels),
                        state,
                        deadline,
                        deadline if state == "done" else None,
                        "Detail of the action.",
                        rng.random() < 0.2,
                        False,
                        self.now,
                        self.now,
                        user_id,
                        user_id,
                    )
                )
        insert(
            self.cr,
            "hr_manager_community_action",
            (
                "plan_id member_id community_id company_id user_id name level state "
                "date_deadline date_done detail share_with_group bring_to_review "
                "create_date write_date create_uid write_uid"
            ).split(),
            rows,
        )
        self.cr.execute(
            """
            UPDATE hr_manager_community_action_plan plan SET has_group_action = TRUE
             WHERE EXISTS (SELECT 1 FROM hr_manager_community_action a
                            WHERE a.plan_id = plan.id AND a.share_with_group)
               AND plan.company_id = %s
            """,
            (self.company.id,),
        )
        self.action_count = len(rows)

    def _gen_feedback(self):
        rng = self.rng
        states = ("draft", "voting", "released", "answered", "closed")
        rows = []
        for index, cid in enumerate(self.communities):
            if self.community_state[cid] == "draft":
                continue
            count = 2 + (index % 5 == 0) + (index % 4 == 0) + (index % 3 == 0)
            for number in range(count):
                state = states[(index + number) % len(states)]
                released = state in ("released", "answered", "closed")
                answered = state in ("answered", "closed")
                day = self.today - timedelta(days=rng.randint(10, 360))
                rows.append(
                    (
                        cid,
                        self.company.id,
                        f"Feedback {cid}-{number}",
                        "organisational",
                        state,
                        "Description of how the organisation of work creates risks.",
                        "Recommendation of the group.",
                        day if state != "draft" else None,
                        day + timedelta(days=7) if released else None,
                        day + timedelta(days=21) if answered else None,
                        day + timedelta(days=40) if state == "closed" else None,
                        "The directors' answer." if answered else None,
                        "accepted" if answered else None,
                        14 if answered else None,
                    )
                )
        ids = insert(
            self.cr,
            "hr_manager_community_feedback",
            (
                "community_id company_id name level state description recommendation "
                "date_vote date_released date_answered date_closed response decision "
                "response_delay"
            ).split(),
            rows,
            returning=True,
        )
        rel = [(fid, rng.choice(self.factor_ids)) for fid in ids]
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'hr_manager_community_feedback_factor_rel' "
            "ORDER BY ordinal_position"
        )
        insert(
            self.cr,
            "hr_manager_community_feedback_factor_rel",
            [row[0] for row in self.cr.fetchall()],
            rel,
        )
        votes = []
        for fid, row in zip(ids, rows, strict=True):
            if row[4] == "draft":
                continue
            for member_id, user_id, mstate in self.members[row[0]]:
                if mstate == "active" or row[4] != "voting":
                    vote = "approve" if rng.random() < 0.8 else "object"
                    votes.append(
                        (user_id, row[0], member_id, fid, vote, self.now, self.now)
                    )
        insert(
            self.cr,
            "hr_manager_community_feedback_vote",
            (
                "user_id community_id member_id feedback_id vote create_date write_date"
            ).split(),
            votes,
        )
        self.feedback_count = len(ids)

    def _gen_practices_charter(self):
        rng = self.rng
        practice = "odoo.addons.hr_manager_community_charter.models.hr_manager_practice"
        THEMES = importlib.import_module(practice).THEMES

        rows = []
        for index, cid in enumerate(self.communities):
            state = "adopted" if index % 3 == 0 else "proposed"
            rows.append(
                (
                    cid,
                    self.company.id,
                    f"Practice {cid}",
                    THEMES[index % len(THEMES)][0],
                    "A generic situation type",
                    state,
                    self.today - timedelta(days=60) if state == "adopted" else None,
                    "The desirable version.",
                    "The possible version.",
                )
            )
        ids = insert(
            self.cr,
            "hr_manager_practice",
            (
                "community_id company_id name theme situation_type state "
                "date_decision desirable possible"
            ).split(),
            rows,
            returning=True,
        )
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'hr_manager_practice_factor_rel' "
            "ORDER BY ordinal_position"
        )
        insert(
            self.cr,
            "hr_manager_practice_factor_rel",
            [row[0] for row in self.cr.fetchall()],
            [(pid, rng.choice(self.factor_ids)) for pid in ids],
        )
        endorsements = []
        for pid, row in zip(ids, rows, strict=True):
            for member_id, user_id, mstate in self.members[row[0]]:
                if mstate == "active" and rng.random() < 0.6:
                    endorsements.append(
                        (user_id, row[0], member_id, pid, self.now, self.now)
                    )
        insert(
            self.cr,
            "hr_manager_practice_endorsement",
            "user_id community_id member_id practice_id create_date write_date".split(),
            endorsements,
        )
        self.env.invalidate_all()
        # The charter through the ORM: a handful of records, its workflow.
        adopted = [
            pid for pid, row in zip(ids, rows, strict=True) if row[5] == "adopted"
        ]
        Charter = self.env["hr.manager.charter"].with_context(
            workflow_marker=self.marker
        )
        charter = Charter.create(
            {
                "company_id": self.company.id,
                "introduction": "The managerial charter of the bench company.",
                "state": "published",
                "date_published": self.today - timedelta(days=30),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "section": f"Section {index % 5}",
                            "practice_id": pid,
                            "name": f"Practice {pid}",
                            "desirable": "The desirable version.",
                            "possible": "The possible version.",
                        },
                    )
                    for index, pid in enumerate(adopted[:40])
                ],
            }
        )
        self.charter = charter
        acks = []
        seen = set()
        for members in self.members.values():
            for _member_id, user_id, mstate in members:
                if mstate == "active" and user_id not in seen and rng.random() < 0.6:
                    seen.add(user_id)
                    acks.append(
                        (user_id, charter.id, self.company.id, self.now, self.now)
                    )
        insert(
            self.cr,
            "hr_manager_charter_acknowledgement",
            "user_id charter_id company_id date create_date".split(),
            acks,
        )

    def _gen_finish(self):
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        for model in (
            "hr.manager.community.member",
            "hr.manager.community.session",
            "hr.manager.community.attendance",
            "hr.manager.community.situation",
            "hr.manager.community.action.plan",
            "hr.manager.community.action",
            "hr.manager.community.feedback",
            "hr.manager.community.feedback.vote",
            "hr.manager.practice",
            "hr.manager.practice.endorsement",
            "hr.manager.charter.acknowledgement",
        ):
            self.cr.execute(f"ANALYZE {self.env[model]._table}")


def generate(env, managers):
    """Build the company; returns (company, figures)."""
    gen = Generator(env, managers)
    timings = gen.run()
    figures = {
        "managers": managers,
        "communities": len(gen.communities),
        "situations": gen.situation_count,
        "actions": gen.action_count,
        "feedback": gen.feedback_count,
        "seconds": round(sum(timings.values()), 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }
    return gen.company, figures
