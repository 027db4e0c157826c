# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contributions to the analysis of a situation: they follow the situation's
rules exactly (who reads, drafts hidden, purge), are written by their holder
only, and their form refuses bad input without raising."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from ..models.text_limits import TEXT_MAX_LENGTH
from .common import ManagerCommunityCase

CONTRIBUTION = "hr.manager.community.situation.contribution"
MARKER = "SECRET-CONTRIBUTION the schedule was imposed"


class ContributionCase(ManagerCommunityCase):
    """``situation``: brought by member 0, taken up in ``meeting`` (in
    progress) and discussed; member 3 left the community."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Contribution = cls.env[CONTRIBUTION]
        cls.author = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.portal_fellow = cls.members[4].user_id
        cls.leaver = cls.members[3].user_id
        cls.meeting = cls._create_session(days=0)
        cls.meeting.action_schedule()
        cls.meeting.action_start()
        cls.situation = cls._create_situation(name="Situation taken up")
        cls.situation.with_user(cls.author).action_submit()
        cls.situation.with_user(cls.facilitator).write({"session_id": cls.meeting.id})
        cls.situation.with_user(cls.facilitator).action_select()
        cls.situation.with_user(cls.facilitator).action_discuss()
        cls.members[3].action_leave()

    def _contributions(self):
        """The contributions of the fixture's community (the demo has others)."""
        return self.Contribution.search([("community_id", "=", self.community.id)])

    @classmethod
    def _contribute(cls, user, level="organisational", body=MARKER, situation=None):
        situation = situation or cls.situation
        Contribution = cls.Contribution.with_user(user)
        member = cls.members.filtered(lambda m: m.user_id == user)
        values, errors, __ = Contribution._form_contribution(
            {"level": level, "body": body}, situation.with_user(user), member
        )
        if errors:
            raise UserError(str(errors))
        return Contribution._save_contribution(values)


