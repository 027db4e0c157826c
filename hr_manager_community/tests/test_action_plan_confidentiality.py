# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "action plans" column of DESIGN.md section 5, role by role: plans,
actions and progress notes through search, read, read_group and
name_search, and the action's chatter messages, activities and
attachments."""

import base64

from odoo.exceptions import AccessError
from odoo.tests.common import tagged

from . import test_confidentiality
from .common_action_plan import ActionPlanCase

ACTION_PLAN_MODELS = (
    "hr.manager.community.action.plan",
    "hr.manager.community.action",
    "hr.manager.community.action.progress",
)


@tagged("post_install", "-at_install")
class TestActionPlanConfidentiality(ActionPlanCase):
    # The same role-by-role assertion as the situations' table.
    assertSees = test_confidentiality.TestConfidentiality.assertSees

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver = cls.members[5].user_id
        deadline = cls.deadline
        cls.a_private = cls._create_action(
            name="Private action", date_deadline=deadline
        )
        cls.a_group = cls._create_action(
            name="Group action", date_deadline=deadline, share_with_group=True
        )
        cls.plan_fellow = cls._create_plan(cls.members[1], share_with_facilitator=True)
        cls.b_private = cls._create_action(
            cls.plan_fellow, name="Fellow's action", date_deadline=deadline
        )
        cls.plan_leaver = cls._create_plan(cls.members[5])
        cls.l_action = cls._create_action(
            cls.plan_leaver, name="Leaver's action", date_deadline=deadline
        )
        cls.plan_other = cls._create_plan(cls.member_other, share_with_facilitator=True)
        cls.o_action = cls._create_action(cls.plan_other, name="South action")
        cls.progress = {
            action: cls._add_progress(action)
            for action in (
                cls.a_private,
                cls.a_group,
                cls.b_private,
                cls.l_action,
                cls.o_action,
            )
        }
        cls.members[5].action_leave()
        cls.plans = cls.plan | cls.plan_fellow | cls.plan_leaver | cls.plan_other
        cls.actions = (
            cls.a_private | cls.a_group | cls.b_private | cls.l_action | cls.o_action
        )
        cls.nobody = (
            cls.officer,
            cls.admin_user,
            cls.director,
            cls.outsider,
            cls.hr_manager,
        )
        # (user, plans, actions) each role reads.
        cls.table = [
            (cls.author, cls.plan, cls.a_private | cls.a_group),
            (cls.fellow, cls.plan | cls.plan_fellow, cls.a_group | cls.b_private),
            (cls.portal_fellow, cls.plan, cls.a_group),
            (cls.leaver, cls.plan_leaver, cls.l_action),
            (cls.facilitator, cls.plan | cls.plan_fellow, cls.a_group | cls.b_private),
            (cls.facilitator_other, cls.plan_other, cls.o_action),
        ] + [(user, cls.Plan, cls.Action) for user in cls.nobody]

    def _progress_of(self, actions):
        return self.Progress.union(*(self.progress[action] for action in actions))

    def test_table_for_every_role(self):
        progress = self._progress_of(self.actions)
        for user, plans, actions in self.table:
            with self.subTest(user=user.login):
                self.assertSees(user, self.plans, plans)
                self.assertSees(user, self.actions, actions)
                self.assertSees(user, progress, self._progress_of(actions))

    def test_group_member_reads_the_shared_action_only(self):
        # x2many values are cached per transaction, not per user: start afresh
        # as a request does, then read as the web client does.
        self.env.invalidate_all()
        plan = self.plan.with_user(self.fellow)
        values = plan.web_read(
            {"action_ids": {"fields": {"name": {}}}, "action_count": {}}
        )
        self.assertEqual(
            values[0]["action_ids"], [{"id": self.a_group.id, "name": "Group action"}]
        )
        self.assertEqual(values[0]["action_count"], 1)
        self.assertEqual(plan.action_ids, self.a_group)
        # The counters tell nothing about the private actions either.
        self.assertEqual((plan.action_count, plan.action_open_count), (1, 1))
        self.assertEqual(self.plan.with_user(self.author).action_count, 2)
        self.env.invalidate_all()
        self.assertEqual(self.plan.with_user(self.facilitator).action_ids, self.a_group)

    def test_sharing_can_be_withdrawn(self):
        self.plan_fellow.with_user(self.fellow).share_with_facilitator = False
        self.a_group.with_user(self.author).share_with_group = False
        self.assertSees(self.facilitator, self.plans, self.Plan)
        self.assertSees(self.facilitator, self.actions, self.Action)
        self.assertSees(self.fellow, self.actions, self.b_private)
        self.assertSees(self.portal_fellow, self.plans, self.Plan)

    def test_member_who_left_keeps_and_writes_own_plan(self):
        action = self.l_action.with_user(self.leaver)
        action.write({"detail": "Still mine"})
        action.action_start()
        self.plan_leaver.with_user(self.leaver).share_with_facilitator = True
        # Sharing after leaving shows it to the facilitator, as the author chose.
        self.assertSees(self.facilitator, self.l_action, self.l_action)

    def test_rules_are_global(self):
        rules = self.env["ir.rule"].search(
            [("model_id.model", "in", ACTION_PLAN_MODELS)]
        )
        self.assertEqual(len(rules), 9)
        self.assertFalse(rules.filtered("groups"), "action plan rules must be global")
        self.admin_user.groups_id |= self.env.ref("base.group_system")
        self.assertSees(self.admin_user, self.actions, self.Action)
        self.assertSees(self.admin_user, self.plans, self.Plan)

    def test_export_obeys_rules(self):
        export_group = self.env.ref("base.group_allow_export")
        for user in (self.officer, self.director):
            user.groups_id |= export_group
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.a_private.with_user(user).export_data(["name", "detail"])

    # -------------------------------------------- messages and activities

    def _readers_of(self, action):
        return {user for user, _plans, actions in self.table if action in actions}

    def _everyone(self):
        return [user for user, _plans, _actions in self.table]

    def test_activities_and_messages_follow_the_action(self):
        self.a_private.with_user(self.author).action_start()
        self.a_group.with_user(self.author).action_start()
        self.b_private.with_user(self.fellow).action_start()
        for action in (self.a_private, self.a_group, self.b_private):
            activity = self._followups(action)
            messages = action.message_ids
            self.assertEqual(len(activity), 1)
            self.assertTrue(messages)
            readers = self._readers_of(action)
            for user in self._everyone():
                with self.subTest(action=action.name, user=user.login):
                    Activity = self.Activity.with_user(user)
                    Message = self.env["mail.message"].with_user(user)
                    if user == action.user_id:
                        self.assertEqual(
                            Activity.search([("id", "=", activity.id)]), activity
                        )
                        activity.with_user(user).read(["summary"])
                        messages.with_user(user).read(["body"])
                        continue
                    # Odoo shows a document's activities to those who may
                    # write it: only the author, even when the action is shared.
                    with self.assertRaises(AccessError):
                        activity.with_user(user).read(["summary"])
                    if not user.share:
                        self.assertFalse(Activity.search([("id", "=", activity.id)]))
                        self.assertNotIn(activity, Activity.search([]))
                    if user in readers:
                        # Portal readers use the portal pages, not the chatter.
                        if not user.share:
                            messages.with_user(user).read(["body"])
                        continue
                    with self.assertRaises(AccessError):
                        messages.with_user(user).read(["body"])
                    self.assertFalse(
                        Message.search(
                            [("model", "=", action._name), ("res_id", "=", action.id)]
                        )
                    )

    def test_activity_summary_is_the_title_only(self):
        for action in self.actions.filtered("date_deadline"):
            activity = self._followups(action)
            self.assertEqual(activity.summary, action.name)
            self.assertFalse(activity.note)
        self.assertNotIn("SECRET", self._all_text_sent())

    def test_attachments_follow_the_action(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "plan.txt",
                "res_model": self.a_private._name,
                "res_id": self.a_private.id,
                "datas": base64.b64encode(b"SECRET-ATTACHMENT"),
            }
        )
        for user in self._everyone():
            if user == self.author:
                continue
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                attachment.with_user(user).read(["datas"])
        data = attachment.with_user(self.author).read(["datas"])[0]["datas"]
        self.assertEqual(base64.b64decode(data), b"SECRET-ATTACHMENT")
