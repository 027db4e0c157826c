# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from .common import ManagerCommunityCase
from .test_workflow_mixin import WorkflowTableMixin


@tagged("post_install", "-at_install")
class TestSituation(WorkflowTableMixin, ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._create_session()
        cls.session.action_schedule()
        cls.session.action_start()
        cls.author = cls.members[0].user_id

    def test_walk_situation_table(self):
        def make(state):
            situation = self._create_situation(session_id=self.session.id)
            self._force_state(situation, state)
            return situation.sudo()

        self._walk_table(
            self.env["hr.manager.community.situation"],
            make,
            roles={"author": self.author, "facilitator": self.facilitator},
            outsider=self.members[1].user_id,
        )

    def test_lifecycle_by_the_right_people(self):
        situation = self._create_situation()
        as_author = situation.with_user(self.author)
        as_facilitator = situation.with_user(self.facilitator)
        as_member = situation.with_user(self.members[1].user_id)
        with self.assertRaises(AccessError):
            as_member.action_submit()
        as_author.action_submit()
        with self.assertRaises(AccessError):
            as_author.action_select()
        with self.assertRaisesRegex(UserError, "Choose the session"):
            as_facilitator._workflow_apply("select")
        # "Select for a Session" asks which session, then selects.
        action = as_facilitator.action_select()
        self.assertEqual(situation.state, "submitted")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.facilitator)
            .browse(action["res_id"])
        )
        wizard.session_id = self.session
        wizard.action_confirm()
        self.assertEqual(
            (situation.state, situation.session_id), ("selected", self.session)
        )
        as_facilitator.session_id = False
        with self.assertRaisesRegex(UserError, "Choose the session"):
            as_facilitator.action_discuss()
        as_facilitator.session_id = self.session
        as_facilitator.action_discuss()
        as_facilitator.learnings = "Agreed learnings"
        as_facilitator.action_close()
        self.assertEqual(situation.state, "closed")
        with self.assertRaisesRegex(UserError, "closed or withdrawn"):
            as_facilitator.learnings = "Rewritten"

    def test_withdraw_by_author_only(self):
        situation = self._create_situation()
        situation.with_user(self.author).action_submit()
        with self.assertRaises(AccessError):
            situation.with_user(self.facilitator).action_withdraw()
        situation.with_user(self.author).action_withdraw()
        self.assertEqual(situation.state, "withdrawn")
        situation.with_user(self.author).action_reset_to_draft()
        self.assertEqual(situation.state, "draft")

    def test_discussed_only_in_own_community_session(self):
        other_session = self._create_session(community=self.community_other)
        situation = self._create_situation()
        with self.assertRaisesRegex(ValidationError, "session of its own community"):
            situation.session_id = other_session
        draft_session = self._create_session()
        situation.with_user(self.author).action_submit()
        situation.session_id = draft_session
        situation.with_user(self.facilitator).action_select()
        with self.assertRaisesRegex(UserError, "session that has started"):
            situation.with_user(self.facilitator).action_discuss()

    def test_only_active_members_bring_situations(self):
        with self.assertRaises(ValidationError):
            self._create_situation(
                member=self.member_other, community_id=self.community.id
            )
        self.members[5].action_leave()
        with self.assertRaises(AccessError):
            self._create_situation(member=self.members[5])

    def test_lengths_are_limited(self):
        with self.assertRaisesRegex(ValidationError, "limited to 120"):
            self._create_situation(name="x" * 121)
        with self.assertRaisesRegex(ValidationError, "limited to 10000"):
            self._create_situation(description="x" * 10001)

    def test_only_author_edits_draft(self):
        situation = self._create_situation()
        situation.with_user(self.author).description = "Reworded"
        self.assertEqual(situation.description, "Reworded")
        with self.assertRaises(AccessError):
            situation.with_user(self.facilitator).description = "Not yours"
        with self.assertRaises(AccessError):
            situation.with_user(self.members[1].user_id).description = "Not yours"
        self.assertEqual(situation.description, "Reworded")

    def test_form_warns_about_third_party_names(self):
        help_text = (
            self.env["hr.manager.community.situation"]._fields["description"].help
        )
        self.assertIn("codes", help_text)
