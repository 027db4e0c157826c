# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dictionary of best practices (``/my/practices``) and the charter
consultation (``/my/charter``, comments by community) on the portal: pages by
role, forms with bad input, and who reads the consultation comments."""

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CharterCase
from .test_portal import CSRF_RE

COMMENT = "hr.manager.charter.comment"


class CollectivePortalCase(HttpCase, CharterCase):
    """``charter`` is published; ``proposed`` is a proposal of ``community``,
    ``other_proposed`` one of ``community_other``; ``consulted`` a charter
    version in consultation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.charter = cls._publish(cls._create_charter())
        cls.proposed = cls._create_practice(name="Proposed practice of the group")
        cls.other_proposed = cls._create_practice(
            user=cls.other_member,
            community=cls.community_other,
            name="Proposal of another community",
            desirable="OTHER-DESIRABLE",
        )
        cls.consulted = cls._create_charter(name="Charter in consultation")
        cls.consulted.with_user(cls.officer).action_open_consultation()
        cls.line = cls.consulted.line_ids[0]

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self):
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)

    def post(self, url, data=None, token=None):
        data = dict(data or {}, csrf_token=token or self.csrf())
        return self.url_open(url, data=data, allow_redirects=False)


@tagged("post_install", "-at_install")
class TestPracticePortal(CollectivePortalCase):
    def practice_form(self, **values):
        return dict(
            {
                "name": "Close every meeting with the decisions taken",
                "theme": "communication",
                "situation_type": "Team meeting that ends without decisions",
                "desirable": "Every meeting ends with the decisions written down.",
                "possible": "The manager sums up the decisions out loud.",
            },
            **values,
        )

    def test_list_by_role(self):
        self.login(self.portal_member)
        page = self.url_open("/my/practices").text
        self.assertIn("Proposed practice of the group", page)
        self.assertIn("Adopted practice", page)
        self.assertNotIn("Proposal of another community", page)
        self.assertIn("o_mc_endorse", page)
        self.assertIn("o_mc_new_practice", page)
        filtered = self.url_open("/my/practices?theme=change&search=Second").text
        self.assertIn("Second adopted practice", filtered)
        self.assertNotIn("Proposed practice of the group", filtered)
        for url in (
            "/my/practices?theme=nope&factor_id=abc&search=" + "x" * 500,
            "/my/practices?factor_id=99999999999&page=zz",
            "/my/practices/page/2",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)
        # Someone of the company outside any community reads the adopted ones.
        self.login(self.employee_user)
        page = self.url_open("/my/practices").text
        self.assertIn("Adopted practice", page)
        self.assertNotIn("Proposed practice of the group", page)
        self.assertNotIn("o_mc_new_practice", page)

    def test_propose(self):
        self.login(self.portal_member)
        factor = self.env.ref("hr_manager_community.factor_hse_demands")
        data = self.practice_form(factor_ids=str(factor.id))
        response = self.post("/my/practices/new", data)
        self.assertEqual(response.status_code, 303)
        created = self.Practice.search(
            [("name", "=", "Close every meeting with the decisions taken")]
        )
        self.assertEqual(created.community_id, self.community)
        self.assertEqual(created.state, "proposed")
        self.assertEqual(created.factor_ids, factor)
        self.assertNotIn("create_uid", self.Practice._fields)
        before = self.Practice.search_count([])
        again = self.post("/my/practices/new", data)
        self.assertEqual(again.status_code, 200)
        self.assertIn("already proposes", again.text)
        self.assertEqual(self.Practice.search_count([]), before)

    def test_propose_bad_input(self):
        self.login(self.member)
        before = self.Practice.search_count([])
        cases = {
            "empty": (
                self.practice_form(name="", desirable=" "),
                "Give the practice a name",
            ),
            "oversize": (self.practice_form(desirable="x" * 5001), "limited to 5000"),
            "bad theme": (self.practice_form(theme="astrology"), "Choose the theme"),
            "bad factor": (self.practice_form(factor_ids="-1"), "Choose the factors"),
            "other community": (
                self.practice_form(community_id=str(self.community_other.id)),
                "Choose one of your communities",
            ),
        }
        for label, (data, message) in cases.items():
            with self.subTest(case=label):
                response = self.post("/my/practices/new", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
        self.assertEqual(self.Practice.search_count([]), before)
        script = "<script>alert(1)</script>"
        self.post("/my/practices/new", self.practice_form(name="S", possible=script))
        page = self.url_open("/my/practices").text
        self.assertNotIn(script, page)
        self.assertIn("&lt;script&gt;", page)
        with mute_logger("odoo.http"):
            forged = self.post("/my/practices/new", self.practice_form(), "forged")
        self.assertEqual(forged.status_code, 400)
        for user in (self.leaver, self.employee_user, self.director):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.post("/my/practices/new", self.practice_form())
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self.Practice.search_count([]), before + 1)

    def test_endorse(self):
        self.login(self.portal_member)
        url = f"/my/practices/{self.proposed.id}/endorse"
        response = self.post(url)
        self.assertIn("practice_endorsed", response.headers["Location"])
        self.assertEqual(self.proposed.endorsement_ids.user_id, self.portal_member)
        again = self.post(url)
        self.assertIn("practice_already", again.headers["Location"])
        self.assertEqual(len(self.proposed.endorsement_ids), 1)
        self.assertIn("o_mc_endorsed", self.url_open("/my/practices").text)

    def test_endorse_bad_input(self):
        self.login(self.member)
        closed = self.post(f"/my/practices/{self.adopted.id}/endorse")
        self.assertIn("practice_closed", closed.headers["Location"])
        self.assertFalse(self.adopted.endorsement_ids)
        for practice_id in (self.other_proposed.id, 999999999, 99999999999):
            with self.subTest(practice_id=practice_id):
                response = self.post(f"/my/practices/{practice_id}/endorse")
                self.assertEqual(response.status_code, 404)
        with mute_logger("odoo.http"):
            forged = self.post(f"/my/practices/{self.proposed.id}/endorse", {}, "x")
        self.assertEqual(forged.status_code, 400)
        self.login(self.facilitator)
        response = self.post(f"/my/practices/{self.proposed.id}/endorse")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(
            self.proposed.endorsement_ids | self.other_proposed.endorsement_ids
        )


