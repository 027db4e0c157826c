# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shared shape of the lines a person holds on a record (attendance,
vote, and in the charter addon endorsement and acknowledgement): one per
holder, for a member of the record's own community, written for oneself
only."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from .test_feedback import FeedbackCase

USER_LINE = "hr.manager.community.user.line"
MEMBER_LINE = "hr.manager.community.member.line"


@tagged("post_install", "-at_install")
class TestMemberLine(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Attendance = cls.env["hr.manager.community.attendance"]
        cls.Vote = cls.env["hr.manager.community.feedback.vote"]
        cls.feedback = cls._feedback_in("voting")
        cls.invited = cls.env["hr.manager.community.member"].create(
            {"community_id": cls.community.id, "employee_id": cls.managers[7].id}
        )

    def _votes(self):
        return self.Vote.search([("feedback_id", "=", self.feedback.id)])

    def _line_models(self):
        base = self.env.registry[USER_LINE]
        return [
            self.env[name]
            for name, cls in self.env.registry.items()
            if not cls._abstract and issubclass(cls, base)
        ]

    def test_every_line_model_is_one_per_holder(self):
        models = self._line_models()
        names = {model._name for model in models}
        self.assertLessEqual(
            {
                "hr.manager.community.attendance",
                "hr.manager.community.feedback.vote",
                "hr.manager.community.situation.contribution",
            },
            names,
        )
        for model in models:
            with self.subTest(model=model._name):
                parent = model._fields[model._line_parent_field]
                self.assertEqual(parent.type, "many2one")
                self.assertTrue(parent.required)
                self.assertEqual(parent.ondelete, "cascade")
                holder = model._fields[model._line_holder_field]
                self.assertTrue(holder.required)
                self.assertTrue(model._fields["user_id"].store)
                key = model._line_key_fields or (
                    model._line_parent_field,
                    model._line_holder_field,
                )
                self.assertEqual(
                    key[:2], (model._line_parent_field, model._line_holder_field)
                )
                definition = f"UNIQUE({', '.join(key)})"
                declared = [
                    name
                    for name, sql, _message in model._sql_constraints
                    if sql.replace(" ", "") == definition.replace(" ", "")
                ]
                self.assertEqual(len(declared), 1, definition)
                self.env.cr.execute(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conname = %s",
                    [f"{model._table}_{declared[0]}"],
                )
                [(in_database,)] = self.env.cr.fetchall()
                self.assertEqual(
                    in_database.replace(" ", ""), definition.replace(" ", "")
                )
                if isinstance(model, self.env.registry[MEMBER_LINE]):
                    self.assertTrue(model._fields["community_id"].store)

    def test_community_follows_the_parent(self):
        session = self._create_session()
        session.action_schedule()
        self.assertTrue(session.attendance_ids)
        self.assertEqual(session.attendance_ids.community_id, self.community)
        self.feedback.with_user(self.fellow).action_vote("approve")
        self.assertEqual(self._votes().community_id, self.community)
        self.assertEqual(self._votes().user_id, self.fellow, "user from the member")

    def test_member_of_the_record_community_only(self):
        session = self._create_session()
        with self.assertRaises(ValidationError) as caught:
            self.Attendance.create(
                {"session_id": session.id, "member_id": self.member_other.id}
            )
        self.assertIn("session's own members", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.Vote.create(
                {
                    "feedback_id": self.feedback.id,
                    "member_id": self.member_other.id,
                    "vote": "approve",
                }
            )
        self.assertIn("members of its community vote", str(caught.exception))

    def test_active_member_at_creation_when_the_model_says_so(self):
        session = self._create_session()
        # Attendance does not require an active member...
        line = self.Attendance.create(
            {"session_id": session.id, "member_id": self.invited.id}
        )
        self.assertEqual(line.community_id, self.community)
        # ... votes do.
        with self.assertRaises(ValidationError) as caught:
            self.Vote.create(
                {
                    "feedback_id": self.feedback.id,
                    "member_id": self.invited.id,
                    "vote": "approve",
                }
            )
        self.assertIn("Only active members vote", str(caught.exception))

    def test_lines_stay_when_the_member_leaves(self):
        session = self._create_session()
        session.action_schedule()
        self.feedback.with_user(self.fellow).action_vote("approve")
        leaver = self._member_of(self.fellow)
        leaver.action_leave()
        self.assertIn(leaver, session.attendance_ids.member_id)
        self.assertIn(leaver, self._votes().member_id)
        # Own past attendance is still the leaver's; a vote counts no more.
        self.assertEqual(
            self.Attendance.with_user(self.fellow)
            ._current_user_lines(session)
            .member_id,
            leaver,
        )
        self.assertFalse(
            self.Vote.with_user(self.fellow)._current_user_lines(self.feedback)
        )

    def test_current_user_lines_and_members(self):
        self.feedback.with_user(self.fellow).action_vote("approve")
        self.feedback.with_user(self.author).action_vote("object")
        mine = self.Vote.with_user(self.fellow)._current_user_lines(self.feedback)
        self.assertEqual(mine.user_id, self.fellow)
        self.assertEqual(mine.vote, "approve")
        members = self.Vote.with_user(self.fellow)._current_user_members(self.feedback)
        self.assertEqual(members, {self.feedback: self._member_of(self.fellow)})
        for user in (self.facilitator, self.director, self.member_other.user_id):
            with self.subTest(user=user.login):
                Vote = self.Vote.with_user(user)
                self.assertFalse(Vote._current_user_lines(self.feedback))
                self.assertEqual(Vote._current_user_members(self.feedback), {})

    def test_create_own_for_oneself_only(self):
        Vote = self.Vote.with_user(self.fellow)
        values = {"feedback_id": self.feedback.id, "vote": "approve"}
        for member in (self._member_of(self.author), self.member_other):
            with self.subTest(member=member.display_name):
                with self.assertRaisesRegex(AccessError, "act for yourself"):
                    Vote._create_own([dict(values, member_id=member.id)])
        with self.assertRaises(AccessError):
            Vote._create_own([values])
        self.assertFalse(self._votes())
        vote = Vote._create_own(
            [dict(values, member_id=self._member_of(self.fellow).id)]
        )
        self.assertEqual(vote.env.user, self.fellow)
        self.assertEqual(vote.vote, "approve")
        # The direct way stays closed, even for one's own line.
        with self.assertRaises(AccessError):
            vote.write({"vote": "object"})
        with self.assertRaises(AccessError):
            vote.unlink()

    def test_write_and_unlink_own_lines_only(self):
        self.feedback.with_user(self.fellow).action_vote("approve")
        self.feedback.with_user(self.author).action_vote("approve")
        votes = self._votes()
        mine = votes.filtered(lambda v: v.user_id == self.fellow).with_user(self.fellow)
        theirs = (votes - mine).with_user(self.fellow)
        with self.assertRaisesRegex(AccessError, "act for yourself"):
            theirs._write_own({"vote": "object"})
        with self.assertRaisesRegex(AccessError, "act for yourself"):
            (mine | theirs)._unlink_own()
        for frozen in (
            {"member_id": self._member_of(self.author).id},
            {"feedback_id": self._feedback_in("voting", name="Other").id},
            {"user_id": self.author.id},
        ):
            with self.subTest(values=frozen), self.assertRaises(UserError):
                mine._write_own(frozen)
        mine._write_own({"vote": "object"})
        self.assertEqual(mine.vote, "object")
        self.assertEqual(theirs.sudo().vote, "approve")
        mine._unlink_own()
        self.assertEqual(self._votes(), votes - mine)

    def test_attendance_answer_is_the_members_own(self):
        session = self._create_session()
        session.action_schedule()
        line = session.attendance_ids.filtered(lambda a: a.user_id == self.fellow)
        other = session.attendance_ids - line
        with self.assertRaisesRegex(AccessError, "your own invitations"):
            other.with_user(self.fellow).action_confirm()
        with self.assertRaisesRegex(AccessError, "your own invitations"):
            other[:1].with_user(self.fellow)._write_own({"state": "present"})
        line.with_user(self.fellow).action_confirm()
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(set(other.mapped("state")), {"invited"})
