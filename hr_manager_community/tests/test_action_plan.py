# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.hr_manager_community_action import HrManagerCommunityAction
from .common_action_plan import DETAIL, PROGRESS, TITLE, ActionPlanCase
from .test_workflow_mixin import WorkflowTableMixin


@tagged("post_install", "-at_install")
class TestActionPlan(WorkflowTableMixin, ActionPlanCase):
    # ------------------------------------------------------------- plans

    def test_plan_name_counters_and_uniqueness(self):
        self.assertEqual(self.plan.name, "Action plan of Manager 0")
        self.assertEqual(self.plan.user_id, self.author)
        self.assertEqual(self.plan.community_id, self.community)
        first = self._create_action()
        self._create_action(name="Second")
        dropped = self._create_action(name="Third")
        first.with_user(self.author).action_complete()
        dropped.with_user(self.author).action_drop()
        plan = self.plan.with_user(self.author)
        self.assertEqual(
            (plan.action_count, plan.action_open_count, plan.action_done_count),
            (3, 1, 1),
        )
        self.assertEqual(plan.progress_rate, 50.0)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.Plan.create({"member_id": self.members[0].id})

    def test_plan_belongs_to_its_member(self):
        with self.assertRaises(AccessError):
            # Nobody creates a plan for someone else, not even HR.
            self.Plan.with_user(self.officer).create({"member_id": self.members[2].id})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.fellow).create({"member_id": self.members[2].id})
        with self.assertRaisesRegex(UserError, "stays with its member"):
            self.plan.with_user(self.author).write({"member_id": self.members[1].id})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.fellow)._get_or_create_for_member(self.members[0])
        own = self.Plan.with_user(self.fellow)._get_or_create_for_member(
            self.members[1]
        )
        again = self.Plan.with_user(self.fellow)._get_or_create_for_member(
            self.members[1]
        )
        self.assertEqual(own, again)
        self.assertEqual(own.user_id, self.fellow)

    def test_only_the_author_writes(self):
        action = self._create_action(share_with_group=True)
        self.plan.with_user(self.author).share_with_facilitator = True
        for user in (self.fellow, self.facilitator, self.officer, self.director):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    action.with_user(user).write({"name": "Rewritten"})
                with self.assertRaises(AccessError):
                    action.with_user(user).action_start()
                with self.assertRaises(AccessError):
                    self.plan.with_user(user).write({"share_with_facilitator": False})
                with self.assertRaises(AccessError):
                    self.Action.with_user(user).create(
                        {"plan_id": self.plan.id, "name": "Injected"}
                    )
                with self.assertRaises(AccessError):
                    self.Progress.with_user(user).create(
                        {"action_id": action.id, "note": "Injected"}
                    )
        with self.assertRaisesRegex(UserError, "stays in the plan"):
            other_plan = self._create_plan(self.members[1])
            action.with_user(self.author).write({"plan_id": other_plan.id})
        self.assertEqual(action.name, TITLE)

    def test_lengths(self):
        with self.assertRaises(ValidationError):
            self._create_action(name="x" * 121)
        with self.assertRaises(ValidationError):
            self._create_action(detail="x" * 10001)

    # ---------------------------------------------------------- workflow

    def test_walk_action_table(self):
        def make(state):
            action = self._create_action(date_deadline=self.deadline)
            self._force_state(action, state)
            return action.with_user(self.author)

        self._walk_table(
            self.Action, make, roles={"author": self.author}, outsider=self.fellow
        )

    def test_transitions_by_author_only_and_state_protected(self):
        action = self._create_action()
        with self.assertRaises(AccessError):
            action.with_user(self.fellow).action_complete()
        with self.assertRaisesRegex(UserError, "changes only through its workflow"):
            action.with_user(self.author).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "starts as"):
            self.Action.with_user(self.author).create(
                {"plan_id": self.plan.id, "name": "Born done", "state": "done"}
            )
        action.with_user(self.author).action_complete()
        self.assertEqual(action.date_done, fields.Date.context_today(action))
        action.with_user(self.author).action_reopen()
        self.assertEqual((action.state, action.date_done), ("todo", False))

    # --------------------------------------------------- follow-up activity

    def assertFollowup(self, action, deadline, title=TITLE):
        activity = self._followups(action)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.author)
        self.assertEqual(activity.summary, title)
        self.assertFalse(activity.note)
        self.assertEqual(activity.date_deadline, deadline)
        return activity

    def test_activity_follows_every_transition(self):
        action = self._create_action()
        self.assertFalse(self._followups(action), "no deadline, no activity")
        as_author = action.with_user(self.author)
        as_author.date_deadline = self.deadline
        first = self.assertFollowup(action, self.deadline)
        moved = self.deadline + timedelta(days=7)
        as_author.date_deadline = moved
        self.assertEqual(
            self.assertFollowup(action, moved), first, "moved, not duplicated"
        )
        as_author.name = "Monthly one-to-one with A"
        self.assertFollowup(action, moved, title="Monthly one-to-one with A")
        as_author.name = TITLE
        as_author.action_start()
        self.assertEqual(self.assertFollowup(action, moved), first)
        as_author.date_deadline = False
        self.assertFalse(self._followups(action))
        as_author.date_deadline = moved
        self.assertFollowup(action, moved)

        # Done: the activity is marked done, leaving a message that names the
        # activity type and the title, without feedback.
        as_author.action_complete()
        self.assertFalse(self._followups(action))
        done_message = action.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.followup_type
        )
        self.assertEqual(len(done_message), 1)
        self.assertIn(TITLE, str(done_message.body))
        self.assertNotIn("Feedback", str(done_message.body))
        self.assertEqual(done_message.author_id, self.author.partner_id)

        as_author.action_reopen()
        self.assertFollowup(action, moved)
        as_author.action_drop()
        self.assertFalse(self._followups(action))
        self.assertEqual(
            len(
                action.message_ids.filtered(
                    lambda m: m.mail_activity_type_id == self.followup_type
                )
            ),
            1,
            "a dropped action's activity is removed, not done",
        )
        as_author.action_reopen()
        self.assertFollowup(action, moved)
        # A closed action keeps no activity when its deadline moves.
        as_author.action_drop()
        as_author.date_deadline = self.deadline
        self.assertFalse(self._followups(action))
        self.assertNotIn("SECRET", self._all_text_sent())

    def test_activity_on_create_and_unlink(self):
        action = self._create_action(date_deadline=self.deadline)
        activity = self.assertFollowup(action, self.deadline)
        action.with_user(self.author).unlink()
        self.assertFalse(activity.exists())

    def test_portal_author_gets_the_same_follow_up(self):
        plan = self._create_plan(self.members[4])
        action = self._create_action(plan, date_deadline=self.deadline)
        activity = self._followups(action)
        self.assertEqual(activity.user_id, self.portal_fellow)
        self.assertEqual(activity.summary, TITLE)
        action.with_user(self.portal_fellow).action_complete()
        self.assertFalse(self._followups(action))

    def test_only_the_author_follows(self):
        action = self._create_action(date_deadline=self.deadline)
        self.plan.with_user(self.author).share_with_facilitator = True
        self.assertEqual(action.message_partner_ids, self.author.partner_id)
        action.with_user(self.facilitator).message_subscribe(
            partner_ids=self.facilitator.partner_id.ids
        )
        action.message_subscribe(
            partner_ids=(self.officer | self.fellow).partner_id.ids
        )
        # Created by someone else (the superuser here): still only the author.
        other = self.Action.create(
            {
                "plan_id": self.plan.id,
                "name": "By admin",
                "date_deadline": self.deadline,
            }
        )
        self.assertEqual(action.message_partner_ids, self.author.partner_id)
        self.assertEqual(other.message_partner_ids, self.author.partner_id)
        with self.assertRaises(AccessError):
            action.with_user(self.facilitator).message_post(body="A comment")

    def test_no_confidential_text_in_messaging(self):
        action = self._create_action(date_deadline=self.deadline, share_with_group=True)
        as_author = action.with_user(self.author)
        self._add_progress(action)
        as_author.action_start()
        as_author.write({"date_deadline": self.deadline + timedelta(days=3)})
        as_author.detail = DETAIL + " updated"
        as_author.bring_to_review = True
        as_author.action_complete()
        as_author.action_reopen()
        as_author.action_drop()
        text = self._all_text_sent()
        self.assertNotIn("SECRET", text)
        self.assertIn(TITLE, text, "the title is the one text activities carry")

    # ------------------------------------------------------------ review

    @contextmanager
    def _without_appraisal_bridge(self):
        """hr_manager_community_appraisal, when installed, overrides
        _bring_to_review; these tests run this addon's own behaviour anyway."""
        with patch.object(
            self.registry["hr.manager.community.action"],
            "_bring_to_review",
            HrManagerCommunityAction._bring_to_review,
        ):
            yield

    def test_bring_to_review_without_appraisals(self):
        with self._without_appraisal_bridge():
            self._bring_to_review_without_appraisals()

    def _bring_to_review_without_appraisals(self):
        reviewer = new_test_user(self.env, "mc_reviewer", groups="base.group_user")
        self.head.user_id = reviewer
        action = self._create_action(date_deadline=self.deadline)
        as_author = action.with_user(self.author)
        as_author.bring_to_review = True
        review = self.Activity.search(
            [("hr_manager_community_action_ref", "=", action.id)]
        )
        self.assertEqual(len(review), 1)
        self.assertEqual(review.activity_type_id, self.review_type)
        self.assertEqual(
            (review.res_model, review.res_id), ("hr.employee", self.managers[0].id)
        )
        self.assertEqual(review.user_id, reviewer)
        self.assertEqual(review.summary, TITLE)
        self.assertFalse(review.note)
        # The reviewer reads the activity (title only), never the action.
        self.assertEqual(
            review.with_user(reviewer).read(["summary"])[0]["summary"], TITLE
        )
        with self.assertRaises(AccessError):
            action.with_user(reviewer).read(["name"])
        self.assertNotIn("SECRET", self._all_text_sent())
        # Saving the same value again schedules nothing more.
        as_author.write({"bring_to_review": True})
        self.assertEqual(
            self.Activity.search_count(
                [("hr_manager_community_action_ref", "=", action.id)]
            ),
            1,
        )
        as_author.name = "Renamed action"
        self.assertEqual(review.summary, "Renamed action")
        as_author.bring_to_review = False
        self.assertFalse(review.exists())
        as_author.bring_to_review = True
        review = self.Activity.search(
            [("hr_manager_community_action_ref", "=", action.id)]
        )
        as_author.unlink()
        self.assertFalse(review.exists())

    def test_bring_several_actions_to_review_in_one_write(self):
        with self._without_appraisal_bridge():
            self._bring_several_actions_to_review_in_one_write()

    def _bring_several_actions_to_review_in_one_write(self):
        # A backend multi-edit: several actions of one author marked in one
        # write, one reviewer subscribed once to the author's employee.
        reviewer = new_test_user(
            self.env, "mc_reviewer_multi", groups="base.group_user"
        )
        self.head.user_id = reviewer
        actions = self.Action.browse(
            [self._create_action(name=f"Multi {index}").id for index in range(3)]
        )
        actions.with_user(self.author).write({"bring_to_review": True})
        reviews = self.Activity.search(
            [("hr_manager_community_action_ref", "in", actions.ids)]
        )
        self.assertEqual(len(reviews), 3)
        self.assertEqual(
            set(reviews.mapped("summary")), {"Multi 0", "Multi 1", "Multi 2"}
        )
        self.assertEqual(set(reviews.mapped("res_id")), {self.managers[0].id})
        self.assertEqual(reviews.user_id, reviewer)
        employee = self.managers[0]
        self.assertEqual(
            employee.message_follower_ids.filtered(
                lambda f: f.partner_id == reviewer.partner_id
            ).mapped("partner_id"),
            reviewer.partner_id,
        )
        # Unmarked together, marked together again: still one of each.
        actions.with_user(self.author).write({"bring_to_review": False})
        self.assertFalse(reviews.exists())
        actions.with_user(self.author).write({"bring_to_review": True})
        self.assertEqual(
            self.Activity.search_count(
                [("hr_manager_community_action_ref", "in", actions.ids)]
            ),
            3,
        )

    def test_review_falls_back_on_the_author(self):
        with self._without_appraisal_bridge():
            self._review_falls_back_on_the_author()

    def _review_falls_back_on_the_author(self):
        # The head of operations has no user: the author reminds themselves.
        action = self._create_action(bring_to_review=True)
        review = self.Activity.search(
            [("hr_manager_community_action_ref", "=", action.id)]
        )
        self.assertEqual(review.user_id, self.author)
        self.assertEqual(review.date_deadline, date.today())

    # --------------------------------------------------------- situations

    def test_action_from_a_situation(self):
        session = self._create_session()
        session.action_schedule()
        session.action_start()
        situation = self._create_situation(session_id=session.id)
        situation.factor_ids = self.env["hr.psychosocial.factor"].search([], limit=2)
        with self.assertRaisesRegex(UserError, "synthesis"):
            situation.with_user(self.author).action_create_plan_action()
        situation.with_user(self.author).action_submit()
        situation.with_user(self.facilitator).action_select()
        situation.with_user(self.facilitator).action_discuss()
        self.assertFalse(situation.with_user(self.facilitator).is_active_member)
        self.assertTrue(situation.with_user(self.fellow).is_active_member)
        with self.assertRaises(AccessError):
            situation.with_user(self.facilitator).action_create_plan_action()
        # A fellow member who consulted takes their own action too.
        result = situation.with_user(self.fellow).action_create_plan_action()
        action = self.Action.browse(result["res_id"])
        self.assertEqual(action.user_id, self.fellow)
        self.assertEqual(action.situation_id, situation)
        self.assertEqual(action.factor_ids, situation.factor_ids)
        self.assertEqual(action.state, "todo")
        again = situation.with_user(self.fellow).action_create_plan_action()
        self.assertEqual(self.Action.browse(again["res_id"]).plan_id, action.plan_id)
        own = situation.with_user(self.author).action_create_plan_action()
        self.assertEqual(self.Action.browse(own["res_id"]).plan_id, self.plan)
        # Once the fellow leaves, their plan stays but the link to the
        # group's situation goes.
        self.members[1].action_leave()
        self.assertFalse(action.situation_id)
        # Another member's title never entered the fellow's own plan.
        self.assertNotEqual(action.with_user(self.fellow).name, situation.name)
        self.assertEqual(self.Action.browse(own["res_id"]).name, situation.name)

    def test_situation_of_another_community_refused(self):
        other_plan = self._create_plan(self.member_other)
        situation = self._create_situation()
        with self.assertRaises(ValidationError):
            self.Action.create(
                {"plan_id": other_plan.id, "name": TITLE, "situation_id": situation.id}
            )
        # As the other community's member, the situation is not even readable.
        with self.assertRaises(AccessError):
            self._create_action(other_plan, situation_id=situation.id)

    def test_situation_link_reveals_no_title(self):
        """The link to a situation shows its title: it is set only from a
        situation the author reads and the group worked on, and never moved."""
        draft = self._create_situation(member=self.members[1], name="Fellow draft")
        with self.assertRaises(AccessError):
            self._create_action(situation_id=draft.id)
        submitted = self._create_situation(member=self.members[1], name="Not yet")
        submitted.with_user(self.fellow).action_submit()
        with self.assertRaisesRegex(UserError, "group worked on"):
            self._create_action(situation_id=submitted.id)
        action = self._create_action()
        for target in (draft, submitted):
            with self.assertRaisesRegex(UserError, "keeps the situation"):
                action.with_user(self.author).write({"situation_id": target.id})
        self.assertFalse(action.situation_id)
        # A member who left cannot relink either.
        self.members[0].action_leave()
        with self.assertRaises(UserError):
            action.with_user(self.author).write({"situation_id": submitted.id})

    # ---------------------------------------------------------- sessions

    def test_facilitator_sees_progress_since_previous_session(self):
        previous = self._create_session(days=-14)
        self._force_state(previous, "done")
        current = self._create_session(days=0)
        self._force_state(current, "in_progress")
        later = self._create_session(days=14)
        self.plan.with_user(self.author).share_with_facilitator = True
        action = self._create_action()
        private_plan = self._create_plan(self.members[1])
        private = self._create_action(private_plan)
        group_action = self._create_action(
            private_plan, name="Shared", share_with_group=True
        )
        today = date.today()
        old = self._add_progress(action, date=today - timedelta(days=20))
        in_previous = self._add_progress(
            action, date=previous.date_start.date(), session_id=previous.id
        )
        recent = self._add_progress(action, date=today - timedelta(days=3))
        in_current = self._add_progress(action, session_id=current.id)
        hidden = self._add_progress(private, date=today - timedelta(days=3))
        shared = self._add_progress(group_action, date=today - timedelta(days=2))
        as_facilitator = current.with_user(self.facilitator)
        self.assertEqual(as_facilitator.previous_done_session_id, previous)
        self.assertEqual(
            as_facilitator.action_progress_ids, recent | in_current | shared
        )
        self.assertNotIn(hidden, as_facilitator.action_progress_ids)
        self.assertNotIn(old | in_previous, as_facilitator.action_progress_ids)
        # The first session gathers everything reported up to it.
        self.assertEqual(
            previous.with_user(self.facilitator).action_progress_ids, in_previous | old
        )
        self.assertEqual(
            later.with_user(self.facilitator).previous_done_session_id, previous
        )
        # Nobody else gains anything through the session.
        for user in (self.officer, self.director, self.facilitator_other):
            with self.subTest(user=user.login):
                self.assertFalse(current.with_user(user).action_progress_ids)
        self.plan.with_user(self.author).share_with_facilitator = False
        current.invalidate_recordset()
        self.assertEqual(
            current.with_user(self.facilitator).action_progress_ids, shared
        )

    def test_members_report_progress_from_the_session(self):
        session = self._create_session()
        with self.assertRaisesRegex(UserError, "scheduled or held"):
            session.with_user(self.author).action_report_progress()
        session.action_schedule()
        with self.assertRaisesRegex(UserError, "Only the members"):
            session.with_user(self.facilitator).action_report_progress()
        self.assertTrue(session.with_user(self.author).is_active_member)
        self.assertFalse(session.with_user(self.facilitator).is_active_member)
        self.assertFalse(session.with_user(self.officer).is_active_member)
        result = session.with_user(self.author).action_report_progress()
        self.assertEqual(result["context"]["default_session_id"], session.id)
        action = self._create_action()
        note = action.with_user(self.author)._report_progress(PROGRESS, session=session)
        self.assertEqual((note.session_id, note.user_id), (session, self.author))
        other_session = self._create_session(community=self.community_other)
        with self.assertRaises(ValidationError):
            self._add_progress(action, session_id=other_session.id)
        with self.assertRaisesRegex(UserError, "stays on its action"):
            note.write({"action_id": self._create_action(name="Other").id})
