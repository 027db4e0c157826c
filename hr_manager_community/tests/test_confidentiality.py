# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The confidentiality table of DESIGN.md section 5, role by role, through
every ORM access path: search, read, read_group, name_search, search_count,
export, attachments and chatter."""

import base64

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests.common import tagged

from ..models.hr_manager_community_situation import NARRATIVE_FIELDS
from .common import ManagerCommunityCase

CONFIDENTIAL_MODELS = (
    "hr.manager.community.situation",
    "hr.manager.community.session.note",
)
LOGISTICS_MODELS = (
    "hr.manager.community",
    "hr.manager.community.member",
    "hr.manager.community.session",
    "hr.manager.community.attendance",
    "hr.manager.community.session.agenda.line",
)


@tagged("post_install", "-at_install")
class TestConfidentiality(ManagerCommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.portal_fellow = cls.members[4].user_id
        cls.leaver = cls.members[5].user_id
        cls.session = cls._create_session()
        cls.session.action_schedule()
        cls.session.action_start()
        cls.note = cls.env["hr.manager.community.session.note"].create(
            {
                "session_id": cls.session.id,
                "name": "Round",
                "body": "<p>SECRET-NOTE</p>",
            }
        )
        cls.draft = cls._create_situation(name="Draft of author")
        cls.submitted = cls._create_situation(name="Submitted by author")
        cls.submitted.with_user(cls.author).action_submit()
        cls.fellow_draft = cls._create_situation(
            member=cls.members[1], name="Draft of fellow"
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "situation.txt",
                "res_model": "hr.manager.community.situation",
                "res_id": cls.submitted.id,
                "datas": base64.b64encode(b"SECRET-ATTACHMENT"),
            }
        )
        cls.members[5].action_leave()
        cls.session.attendance_ids.filtered(
            lambda a: a.user_id == cls.leaver
        ).action_mark_present()
        cls.situations = cls.draft | cls.submitted | cls.fellow_draft
        cls.nobody = (
            cls.officer,
            cls.admin_user,
            cls.director,
            cls.outsider,
            cls.hr_manager,
            cls.facilitator_other,
            cls.leaver,
        )

    # ---------------------------------------------------------------- helpers

    def _visible(self, user, records):
        Model = records.env[records._name].with_user(user)
        return Model.search([("id", "in", records.ids)])

    def assertSees(self, user, records, expected):
        """``user`` finds exactly ``expected`` among ``records``, whatever the
        path: search, search_count, read_group, name_search and read."""
        Model = records.env[records._name].with_user(user)
        domain = [("id", "in", records.ids)]
        self.assertEqual(Model.search(domain), expected.with_user(user), user.login)
        self.assertEqual(Model.search_count(domain), len(expected), user.login)
        groups = Model.read_group(domain, ["id:count"], [])
        self.assertEqual(
            groups[0]["__count"] if groups else 0, len(expected), user.login
        )
        if "name" in Model._fields and expected:
            found = Model.name_search(expected[0].display_name, limit=100)
            self.assertIn(expected[0].id, [row[0] for row in found])
        for record in records - expected:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record}"):
                record.with_user(user).read(["display_name"])
            if "name" in Model._fields and record.sudo().name:
                found = Model.name_search(record.sudo().name, limit=100)
                self.assertNotIn(record.id, [row[0] for row in found], user.login)
        if expected:
            # Every field the user's groups may read, on every visible record.
            expected.with_user(user).read(list(Model.fields_get(attributes=["type"])))

    # ------------------------------------------------------------- situations

    def test_author_sees_own_drafts_and_community(self):
        self.assertSees(self.author, self.situations, self.draft | self.submitted)

    def test_fellow_member_sees_submitted_and_own_draft(self):
        self.assertSees(
            self.fellow, self.situations, self.submitted | self.fellow_draft
        )
        self.assertSees(self.portal_fellow, self.situations, self.submitted)

    def test_facilitator_sees_non_drafts_of_own_community(self):
        self.assertSees(self.facilitator, self.situations, self.submitted)
        self.submitted.with_user(self.facilitator).analysis_managerial = "Reframed"
        with self.assertRaises(AccessError):
            self.draft.with_user(self.facilitator).write({"learnings": "no"})

    def test_nobody_else_sees_any_situation(self):
        for user in self.nobody:
            with self.subTest(user=user.login):
                self.assertSees(
                    user, self.situations, self.env["hr.manager.community.situation"]
                )

    def test_superuser_groups_do_not_widen_rules(self):
        rules = self.env["ir.rule"].search(
            [("model_id.model", "in", CONFIDENTIAL_MODELS + LOGISTICS_MODELS)]
        )
        self.assertTrue(rules)
        self.assertFalse(
            rules.filtered("groups"), "confidentiality rules must be global"
        )
        # Even an HR officer who is also a settings administrator reads nothing.
        self.admin_user.groups_id |= self.env.ref("base.group_system")
        self.assertSees(
            self.admin_user, self.situations, self.env["hr.manager.community.situation"]
        )

    def test_export_obeys_rules(self):
        export_group = self.env.ref("base.group_allow_export")
        for user in (self.officer, self.director):
            user.groups_id |= export_group
            with self.assertRaises(AccessError):
                self.submitted.with_user(user).export_data(["name", "description"])
        self.fellow.groups_id |= export_group
        rows = self.submitted.with_user(self.fellow).export_data(["name"])["datas"]
        self.assertEqual(rows, [["Submitted by author"]])

    def test_attachments_follow_the_situation(self):
        Attachment = self.env["ir.attachment"]
        for user in self.nobody:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.attachment.with_user(user).read(["datas"])
            if user.share:
                # Portal users may not search attachments at all.
                with self.assertRaises(AccessError):
                    Attachment.with_user(user).search([("id", "=", self.attachment.id)])
            else:
                self.assertFalse(
                    Attachment.with_user(user).search([("id", "=", self.attachment.id)])
                )
        data = self.attachment.with_user(self.fellow).read(["datas"])[0]["datas"]
        self.assertEqual(base64.b64decode(data), b"SECRET-ATTACHMENT")

    def test_situations_have_no_chatter(self):
        Situation = self.env["hr.manager.community.situation"]
        self.assertNotIn("message_ids", Situation._fields)
        self.assertNotIn("message_follower_ids", Situation._fields)
        self.assertNotIn("activity_ids", Situation._fields)

    def test_transitions_leak_no_text_in_messages_or_logs(self):
        self.submitted.with_user(self.facilitator).session_id = self.session
        self.submitted.with_user(self.facilitator).action_select()
        self.submitted.with_user(self.facilitator).action_discuss()
        self.session.attendance_ids.action_mark_present()
        self.session.action_finish()
        messages = self.env["mail.message"].sudo().search([])
        bodies = " ".join(str(m.body) + str(m.subject or "") for m in messages)
        self.assertNotIn("SECRET", bodies)
        self.assertNotIn("Submitted by author", bodies)
        tracked = self.env["mail.tracking.value"].sudo().search([])
        tracked_text = " ".join(
            str(t.old_value_char or "") + str(t.new_value_char or "") for t in tracked
        )
        self.assertNotIn("SECRET", tracked_text)
        mails = self.env["mail.mail"].sudo().search([])
        self.assertNotIn("SECRET", " ".join(str(m.body_html) for m in mails))

    # ---------------------------------------------------------- session notes

    def test_session_notes_stay_in_the_group(self):
        notes = self.note
        for user in (self.author, self.fellow, self.portal_fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertSees(user, notes, notes)
        empty = self.env["hr.manager.community.session.note"]
        for user in self.nobody:
            with self.subTest(user=user.login):
                self.assertSees(user, notes, empty)
        with self.assertRaises(AccessError):
            self.note.with_user(self.fellow).write({"body": "changed"})
        self.note.with_user(self.facilitator).write({"body": "<p>edited</p>"})

    # -------------------------------------------------------------- logistics

    def test_logistics_readers(self):
        community = self.community | self.community_other
        for user in (self.officer, self.admin_user, self.director):
            with self.subTest(user=user.login):
                self.assertSees(user, community, community)
                self.assertSees(user, self.session, self.session)
                self.assertSees(
                    user, self.session.attendance_ids, self.session.attendance_ids
                )
        for user in (self.author, self.portal_fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertSees(user, community, self.community)
                self.assertSees(user, self.session, self.session)
                self.assertSees(
                    user, self.session.agenda_line_ids, self.session.agenda_line_ids
                )
        for user in (self.outsider, self.hr_manager):
            with self.subTest(user=user.login):
                self.assertSees(user, community, self.env["hr.manager.community"])
                self.assertSees(
                    user, self.session, self.env["hr.manager.community.session"]
                )
        self.assertSees(self.facilitator_other, community, self.community_other)
        self.assertSees(self.facilitator_other, self.session, self.session.browse())

    def test_member_who_left_keeps_own_past_attendance_only(self):
        own = self.session.attendance_ids.filtered(lambda a: a.user_id == self.leaver)
        self.assertSees(self.leaver, self.session.attendance_ids, own)
        self.assertSees(self.leaver, self.community, self.community.browse())
        self.assertSees(self.leaver, self.session, self.session.browse())

    def test_logistics_writers(self):
        self.session.with_user(self.officer).location = "Room 9"
        self.session.with_user(self.facilitator).location = "Room 10"
        self.community.with_user(self.facilitator).planned_session_count = 10
        for user in (self.director, self.author, self.facilitator_other, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.session.with_user(user).write({"location": "Elsewhere"})
        with self.assertRaises(AccessError):
            self.community.with_user(self.director).write({"name": "Renamed"})
        self.assertEqual(self.session.location, "Room 10")

    def test_memberships_visible_to_the_group_and_organisers(self):
        members = self.members | self.member_other
        self.assertSees(self.officer, members, members)
        self.assertSees(self.fellow, members, self.members)
        self.assertSees(self.facilitator_other, members, self.member_other)
        self.assertSees(self.outsider, members, self.members.browse())
        with self.assertRaises(AccessError):
            self.members[1].with_user(self.fellow).write(
                {"employee_id": self.managers[8].id}
            )

    def test_community_chatter_follows_the_community(self):
        message = self.community.message_post(body="Session moved to room 4")
        self.assertTrue(message.with_user(self.officer).read(["body"]))
        self.assertTrue(message.with_user(self.author).read(["body"]))
        with self.assertRaises(AccessError):
            message.with_user(self.outsider).read(["body"])

    # ------------------------------------------------------------------ purge

    def test_narratives_purged_months_after_closing(self):
        self.submitted.factor_ids = self.env.ref(
            "hr_manager_community.factor_gollac_intensity"
        )
        self.community.action_close()
        Community = self.env["hr.manager.community"]
        Community._cron_purge_narratives()
        self.assertIn("SECRET", self.submitted.description, "purged too early")
        self.community.date_closed = self.community.date_closed - relativedelta(
            months=7
        )
        Community._cron_purge_narratives()
        self.assertTrue(self.community.date_purged)
        for situation in self.situations:
            for field_name in NARRATIVE_FIELDS[1:]:
                self.assertFalse(situation[field_name], field_name)
            self.assertEqual(situation.name, "Purged situation")
        # Aggregates keep what they count.
        self.assertEqual(self.submitted.state, "submitted")
        self.assertEqual(self.submitted.factor_ids.code, "GOLLAC-1")
        self.assertFalse(self.note.exists())
        self.assertFalse(self.attachment.exists())

    def test_session_chatter_follows_the_session(self):
        message = self.session.message_post(body="Room changed to B12")
        for user in (self.officer, self.director, self.facilitator, self.author):
            with self.subTest(user=user.login):
                self.assertTrue(message.with_user(user).read(["body"]))
        for user in (
            self.outsider,
            self.facilitator_other,
            self.leaver,
            self.hr_manager,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                message.with_user(user).read(["body"])
