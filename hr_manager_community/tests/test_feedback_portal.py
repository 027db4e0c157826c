# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback to directors on the portal (``/my/feedback``): pages by role, the
new-feedback form and the vote, with bad input; and the secret ballot on
every path (ORM, read_group, export, web_read, portal, messages)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import tagged, users, warmup
from odoo.tools import mute_logger

from .test_feedback import FeedbackCase
from .test_performance import INTERNAL_MEMBER, PORTAL_MEMBER, QueryCountCase
from .test_portal import PortalCase

VOTE = "hr.manager.community.feedback.vote"
# Queries per feedback page and login, about 20% over the counts measured (in
# brackets, for each of the four pages); the equality of the counts at
# both sizes is exact.
FEEDBACK_PAGE_BUDGETS = {INTERNAL_MEMBER: 22, PORTAL_MEMBER: 22}  # [16..18]


class FeedbackPortalCase(PortalCase, FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._create_feedback(name="Draft feedback title")
        cls.voting = cls._create_feedback(name="Voting feedback title")
        cls.voting.with_user(cls.author).action_open_vote()
        cls.answered = cls._feedback_in("answered", name="Answered feedback title")
        cls.other_feedback = cls.Feedback.create(
            {
                "community_id": cls.community_other.id,
                "name": "Other community feedback",
                "description": "OTHER-TEXT",
            }
        )

    @classmethod
    def _approve_by(cls, feedback, users):
        # Members who left (PortalCase's leaver) vote no more.
        active = cls.members.filtered(lambda m: m.state == "active").user_id
        return super()._approve_by(feedback, users & active)

    def feedback_form(self, **values):
        return dict(
            {
                "name": "Meetings are set after hours",
                "description": "Weekly meetings start at 6 p.m. in two departments.",
                "recommendation": "Hold them before 4 p.m.",
                "level": "organisational",
            },
            **values,
        )

    def my_votes(self, feedback):
        return {
            vote.member_id.user_id: vote.vote
            for vote in self.env[VOTE].search([("feedback_id", "=", feedback.id)])
        }


@tagged("post_install", "-at_install")
class TestFeedbackSecretBallot(FeedbackCase):
    """Nobody but the voter reads what a member chose."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.feedback = cls._feedback_in("voting", name="Secret ballot")
        cls.feedback.with_user(cls.author).action_vote("object")
        cls.feedback.with_user(cls.fellow).action_vote("approve")
        cls.author_vote = cls.env[VOTE].search(
            [("feedback_id", "=", cls.feedback.id), ("user_id", "=", cls.author.id)]
        )
        cls.env.ref("base.group_allow_export").users |= (
            cls.fellow | cls.facilitator | cls.officer | cls.director
        )

    def test_voter_reads_own_vote_only(self):
        Vote = self.env[VOTE].with_user(self.author)
        self.assertEqual(Vote.search([]), self.author_vote)
        self.assertEqual(self.author_vote.with_user(self.author).vote, "object")
        self.assertEqual(self.feedback.with_user(self.author).my_vote, "object")

    def test_nobody_else_reads_a_vote(self):
        for user in (
            self.fellow,
            self.portal_fellow,
            self.facilitator,
            self.officer,
            self.director,
            self.admin_user,
        ):
            with self.subTest(user=user.login):
                Vote = self.env[VOTE].with_user(user)
                domain = [("feedback_id", "=", self.feedback.id)]
                self.assertNotIn(self.author_vote, Vote.search(domain))
                self.assertNotIn(
                    self.author_vote.id, [r[0] for r in Vote.name_search("", limit=100)]
                )
                groups = Vote.read_group(
                    domain + [("user_id", "!=", user.id)], ["vote"], ["vote"]
                )
                self.assertFalse(groups)
                with self.assertRaises(AccessError):
                    self.author_vote.with_user(user).read(["vote"])
                feedback = self.feedback.with_user(user)
                if user in (self.fellow, self.portal_fellow, self.facilitator):
                    # The feedback itself is readable; its votes are the user's only.
                    values = feedback.web_read(
                        {"vote_ids": {"fields": {"vote": {}, "member_id": {}}}}
                    )[0]
                    self.assertNotIn(
                        self.author_vote.id, [v["id"] for v in values["vote_ids"]]
                    )
                    if not user.share:  # portal users export nothing at all
                        rows = feedback.export_data(["vote_ids/vote", "vote_ids/id"])[
                            "datas"
                        ]
                        self.assertNotIn("object", repr(rows).lower())
                    self.assertFalse(feedback.my_vote == "object")

    def test_tally_hidden_while_open_then_shown(self):
        for user in (self.author, self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                feedback = self.feedback.with_user(user)
                self.assertEqual(
                    (feedback.vote_approve_count, feedback.vote_object_count), (0, 0)
                )
                self.assertEqual(feedback.vote_cast_count, 2)
                self.assertFalse(feedback.vote_passed)
        # The release guard reads the real tally: one objection refuses it.
        with self.assertRaisesRegex(UserError, "not passed"):
            self.feedback.with_user(self.facilitator).action_release()
        self.feedback.with_user(self.author).action_vote("approve")
        self._approve_by(self.feedback, self.members.user_id)
        self.feedback.with_user(self.facilitator).action_release()
        for user in (self.author, self.facilitator):
            feedback = self.feedback.with_user(user)
            feedback.invalidate_recordset()
            self.assertEqual(
                (feedback.vote_approve_count, feedback.vote_object_count), (6, 0)
            )
        self.assertEqual(self.feedback.with_user(self.director).vote_approve_count, 0)

    def test_vote_is_in_no_message(self):
        messages = self.env["mail.message"].search(
            [("model", "in", ("hr.manager.community.feedback", VOTE))]
        )
        self.assertFalse(messages)
        self.assertFalse(
            self.env["mail.tracking.value"].search(
                [("field_id.model", "in", ("hr.manager.community.feedback", VOTE))]
            )
        )

    def test_no_view_lists_votes_by_name(self):
        arch = self.env["hr.manager.community.feedback"].get_view(view_type="form")[
            "arch"
        ]
        self.assertNotIn('name="vote_ids"', arch)


@tagged("post_install", "-at_install")
class TestFeedbackPortalPages(FeedbackPortalCase):
    def test_list_by_role(self):
        for user in (self.author, self.portal_fellow):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.get("/my/feedback")
                self.assertEqual(response.status_code, 200)
                for title in ("Draft feedback", "Voting feedback", "Answered feedback"):
                    self.assertIn(title, response.text)
                self.assertNotIn("Other community feedback", response.text)
                page = self.get("/my/feedback?filterby=voting&page=abc")
                self.assertEqual(page.status_code, 200)
                self.assertIn("Voting feedback", page.text)
                self.assertNotIn("Answered feedback", page.text)
        for user in (self.portal_outsider, self.leaver, self.officer):
            with self.subTest(user=user.login):
                self.login(user)
                self.assertEqual(self.get("/my/feedback").status_code, 403)

    def test_counter(self):
        self.login(self.portal_fellow)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_feedback"]}
        )
        self.assertEqual(counters["mc_feedback"], 1)
        self.login(self.portal_outsider)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mc_feedback"]}
        )
        self.assertNotIn("mc_feedback", counters)

    def test_detail_by_role(self):
        self.login(self.portal_fellow)
        page = self.get(f"/my/feedback/{self.answered.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("DIRECTOR-RESPONSE", page.text)
        self.assertIn("o_mc_tally", page.text)
        self.assertIn(
            "o_mc_vote_approve", self.get(f"/my/feedback/{self.voting.id}").text
        )
        for url in (
            f"/my/feedback/{self.other_feedback.id}",
            "/my/feedback/999999999",
            "/my/feedback/99999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 404)
        self.login(self.director)
        self.assertEqual(self.get(f"/my/feedback/{self.draft.id}").status_code, 404)
        released = self.get(f"/my/feedback/{self.answered.id}")
        self.assertEqual(released.status_code, 200)
        self.assertNotIn("o_mc_tally", released.text)
        self.login(self.portal_outsider)
        self.assertEqual(self.get(f"/my/feedback/{self.voting.id}").status_code, 404)


@tagged("post_install", "-at_install")
class TestFeedbackPortalForms(FeedbackPortalCase):
    def count(self):
        return self.Feedback.search_count([])

    def test_propose_a_draft(self):
        self.login(self.portal_fellow)
        factor = self.env.ref("hr_manager_community.factor_hse_demands")
        data = list(self.feedback_form().items()) + [("factor_ids", str(factor.id))]
        response = self.post("/my/feedback/new", data)
        self.assertEqual(response.status_code, 303)
        created = self.Feedback.search([("name", "=", "Meetings are set after hours")])
        self.assertEqual(created.state, "draft")
        self.assertEqual(created.community_id, self.community)
        self.assertEqual(created.factor_ids, factor)
        self.assertIn(f"/my/feedback/{created.id}", response.headers["Location"])
        # A double submit is no second draft.
        before = self.count()
        again = self.post("/my/feedback/new", data)
        self.assertEqual(again.status_code, 200)
        self.assertIn("already has a draft", again.text)
        self.assertEqual(self.count(), before)

    def test_bad_input(self):
        self.login(self.author)
        before = self.count()
        cases = {
            "empty": (
                self.feedback_form(name="  ", description=""),
                "Give the feedback a title",
            ),
            "oversize title": (self.feedback_form(name="x" * 121), "limited to 120"),
            "oversize text": (
                self.feedback_form(description="x" * 10001),
                "limited to 10000",
            ),
            "bad level": (self.feedback_form(level="cosmic"), "Choose the level"),
            "other community": (
                self.feedback_form(community_id=str(self.community_other.id)),
                "Choose one of your communities",
            ),
            "malformed community": (
                self.feedback_form(community_id="1; DROP TABLE"),
                "Choose one of your communities",
            ),
            "bad factor": (self.feedback_form(factor_ids="abc"), "Choose the factors"),
        }
        for label, (data, message) in cases.items():
            with self.subTest(case=label):
                response = self.post("/my/feedback/new", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("o_mc_form_error", response.text)
        self.assertEqual(self.count(), before)

    def test_script_is_text(self):
        self.login(self.author)
        script = "<script>alert('x')</script>"
        response = self.post(
            "/my/feedback/new", self.feedback_form(name="Script", description=script)
        )
        self.assertEqual(response.status_code, 303)
        created = self.Feedback.search([("name", "=", "Script")])
        self.assertEqual(created.description, script)
        page = self.get(f"/my/feedback/{created.id}").text
        self.assertNotIn(script, page)
        self.assertIn("&lt;script&gt;", page)

    def test_refused_without_csrf_or_membership(self):
        before = self.count()
        self.login(self.author)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/feedback/new", data=self.feedback_form(), allow_redirects=False
            )
        self.assertEqual(response.status_code, 400)
        for user in (self.portal_outsider, self.leaver, self.director):
            with self.subTest(user=user.login):
                self.login(user)
                response = self.post("/my/feedback/new", self.feedback_form())
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self.count(), before)


@tagged("post_install", "-at_install")
class TestFeedbackPortalVote(FeedbackPortalCase):
    def vote(self, feedback, value, token=None):
        return self.post(f"/my/feedback/{feedback.id}/vote", {"vote": value}, token)

    def test_vote_and_change_it(self):
        self.login(self.portal_fellow)
        response = self.vote(self.voting, "approve")
        self.assertEqual(response.status_code, 303)
        self.assertIn("vote_recorded", response.headers["Location"])
        self.assertEqual(self.my_votes(self.voting), {self.portal_fellow: "approve"})
        self.vote(self.voting, "object")
        self.assertEqual(self.my_votes(self.voting), {self.portal_fellow: "object"})
        page = self.get(f"/my/feedback/{self.voting.id}").text
        self.assertIn("o_mc_my_vote", page)
        self.assertIn("1 of", " ".join(page.split()))
        self.assertNotIn("o_mc_tally", page)
        # Nobody else's vote on the page of a fellow member.
        self.login(self.fellow)
        page = self.get(f"/my/feedback/{self.voting.id}").text
        self.assertNotIn("o_mc_my_vote", page)
        self.assertNotIn(self.portal_fellow.name, page)

    def test_bad_votes(self):
        self.login(self.portal_fellow)
        for feedback, value, message in (
            (self.voting, "maybe", "vote_invalid"),
            (self.voting, "", "vote_invalid"),
            (self.draft, "approve", "vote_closed"),
            (self.answered, "object", "vote_closed"),
        ):
            with self.subTest(feedback=feedback.name, value=value):
                response = self.vote(feedback, value)
                self.assertEqual(response.status_code, 303)
                self.assertIn(message, response.headers["Location"])
        self.assertFalse(self.my_votes(self.voting))
        self.assertEqual(
            self.my_votes(self.answered).get(self.portal_fellow), "approve"
        )
        self.assertEqual(self.vote(self.other_feedback, "approve").status_code, 404)
        with mute_logger("odoo.http"):
            forged = self.vote(self.voting, "approve", token="forged")
        self.assertEqual(forged.status_code, 400)
        self.assertFalse(self.my_votes(self.voting))

    def test_non_members_do_not_vote(self):
        self.login(self.facilitator)
        self.assertEqual(self.vote(self.voting, "approve").status_code, 403)
        for user in (self.portal_outsider, self.leaver, self.director):
            with self.subTest(user=user.login):
                self.login(user)
                self.assertEqual(self.vote(self.voting, "approve").status_code, 404)
        self.assertFalse(self.my_votes(self.voting))

    def test_vote_after_close(self):
        self.login(self.portal_fellow)
        self.vote(self.voting, "approve")
        self._approve_by(self.voting, self.members.user_id - self.leaver)
        self.voting.with_user(self.facilitator).action_release()
        response = self.vote(self.voting, "object")
        self.assertIn("vote_closed", response.headers["Location"])
        self.assertEqual(self.my_votes(self.voting)[self.portal_fellow], "approve")
        page = self.get(f"/my/feedback/{self.voting.id}").text
        self.assertIn("o_mc_tally", page)


@tagged("post_install", "-at_install")
class TestFeedbackPageQueryCounts(QueryCountCase, FeedbackPortalCase):
    """``/my/feedback`` and a feedback's page, as members, keep the same
    number of queries when the community has three times more feedback and
    votes (DESIGN.md section 10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The small size already holds what the large one holds more of:
        # the members' own votes on a feedback open to the vote.
        cls._approve_by(cls.voting, cls.author | cls.portal_fellow)

    def _urls(self):
        return {
            "/my/feedback": "/my/feedback",
            "/my/feedback?filterby=voting": "/my/feedback?filterby=voting",
            "/my/feedback/<voting>": f"/my/feedback/{self.voting.id}",
            "/my/feedback/<answered>": f"/my/feedback/{self.answered.id}",
        }

    @warmup
    def _measure_pages(self, counts):
        for key, url in self._urls().items():
            with self.counted(counts, key, FEEDBACK_PAGE_BUDGETS):
                response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 200, url)

    def _grow(self):
        env = self.env(su=True)
        factors = env["hr.psychosocial.factor"].search([], limit=4)
        for index in range(8):
            feedback = env["hr.manager.community.feedback"].create(
                {
                    "community_id": self.community.id,
                    "name": f"More feedback {index}",
                    "description": "More text",
                    "factor_ids": [(6, 0, factors.ids)],
                }
            )
            if index % 2:
                feedback.action_open_vote()
                self._approve_by(feedback, self.members.user_id)
        self.voting.factor_ids = factors
        self._approve_by(self.voting, self.members.user_id[1:3])

    @users(INTERNAL_MEMBER, PORTAL_MEMBER)
    def test_pages_at_two_sizes(self):
        login = self.env.user.login
        self.authenticate(login, login)
        small, large = {}, {}
        with self.rolled_back():
            self._measure_pages(small)
            self._grow()
            self._measure_pages(large)
        self.assert_same_at_both_sizes(small, large)
