# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback to directors in headless Chromium (static/tests/tours): propose a
draft, vote and change the vote, read the directors' answer."""

from odoo.tests.common import HttpCase, tagged

from .test_feedback import FeedbackCase

VOTE = "hr.manager.community.feedback.vote"


@tagged("post_install", "-at_install")
class TestPortalFeedbackTour(HttpCase, FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.voting = cls._feedback_in("voting", name="Tour vote feedback")
        cls.answered = cls._feedback_in("answered", name="Tour answered feedback")

    def _run(self, user):
        self.start_tour("/my", "hr_manager_community_portal_feedback", login=user.login)
        drafted = self.Feedback.search(
            [("name", "=", "Tour feedback: meetings set after hours")]
        )
        self.assertEqual(drafted.state, "draft")
        self.assertEqual(drafted.community_id, self.community)
        votes = self.env[VOTE].search([("feedback_id", "=", self.voting.id)])
        self.assertEqual(votes.user_id, user)
        self.assertEqual(votes.vote, "object")

    def test_portal_member(self):
        self.assertTrue(self.portal_fellow.share)
        self._run(self.portal_fellow)

    def test_internal_member(self):
        self.assertFalse(self.fellow.share)
        self._run(self.fellow)
