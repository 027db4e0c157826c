# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confidentiality on the side paths (issue "confidentiality on every path"):
many2one display names read with elevated rights, followers, notifications
and tracking values, session calendar events and attendees, the transition
log, and the hardening of the confidential models."""

import json
import logging

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase, new_test_user, tagged

from .common import ManagerCommunityCase
from .common_action_plan import ActionPlanCase

# The models holding what is said in the group (DESIGN.md section 5).
CONFIDENTIAL_MODELS = (
    "hr.manager.community.situation",
    "hr.manager.community.action.plan",
    "hr.manager.community.action",
    "hr.manager.community.action.progress",
    "hr.manager.community.feedback",
    "hr.manager.community.feedback.vote",
    "hr.manager.community.session.note",
)
# Who is in which group: followers and attendees of these tell it.
LOGISTICS_MODELS = (
    "hr.manager.community",
    "hr.manager.community.member",
    "hr.manager.community.session",
)
DRAFT_TITLE = "SECRET-DRAFT-TITLE renamed after the reset"


class SidePathCase(ActionPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.system_admin = new_test_user(
            cls.env, "mc_system_admin", groups="base.group_user,base.group_system"
        )
        cls.readers_of_nothing = (
            cls.officer,
            cls.admin_user,
            cls.director,
            cls.outsider,
            cls.hr_manager,
            cls.system_admin,
            cls.facilitator_other,
        )


@tagged("post_install", "-at_install")
class TestLinkedRecordNames(SidePathCase):
    """Cause 1: a many2one's display name is read with elevated rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.situation = cls._create_situation(name="Title the group worked on")
        cls.situation.with_user(cls.author).action_submit()
        # "Select for a Session" asks which session unless the situation has one
        session = cls._create_session()
        cls.situation.with_user(cls.facilitator).write({"session_id": session.id})
        cls.situation.with_user(cls.facilitator).action_select()
        cls.situation.with_user(cls.fellow).action_create_plan_action()
        cls.action = cls.Action.search([("situation_id", "=", cls.situation.id)])
        cls.action.plan_id.with_user(cls.fellow).share_with_facilitator = True

    def _names_seen(self, user):
        action = self.action.with_user(user)
        Action = self.Action.with_user(user)
        return [
            action.read(["situation_id"])[0]["situation_id"][1],
            Action.search_read([("id", "=", action.id)], ["situation_id"])[0][
                "situation_id"
            ][1],
            action.web_read({"situation_id": {"fields": {"display_name": {}}}})[0][
                "situation_id"
            ]["display_name"],
            action.sudo().situation_id.display_name,
        ]

    def test_withdrawn_renamed_draft_title_is_not_shown(self):
        self.assertEqual(len(self.action), 1)
        for user in (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertEqual(
                    set(self._names_seen(user)), {"Title the group worked on"}
                )
        as_author = self.situation.with_user(self.author)
        as_author.action_withdraw()
        as_author.action_reset_to_draft()
        as_author.name = DRAFT_TITLE
        self.env.invalidate_all()
        for user in (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.situation.with_user(user).read(["name"])
                seen = self._names_seen(user)
                self.assertEqual(set(seen), {"Confidential"}, seen)
        # The author reads their own draft, under its new title.
        self.assertEqual(
            self.situation.with_user(self.author).sudo().display_name, DRAFT_TITLE
        )

    def test_names_of_records_read_through_a_link(self):
        # Every confidential model hides its display name from who may not
        # read the record, even when computed with sudo().
        private = self._create_action(name="SECRET-PRIVATE-ACTION")
        progress = self._add_progress(private)
        for user in self.readers_of_nothing + (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                for record in (private, private.plan_id, progress):
                    self.assertEqual(
                        record.with_user(user).sudo().display_name, "Confidential"
                    )
        self.assertEqual(
            private.with_user(self.author).sudo().display_name,
            "SECRET-PRIVATE-ACTION",
        )


@tagged("post_install", "-at_install")
class TestMessagingRows(SidePathCase):
    """Cause 3: followers, notifications and tracking values of confidential
    records obey the record's own rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private = cls._create_action(name="Private", date_deadline=cls.deadline)
        cls.private.with_user(cls.author).action_start()
        cls.message = cls.private.message_post(
            body="Status only", message_type="notification"
        )
        cls.notification = cls.env["mail.notification"].create(
            {
                "mail_message_id": cls.message.id,
                "res_partner_id": cls.author.partner_id.id,
                "notification_type": "inbox",
            }
        )
        # What Odoo writes when the status changes, on the action's message.
        cls.tracking = cls.env["mail.tracking.value"].create(
            {
                "field_id": cls.env["ir.model.fields"]
                ._get(cls.Action._name, "state")
                .id,
                "old_value_char": "To Do",
                "new_value_char": "In Progress",
                "mail_message_id": cls.message.id,
            }
        )

    def test_followers_of_a_private_action(self):
        Followers = self.env["mail.followers"]
        followers = Followers.search(
            [("res_model", "=", self.Action._name), ("res_id", "=", self.private.id)]
        )
        self.assertEqual(followers.partner_id, self.author.partner_id)
        self.assertEqual(
            Followers.with_user(self.author).search(
                [("res_model", "=", self.Action._name)]
            ),
            followers,
        )
        followers.with_user(self.author).read(["partner_id"])
        for user in self.readers_of_nothing + (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                as_user = Followers.with_user(user)
                self.assertFalse(
                    as_user.search([("res_model", "=", self.Action._name)])
                )
                groups = as_user.read_group(
                    [("res_model", "=", self.Action._name)], ["res_id"], ["res_id"]
                )
                self.assertFalse(groups)
                with self.assertRaises(AccessError):
                    followers.with_user(user).read(["partner_id"])

    def test_followers_of_a_community(self):
        Followers = self.env["mail.followers"]
        self.community.message_subscribe(partner_ids=self.author.partner_id.ids)
        rows = Followers.search(
            [
                ("res_model", "=", self.community._name),
                ("res_id", "=", self.community.id),
            ]
        )
        self.assertTrue(rows)
        for user in (self.officer, self.director, self.facilitator, self.fellow):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Followers.with_user(user).search([("id", "in", rows.ids)]), rows
                )
        for user in (self.outsider, self.system_admin, self.facilitator_other):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Followers.with_user(user).search([("id", "in", rows.ids)])
                )
                with self.assertRaises(AccessError):
                    rows.with_user(user).read(["partner_id"])

    def test_notifications_and_tracking_values(self):
        self.assertTrue(self.tracking, "the action's status is tracked")
        Notification = self.env["mail.notification"]
        Tracking = self.env["mail.tracking.value"]
        self.assertEqual(
            Notification.with_user(self.author).search(
                [("id", "=", self.notification.id)]
            ),
            self.notification,
        )
        for user in self.readers_of_nothing + (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Notification.with_user(user).search(
                        [("id", "=", self.notification.id)]
                    )
                )
                if Notification.with_user(user).has_access("read"):
                    with self.assertRaises(AccessError):
                        self.notification.with_user(user).read(["res_partner_id"])
        # The technical administrator reads tracking values of every record
        # (Odoo's access), except those of records the table hides from them.
        self.assertFalse(
            Tracking.with_user(self.system_admin).search(
                [("id", "in", self.tracking.ids)]
            )
        )
        with self.assertRaises(AccessError):
            self.tracking.with_user(self.system_admin).read(["new_value_char"])
        other = self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]._get("res.partner", "name").id,
                "old_value_char": "a",
                "new_value_char": "b",
                "mail_message_id": self.env.ref("base.partner_admin")
                .message_post(body="x")
                .id,
            }
        )
        self.assertEqual(
            Tracking.with_user(self.system_admin).search([("id", "=", other.id)]),
            other,
        )


@tagged("post_install", "-at_install")
class TestSessionCalendar(SidePathCase):
    """Cause 4: the calendar event and attendees of a session tell who is in
    which community."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._create_session()
        cls.session.action_schedule()
        cls.event = cls.session.calendar_event_id
        cls.other_event = cls.env["calendar.event"].create(
            {
                "name": "Ordinary meeting",
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now(),
                "partner_ids": [fields.Command.set(cls.director.partner_id.ids)],
            }
        )

    def test_event_and_attendees_by_role(self):
        self.assertEqual(self.event.res_model, self.session._name)
        self.assertEqual(self.event.res_id, self.session.id)
        self.assertTrue(self.event.attendee_ids)
        Event = self.env["calendar.event"]
        Attendee = self.env["calendar.attendee"]
        readers = (self.officer, self.admin_user, self.director, self.facilitator)
        readers += tuple(self.members.user_id.filtered(lambda u: not u.share))
        for user in readers:
            with self.subTest(user=user.login):
                self.assertEqual(
                    Event.with_user(user).search([("id", "=", self.event.id)]),
                    self.event,
                )
                self.assertEqual(
                    Attendee.with_user(user).search([("event_id", "=", self.event.id)]),
                    self.event.attendee_ids,
                )
        for user in (self.outsider, self.system_admin, self.facilitator_other):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Event.with_user(user).search([("id", "=", self.event.id)])
                )
                self.assertFalse(
                    Attendee.with_user(user).search(
                        [("id", "in", self.event.attendee_ids.ids)]
                    )
                )
                self.assertFalse(
                    Attendee.with_user(user).read_group(
                        [("event_id", "=", self.event.id)],
                        ["partner_id"],
                        ["partner_id"],
                    )
                )
                with self.assertRaises(AccessError):
                    self.event.attendee_ids.with_user(user).read(["partner_id"])
                # Other events stay as Odoo shows them.
                self.assertEqual(
                    Event.with_user(user).search([("id", "=", self.other_event.id)]),
                    self.other_event,
                )
                self.assertTrue(
                    Attendee.with_user(user).search(
                        [("event_id", "=", self.other_event.id)]
                    )
                )
        # The description carries logistics only.
        self.assertNotIn("SECRET", str(self.event.description))


@tagged("post_install", "-at_install")
class TestTransitionLogKeepsNoUser(SidePathCase):
    """Cause 5: the log of situations and actions names nobody."""

    def _logs(self, record):
        return self.env["hr.manager.community.transition.log"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_situation_and_action_moves(self):
        situation = self._create_situation()
        situation.with_user(self.author).action_submit()
        situation.with_user(self.author).action_withdraw()
        action = self._create_action()
        action.with_user(self.author).action_start()
        action.with_user(self.author).action_complete()
        for record, count in ((situation, 2), (action, 2)):
            logs = self._logs(record)
            self.assertEqual(len(logs), count)
            self.assertFalse(logs.user_id)
            self.assertEqual(logs.create_uid.ids, [SUPERUSER_ID])
            self.assertEqual(logs.write_uid.ids, [SUPERUSER_ID])
            for values in logs.read(["user_id", "create_uid", "write_uid"]):
                self.assertFalse(values["user_id"])
                self.assertNotEqual(values["create_uid"][0], self.author.id)

    def test_logistics_moves_keep_their_user(self):
        session = self._create_session()
        session.with_user(self.officer).action_schedule()
        self.assertEqual(self._logs(session).user_id, self.officer)


@tagged("post_install", "-at_install")
class TestHardening(SidePathCase):
    """Must show 6: the confidential models refuse sudo commands, no
    relation to them is auto-joined, no field elsewhere copies their text,
    and no marker of confidential text reaches the mail queue or the log."""

    def test_no_sudo_commands(self):
        for name in CONFIDENTIAL_MODELS:
            with self.subTest(model=name):
                self.assertIs(self.env[name]._allow_sudo_commands, False)

    def test_no_auto_join_on_confidential_relations(self):
        guarded = set(CONFIDENTIAL_MODELS + LOGISTICS_MODELS)
        for model_name in self.env.registry:
            Model = self.env[model_name]
            for field in Model._fields.values():
                if not field.relational or not getattr(field, "auto_join", False):
                    continue
                with self.subTest(field=f"{model_name}.{field.name}"):
                    # An auto_join skips the comodel's record rules.
                    self.assertNotIn(field.comodel_name, guarded)

    def test_no_copy_of_confidential_text(self):
        texts = ("char", "text", "html")
        for model_name in self.env.registry:
            if model_name in CONFIDENTIAL_MODELS:
                continue
            Model = self.env[model_name]
            for field in Model._fields.values():
                if not field.related or field.type not in texts:
                    continue
                path = field.related.split(".")
                model = Model
                crossed = False
                for name in path[:-1]:
                    model = self.env[model._fields[name].comodel_name]
                    crossed = crossed or model._name in CONFIDENTIAL_MODELS
                with self.subTest(field=f"{model_name}.{field.name}"):
                    self.assertFalse(
                        crossed, f"{model_name}.{field.name} copies {field.related}"
                    )

    def test_no_marker_in_mail_queue_activities_calendar_or_log(self):
        marker = "SECRET-MARKER-7f3a"
        records = []
        handler = _Capture()
        odoo_logger = logging.getLogger("odoo")
        previous = odoo_logger.level
        odoo_logger.addHandler(handler)
        # What a server logs in production (--log-level=info); the SQL debug
        # log holds every value by nature, like the database itself.
        odoo_logger.setLevel(logging.INFO)
        try:
            situation = self._create_situation(
                name=f"{marker} title",
                description=f"{marker} narrative",
                help_wanted=f"{marker} contract",
            )
            situation.with_user(self.author).action_submit()
            situation.with_user(self.facilitator).action_select()
            session = self._create_session()
            session.action_schedule()
            self.env.cr.precommit.run()
            action = self._create_action(
                name=f"{marker} action",
                detail=f"{marker} detail",
                date_deadline=self.deadline,
                share_with_group=True,
                bring_to_review=True,
            )
            self._add_progress(action, note=f"{marker} progress")
            action.with_user(self.author).action_start()
            feedback = self.env["hr.manager.community.feedback"].create(
                {
                    "community_id": self.community.id,
                    "name": f"{marker} feedback",
                    "description": f"{marker} feedback text",
                }
            )
            records += [situation, action, feedback]
            self.env.flush_all()
            self.env.cr.precommit.run()
        finally:
            odoo_logger.removeHandler(handler)
            odoo_logger.setLevel(previous)
        self.assertNotIn(marker, "\n".join(handler.lines))
        mails = self.env["mail.mail"].sudo().search([])
        self.assertNotIn(
            marker,
            " ".join(str(m.body_html or "") + str(m.subject or "") for m in mails),
        )
        events = self.env["calendar.event"].sudo().with_context(active_test=False)
        self.assertNotIn(
            marker,
            " ".join(
                str(e.description or "") + str(e.name or "") for e in events.search([])
            ),
        )
        # Messages, tracking values, activities (the follow-up on the action,
        # read by its author only, carries the title: DESIGN's reminders).
        text = self._all_text_sent()
        self.assertNotIn(f"{marker} narrative", text)
        self.assertNotIn(f"{marker} detail", text)
        self.assertNotIn(f"{marker} progress", text)
        self.assertNotIn(f"{marker} contract", text)
        self.assertNotIn(f"{marker} feedback text", text)
        self.assertEqual(len(records), 3)


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestCountersBadInput(HttpCase, ManagerCommunityCase):
    """Cause 7: ``/my/counters`` with counters that are not a list of names
    answers a clear 400-like JSON error, never a server error."""

    def _call(self, params):
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        return self.url_open(
            "/my/counters",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )

    def test_malformed_counters(self):
        user = self.members[0].user_id
        self.authenticate(user.login, user.login)
        for params in (
            {"counters": 5},
            {"counters": "mc_communities"},
            {"counters": {"mc_communities": 1}},
            {"counters": [1, 2]},
            {"counters": [["mc_communities"]]},
            {"counters": None},
            {},
        ):
            with self.subTest(params=params):
                response = self._call(params)
                self.assertEqual(response.status_code, 200)
                error = response.json().get("error")
                self.assertTrue(error, response.text)
                self.assertEqual(
                    error["data"]["name"], "werkzeug.exceptions.BadRequest"
                )
                self.assertIn("list of names", error["data"]["message"])
        response = self._call({"counters": ["mc_communities"]})
        self.assertEqual(response.json()["result"], {"mc_communities": 1})


@tagged("post_install", "-at_install")
class TestMultiCompany(ManagerCommunityCase):
    """Must show 2: an HR officer, a director or a facilitator of one company
    sees nothing of another company's communities and their life."""

    # Models of a community's life (those of the other addons when installed).
    MODELS = (
        "hr.manager.community",
        "hr.manager.community.member",
        "hr.manager.community.session",
        "hr.manager.community.attendance",
        "hr.manager.community.session.agenda.line",
        "hr.manager.community.session.note",
        "hr.manager.community.situation",
        "hr.manager.community.feedback",
        "hr.manager.community.feedback.vote",
        "hr.manager.community.action.plan",
        "hr.manager.community.action",
        "hr.manager.community.action.progress",
        "hr.manager.practice",
        "hr.manager.practice.endorsement",
        "hr.manager.charter",
        "hr.manager.charter.line",
        "hr.manager.charter.acknowledgement",
        "hr.manager.community.report",
        "hr.manager.community.perception.campaign",
    )
    OUR_ADDONS = (
        "hr_manager_community",
        "hr_manager_community_report",
        "hr_manager_community_charter",
        "hr_manager_community_appraisal",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other Company"})
        group = "base.group_user,hr_manager_community.group_community_%s"
        cls.people_b = cls.env["res.users"]
        for role in ("officer", "director", "facilitator", "admin"):
            user = new_test_user(
                cls.env,
                f"mc_b_{role}",
                groups=group % role,
                company_id=cls.company_b.id,
                company_ids=[(6, 0, cls.company_b.ids)],
            )
            cls.people_b |= user
        cls.session = cls._create_session()
        cls.session.action_schedule()
        cls.situation = cls._create_situation()
        cls.situation.with_user(cls.members[0].user_id).action_submit()
        cls.community_b = cls.env["hr.manager.community"].create(
            {
                "name": "Community of B",
                "company_id": cls.company_b.id,
                "facilitator_user_id": cls.people_b[2].id,
            }
        )

    def _company_of(self, record):
        for name in ("company_id", "community_id", "session_id", "charter_id"):
            if name in record._fields and record[name]:
                value = record[name]
                return value if name == "company_id" else self._company_of(value)
        return self.env["res.company"]

    def test_other_company_sees_nothing(self):
        for user in self.people_b:
            for name in self.MODELS:
                if name not in self.env:
                    continue
                Model = self.env[name].with_user(user)
                if not Model.has_access("read"):
                    continue
                with self.subTest(user=user.login, model=name):
                    if name == "hr.manager.community.report":
                        # Aggregates only: grouped by company.
                        groups = Model.read_group([], ["company_id"], ["company_id"])
                        self.assertNotIn(
                            self.company.id,
                            [g["company_id"][0] for g in groups if g["company_id"]],
                        )
                        continue
                    records = Model.search([])
                    companies = {
                        self._company_of(record.sudo()).id for record in records
                    }
                    self.assertNotIn(self.company.id, companies)
                    if (
                        Model._fields.get("company_id")
                        and Model._fields["company_id"].store
                    ):
                        self.assertFalse(
                            Model.search_count([("company_id", "=", self.company.id)])
                        )
        for user in self.people_b:
            with self.subTest(user=user.login):
                for record in (
                    self.community,
                    self.session,
                    self.members[0],
                    self.session.attendance_ids[:1],
                ):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["display_name"])
        # Their own company's community, they read.
        for user in self.people_b[:2]:
            self.assertEqual(
                self.env["hr.manager.community"].with_user(user).search([]),
                self.community_b,
            )

    def test_every_model_has_a_global_company_rule(self):
        Rule = self.env["ir.rule"]
        for name, model in self.env.registry.items():
            if model._abstract or model._original_module not in self.OUR_ADDONS:
                continue
            fields_ = model._fields
            scoped = (
                ("company_id" in fields_ and fields_["company_id"].store)
                or "community_id" in fields_
                or "session_id" in fields_
            )
            if not scoped:
                continue
            with self.subTest(model=name):
                rules = Rule.search(
                    [("model_id.model", "=", name), ("global", "=", True)]
                )
                self.assertTrue(
                    any("company_ids" in (r.domain_force or "") for r in rules),
                    f"{name} has no global multi-company rule",
                )
