# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests.common import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CharterCase

CSRF_RE = re.compile(r'(?:name="csrf_token" value="|csrf_token: ")([^"]+)"')


@tagged("post_install", "-at_install")
class TestCharterPortal(HttpCase, CharterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.charter = cls._publish(cls._create_charter())
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.stranger = new_test_user(
            cls.env,
            "mc_portal_stranger",
            groups="base.group_portal",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self):
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)

    def acknowledge(self, token):
        return self.url_open(
            "/my/charter/acknowledge",
            data={"csrf_token": token},
            allow_redirects=False,
        )

    def test_charter_page(self):
        for user in (self.portal_member, self.member, self.facilitator):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.url_open("/my/charter", allow_redirects=False)
                self.assertEqual(response.status_code, 200)
                self.assertIn("DESIRABLE-TEXT", response.text)
                self.assertIn("POSSIBLE-TEXT", response.text)
                self.assertIn("Section 0", response.text)
        self.login(self.portal_member)
        self.assertIn("o_mc_charter_acknowledge", self.url_open("/my/charter").text)
        self.assertIn('href="/my/charter"', self.url_open("/my").text)
        # The counter also counts the versions in consultation (the demo's).
        consultations = self.Charter.search_count(
            [("state", "=", "consultation"), ("company_id", "=", self.company.id)]
        )
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_charter"]}
        )
        self.assertEqual(counters["mc_charter"], 1 + consultations)
        self.charter.with_user(self.portal_member).action_acknowledge()
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_charter"]}
        )
        self.assertEqual(counters["mc_charter"], consultations)

    def test_acknowledge(self):
        self.login(self.portal_member)
        response = self.acknowledge(self.csrf())
        self.assertEqual(response.status_code, 303)
        self.assertIn("/my/charter", response.headers["Location"])
        ack = self.charter.acknowledgement_ids
        self.assertEqual(ack.user_id, self.portal_member)
        self.assertTrue(ack.date)
        page = self.url_open("/my/charter").text
        self.assertIn("o_mc_charter_acknowledged", page)
        self.assertNotIn("o_mc_charter_acknowledge ", page)
        # Acknowledging again keeps the first acknowledgement.
        self.assertEqual(self.acknowledge(self.csrf()).status_code, 303)
        self.assertEqual(len(self.charter.acknowledgement_ids), 1)

    def test_acknowledge_without_csrf(self):
        self.login(self.portal_member)
        with mute_logger("odoo.http"):
            forged = self.acknowledge("forged")
            missing = self.url_open(
                "/my/charter/acknowledge", data={"ack": "1"}, allow_redirects=False
            )
        self.assertEqual(forged.status_code, 400)
        self.assertEqual(missing.status_code, 400)
        self.assertFalse(self.charter.acknowledgement_ids)

    def test_acknowledge_refused_without_employee(self):
        self.login(self.outsider)
        self.assertEqual(self.url_open("/my/charter").status_code, 200)
        response = self.acknowledge(self.csrf())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.charter.acknowledgement_ids)

    def test_no_published_charter(self):
        self.login(self.stranger)
        response = self.url_open("/my/charter", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        response = self.acknowledge(self.csrf())
        self.assertEqual(response.status_code, 404)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_charter"]}
        )
        self.assertNotIn("mc_charter", counters)
