# Copyright 2026 Manager Communities contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user, tagged

from odoo.addons.hr_manager_community.tests.common_action_plan import (
    DETAIL,
    PROGRESS,
    TITLE,
    ActionPlanCase,
)

REVIEW_FIELDS = {"name", "level", "date_deadline", "state"}
SUMMARY = "Community action brought to this review"


@tagged("post_install", "-at_install")
class TestAppraisalBridge(ActionPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraiser = new_test_user(
            cls.env,
            "mc_appraiser",
            name="Appraiser",
            groups="base.group_user,hr_appraisal_oca.group_appraisal_user",
        )
        cls.head.user_id = cls.appraiser
        cls.appraisal_officer = new_test_user(
            cls.env,
            "mc_appraisal_officer",
            groups="base.group_user,hr_appraisal_oca.group_appraisal_hr_officer",
        )
        cls.Appraisal = cls.env["hr.appraisal"]
        cls.Review = cls.env["hr.manager.community.review.action"]
        cls.appraisal_type = cls.env.ref(
            "hr_manager_community_appraisal.mail_activity_type_appraisal_action"
        )
        cls.appraisal = cls._create_appraisal(cls.managers[0])
        # Only an appraisal an HR appraisal officer confirmed is trusted.
        cls.appraisal.with_user(cls.appraisal_officer).action_confirm()
        cls.marked = cls._create_action(date_deadline=cls.deadline)
        cls.unmarked = cls._create_action(
            name="Unmarked action", detail="SECRET-UNMARKED"
        )
        cls.progress = cls._add_progress(cls.marked)
        cls.marked.with_user(cls.author).bring_to_review = True

    @classmethod
    def _create_appraisal(cls, employee, **values):
        return cls.Appraisal.create(
            dict(
                {
                    "employee_id": employee.id,
                    "date_close": date.today() + timedelta(days=10),
                },
                **values,
            )
        )

    def _appraisal_activities(self, appraisals=None):
        return self.Activity.search(
            [
                ("res_model", "=", "hr.appraisal"),
                ("res_id", "in", (appraisals or self.appraisal).ids),
                ("activity_type_id", "=", self.appraisal_type.id),
            ]
        )

    # ------------------------------------------------------ what is shown

    def test_appraiser_sees_marked_actions_four_fields(self):
        self.assertEqual(self.appraisal.manager_ids, self.head)
        self.assertTrue(self.appraisal.hr_manager_community_confirmed)
        rows = self.appraisal.with_user(self.appraiser).community_action_ids
        self.assertEqual(rows.ids, self.marked.ids)
        values = rows.read(list(REVIEW_FIELDS))[0]
        self.assertEqual(values["name"], TITLE)
        self.assertEqual(values["level"], "managerial")
        self.assertEqual(values["date_deadline"], self.deadline)
        self.assertEqual(values["state"], "todo")
        # The review model holds nothing but the four fields and its keys.
        stored = {
            name
            for name, field in self.Review._fields.items()
            if field.store and not field.automatic and name != "id"
        }
        self.assertEqual(
            stored, REVIEW_FIELDS | {"employee_id", "user_id", "company_id"}
        )
        # The status follows the action.
        self.marked.with_user(self.author).action_start()
        # Without flushing the action: the view flushes it before searching.
        self.Review.invalidate_model()
        self.appraisal.invalidate_recordset()
        rows = self.appraisal.with_user(self.appraiser).community_action_ids
        self.assertEqual(rows.state, "in_progress")
        # The employee sees the same on their own appraisal.
        own = self.appraisal.with_user(self.author).community_action_ids
        self.assertEqual(own.ids, self.marked.ids)

    def test_nothing_else_reaches_the_review(self):
        appraiser_actions = self.Action.with_user(self.appraiser)
        with self.assertRaises(AccessError):
            self.marked.with_user(self.appraiser).read(["name"])
        with self.assertRaises(AccessError):
            self.marked.with_user(self.appraiser).read(["detail"])
        with self.assertRaises(AccessError):
            self.unmarked.with_user(self.appraiser).read(["name"])
        with self.assertRaises(AccessError):
            self.progress.with_user(self.appraiser).read(["note"])
        with self.assertRaises(AccessError):
            self.plan.with_user(self.appraiser).read(["name"])
        self.assertFalse(appraiser_actions.search([]))
        self.assertFalse(self.Progress.with_user(self.appraiser).search([]))
        self.assertFalse(
            self.Review.with_user(self.appraiser).search(
                [("id", "=", self.unmarked.id)]
            )
        )
        self.assertNotIn(
            self.unmarked.id,
            self.appraisal.with_user(self.appraiser).community_action_ids.ids,
        )
        text = self._all_text_sent()
        self.assertNotIn("SECRET", text)
        self.assertNotIn("Unmarked action", text)

    def test_other_readers_of_the_appraisal_see_no_action(self):
        # An HR appraisal officer reads every appraisal, but is no appraiser.
        self.assertTrue(
            self.appraisal.with_user(self.appraisal_officer).read(["employee_id"])
        )
        for user in (
            self.appraisal_officer,
            self.officer,
            self.director,
            self.facilitator,
            self.fellow,
            self.outsider,
        ):
            with self.subTest(user=user.login):
                self.assertFalse(self.Review.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.Review.browse(self.marked.id).with_user(user).read(["name"])
                if self.appraisal.with_user(user).has_access("read"):
                    self.assertFalse(
                        self.appraisal.with_user(user).community_action_ids
                    )

    def test_done_appraisal_closes_the_window(self):
        self.appraisal.action_confirm()
        self.assertTrue(self.appraisal.with_user(self.appraiser).community_action_ids)
        self.appraisal.action_done()
        self.appraisal.invalidate_recordset()
        self.assertFalse(self.appraisal.with_user(self.appraiser).community_action_ids)
        self.assertFalse(self.Review.with_user(self.appraiser).search([]))

    # --------------------------------------------------------- activities

    def test_follow_up_activity_on_the_appraisal(self):
        activity = self._appraisal_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.appraiser)
        # Every reader of the appraisal may read its activities: the summary
        # says "an action", the title is on the Community Actions page.
        self.assertEqual(activity.summary, SUMMARY)
        self.assertEqual(activity.hr_manager_community_action_ref, self.marked.id)
        self.assertFalse(activity.note)
        self.assertEqual(activity.date_deadline, self.appraisal.date_close)
        self.assertEqual(
            activity.with_user(self.appraiser).read(["summary"])[0]["summary"], SUMMARY
        )
        # No activity on the employee record when appraisals are in use.
        self.assertFalse(
            self.Activity.search(
                [
                    ("res_model", "=", "hr.employee"),
                    ("hr_manager_community_action_ref", "=", self.marked.id),
                ]
            )
        )
        self.marked.with_user(self.author).name = "Renamed action"
        self.assertEqual(activity.summary, SUMMARY)
        # The appraiser marks it done: the message on the appraisal holds the
        # neutral summary and whatever feedback the appraiser writes.
        activity.with_user(self.appraiser).action_feedback()
        message = self.appraisal.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.appraisal_type
        )
        self.assertTrue(message)
        self.assertNotIn("Renamed action", str(message.body))
        text = self._appraisal_text()
        self.assertNotIn("Renamed action", text)
        self.assertNotIn(TITLE, text)
        self.assertNotIn("SECRET", self._all_text_sent())

    def test_several_actions_marked_in_one_write(self):
        # A backend multi-edit on several actions of one author: one
        # follow-up per action on the appraisal, the appraiser followed once.
        actions = self.Action.browse(
            [self._create_action(name=f"Multi {index}").id for index in range(3)]
        )
        actions.with_user(self.author).write({"bring_to_review": True})
        activities = self._appraisal_activities().filtered(
            lambda a: a.hr_manager_community_action_ref in actions.ids
        )
        self.assertEqual(len(activities), 3)
        self.assertEqual(activities.user_id, self.appraiser)
        self.assertEqual(
            len(
                self.appraisal.message_follower_ids.filtered(
                    lambda f: f.partner_id == self.appraiser.partner_id
                )
            ),
            1,
        )
        self.assertEqual(
            set(self.appraisal.with_user(self.appraiser).community_action_ids.ids),
            {self.marked.id, *actions.ids},
        )

    def _appraisal_text(self):
        """Every text of activities, messages and mails about appraisals."""
        activities = self.Activity.with_context(active_test=False).search(
            [("res_model", "=", "hr.appraisal")]
        )
        messages = self.env["mail.message"].search([("model", "=", "hr.appraisal")])
        mails = self.env["mail.mail"].search([("model", "=", "hr.appraisal")])
        return " ".join(
            [str(a.summary or "") + str(a.note or "") for a in activities]
            + [str(m.body or "") + str(m.subject or "") for m in messages]
            + [str(m.body_html or "") + str(m.subject or "") for m in mails]
        )

    def test_unmarking_takes_the_action_back(self):
        self.marked.with_user(self.author).bring_to_review = False
        self.assertFalse(self._appraisal_activities())
        self.assertFalse(self.appraisal.with_user(self.appraiser).community_action_ids)
        self.assertFalse(self.Review.with_user(self.author).search([]))

    def test_appraisal_created_later_picks_up_marked_actions(self):
        self.appraisal.action_confirm()
        self.appraisal.action_done()
        done = self._create_action(name="Finished", bring_to_review=True)
        done.with_user(self.author).action_complete()
        later = self._create_appraisal(self.managers[0])
        # Not trusted before HR confirms it.
        self.assertFalse(self._appraisal_activities(later))
        self.assertFalse(later.with_user(self.appraiser).community_action_ids)
        later.with_user(self.appraisal_officer).action_confirm()
        activities = self._appraisal_activities(later)
        self.assertEqual(
            activities.mapped("hr_manager_community_action_ref"),
            [self.marked.id],
            "open marked actions only",
        )
        self.assertEqual(activities.mapped("summary"), [SUMMARY])
        self.assertEqual(
            set(later.with_user(self.appraiser).community_action_ids.ids),
            {self.marked.id, done.id},
        )
        # Another employee's appraisal shows nothing of this plan.
        other = self._create_appraisal(self.managers[1])
        other.with_user(self.appraisal_officer).action_confirm()
        self.assertFalse(other.with_user(self.appraiser).community_action_ids)
        self.assertFalse(self._appraisal_activities(other))

    def test_marking_without_appraisal_waits_for_one(self):
        self.appraisal.action_confirm()
        self.appraisal.action_done()
        action = self._create_action(name="Later", detail=DETAIL, bring_to_review=True)
        self.assertFalse(
            self.Activity.search([("hr_manager_community_action_ref", "=", action.id)])
        )
        self.assertNotIn(PROGRESS, self._all_text_sent())

    # ------------------------------------------------------ trust (leak 2)

    def test_self_named_appraiser_reads_nothing(self):
        """A fellow member or a director creates an appraisal of the author
        and names himself its manager: the bridge shows him nothing, whether
        he confirms it himself, HR confirms it, or nobody does."""
        fellow_employee = self.managers[1]
        director_employee = self.env["hr.employee"].create(
            {"name": "Director", "user_id": self.director.id}
        )
        for intruder, employee in (
            (self.fellow, fellow_employee),
            (self.director, director_employee),
        ):
            with self.subTest(user=intruder.login):
                appraisal = self._create_appraisal(
                    self.managers[0], manager_ids=[(6, 0, employee.ids)]
                )
                self.assertEqual(appraisal.manager_ids, employee)
                self.assertFalse(appraisal.with_user(intruder).community_action_ids)
                appraisal.with_user(intruder).action_confirm()
                self.assertFalse(appraisal.hr_manager_community_confirmed)
                self.assertFalse(self.Review.with_user(intruder).search([]))
                self.assertFalse(self._appraisal_activities(appraisal))
                # Confirmed by HR, he is still outside the author's hierarchy.
                appraisal.with_user(self.appraisal_officer).action_confirm()
                self.assertTrue(appraisal.hr_manager_community_confirmed)
                appraisal.invalidate_recordset()
                self.assertFalse(appraisal.with_user(intruder).community_action_ids)
                self.assertFalse(self.Review.with_user(intruder).search([]))
                with self.assertRaises(AccessError):
                    self.Review.browse(self.marked.id).with_user(intruder).read(
                        ["name"]
                    )
                for activity in self._appraisal_activities(appraisal):
                    self.assertNotEqual(activity.user_id, intruder)
        self.assertNotIn(TITLE, self._appraisal_text())

    def test_changing_managers_needs_a_new_confirmation(self):
        self.assertTrue(self.Review.with_user(self.appraiser).search([]))
        # The appraiser (no HR officer) adds a fellow member as manager.
        self.appraisal.with_user(self.appraiser).write(
            {"manager_ids": [(6, 0, (self.head | self.managers[1]).ids)]}
        )
        self.assertFalse(self.appraisal.hr_manager_community_confirmed)
        self.Review.invalidate_model()
        self.assertFalse(self.Review.with_user(self.appraiser).search([]))
        self.assertFalse(self.Review.with_user(self.fellow).search([]))
        # HR confirms again: the real line manager reads, the fellow does not.
        self.appraisal.with_user(self.appraisal_officer).action_back()
        self.appraisal.with_user(self.appraisal_officer).action_confirm()
        self.Review.invalidate_model()
        self.assertEqual(
            self.Review.with_user(self.appraiser).search([]).ids, self.marked.ids
        )
        self.assertFalse(self.Review.with_user(self.fellow).search([]))
