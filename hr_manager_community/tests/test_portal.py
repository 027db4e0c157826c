# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The managers' portal, route by route and role by role (DESIGN.md section 5),
and bad input: foreign, unknown, negative or oversize ids and fields, script
in text, forged and replayed POSTs."""

import re

from odoo import fields
from odoo.tests.common import HttpCase, new_test_user, tagged

from ..models.text_limits import NAME_MAX_LENGTH, TEXT_MAX_LENGTH
from .common import ManagerCommunityCase
from .common_action_plan import ActionPlanCase

# The token of a page form, or the one every frontend page gives its scripts.
CSRF_RE = re.compile(r'(?:name="csrf_token" value="|csrf_token: ")([^"]+)"')


class PortalCase(HttpCase, ManagerCommunityCase):
    """The fixture's communities seen through the portal.

    ``author`` (internal) and ``fellow`` / ``portal_fellow`` are active
    members of ``community``; ``leaver`` left it; ``portal_outsider`` is a
    portal user of no community. ``meeting`` is a scheduled session; the author has a
    draft and a submitted situation, the fellow a draft and a submitted one.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.newcomer = cls.members[2].user_id
        cls.leaver = cls.members[3].user_id
        cls.portal_fellow = cls.members[4].user_id
        cls.portal_outsider = new_test_user(
            cls.env, "mc_portal_outsider", groups="base.group_portal"
        )
        # Members 2, 3 and 5 were made active before the pact rule (as in an
        # upgraded database): they still have to accept it on the portal.
        cls._accept_pacts(
            cls.members[2] | cls.members[3] | cls.members[5] | cls.member_other, False
        )
        cls._accept_pacts(cls.members[:2] | cls.members[4], False)
        for member in cls.members[:2] | cls.members[4]:
            member.with_user(member.user_id).action_accept_pact()
        cls.meeting = cls._create_session(video_url="https://meet.example.com/north")
        cls.meeting.action_schedule()
        cls.meeting_other = cls._create_session(community=cls.community_other)
        cls.author_draft = cls._create_situation(name="Author draft title")
        cls.author_submitted = cls._create_situation(
            name="Author submitted title", description="SECRET-SUBMITTED narrative"
        )
        cls.author_submitted.with_user(cls.author).action_submit()
        cls.fellow_draft = cls._create_situation(
            member=cls.members[1],
            name="Fellow draft title",
            description="SECRET-FELLOW-DRAFT",
        )
        cls.fellow_submitted = cls._create_situation(
            member=cls.members[1], name="Fellow submitted title"
        )
        cls.fellow_submitted.with_user(cls.fellow).action_submit()
        cls.leaver_draft = cls._create_situation(
            member=cls.members[3], name="Leaver draft title"
        )
        cls.leaver_submitted = cls._create_situation(
            member=cls.members[3], name="Leaver submitted title"
        )
        cls.leaver_submitted.with_user(cls.leaver).action_submit()
        cls.members[3].action_leave()
        cls.situations = (
            cls.author_draft
            | cls.author_submitted
            | cls.fellow_draft
            | cls.fellow_submitted
            | cls.leaver_draft
            | cls.leaver_submitted
        )

    # ---------------------------------------------------------------- helpers

    def login(self, user):
        self.authenticate(user.login, user.login)

    def get(self, url):
        return self.url_open(url, allow_redirects=False)

    def csrf(self, url="/my"):
        """A valid CSRF token of the current session, read from a page (forms
        carry it in ``csrf_token``; every frontend page gives it to its scripts)."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        match = CSRF_RE.search(response.text)
        self.assertTrue(match, f"no CSRF token in {url}")
        return match.group(1)

    def post(self, url, data=None, token=None):
        data = (
            list((data or {}).items()) if isinstance(data, dict) else list(data or [])
        )
        data.append(("csrf_token", token or self.csrf()))
        return self.url_open(url, data=data, allow_redirects=False)

    def snapshot(self, records):
        return [
            {
                name: record.sudo()[name]
                for name in ("state", "name", "description", "help_wanted", "kind")
            }
            for record in records
        ]

    def situation_form(self, **values):
        return dict(
            {
                "name": "A new situation",
                "kind": "uncertainty",
                "description": "Team B is worried by the reorganisation",
                "help_wanted": "How to answer their questions",
            },
            **values,
        )


@tagged("post_install", "-at_install")
class TestPortalRoutes(PortalCase):
    """Which page answers what, for every role of the confidentiality table."""

    def test_community_pages_by_role(self):
        url = f"/my/communities/{self.community.id}"
        readers = {
            self.author: True,
            self.fellow: True,
            self.portal_fellow: True,
            self.facilitator: False,
            self.officer: False,
            self.admin_user: False,
            self.director: False,
        }
        for user, is_member in readers.items():
            self.login(user)
            response = self.get(url)
            self.assertEqual(response.status_code, 200, user.login)
            self.assertIn("Community North", response.text, user.login)
            self.assertIn("Manager 1", response.text, user.login)
            self.assertIn(self.meeting.name, response.text, user.login)
            self.assertIn("https://meet.example.com/north", response.text, user.login)
            # Names and roles only: never a situation's text.
            self.assertNotIn("SECRET", response.text, user.login)
            self.assertEqual(
                "Confidentiality pact" in response.text, is_member, user.login
            )
            listing = self.get("/my/communities")
            self.assertEqual(listing.status_code, 200, user.login)
            self.assertEqual(
                f"#session-{self.meeting.id}" in listing.text,
                is_member or user == self.facilitator,
                user.login,
            )
            # The list shows the user's own communities (member or facilitator).
            self.assertEqual(
                "Community North" in listing.text,
                is_member or user == self.facilitator,
                user.login,
            )
        for user in (
            self.leaver,
            self.facilitator_other,
            self.outsider,
            self.hr_manager,
            self.portal_outsider,
        ):
            self.login(user)
            self.assertEqual(self.get(url).status_code, 404, user.login)
            listing = self.get("/my/communities")
            self.assertEqual(listing.status_code, 200, user.login)
            self.assertNotIn("Community North", listing.text, user.login)
        self.login(self.member_other.user_id)
        self.assertEqual(self.get(url).status_code, 404)
        self.assertEqual(
            self.get(f"/my/communities/{self.community_other.id}").status_code, 200
        )

    def test_situation_pages_by_role(self):
        submitted = (
            self.author_submitted | self.fellow_submitted | self.leaver_submitted
        )
        expected = {
            # user: situations whose page answers 200 (the others: 404)
            self.author: submitted | self.author_draft,
            self.fellow: submitted | self.fellow_draft,
            self.portal_fellow: submitted,
            self.facilitator: submitted,
        }
        nobody = (
            self.leaver,
            self.facilitator_other,
            self.officer,
            self.admin_user,
            self.director,
            self.outsider,
            self.hr_manager,
            self.portal_outsider,
        )
        for user in nobody:
            expected[user] = self.env["hr.manager.community.situation"]
        for user, readable in expected.items():
            self.login(user)
            listing = self.get("/my/situations")
            self.assertEqual(listing.status_code, 200, user.login)
            for situation in self.situations:
                response = self.get(f"/my/situations/{situation.id}")
                shown = situation in readable
                self.assertEqual(
                    response.status_code,
                    200 if shown else 404,
                    (user.login, situation.name),
                )
                self.assertEqual(
                    situation.name in listing.text, shown, (user.login, situation.name)
                )
                if shown:
                    self.assertIn(situation.name, response.text)
                    if situation.description:
                        self.assertIn(situation.description, response.text)
                else:
                    self.assertNotIn(situation.name, response.text)
                    self.assertNotIn("SECRET", response.text)

    def test_new_situation_page_by_role(self):
        for user in (self.author, self.fellow, self.portal_fellow, self.newcomer):
            self.login(user)
            response = self.get("/my/situations/new")
            self.assertEqual(response.status_code, 200, user.login)
            self.assertIn('name="csrf_token"', response.text)
        for user in (
            self.leaver,
            self.facilitator,
            self.facilitator_other,
            self.officer,
            self.director,
            self.outsider,
            self.portal_outsider,
        ):
            self.login(user)
            self.assertEqual(
                self.get("/my/situations/new").status_code, 403, user.login
            )

    def test_home_counters_by_role(self):
        names = ["mc_communities", "mc_sessions", "mc_situations"]
        self.login(self.author)
        home = self.get("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("portal_manager_community_category", home.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": names})
        self.assertEqual(
            {name: counters[name] for name in names},
            {"mc_communities": 1, "mc_sessions": 1, "mc_situations": 4},
        )
        self.login(self.portal_fellow)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": names})
        self.assertEqual(counters["mc_situations"], 3)
        for user in (
            self.leaver,
            self.facilitator,
            self.officer,
            self.director,
            self.outsider,
            self.portal_outsider,
        ):
            self.login(user)
            self.assertEqual(self.get("/my").status_code, 200, user.login)
            counters = self.make_jsonrpc_request("/my/counters", {"counters": names})
            self.assertFalse(set(names) & set(counters), user.login)

    def test_situation_list_filters_and_pager(self):
        self.login(self.author)
        mine = self.get("/my/situations?filterby=mine")
        self.assertIn("Author draft title", mine.text)
        self.assertNotIn("Fellow submitted title", mine.text)
        drafts = self.get("/my/situations?filterby=draft")
        self.assertIn("Author draft title", drafts.text)
        self.assertNotIn("Author submitted title", drafts.text)
        for query in (
            "?filterby=%3Cscript%3E&sortby=nope",
            "?sortby=name",
            "?sortby=state&filterby=submitted",
        ):
            response = self.get("/my/situations" + query)
            self.assertEqual(response.status_code, 200, query)
            self.assertNotIn("<script>", response.text)
        extra = self.env["hr.manager.community.situation"]
        for index in range(21):
            extra |= self._create_situation(name=f"Paged situation {index:02d}")
        first = self.get("/my/situations?filterby=mine&sortby=name")
        self.assertIn("/my/situations/page/2", first.text)
        second = self.get("/my/situations/page/2?filterby=mine&sortby=name")
        self.assertEqual(second.status_code, 200)
        self.assertIn("Paged situation 20", second.text)
        self.assertNotIn("Paged situation 00", second.text)
        for page in (
            "/my/situations/page/999",
            "/my/situations/page/-3",
            "/my/situations/page/0",
            "/my/situations?page=%C2%B2",
            "/my/situations?page=abc",
            "/my/situations?page=99999999999999999999",
        ):
            self.assertEqual(self.get(page).status_code, 200, page)


@tagged("post_install", "-at_install")
class TestPortalCommunity(PortalCase):
    def test_accept_pact_once(self):
        membership = self.members[2]
        self.login(self.newcomer)
        page = self.get(f"/my/communities/{self.community.id}")
        self.assertIn("I accept the pact", page.text)
        self.assertIn("What is said in the group stays in the group", page.text)
        response = self.post(f"/my/communities/{self.community.id}/pact")
        self.assertEqual(response.status_code, 303)
        accepted = membership.pact_accepted_date
        self.assertTrue(accepted)
        page = self.get(f"/my/communities/{self.community.id}")
        self.assertIn("You accepted the pact on", page.text)
        self.assertNotIn("I accept the pact", page.text)
        # Replayed: the first date stays.
        self._force_date(membership, "2020-01-01 10:00:00")
        self.post(f"/my/communities/{self.community.id}/pact")
        self.assertEqual(
            membership.pact_accepted_date,
            fields.Datetime.to_datetime("2020-01-01 10:00:00"),
        )

    def _force_date(self, membership, value):
        membership.sudo().pact_accepted_date = value
        membership.invalidate_recordset()

    def test_pact_of_another_community(self):
        self.login(self.newcomer)
        response = self.post(f"/my/communities/{self.community_other.id}/pact")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.member_other.pact_accepted_date)
        self.login(self.facilitator)
        response = self.post(f"/my/communities/{self.community.id}/pact")
        self.assertEqual(response.status_code, 403)
        self.login(self.leaver)
        response = self.post(f"/my/communities/{self.community.id}/pact")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.members[3].pact_accepted_date)

    def test_answer_invitation_updates_attendance_and_calendar(self):
        line = self.meeting.attendance_ids.filtered(
            lambda a: a.user_id == self.portal_fellow
        )
        partner = self.members[4].employee_id.work_contact_id
        attendee = self.meeting.calendar_event_id.attendee_ids.filtered(
            lambda a: a.partner_id == partner
        )
        self.assertTrue(attendee)
        self.login(self.portal_fellow)
        page = self.get(f"/my/communities/{self.community.id}")
        self.assertIn("I will attend", page.text)
        self.assertIn("Agenda", page.text)
        url = f"/my/communities/sessions/{self.meeting.id}/confirm"
        response = self.post(url)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(attendee.state, "accepted")
        response = self.post(f"/my/communities/sessions/{self.meeting.id}/decline")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(line.state, "declined")
        self.assertEqual(attendee.state, "declined")

    def test_answer_bad_sessions(self):
        lines = self.meeting.attendance_ids
        before = {line.id: line.state for line in lines}
        self.login(self.author)
        token = self.csrf()
        for url, status in (
            (f"/my/communities/sessions/{self.meeting_other.id}/confirm", 404),
            ("/my/communities/sessions/999999999/confirm", 404),
            ("/my/communities/sessions/-1/confirm", 404),
            ("/my/communities/sessions/99999999999999/confirm", 404),
            (f"/my/communities/sessions/{self.meeting.id}/present", 404),
            ("/my/communities/sessions/abc/confirm", 404),
        ):
            self.assertEqual(self.post(url, token=token).status_code, status, url)
        self.login(self.facilitator)
        response = self.post(f"/my/communities/sessions/{self.meeting.id}/confirm")
        self.assertEqual(response.status_code, 403)
        self.login(self.leaver)
        response = self.post(f"/my/communities/sessions/{self.meeting.id}/confirm")
        self.assertEqual(response.status_code, 404)
        self.assertEqual({line.id: line.state for line in lines}, before)

    def test_answer_closed_session(self):
        self.meeting.action_start()
        line = self.meeting.attendance_ids.filtered(lambda a: a.user_id == self.author)
        self.login(self.author)
        page = self.get(f"/my/communities/{self.community.id}")
        self.assertNotIn("I will attend", page.text)
        response = self.post(f"/my/communities/sessions/{self.meeting.id}/confirm")
        self.assertEqual(response.status_code, 303)
        self.assertIn("mc_msg=session_closed", response.headers["Location"])
        self.assertEqual(line.state, "invited")

    def test_unsafe_video_link_is_not_a_link(self):
        self.meeting.video_url = "javascript:alert(1)"
        self.login(self.author)
        page = self.get(f"/my/communities/{self.community.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("javascript:alert", page.text)

    def test_bad_community_ids(self):
        self.login(self.author)
        for url in (
            "/my/communities/0",
            "/my/communities/-1",
            "/my/communities/999999999",
            "/my/communities/99999999999999999999",
            "/my/communities/abc",
        ):
            self.assertEqual(self.get(url).status_code, 404, url)


@tagged("post_install", "-at_install")
class TestPortalSituation(PortalCase):
    def _new_situations(self):
        # The fixture's situations are the last ones created before the test
        # (demo data may hold others).
        return self.env["hr.manager.community.situation"].search(
            [("id", ">", max(self.situations.ids))]
        )

    def test_create_draft_then_submit(self):
        self.login(self.portal_fellow)
        factors = self.env["hr.psychosocial.factor"].search([], limit=2)
        data = list(self.situation_form().items()) + [
            ("factor_ids", str(f.id)) for f in factors
        ]
        response = self.post("/my/situations/new", data)
        self.assertEqual(response.status_code, 303)
        situation = self._new_situations()
        self.assertEqual(len(situation), 1)
        self.assertEqual(situation.state, "draft")
        self.assertEqual(situation.member_id, self.members[4])
        self.assertEqual(situation.kind, "uncertainty")
        self.assertEqual(situation.factor_ids, factors)
        self.assertTrue(
            response.headers["Location"].endswith(
                f"/my/situations/{situation.id}?mc_msg=situation_created"
            )
        )
        # Nobody else reads the draft.
        self.login(self.fellow)
        self.assertEqual(self.get(f"/my/situations/{situation.id}").status_code, 404)
        # The author edits it and submits it.
        self.login(self.portal_fellow)
        page = self.get(f"/my/situations/{situation.id}")
        self.assertIn("Save and submit", page.text)
        response = self.post(
            f"/my/situations/{situation.id}",
            dict(self.situation_form(name="Edited title"), submit="1"),
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(situation.name, "Edited title")
        self.assertEqual(situation.state, "submitted")
        self.assertFalse(situation.factor_ids)
        self.login(self.fellow)
        self.assertIn("Edited title", self.get(f"/my/situations/{situation.id}").text)

    def test_withdraw_and_reset(self):
        self.login(self.author)
        url = f"/my/situations/{self.author_submitted.id}"
        self.assertIn("Withdraw", self.get(url).text)
        response = self.post(url + "/withdraw")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.author_submitted.state, "withdrawn")
        # Replayed: refused with a message, nothing changes.
        response = self.post(url + "/withdraw")
        self.assertEqual(response.status_code, 303)
        self.assertIn("mc_msg=transition_refused", response.headers["Location"])
        self.assertEqual(self.author_submitted.state, "withdrawn")
        self.post(url + "/reset")
        self.assertEqual(self.author_submitted.state, "draft")
        self.post(url + "/submit")
        self.assertEqual(self.author_submitted.state, "submitted")
        response = self.post(url + "/submit")
        self.assertIn("mc_msg=transition_refused", response.headers["Location"])
        self.assertEqual(self.author_submitted.state, "submitted")

    def test_validation_keeps_the_input(self):
        self.login(self.author)
        cases = {
            "name": ("", "Give the situation a title."),
            "kind": ("weird", "Choose the kind of situation in the list."),
        }
        for field, (value, message) in cases.items():
            data = self.situation_form(description="Keep me please", **{field: value})
            response = self.post("/my/situations/new", data)
            self.assertEqual(response.status_code, 200, field)
            self.assertIn(message, response.text, field)
            self.assertIn("Keep me please", response.text, field)
        long_title = "T" * (NAME_MAX_LENGTH + 1)
        response = self.post("/my/situations/new", self.situation_form(name=long_title))
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"limited to {NAME_MAX_LENGTH} characters", response.text)
        self.assertIn(long_title, response.text)
        long_text = "x" * (TEXT_MAX_LENGTH + 1)
        for field in ("description", "help_wanted", "analysis_organisational"):
            response = self.post(
                "/my/situations/new", self.situation_form(**{field: long_text})
            )
            self.assertEqual(response.status_code, 200, field)
            self.assertIn(f"limited to {TEXT_MAX_LENGTH} characters", response.text)
        for bad in ("abc", "-1", "0", "\u00b2", "999999999", "99999999999999999999"):
            data = list(self.situation_form().items()) + [("factor_ids", bad)]
            response = self.post("/my/situations/new", data)
            self.assertEqual(response.status_code, 200, bad)
            self.assertIn("Choose the factors in the list.", response.text, bad)
        self.assertFalse(self._new_situations())

    def test_exact_limits_are_accepted(self):
        self.login(self.author)
        data = self.situation_form(
            name="T" * NAME_MAX_LENGTH,
            # Line breaks come as CRLF from the browser and count once.
            description="x\r\n" * (TEXT_MAX_LENGTH // 2),
        )
        response = self.post("/my/situations/new", data)
        self.assertEqual(response.status_code, 303)
        situation = self._new_situations()
        self.assertEqual(len(situation.name), NAME_MAX_LENGTH)
        self.assertNotIn("\r", situation.description)

    def test_script_is_escaped(self):
        self.login(self.author)
        script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        data = self.situation_form(name="Title " + script, description=script)
        response = self.post("/my/situations/new", data)
        self.assertEqual(response.status_code, 303)
        situation = self._new_situations()
        situation.with_user(self.author).action_submit()
        for user in (self.author, self.fellow, self.facilitator):
            self.login(user)
            for url in (f"/my/situations/{situation.id}", "/my/situations"):
                page = self.get(url)
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("<script>alert", page.text)
                self.assertNotIn("<img src=x", page.text)
                self.assertIn("&lt;script&gt;", page.text)

    def test_control_characters_and_files(self):
        self.login(self.author)
        data = self.situation_form(name="Null\x00byte", description="bell\x07 and\ttab")
        response = self.post("/my/situations/new", data)
        self.assertEqual(response.status_code, 303)
        situation = self._new_situations()
        self.assertEqual(situation.name, "Nullbyte")
        self.assertEqual(situation.description, "bell and\ttab")
        # A file where a text is expected is no text.
        response = self.url_open(
            "/my/situations/new",
            data=dict(self.situation_form(name="With a file"), csrf_token=self.csrf()),
            files={"description": ("a.txt", b"file content", "text/plain")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        created = self._new_situations() - situation
        self.assertFalse(created.description)

    def test_posted_extra_fields_are_ignored(self):
        self.login(self.author)
        data = self.situation_form(
            state="closed",
            member_id=str(self.members[1].id),
            community_id=str(self.community_other.id),
            learnings="forged",
        )
        response = self.post("/my/situations/new", data)
        # The community is chosen among the author's own: a foreign one is refused.
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose one of your communities.", response.text)
        data.pop("community_id")
        response = self.post("/my/situations/new", data)
        self.assertEqual(response.status_code, 303)
        situation = self._new_situations()
        self.assertEqual(situation.state, "draft")
        self.assertEqual(situation.member_id, self.members[0])
        self.assertFalse(situation.learnings)

    def test_pact_required_to_bring_a_situation(self):
        self.login(self.newcomer)
        page = self.get("/my/situations/new")
        self.assertEqual(page.status_code, 200)
        response = self.post("/my/situations/new", self.situation_form())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Accept the confidentiality pact", response.text)
        self.assertIn("A new situation", response.text)
        self.assertFalse(self._new_situations())

    def test_nobody_changes_someone_else_situation(self):
        before = self.snapshot(self.situations)
        attempts = (
            # (user, situation, expected status)
            (self.author, self.fellow_draft, 404),
            (self.author, self.fellow_submitted, 403),
            (self.portal_fellow, self.author_submitted, 403),
            (self.facilitator, self.author_submitted, 403),
            (self.facilitator, self.author_draft, 404),
            (self.officer, self.author_submitted, 404),
            (self.director, self.author_submitted, 404),
            (self.leaver, self.author_submitted, 404),
            (self.facilitator_other, self.author_submitted, 404),
            (self.portal_outsider, self.author_draft, 404),
        )
        for user, situation, status in attempts:
            self.login(user)
            token = self.csrf()
            url = f"/my/situations/{situation.id}"
            response = self.post(url, self.situation_form(name="Hijacked"), token=token)
            self.assertEqual(response.status_code, status, (user.login, situation.name))
            for transition in ("submit", "withdraw", "reset"):
                response = self.post(f"{url}/{transition}", token=token)
                self.assertEqual(
                    response.status_code,
                    status,
                    (user.login, situation.name, transition),
                )
        # The author cannot edit their own submitted situation either.
        self.login(self.author)
        response = self.post(
            f"/my/situations/{self.author_submitted.id}",
            self.situation_form(name="Hijacked"),
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.snapshot(self.situations), before)

    def test_leaver_keeps_nothing(self):
        before = self.snapshot(self.situations)
        self.login(self.leaver)
        token = self.csrf()
        for situation in self.leaver_draft | self.leaver_submitted:
            url = f"/my/situations/{situation.id}"
            self.assertEqual(self.get(url).status_code, 404)
            self.assertEqual(
                self.post(url, self.situation_form(), token=token).status_code, 404
            )
            self.assertEqual(self.post(url + "/withdraw", token=token).status_code, 404)
        self.assertEqual(self.snapshot(self.situations), before)

    def test_bad_situation_ids(self):
        self.login(self.author)
        token = self.csrf()
        for path in (
            "0",
            "-1",
            "-999",
            "999999999",
            "99999999999999999999",
            "abc",
            "1.5",
        ):
            url = f"/my/situations/{path}"
            self.assertEqual(self.get(url).status_code, 404, url)
            self.assertEqual(
                self.post(url, self.situation_form(), token=token).status_code, 404, url
            )
            self.assertEqual(
                self.post(url + "/submit", token=token).status_code, 404, url
            )
        self.assertEqual(
            self.post(
                f"/my/situations/{self.author_draft.id}/close", token=token
            ).status_code,
            404,
        )
        self.assertEqual(self.author_draft.state, "draft")

    def test_forged_and_replayed_posts(self):
        """Odoo refuses a POST without a valid CSRF token of the session with
        400 Bad Request, before the route runs."""
        before = self.snapshot(self.situations)
        self.login(self.fellow)
        fellow_token = self.csrf()
        self.login(self.author)
        url = f"/my/situations/{self.author_draft.id}"
        forged = (
            None,  # missing
            "",
            "0123456789abcdef0123456789abcdef01234567o9999999999",
            fellow_token,  # replayed from another session
        )
        for token in forged:
            data = self.situation_form(name="Forged", submit="1")
            if token is not None:
                data["csrf_token"] = token
            with self.assertLogs("odoo.http", "WARNING"):
                for target in (url, url + "/submit", "/my/situations/new"):
                    response = self.url_open(target, data=data, allow_redirects=False)
                    self.assertEqual(response.status_code, 400, (token, target))
            with self.assertLogs("odoo.http", "WARNING"):
                response = self.url_open(
                    f"/my/communities/{self.community.id}/pact",
                    data={"csrf_token": token or "x"},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 400)
        self.assertEqual(self.snapshot(self.situations), before)
        self.assertFalse(self._new_situations())
        # A GET never changes anything.
        self.assertEqual(self.get(url + "/submit").status_code, 405)
        self.assertEqual(self.author_draft.state, "draft")


@tagged("post_install", "-at_install")
class TestPortalActionPlan(PortalCase, ActionPlanCase):
    """``/my/action-plan``: the author's plan, the actions shared with the
    group, and what nobody else may do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private_action = cls._create_action(name="Author private action")
        cls.shared_action = cls._create_action(
            name="Author shared action", detail="Shared detail", share_with_group=True
        )
        cls.fellow_plan = cls._create_plan(cls.members[1])
        cls.fellow_action = cls._create_action(
            cls.fellow_plan, name="Fellow private action", detail="SECRET-FELLOW-DETAIL"
        )
        # The leaver wrote their plan while a member; it stays theirs.
        cls.leaver_plan = cls.Plan.create({"member_id": cls.members[3].id})
        cls.leaver_action = cls._create_action(
            cls.leaver_plan, name="Leaver own action"
        )
        cls.actions = (
            cls.private_action
            | cls.shared_action
            | cls.fellow_action
            | cls.leaver_action
        )

    def action_snapshot(self):
        return [
            (
                action.sudo().state,
                action.sudo().name,
                action.sudo().share_with_group,
                action.sudo().bring_to_review,
                len(action.sudo().progress_ids),
            )
            for action in self.actions
        ] + [plan.sudo().share_with_facilitator for plan in self.Plan.sudo().search([])]

    def action_form(self, **values):
        return dict(
            {
                "community_id": str(self.community.id),
                "name": "Talk to the team about priorities",
                "level": "organisational",
                "date_deadline": "2030-06-30",
                "detail": "Once a week",
            },
            **values,
        )

    def test_plan_page_by_role(self):
        titles = {action: action.name for action in self.actions}
        expected = {
            self.author: {self.private_action, self.shared_action},
            self.fellow: {self.fellow_action, self.shared_action},
            self.portal_fellow: {self.shared_action},
            self.leaver: {self.leaver_action},
        }
        for user in (
            self.facilitator,
            self.facilitator_other,
            self.officer,
            self.admin_user,
            self.director,
            self.outsider,
            self.hr_manager,
            self.portal_outsider,
        ):
            expected[user] = set()
        for user, shown in expected.items():
            self.login(user)
            page = self.get("/my/action-plan")
            self.assertEqual(page.status_code, 200, user.login)
            for action, title in titles.items():
                self.assertEqual(
                    title in page.text, action in shown, (user.login, title)
                )
            if user != self.fellow:
                self.assertNotIn("SECRET-FELLOW-DETAIL", page.text)
            if not shown:
                self.assertIn("You have no action plan", page.text, user.login)
        # A member without a plan yet is offered to start it.
        self.login(self.portal_fellow)
        page = self.get("/my/action-plan")
        self.assertIn("Add to my plan", page.text)
        self.assertIn("Community North", page.text)

    def test_counters(self):
        self.login(self.author)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_actions"]}
        )
        self.assertEqual(counters["mc_actions"], 2)
        self.login(self.leaver)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_actions"]}
        )
        self.assertEqual(counters["mc_actions"], 1)
        for user in (
            self.facilitator,
            self.officer,
            self.director,
            self.portal_outsider,
        ):
            self.login(user)
            counters = self.make_jsonrpc_request(
                "/my/counters", {"counters": ["mc_actions"]}
            )
            self.assertNotIn("mc_actions", counters, user.login)

    def test_add_action(self):
        self.login(self.author)
        data = self.action_form(share_with_group="1", bring_to_review="1")
        response = self.post("/my/action-plan/actions/new", data)
        self.assertEqual(response.status_code, 303)
        action = self.plan.action_ids - self.actions
        self.assertEqual(len(action), 1)
        self.assertEqual(action.name, "Talk to the team about priorities")
        self.assertEqual(action.level, "organisational")
        self.assertEqual(str(action.date_deadline), "2030-06-30")
        self.assertTrue(action.share_with_group)
        self.assertTrue(action.bring_to_review)
        self.assertEqual(action.state, "todo")
        # A portal member's first action starts their plan.
        self.login(self.portal_fellow)
        response = self.post(
            "/my/action-plan/actions/new", self.action_form(date_deadline="")
        )
        self.assertEqual(response.status_code, 303)
        plan = self.Plan.search([("member_id", "=", self.members[4].id)])
        self.assertEqual(plan.action_ids.name, "Talk to the team about priorities")
        self.assertFalse(plan.action_ids.date_deadline)
        # The leaver still writes in their own plan.
        self.login(self.leaver)
        response = self.post(
            "/my/action-plan/actions/new", self.action_form(name="Leaver next")
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("Leaver next", self.leaver_plan.action_ids.mapped("name"))

    def test_add_action_validation(self):
        before = self.action_snapshot()
        count = self.Action.search_count([])
        self.login(self.author)
        cases = (
            ({"name": ""}, "Give the action a title."),
            (
                {"name": "T" * (NAME_MAX_LENGTH + 1)},
                f"limited to {NAME_MAX_LENGTH} characters",
            ),
            (
                {"detail": "x" * (TEXT_MAX_LENGTH + 1)},
                f"limited to {TEXT_MAX_LENGTH} characters",
            ),
            ({"level": "cosmic"}, "Choose the level in the list."),
            ({"date_deadline": "2030-13-45"}, "Give the deadline as a date."),
            ({"date_deadline": "<script>"}, "Give the deadline as a date."),
        )
        for values, message in cases:
            data = self.action_form(**dict({"detail": "Keep my words"}, **values))
            response = self.post("/my/action-plan/actions/new", data)
            self.assertEqual(response.status_code, 200, values)
            self.assertIn(message, response.text, values)
            if "detail" not in values:
                self.assertIn("Keep my words", response.text, values)
            self.assertNotIn("<script>", response.text.split("</head>", 1)[1])
        self.assertEqual(self.Action.search_count([]), count)
        self.assertEqual(self.action_snapshot(), before)

    def test_add_action_elsewhere(self):
        count = self.Action.search_count([])
        self.login(self.author)
        token = self.csrf()
        for community_id in (
            str(self.community_other.id),
            "abc",
            "-1",
            "",
            "99999999999",
        ):
            response = self.post(
                "/my/action-plan/actions/new",
                self.action_form(community_id=community_id),
                token=token,
            )
            self.assertEqual(response.status_code, 404, community_id)
        self.login(self.facilitator)
        response = self.post("/my/action-plan/actions/new", self.action_form())
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.Action.search_count([]), count)
        self.assertFalse(self.Plan.search([("user_id", "=", self.facilitator.id)]))

    def test_report_progress(self):
        self.login(self.author)
        url = f"/my/action-plan/actions/{self.private_action.id}/progress"
        response = self.post(url, {"note": "Held the first <b>meeting</b>"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            self.private_action.progress_ids.note, "Held the first <b>meeting</b>"
        )
        page = self.get("/my/action-plan")
        self.assertIn("Held the first &lt;b&gt;meeting&lt;/b&gt;", page.text)
        for note, message in (
            ("   ", "Write what you did or learnt."),
            ("x" * (TEXT_MAX_LENGTH + 1), f"limited to {TEXT_MAX_LENGTH} characters"),
        ):
            response = self.post(url, {"note": note})
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
        self.assertEqual(len(self.private_action.progress_ids), 1)

    def test_nobody_changes_someone_else_plan(self):
        before = self.action_snapshot()
        attempts = (
            # (user, action, status on the action, status on its plan): 404
            # when the record is not readable, 403 when it is read but not the
            # user's. The author's plan is read through its shared action.
            (self.fellow, self.private_action, 404, 403),
            (self.fellow, self.shared_action, 403, 403),
            (self.portal_fellow, self.shared_action, 403, 403),
            (self.facilitator, self.shared_action, 403, 403),
            (self.facilitator, self.private_action, 404, 403),
            (self.author, self.fellow_action, 404, 404),
            (self.author, self.leaver_action, 404, 404),
            (self.leaver, self.shared_action, 404, 404),
            (self.officer, self.private_action, 404, 404),
            (self.director, self.shared_action, 404, 404),
            (self.facilitator_other, self.shared_action, 404, 404),
            (self.portal_outsider, self.private_action, 404, 404),
        )
        for user, action, status, plan_status in attempts:
            self.login(user)
            token = self.csrf()
            base = f"/my/action-plan/actions/{action.id}"
            for url, data, expected in (
                (f"{base}/progress", {"note": "forged"}, status),
                (f"{base}/complete", {}, status),
                (f"{base}/drop", {}, status),
                (
                    f"{base}/share",
                    {"share_with_group": "1", "bring_to_review": "1"},
                    status,
                ),
                (
                    f"/my/action-plan/{action.plan_id.id}/share",
                    {"share": "1"},
                    plan_status,
                ),
                (f"/my/action-plan/{action.plan_id.id}/pdf", None, plan_status),
            ):
                if data is None:
                    response = self.get(url)
                else:
                    response = self.post(url, data, token=token)
                self.assertEqual(response.status_code, expected, (user.login, url))
        self.assertEqual(self.action_snapshot(), before)

    def test_workflow_and_replay(self):
        self.login(self.author)
        base = f"/my/action-plan/actions/{self.private_action.id}"
        page = self.get("/my/action-plan")
        self.assertIn(f'action="{base}/start"', page.text)
        self.assertNotIn(f'action="{base}/reopen"', page.text)
        self.assertEqual(self.post(f"{base}/start").status_code, 303)
        self.assertEqual(self.private_action.state, "in_progress")
        self.assertEqual(self.post(f"{base}/complete").status_code, 303)
        self.assertEqual(self.private_action.state, "done")
        response = self.post(f"{base}/complete")
        self.assertIn("mc_msg=action_refused", response.headers["Location"])
        self.assertEqual(self.private_action.state, "done")
        self.post(f"{base}/reopen")
        self.assertEqual(self.private_action.state, "todo")
        for bad in ("explode", "write", "unlink"):
            self.assertEqual(self.post(f"{base}/{bad}").status_code, 404, bad)
        self.assertEqual(self.private_action.state, "todo")

    def test_sharing_choices(self):
        self.login(self.author)
        action = self.private_action
        response = self.post(
            f"/my/action-plan/actions/{action.id}/share",
            {"share_with_group": "1", "bring_to_review": "1"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(action.share_with_group)
        self.assertTrue(action.bring_to_review)
        self.post(f"/my/action-plan/actions/{action.id}/share", {})
        self.assertFalse(action.share_with_group)
        self.assertFalse(action.bring_to_review)
        self.post(f"/my/action-plan/{self.plan.id}/share", {"share": "1"})
        self.assertTrue(self.plan.share_with_facilitator)
        self.post(f"/my/action-plan/{self.plan.id}/share", {"share": "0"})
        self.assertFalse(self.plan.share_with_facilitator)

    def test_pdf(self):
        url = f"/my/action-plan/{self.plan.id}/pdf"
        self.login(self.author)
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Author private action", response.text)
        # Fellow members read the plan through its shared action, no more.
        for user, status in (
            (self.fellow, 403),
            (self.facilitator, 403),
            (self.officer, 404),
            (self.director, 404),
            (self.portal_outsider, 404),
        ):
            self.login(user)
            self.assertEqual(self.get(url).status_code, status, user.login)
        self.plan.with_user(self.author).share_with_facilitator = True
        self.login(self.facilitator)
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Author private action", response.text)
        self.login(self.leaver)
        self.assertEqual(
            self.get(f"/my/action-plan/{self.leaver_plan.id}/pdf").status_code, 200
        )
        for path in ("0", "-4", "999999999", "abc"):
            self.assertEqual(
                self.get(f"/my/action-plan/{path}/pdf").status_code, 404, path
            )

    def test_every_post_form_has_a_csrf_token(self):
        self.login(self.author)
        for url in (
            f"/my/communities/{self.community.id}",
            f"/my/situations/{self.author_draft.id}",
            f"/my/situations/{self.author_submitted.id}",
            "/my/situations/new",
            "/my/action-plan",
        ):
            page = self.get(url).text
            forms = re.findall(r"<form[^>]*>.*?</form>", page, re.DOTALL)
            posted = [form for form in forms if 'method="post"' in form]
            self.assertTrue(posted, url)
            for form in posted:
                self.assertIn('name="csrf_token"', form, url)

    def test_forged_posts(self):
        before = self.action_snapshot()
        self.login(self.author)
        base = f"/my/action-plan/actions/{self.private_action.id}"
        for url, data in (
            (f"{base}/progress", {"note": "forged"}),
            (f"{base}/complete", {}),
            (f"{base}/share", {"share_with_group": "1"}),
            (f"/my/action-plan/{self.plan.id}/share", {"share": "1"}),
            ("/my/action-plan/actions/new", self.action_form()),
        ):
            with self.assertLogs("odoo.http", "WARNING"):
                response = self.url_open(
                    url, data=dict(data, csrf_token="forged"), allow_redirects=False
                )
            self.assertEqual(response.status_code, 400, url)
        self.assertEqual(self.action_snapshot(), before)
