# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Practices and the charter consultation in headless Chromium
(static/tests/tours): propose and endorse a practice, comment a charter
version in consultation."""

from odoo.tests.common import HttpCase, tagged

from .common import CharterCase


@tagged("post_install", "-at_install")
class TestCollectivePortalTour(HttpCase, CharterCase):
    def test_propose_and_endorse_a_practice(self):
        proposal = self._create_practice(
            user=self.fellow, name="Tour proposal to endorse"
        )
        self.start_tour(
            "/my",
            "hr_manager_community_portal_practices",
            login=self.portal_member.login,
        )
        created = self.Practice.search(
            [("name", "=", "Tour practice: close meetings with decisions")]
        )
        self.assertEqual(created.state, "proposed")
        self.assertEqual(created.theme, "team")
        self.assertEqual(created.community_id, self.community)
        self.assertEqual(proposal.endorsement_ids.user_id, self.portal_member)

    def test_comment_a_charter_in_consultation(self):
        charter = self._create_charter(name="Tour consultation")
        charter.with_user(self.officer).action_open_consultation()
        self.start_tour(
            "/my",
            "hr_manager_community_portal_charter_comment",
            login=self.portal_member.login,
        )
        comment = self.env["hr.manager.charter.comment"].search(
            [("charter_id", "=", charter.id)]
        )
        self.assertEqual(comment.community_id, self.community)
        self.assertIn("needs an example", comment.body)
        self.assertEqual(
            comment.line_id, charter.line_ids.sorted(lambda ln: (ln.sequence, ln.id))[0]
        )