@tagged("post_install", "-at_install")
class TestCharterConsultationPortal(CollectivePortalCase):
    def comment(
        self, charter=None, line=None, body="The possible version is vague.", **values
    ):
        charter = charter or self.consulted
        return self.post(
            f"/my/charter/{charter.id}/comment",
            dict({"line_id": str((line or self.line).id), "body": body}, **values),
        )

    def comments(self):
        """The comments given in the test (not the demo's)."""
        charters = self.consulted | self.charter
        return self.env[COMMENT].search([("charter_id", "in", charters.ids)])

    def test_consultation_page(self):
        self.login(self.portal_member)
        page = self.url_open("/my/charter").text
        self.assertIn("Charter in consultation", page)
        self.assertIn("o_mc_charter_comment_form", page)
        # The published version is still acknowledged as before.
        self.assertIn("o_mc_charter_acknowledge", page)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_charter"]}
        )
        consultations = self.Charter.search_count(
            [("state", "=", "consultation"), ("company_id", "=", self.company.id)]
        )
        # The published version to acknowledge, and every consultation.
        self.assertEqual(counters["mc_charter"], 1 + consultations)
        self.login(self.employee_user)
        page = self.url_open("/my/charter").text
        self.assertNotIn("Charter in consultation", page)

    def test_comment(self):
        self.login(self.portal_member)
        response = self.comment()
        self.assertEqual(response.status_code, 303)
        self.assertIn("charter_commented", response.headers["Location"])
        comment = self.comments()
        self.assertEqual(comment.community_id, self.community)
        self.assertEqual(comment.line_id, self.line)
        self.assertEqual(comment.charter_id, self.consulted)
        self.assertNotIn("create_uid", comment._fields)
        page = self.url_open("/my/charter").text
        self.assertIn("The possible version is vague.", page)
        # Double submit: one comment.
        again = self.comment()
        self.assertEqual(again.status_code, 200)
        self.assertIn("already made this comment", again.text)
        self.assertEqual(len(self.comments()), 1)

    def test_comment_bad_input(self):
        self.login(self.member)
        other_line = self._create_charter(name="Other draft").line_ids[0]
        for label, response, message in (
            ("empty", lambda: self.comment(body="  "), "Write your comment"),
            ("oversize", lambda: self.comment(body="x" * 2001), "limited to 2000"),
            (
                "line of another version",
                lambda: self.comment(line=other_line),
                "Choose a practice",
            ),
            (
                "malformed line",
                lambda: self.post(
                    f"/my/charter/{self.consulted.id}/comment",
                    {"line_id": "1 OR 1=1", "body": "x"},
                ),
                "Choose a practice",
            ),
            (
                "other community",
                lambda: self.comment(community_id=str(self.community_other.id)),
                "Choose one of your communities",
            ),
        ):
            with self.subTest(case=label):
                result = response()
                self.assertEqual(result.status_code, 200)
                self.assertIn(message, result.text)
        self.assertFalse(self.comments())
        script = "<script>alert(1)</script>"
        self.comment(body=script)
        page = self.url_open("/my/charter").text
        self.assertNotIn(script, page)
        self.assertIn("&lt;script&gt;", page)
        self.comments().sudo().unlink()
        # A published version, a draft one, unknown ids.
        closed = self.comment(charter=self.charter, line=self.charter.line_ids[0])
        self.assertIn("charter_consultation_closed", closed.headers["Location"])
        draft = self._create_charter(name="Draft version")
        refused = self.comment(charter=draft, line=draft.line_ids[0])
        self.assertIn("charter_consultation_closed", refused.headers["Location"])
        for charter_id in (999999999, 99999999999):
            response = self.post(
                f"/my/charter/{charter_id}/comment", {"line_id": "1", "body": "x"}
            )
            self.assertEqual(response.status_code, 404)
        with mute_logger("odoo.http"):
            forged = self.post(
                f"/my/charter/{self.consulted.id}/comment",
                {"line_id": str(self.line.id), "body": "x"},
                "forged",
            )
        self.assertEqual(forged.status_code, 400)
        for user in (self.leaver, self.employee_user, self.facilitator):
            with self.subTest(user=user.login):
                self.login(user)
                self.assertIn(self.comment().status_code, (403, 404))
        self.assertFalse(self.comments())

    def test_who_reads_comments(self):
        self.consulted.line_ids.invalidate_recordset()
        Comment = self.env[COMMENT]
        mine = Comment.with_user(self.member).create(
            {"line_id": self.line.id, "community_id": self.community.id, "body": "A"}
        )
        theirs = Comment.with_user(self.other_member).create(
            {
                "line_id": self.line.id,
                "community_id": self.community_other.id,
                "body": "B",
            }
        )
        both = mine | theirs
        for user in (self.officer, self.director):
            with self.subTest(user=user.login):
                found = Comment.with_user(user).search([("id", "in", both.ids)])
                self.assertEqual(found, both)
                groups = Comment.with_user(user).read_group(
                    [("id", "in", both.ids)], ["community_id"], ["community_id"]
                )
                self.assertEqual(len(groups), 2)
                values = found.read()
                text = repr(values)
                for name in (self.member.name, self.other_member.name):
                    self.assertNotIn(name, text)
        for user, visible in (
            (self.fellow, mine),
            (self.portal_member, mine),
            (self.facilitator, mine),
            (self.other_member, theirs),
            (self.leaver, Comment),
            (self.employee_user, Comment),
            (self.outsider, Comment),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Comment.with_user(user).search([("id", "in", both.ids)]), visible
                )
                for hidden in both - visible:
                    with self.assertRaises(AccessError):
                        hidden.with_user(user).read(["body"])

    def test_comment_rules(self):
        Comment = self.env[COMMENT]
        values = {"line_id": self.line.id, "community_id": self.community.id}
        for user in (self.officer, self.director, self.other_member, self.leaver):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Comment.with_user(user).create(dict(values, body="Not mine"))
        comment = Comment.with_user(self.member).create(dict(values, body="Mine"))
        with self.assertRaises(UserError):
            comment.with_user(self.member).write({"body": "Changed"})
        with self.assertRaises(AccessError):
            comment.with_user(self.member).unlink()
        with self.assertRaises(UserError):
            Comment.with_user(self.member).create(
                dict(values, line_id=self.charter.line_ids[0].id, body="Too late")
            )
        rules = self.env["ir.rule"].search([("model_id.model", "=", COMMENT)])
        self.assertGreaterEqual(len(rules), 4)
        self.assertFalse(rules.filtered("groups"))