@tagged("post_install", "-at_install")
class TestContribution(ContributionCase):
    def test_group_reads_outsiders_do_not(self):
        contribution = self._contribute(self.fellow)
        self.assertEqual(contribution.community_id, self.community)
        self.assertEqual(contribution.user_id, self.fellow)
        readers = (self.author, self.fellow, self.portal_fellow, self.facilitator)
        for user in readers:
            with self.subTest(user=user.login):
                found = self.Contribution.with_user(user).search(
                    [("situation_id", "=", self.situation.id)]
                )
                self.assertEqual(found, contribution)
                self.assertEqual(found.body, MARKER)
        others = (
            self.leaver,
            self.officer,
            self.admin_user,
            self.director,
            self.facilitator_other,
            self.outsider,
            self.member_other.user_id,
        )
        for user in others:
            with self.subTest(user=user.login):
                Contribution = self.Contribution.with_user(user)
                self.assertFalse(Contribution.search([]))
                self.assertFalse(
                    Contribution.search_count([("body", "ilike", "SECRET")])
                )
                with self.assertRaises(AccessError):
                    contribution.with_user(user).read(["body"])
                self.assertFalse(
                    Contribution.read_group([], ["level"], ["level"]),
                    "no group, no count",
                )

    def test_written_by_their_holder_only(self):
        contribution = self._contribute(self.fellow)
        # The rules refuse direct writes, whoever asks.
        for user in (self.fellow, self.author, self.facilitator, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                contribution.with_user(user).write({"body": "changed"})
        with self.assertRaises(AccessError):
            self.Contribution.with_user(self.fellow).create(
                {
                    "situation_id": self.situation.id,
                    "member_id": self.members[1].id,
                    "level": "individual",
                    "body": "direct",
                }
            )
        # On behalf of another member: refused.
        with self.assertRaises(AccessError):
            self.Contribution.with_user(self.fellow)._save_contribution(
                {
                    "situation_id": self.situation.id,
                    "member_id": self.members[2].id,
                    "level": "individual",
                    "body": "not mine",
                }
            )
        # The holder edits their contribution at that level (one per level).
        again = self._contribute(self.fellow, body="Second thoughts")
        self.assertEqual(again, contribution)
        self.assertEqual(contribution.body, "Second thoughts")
        other_level = self._contribute(self.fellow, level="managerial")
        self.assertNotEqual(other_level, contribution)

    def test_members_of_the_situation_community_only(self):
        with self.assertRaises(ValidationError):
            # sudo: bypass the rules to reach the model's own constraint.
            self.Contribution.sudo().create(
                {
                    "situation_id": self.situation.id,
                    "member_id": self.member_other.id,
                    "level": "individual",
                    "body": "from another community",
                }
            )
        # A member who left has no membership to contribute with.
        values, errors, __ = self.Contribution.with_user(
            self.leaver
        )._form_contribution(
            {"level": "individual", "body": "x"},
            self.situation,
            self.env["hr.manager.community.member"],
        )
        self.assertIn("_global", errors)

    def test_open_only_when_taken_up_in_a_started_session(self):
        submitted = self._create_situation(member=self.members[1], name="Later")
        submitted.with_user(self.fellow).action_submit()
        with self.assertRaisesRegex(UserError, "Contributions open once"):
            self._contribute(self.author, situation=submitted)
        self.situation.with_user(self.facilitator).action_close()
        with self.assertRaisesRegex(UserError, "Contributions open once"):
            self._contribute(self.author)
        self.assertFalse(
            self.Contribution.search([("situation_id", "=", self.situation.id)])
        )

    def test_draft_again_hides_them_from_the_group(self):
        selected = self._create_situation(name="Selected then withdrawn")
        selected.with_user(self.author).action_submit()
        selected.with_user(self.facilitator).write({"session_id": self.meeting.id})
        selected.with_user(self.facilitator).action_select()
        contribution = self._contribute(self.fellow, situation=selected)
        selected.with_user(self.author).action_withdraw()
        selected.with_user(self.author).action_reset_to_draft()
        for user in (self.fellow, self.facilitator):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.Contribution.with_user(user).search(
                        [("id", "=", contribution.id)]
                    )
                )
        self.assertEqual(
            self.Contribution.with_user(self.author).search(
                [("id", "=", contribution.id)]
            ),
            contribution,
        )

    def test_purged_with_the_situation(self):
        contribution = self._contribute(self.fellow)
        self.situation.with_user(self.facilitator).action_close()
        self.community.action_close()
        self.community._purge_narratives()
        self.assertFalse(contribution.exists())
        self.assertEqual(self.situation.name, "Purged situation")

    def test_facilitator_synthesises(self):
        self._contribute(self.fellow)
        self.situation.with_user(
            self.facilitator
        ).analysis_organisational = "Synthesis: the schedule was imposed"
        self.assertIn("imposed", self.situation.analysis_organisational)
        with self.assertRaises(AccessError):
            self.situation.with_user(self.fellow).analysis_organisational = "mine"

    def test_form_refuses_bad_input(self):
        member = self.members[1]
        Contribution = self.Contribution.with_user(self.fellow)
        cases = {
            "empty": ({"level": "individual", "body": "   "}, "body"),
            "oversize": (
                {"level": "individual", "body": "x" * (TEXT_MAX_LENGTH + 1)},
                "body",
            ),
            "bad level": ({"level": "cosmic", "body": "text"}, "level"),
            "no level": ({"body": "text"}, "level"),
            "a file": ({"level": "individual", "body": object()}, "body"),
        }
        for name, (raw, field) in cases.items():
            with self.subTest(case=name):
                __, errors, __ = Contribution._form_contribution(
                    raw, self.situation, member
                )
                self.assertIn(field, errors)
        # The length limit also holds on every create and write.
        with self.assertRaises(ValidationError):
            Contribution._save_contribution(
                {
                    "situation_id": self.situation.id,
                    "member_id": member.id,
                    "level": "individual",
                    "body": "y" * (TEXT_MAX_LENGTH + 1),
                }
            )
        self.assertFalse(self._contributions())
