# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback to directors: the workflow, the vote and release rules, the
feedback column of the confidentiality table (DESIGN.md section 5) for every
role and access path, and the absence of any author."""

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from .common import ManagerCommunityCase
from .test_workflow_mixin import WorkflowTableMixin

STATES = ("draft", "voting", "released", "answered", "closed")


class FeedbackCase(ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.manager_community_feedback_quorum = 50
        cls.drafting_session = cls._create_session()
        cls.drafting_session.action_schedule()
        cls.drafting_session.action_start()
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.portal_fellow = cls.members[4].user_id
        cls.Feedback = cls.env["hr.manager.community.feedback"]

    @classmethod
    def _create_feedback(cls, user=None, **values):
        user = user or cls.author
        feedback = cls.Feedback.with_user(user).create(
            dict(
                {
                    "community_id": cls.community.id,
                    "session_id": cls.drafting_session.id,
                    "name": "Contradictory objectives",
                    "description": "GROUP-TEXT sales promise what logistics cannot do",
                    "recommendation": "GROUP-RECOMMENDATION arbitrate the objectives",
                    "level": "organisational",
                    "factor_ids": [
                        (6, 0, cls.env.ref("hr_manager_community.factor_hse_role").ids)
                    ],
                },
                **values,
            )
        )
        return cls.Feedback.browse(feedback.id)

    @classmethod
    def _approve_by(cls, feedback, users):
        for user in users:
            feedback.with_user(user).action_vote("approve")

    @classmethod
    def _feedback_in(cls, state, name="Contradictory objectives"):
        """A feedback brought to ``state`` through the workflow, by the right people."""
        feedback = cls._create_feedback(name=name)
        if state == "draft":
            return feedback
        feedback.with_user(cls.author).action_open_vote()
        if state == "voting":
            return feedback
        cls._approve_by(feedback, cls.members.user_id)
        feedback.with_user(cls.facilitator).action_release()
        if state == "released":
            return feedback
        feedback.with_user(cls.director).write(
            {
                "response": "<p>DIRECTOR-RESPONSE we set a weekly arbitration</p>",
                "decision": "accepted",
                "measure": "Weekly arbitration between sales and logistics",
                "owner_id": cls.director.id,
            }
        )
        feedback.with_user(cls.director).action_answer()
        if state == "answered":
            return feedback
        feedback.with_user(cls.director).action_close()
        return feedback


@tagged("post_install", "-at_install")
class TestFeedbackWorkflow(WorkflowTableMixin, FeedbackCase):
    def test_walk_feedback_table(self):
        def make(state):
            feedback = self._create_feedback()
            if state != "draft":
                self._force_state(feedback, "voting")
                self._approve_by(feedback, self.members.user_id)
            self._force_state(feedback, state)
            feedback.sudo().write({"response": "<p>Answer</p>", "decision": "study"})
            return feedback.sudo()

        self._walk_table(
            self.Feedback,
            make,
            roles={
                "facilitator": self.facilitator,
                "member": self.fellow,
                "director": self.director,
            },
            outsider=self.officer,
        )

    def test_full_lifecycle_by_the_right_people(self):
        feedback = self._feedback_in("closed")
        self.assertEqual(feedback.state, "closed")
        self.assertTrue(feedback.date_vote)
        self.assertTrue(feedback.date_released)
        self.assertTrue(feedback.date_answered)
        self.assertTrue(feedback.date_closed)
        self.assertEqual(feedback.response_delay, 0)

    def test_open_vote_by_member_or_facilitator_only(self):
        feedback = self._create_feedback()
        for user in (
            self.director,
            self.officer,
            self.outsider,
            self.facilitator_other,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                feedback.with_user(user).action_open_vote()
        feedback.with_user(self.facilitator).action_open_vote()
        self.assertEqual(feedback.state, "voting")
        other = self._create_feedback(user=self.facilitator)
        other.with_user(self.portal_fellow).action_open_vote()
        self.assertEqual(other.state, "voting")

    def test_open_vote_needs_a_description(self):
        feedback = self._create_feedback(description="   ")
        with self.assertRaisesRegex(UserError, "Describe the feedback"):
            feedback.with_user(self.author).action_open_vote()

    def test_each_active_member_votes_once_and_may_change(self):
        feedback = self._feedback_in("voting")
        feedback.with_user(self.fellow).action_vote("approve")
        feedback.with_user(self.fellow).action_vote("object")
        feedback.with_user(self.portal_fellow).action_vote_approve()
        votes = self.env["hr.manager.community.feedback.vote"].search(
            [("feedback_id", "=", feedback.id)]
        )
        self.assertEqual(len(votes), 2)
        self.assertEqual(
            {vote.member_id.user_id: vote.vote for vote in votes},
            {self.fellow: "object", self.portal_fellow: "approve"},
        )
        self.assertEqual(feedback.with_user(self.fellow).my_vote, "object")
        self.assertEqual(
            (feedback.vote_approve_count, feedback.vote_object_count), (1, 1)
        )
        with self.assertRaises(UserError):
            feedback.with_user(self.fellow).action_vote("maybe")

    def test_only_active_members_vote(self):
        feedback = self._feedback_in("voting")
        self.members[5].action_leave()
        leaver = self.members[5].user_id
        for user in (
            self.facilitator,
            self.director,
            self.officer,
            self.outsider,
            self.member_other.user_id,
            leaver,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                feedback.with_user(user).action_vote("approve")
        Vote = self.env["hr.manager.community.feedback.vote"]
        # Nobody writes votes directly, not even a member for themselves.
        with self.assertRaises(AccessError):
            Vote.with_user(self.fellow).create(
                {
                    "feedback_id": feedback.id,
                    "member_id": self.members[1].id,
                    "vote": "approve",
                }
            )

    def test_vote_only_while_voting(self):
        draft = self._create_feedback()
        with self.assertRaisesRegex(UserError, "not open to the vote"):
            draft.with_user(self.fellow).action_vote("approve")
        released = self._feedback_in("released")
        with self.assertRaisesRegex(UserError, "not open to the vote"):
            released.with_user(self.fellow).action_vote("object")

    def test_release_needs_no_objection(self):
        feedback = self._feedback_in("voting")
        self._approve_by(feedback, self.members.user_id[:5])
        feedback.with_user(self.members[5].user_id).action_vote("object")
        with self.assertRaisesRegex(UserError, "object"):
            feedback.with_user(self.facilitator).action_release()
        self.assertEqual(feedback.state, "voting")
        feedback.with_user(self.members[5].user_id).action_vote("approve")
        feedback.with_user(self.facilitator).action_release()
        self.assertEqual(feedback.state, "released")

    def test_release_needs_the_quorum(self):
        self.company.manager_community_feedback_quorum = 50
        feedback = self._feedback_in("voting")
        with self.assertRaisesRegex(UserError, "quorum"):
            feedback.with_user(self.facilitator).action_release()
        self._approve_by(feedback, self.members.user_id[:2])
        self.assertFalse(feedback.vote_passed)
        with self.assertRaisesRegex(UserError, "quorum"):
            feedback.with_user(self.facilitator).action_release()
        self._approve_by(feedback, self.members.user_id[2:3])
        # 3 of 6 active members approve: 50% reached.
        self.assertTrue(feedback.vote_passed)
        self.company.manager_community_feedback_quorum = 100
        self.assertFalse(feedback.vote_passed)
        with self.assertRaisesRegex(UserError, "quorum"):
            feedback.with_user(self.facilitator).action_release()
        self._approve_by(feedback, self.members.user_id[3:])
        feedback.with_user(self.facilitator).action_release()
        self.assertEqual(feedback.state, "released")

    def test_votes_of_members_who_left_do_not_count(self):
        feedback = self._feedback_in("voting")
        self._approve_by(feedback, self.members.user_id[:5])
        feedback.with_user(self.members[5].user_id).action_vote("object")
        self.members[5].action_leave()
        feedback.invalidate_recordset()
        self.assertEqual(feedback.vote_object_count, 0)
        self.assertEqual(feedback.vote_voter_count, 5)
        feedback.with_user(self.facilitator).action_release()
        self.assertEqual(feedback.state, "released")

    def test_release_by_the_facilitator_only(self):
        feedback = self._feedback_in("voting")
        self._approve_by(feedback, self.members.user_id)
        for user in (
            self.author,
            self.portal_fellow,
            self.director,
            self.facilitator_other,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                feedback.with_user(user).action_release()
        feedback.with_user(self.facilitator).action_release()
        self.assertEqual(feedback.state, "released")

    def test_back_to_draft_erases_the_votes(self):
        feedback = self._feedback_in("voting")
        self._approve_by(feedback, self.members.user_id[:3])
        with self.assertRaises(AccessError):
            feedback.with_user(self.author).action_reset_to_draft()
        feedback.with_user(self.facilitator).action_reset_to_draft()
        self.assertEqual(feedback.state, "draft")
        self.assertFalse(feedback.sudo().vote_ids)
        self.assertFalse(feedback.date_vote)
        feedback.with_user(self.author).description = "Reworked text"

    def test_text_frozen_once_voting(self):
        feedback = self._feedback_in("voting")
        for user in (self.author, self.facilitator):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "freezes"),
            ):
                feedback.with_user(user).write(
                    {"description": "Changed during the vote"}
                )
        released = self._feedback_in("released")
        with self.assertRaises(UserError):
            released.with_user(self.director).write({"name": "Rephrased by a director"})

    def test_workflow_fields_are_not_written_by_users(self):
        feedback = self._feedback_in("released")
        for field, value in (
            ("date_released", "2020-01-01"),
            ("vote_ids", [(5, 0, 0)]),
        ):
            with self.subTest(field=field), self.assertRaises(UserError):
                feedback.with_user(self.facilitator).write({field: value})
        with self.assertRaises(UserError):
            self.Feedback.with_user(self.author).create(
                {
                    "community_id": self.community.id,
                    "name": "Pre-answered",
                    "decision": "accepted",
                }
            )
        with self.assertRaisesRegex(UserError, "stays in the community"):
            self._create_feedback().with_user(self.facilitator).write(
                {"community_id": self.community_other.id}
            )

    def test_answer_by_directors_only(self):
        feedback = self._feedback_in("released")
        for user in (self.facilitator, self.author, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                feedback.with_user(user).write(
                    {"response": "<p>Not mine to answer</p>"}
                )
        with self.assertRaisesRegex(UserError, "response and the decision"):
            feedback.with_user(self.director).action_answer()
        feedback.with_user(self.director).write(
            {
                "response": "<p>We agree</p>",
                "decision": "partial",
                "date_due": "2030-01-31",
            }
        )
        with self.assertRaises(AccessError):
            feedback.with_user(self.facilitator).action_answer()
        # A partly accepted feedback is answered with its prevention measure.
        with self.assertRaisesRegex(ValidationError, "prevention measure"):
            feedback.with_user(self.director).action_answer()
        self.assertEqual(feedback.state, "released")
        feedback.with_user(self.director).write({"measure": "Weekly arbitration"})
        feedback.with_user(self.director).action_answer()
        self.assertEqual(feedback.state, "answered")
        # Members read the answer.
        for user in (self.author, self.portal_fellow):
            values = feedback.with_user(user).read(
                ["response", "decision", "owner_id"]
            )[0]
            self.assertIn("We agree", values["response"])
            self.assertEqual(values["decision"], "partial")

    def test_answer_fields_only_after_release(self):
        feedback = self._feedback_in("voting")
        with self.assertRaises(UserError):
            feedback.with_user(self.director).write({"decision": "accepted"})

    def test_close_by_director_or_facilitator(self):
        feedback = self._feedback_in("answered")
        with self.assertRaises(AccessError):
            feedback.with_user(self.author).action_close()
        feedback.with_user(self.facilitator).action_close()
        self.assertEqual(feedback.state, "closed")
        with self.assertRaisesRegex(UserError, "once it is released"):
            feedback.with_user(self.director).write({"response": "<p>Too late</p>"})

    def test_only_drafts_are_deleted(self):
        draft = self._create_feedback()
        released = self._feedback_in("released")
        with self.assertRaises(UserError):
            released.with_user(self.facilitator).unlink()
        draft.with_user(self.fellow).unlink()
        self.assertFalse(draft.exists())

    def test_session_of_own_community(self):
        other_session = self._create_session(community=self.community_other)
        with self.assertRaises(ValidationError):
            self._create_feedback(user=self.facilitator, session_id=other_session.id)

    def test_quorum_setting_bounds(self):
        for value in (0, 101):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.company.manager_community_feedback_quorum = value
        settings = self.env["res.config.settings"].create(
            {"manager_community_feedback_quorum": 75}
        )
        settings.execute()
        self.assertEqual(self.company.manager_community_feedback_quorum, 75)


@tagged("post_install", "-at_install")
class TestFeedbackConfidentiality(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.by_state = {
            state: cls._feedback_in(state, name=f"Feedback {state}") for state in STATES
        }
        cls.all_feedback = cls.Feedback.browse([f.id for f in cls.by_state.values()])
        cls.after_release = cls.Feedback.browse(
            [cls.by_state[s].id for s in ("released", "answered", "closed")]
        )
        cls.leaver = cls.members[5].user_id
        cls.members[5].action_leave()
        cls.director_officer = cls.env["res.users"].create(
            {
                "name": "Director and HR admin",
                "login": "mc_director_admin",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref(
                                "hr_manager_community.group_community_director"
                            ).id,
                            cls.env.ref(
                                "hr_manager_community.group_community_admin"
                            ).id,
                        ],
                    )
                ],
            }
        )

    def assertSees(self, user, records, expected):
        """``user`` finds exactly ``expected`` among ``records`` through search,
        search_count, read_group, name_search and read."""
        Model = records.env[records._name].with_user(user)
        domain = [("id", "in", records.ids)]
        self.assertEqual(
            sorted(Model.search(domain).ids), sorted(expected.ids), user.login
        )
        self.assertEqual(Model.search_count(domain), len(expected), user.login)
        groups = Model.read_group(domain, ["id:count"], [])
        self.assertEqual(
            groups[0]["__count"] if groups else 0, len(expected), user.login
        )
        for record in expected:
            found = Model.name_search(record.name, limit=100)
            self.assertIn(record.id, [row[0] for row in found], user.login)
        for record in records - expected:
            with self.assertRaises(
                AccessError, msg=f"{user.login} reads {record.name}"
            ):
                record.with_user(user).read(["name"])
            found = Model.name_search(record.name, limit=100)
            self.assertNotIn(record.id, [row[0] for row in found], user.login)
        if expected:
            expected.with_user(user).read(list(Model.fields_get(attributes=["type"])))

    def test_group_reads_every_state(self):
        for user in (self.author, self.fellow, self.portal_fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertSees(user, self.all_feedback, self.all_feedback)

    def test_directors_read_from_release_on(self):
        self.assertSees(self.director, self.all_feedback, self.after_release)
        self.assertSees(self.director_officer, self.all_feedback, self.after_release)

    def test_nobody_else_reads_feedback(self):
        for user in (
            self.officer,
            self.admin_user,
            self.hr_manager,
            self.outsider,
            self.facilitator_other,
            self.member_other.user_id,
            self.leaver,
        ):
            with self.subTest(user=user.login):
                self.assertSees(user, self.all_feedback, self.Feedback)

    def test_rules_are_global(self):
        rules = self.env["ir.rule"].search(
            [
                (
                    "model_id.model",
                    "in",
                    (
                        "hr.manager.community.feedback",
                        "hr.manager.community.feedback.vote",
                    ),
                )
            ]
        )
        self.assertGreaterEqual(len(rules), 6)
        self.assertFalse(rules.filtered("groups"))
        # A settings administrator who is an HR admin still reads nothing.
        self.admin_user.groups_id |= self.env.ref("base.group_system")
        self.assertSees(self.admin_user, self.all_feedback, self.Feedback)

    def test_votes_stay_with_the_group(self):
        votes = self.all_feedback.sudo().vote_ids
        self.assertTrue(votes)
        Vote = self.env["hr.manager.community.feedback.vote"]
        # The ballot is secret: each voter reads their own votes only.
        for user in (self.author, self.portal_fellow):
            with self.subTest(user=user.login):
                own = votes.filtered(lambda vote, user=user: vote.user_id == user)
                self.assertTrue(own)
                self.assertEqual(
                    sorted(Vote.with_user(user).search([("id", "in", votes.ids)]).ids),
                    sorted(own.ids),
                )
                with self.assertRaises(AccessError):
                    (votes - own)[0].with_user(user).read(["vote"])
        for user in (
            self.facilitator,
            self.director,
            self.director_officer,
            self.officer,
            self.outsider,
            self.leaver,
            self.facilitator_other,
        ):
            with self.subTest(user=user.login):
                self.assertFalse(Vote.with_user(user).search([("id", "in", votes.ids)]))
                self.assertFalse(
                    Vote.with_user(user).read_group(
                        [("id", "in", votes.ids)], ["vote"], ["vote"]
                    )
                )
                with self.assertRaises(AccessError):
                    votes[0].with_user(user).read(["vote", "member_id"])
        released = self.by_state["released"].with_user(self.director)
        self.assertFalse(released.vote_ids)
        # Directors see no count either: on a released feedback (no
        # objection) or when a member leaves, counts would tell who voted what.
        self.assertEqual(
            (
                released.vote_approve_count,
                released.vote_object_count,
                released.vote_voter_count,
                released.vote_quorum_reached,
            ),
            (0, 0, 0, False),
        )
        self.assertFalse(released.my_vote)
        facilitated = self.by_state["released"].with_user(self.facilitator)
        self.assertEqual(facilitated.vote_approve_count, 6 - 1)  # the leaver's is out

    def test_group_writes_drafts_facilitator_everything_directors_answer(self):
        draft = self.by_state["draft"]
        draft.with_user(self.portal_fellow).recommendation = "Edited by a portal member"
        draft.with_user(self.facilitator).recommendation = "Edited by the facilitator"
        for user in (self.director, self.officer, self.leaver, self.facilitator_other):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                draft.with_user(user).write({"recommendation": "Not theirs"})
        with self.assertRaises(AccessError):
            self.Feedback.with_user(self.director).create(
                {"community_id": self.community.id, "name": "Directors do not draft"}
            )
        with self.assertRaises(AccessError):
            self.Feedback.with_user(self.member_other.user_id).create(
                {"community_id": self.community.id, "name": "Not my community"}
            )

    # ------------------------------------------------------------- no author

    def test_no_author_field(self):
        Feedback = self.Feedback.with_user(self.director)
        for field in ("create_uid", "write_uid", "create_date", "write_date"):
            self.assertNotIn(field, Feedback._fields)
            self.assertNotIn(field, Feedback.fields_get())
        released = self.by_state["released"].with_user(self.director)
        self.env.ref("base.group_allow_export").users |= self.director
        with self.assertRaises(ValueError):
            released.read(["create_uid"])
        # The export dialog lists fields_get(); a forged export finds no column.
        with self.assertRaises(KeyError):
            released.export_data(["create_uid/name"])
        with self.assertRaises(ValueError):
            Feedback.search([("create_uid", "=", self.author.id)])

    def test_directors_read_no_trace_of_the_drafter(self):
        released = self.after_release.with_user(self.director)
        names = self.members.mapped("user_id.name") + self.members.mapped(
            "employee_id.name"
        )
        values = released.read(list(released.fields_get()))
        text = repr(values)
        for name in set(names):
            self.assertNotIn(name, text)
        self.assertNotIn(
            self.author.id, [v["owner_id"] and v["owner_id"][0] for v in values]
        )
        self.env.ref("base.group_allow_export").users |= self.director
        exportable = [
            name
            for name, field in released.fields_get(attributes=["exportable"]).items()
            if field.get("exportable", True)
        ]
        rows = released.export_data(exportable)["datas"]
        exported = repr(rows)
        for name in set(names):
            self.assertNotIn(name, exported)
        self.assertIn("Feedback released", exported)

    def test_no_message_or_tracking_about_feedback(self):
        self.assertNotIn("message_ids", self.Feedback._fields)
        self.assertNotIn("activity_ids", self.Feedback._fields)
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "hr.manager.community.feedback")])
        )
        self.assertFalse(messages)
        everything = self.env["mail.message"].sudo().search([])
        text = " ".join(str(m.body) + str(m.subject or "") for m in everything)
        self.assertNotIn("GROUP-TEXT", text)
        self.assertNotIn("DIRECTOR-RESPONSE", text)

    def test_group_transitions_logged_as_odoobot(self):
        Log = self.env["hr.manager.community.transition.log"]
        feedback = self.by_state["closed"]
        logs = Log.search(
            [("res_model", "=", feedback._name), ("res_id", "=", feedback.id)]
        )
        by_transition = {log.transition: log.user_id for log in logs}
        self.assertEqual(by_transition["open_vote"].id, SUPERUSER_ID)
        self.assertEqual(by_transition["release"], self.facilitator)
        self.assertEqual(by_transition["answer"], self.director)
        self.assertNotIn(self.author, logs.user_id)
        # The votes are the group's: the transition log never names a member.
        self.assertFalse(logs.user_id & self.members.user_id)
