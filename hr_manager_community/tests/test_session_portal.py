# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/sessions/<id>`` role by role, the contribution form and its bad
input, the attendance answer from the session page, the portal home's "to
do" block, and the tours: an invited member accepting the pact, a member
reading a session's synthesis and adding a contribution."""

from odoo.tests.common import HttpCase, new_test_user, tagged

from ..models.text_limits import TEXT_MAX_LENGTH
from .test_contribution import MARKER, ContributionCase
from .test_portal import CSRF_RE

SYNTHESIS = "SECRET-SYNTHESIS the schedule was imposed from above"
LEARNING = "SECRET-LEARNING ask before deciding"
NOTE = "SECRET-NOTE for active members"


class SessionPortalCase(HttpCase, ContributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.situation.with_user(cls.facilitator).write(
            {"analysis_organisational": SYNTHESIS, "learnings": LEARNING}
        )
        cls.env["hr.manager.community.session.note"].with_user(cls.facilitator).create(
            {"session_id": cls.meeting.id, "name": "Notes", "body": NOTE}
        )
        cls.portal_outsider = new_test_user(
            cls.env, "mc_session_outsider", groups="base.group_portal"
        )
        cls.meeting_other = cls._create_session(community=cls.community_other)
        cls.url = f"/my/sessions/{cls.meeting.id}"
        cls.contribute_url = f"{cls.url}/situations/{cls.situation.id}/contribute"

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self, url=None):
        page = self.url_open(url or self.url)
        return CSRF_RE.search(page.text).group(1)

    def post(self, url, data=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.csrf()
        return self.url_open(url, data=data, allow_redirects=False)


@tagged("post_install", "-at_install")
class TestSessionPortal(SessionPortalCase):
    def test_the_group_reads_the_session(self):
        self._contribute(self.fellow)
        for user in (self.author, self.fellow, self.portal_fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.url_open(self.url)
                self.assertEqual(response.status_code, 200)
                for text in ("Situation taken up", SYNTHESIS, LEARNING, NOTE, MARKER):
                    self.assertIn(text, response.text)
                self.assertIn("o_mc_agenda_time", response.text, "timings")

    def test_others_get_404(self):
        for user in (
            self.leaver,
            self.officer,
            self.director,
            self.facilitator_other,
            self.outsider,
            self.portal_outsider,
            self.member_other.user_id,
        ):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.url_open(self.url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("SECRET", response.text)
        self.login(self.author)
        for url in (
            f"/my/sessions/{self.meeting_other.id}",
            "/my/sessions/999999999",
            "/my/sessions/99999999999999",
            "/my/sessions/abc",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_invited_member_sees_logistics_only(self):
        invited = self.env["hr.manager.community.member"].create(
            {"community_id": self.community.id, "employee_id": self.managers[7].id}
        )
        self.login(invited.user_id)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("SECRET", response.text)
        self.assertNotIn("o_mc_contribution_form", response.text)

    def test_contribute(self):
        self.login(self.portal_fellow)
        response = self.post(
            self.contribute_url,
            {"level": "interpersonal", "body": "<script>alert(1)</script> A and B"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("contribution_saved", response.headers["Location"])
        contribution = self._contributions()
        self.assertEqual(contribution.level, "interpersonal")
        self.assertEqual(contribution.user_id, self.portal_fellow)
        page = self.url_open(self.url)
        self.assertNotIn("<script>alert(1)</script>", page.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; A and B", page.text)
        # A double submit edits the same contribution.
        self.post(self.contribute_url, {"level": "interpersonal", "body": "Again"})
        self.assertEqual(self._contributions(), contribution)
        self.assertEqual(contribution.body, "Again")

    def test_contribute_bad_input(self):
        self.login(self.fellow)
        for name, data in {
            "empty": {"level": "individual", "body": ""},
            "oversize": {"level": "individual", "body": "x" * (TEXT_MAX_LENGTH + 1)},
            "bad level": {"level": "<b>", "body": "text"},
            "nothing": {},
        }.items():
            with self.subTest(case=name):
                response = self.post(self.contribute_url, data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_mc_form_error", response.text)
        self.assertFalse(self._contributions())
        # Without the CSRF token: refused, nothing saved.
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.post(
                self.contribute_url, {"level": "individual", "body": "x"}, csrf=False
            )
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(self._contributions())
        # GET is no way to write.
        self.assertEqual(self.url_open(self.contribute_url).status_code, 405)

    def test_contribute_wrong_ids(self):
        other_situation = self._create_situation(
            member=self.member_other, name="Other community"
        )
        draft = self._create_situation(member=self.members[1], name="Fellow draft")
        self.login(self.fellow)
        data = {"level": "individual", "body": "x"}
        for url in (
            f"{self.url}/situations/{other_situation.id}/contribute",
            f"{self.url}/situations/{draft.id}/contribute",
            f"{self.url}/situations/999999999/contribute",
            f"/my/sessions/{self.meeting_other.id}/situations/"
            f"{self.situation.id}/contribute",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.post(url, data).status_code, 404)
        # Situation of the community not taken up in this session.
        submitted = self._create_situation(member=self.members[1], name="Later")
        submitted.with_user(self.fellow).action_submit()
        response = self.post(f"{self.url}/situations/{submitted.id}/contribute", data)
        self.assertEqual(response.status_code, 404)
        # The facilitator synthesises; they do not contribute.
        self.login(self.facilitator)
        self.assertEqual(self.post(self.contribute_url, data).status_code, 403)
        # Closed situation: a clear message, nothing saved.
        self.situation.with_user(self.facilitator).action_close()
        self.login(self.fellow)
        response = self.post(self.contribute_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Contributions open once", response.text)
        self.assertFalse(self._contributions())

    def test_answer_from_the_session_page(self):
        session = self._create_session(days=3)
        session.action_schedule()
        self.login(self.fellow)
        url = f"/my/sessions/{session.id}"
        page = self.url_open(url)
        self.assertIn("o_mc_confirm", page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            f"{url}/confirm", data={"csrf_token": csrf}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        line = session.attendance_ids.filtered(lambda a: a.user_id == self.fellow)
        self.assertEqual(line.state, "confirmed")
        # The facilitator has no invitation to answer.
        self.login(self.facilitator)
        csrf = CSRF_RE.search(self.url_open(url).text).group(1)
        response = self.url_open(
            f"{url}/decline", data={"csrf_token": csrf}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 403)

    def test_home_to_do(self):
        session = self._create_session(days=3)
        session.action_schedule()
        self._accept_pacts(self.members[1], False)
        self.login(self.fellow)
        page = self.url_open("/my")
        self.assertIn("o_mc_todo_pact", page.text)
        self.assertIn("o_mc_todo_sessions", page.text)
        self.assertIn(f"/my/sessions/{session.id}#attendance", page.text)
        self.login(self.portal_outsider)
        self.assertNotIn("o_mc_todo", self.url_open("/my").text)


@tagged("post_install", "-at_install")
class TestSessionTours(SessionPortalCase):
    def test_tour_session_synthesis_and_contribution(self):
        self.start_tour(
            "/my", "hr_manager_community_session_contribution", login=self.fellow.login
        )
        contribution = self._contributions()
        self.assertEqual(contribution.user_id, self.fellow)
        self.assertEqual(contribution.level, "managerial")
        self.assertEqual(contribution.body, "Tour: the rota is decided without us.")

    def test_tour_accept_the_pact(self):
        invited = self.env["hr.manager.community.member"].create(
            {"community_id": self.community.id, "employee_id": self.managers[7].id}
        )
        session = self._create_session(days=5)
        session.action_schedule()
        lines = session.attendance_ids
        self.assertFalse(lines.filtered(lambda a: a.member_id == invited))
        login = invited.user_id.login
        self.start_tour("/my", "hr_manager_community_accept_pact", login=login)
        self.assertTrue(invited.pact_accepted_date)
        self.assertEqual(invited.state, "active", "accepting the pact activates")
        self.assertTrue(
            session.attendance_ids.filtered(lambda a: a.member_id == invited),
            "invited to the sessions still to come",
        )
