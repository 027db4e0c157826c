# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tests.common import tagged

from odoo.addons.hr_manager_community.tests.test_workflow_mixin import (
    WorkflowTableMixin,
)

from .common import CharterCase

REPORT = "hr_manager_community_charter.action_report_charter"


@tagged("post_install", "-at_install")
class TestCharter(WorkflowTableMixin, CharterCase):
    def _make_charter(self, state):
        charter = self._create_charter()
        if state != "draft":
            self._force_state(charter, state)
        return charter.with_user(self.director)

    def assertReads(self, user, charter, expected):
        Charter = self.Charter.with_user(user)
        domain = [("id", "=", charter.id)]
        self.assertEqual(bool(Charter.search(domain)), expected, user.login)
        # Grouped by state, every state is a group (empty ones included): the
        # user reads nothing when every group counts 0.
        groups = Charter.read_group(domain, ["state"], ["state"])
        self.assertEqual(bool(sum(group["state_count"] for group in groups)), expected)
        self.assertEqual(
            charter.id in [r[0] for r in Charter.name_search(charter.name)], expected
        )
        lines = self.env["hr.manager.charter.line"].with_user(user)
        self.assertEqual(
            bool(lines.search([("charter_id", "=", charter.id)])), expected
        )
        if not expected:
            with self.assertRaises(AccessError):
                charter.with_user(user).read(["name"])

    # -------------------------------------------------------------- workflow

    def test_workflow_table(self):
        self._walk_table(
            self.Charter,
            self._make_charter,
            roles={"officer": self.officer, "director": self.director},
            outsider=self.facilitator,
        )

    def test_versions_per_company(self):
        first = self._create_charter()
        second = self._create_charter()
        self.assertEqual(second.version, first.version + 1)
        other_company = self.env["res.company"].create({"name": "Other Co"})
        other = self.Charter.create({"name": "Other", "company_id": other_company.id})
        self.assertEqual(other.version, 1)
        with self.assertRaises(UserError):
            first.with_user(self.officer).write({"version": 99})

    def test_only_directors_approve(self):
        charter = self._create_charter()
        with self.assertRaises(AccessError):
            charter.with_user(self.member).action_open_consultation()
        charter.with_user(self.officer).action_open_consultation()
        for user in (self.officer, self.admin_user, self.facilitator, self.member):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                charter.with_user(user).action_approve()
        charter.with_user(self.director).action_approve()
        self.assertEqual(charter.state, "approved")
        self.assertEqual(charter.approved_by_id, self.director)
        self.assertTrue(charter.date_approved)

    def test_consultation_needs_practices(self):
        charter = self.Charter.with_user(self.officer).create({"name": "Empty"})
        with self.assertRaises(UserError):
            charter.action_open_consultation()
        self.assertEqual(charter.state, "draft")

    def test_publish_supersedes_previous(self):
        first = self._publish(self._create_charter())
        self.assertEqual(first.state, "published")
        self.assertTrue(first.date_published)
        second = self._publish(self._create_charter())
        self.assertEqual(second.state, "published")
        self.assertEqual(first.state, "superseded")
        published = self.Charter.search(
            [("company_id", "=", self.company.id), ("state", "=", "published")]
        )
        self.assertEqual(published, second)

    def test_only_adopted_practices(self):
        proposed = self._create_practice(name="Still proposed")
        rejected = self._create_practice(name="Rejected")
        rejected.with_user(self.director).action_reject()
        for practice in (proposed, rejected):
            with self.subTest(state=practice.state), self.assertRaises(ValidationError):
                self._create_charter(practices=practice)
        line = self._create_charter().line_ids[0]
        self.assertEqual(line.desirable, self.adopted.desirable)
        self.assertEqual(line.possible, self.adopted.possible)

    def test_approval_freezes_the_charter(self):
        charter = self._create_charter()
        charter.with_user(self.officer).action_open_consultation()
        charter.line_ids[0].with_user(self.officer).write({"section": "Renamed"})
        charter.with_user(self.director).action_approve()
        with self.assertRaises(UserError):
            charter.line_ids[0].with_user(self.officer).write({"section": "Again"})
        with self.assertRaises(UserError):
            charter.with_user(self.officer).write({"name": "Renamed"})
        with self.assertRaises(UserError):
            charter.with_user(self.officer).unlink()

    # ----------------------------------------------------------------- access

    def test_create_rights(self):
        for user in (self.director, self.member, self.facilitator, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Charter.with_user(user).create({"name": "Mine"})

    def test_read_before_publication(self):
        charter = self._create_charter()
        readers = (
            self.officer,
            self.admin_user,
            self.director,
            self.facilitator,
            self.facilitator_other,
            self.member,
            self.portal_member,
            self.other_member,
        )
        others = (self.outsider, self.employee_user, self.leaver, self.hr_manager)
        for state in ("draft", "consultation", "approved"):
            self._force_state(charter, state)
            for user in readers:
                with self.subTest(user=user.login, state=state):
                    self.assertReads(user, charter, True)
            for user in others:
                with self.subTest(user=user.login, state=state):
                    self.assertReads(user, charter, False)

    def test_read_published(self):
        charter = self._publish(self._create_charter())
        for user in (
            self.outsider,
            self.employee_user,
            self.leaver,
            self.portal_member,
            self.hr_manager,
        ):
            with self.subTest(user=user.login):
                self.assertReads(user, charter, True)

    # -------------------------------------------------------- acknowledgement

    def test_acknowledge_once_dated(self):
        charter = self._publish(self._create_charter())
        for user in (self.member, self.portal_member, self.leaver, self.employee_user):
            ack = charter.with_user(user).action_acknowledge()
            self.assertEqual(ack.user_id, user)
            self.assertTrue(ack.date)
            with self.assertRaises(UserError):
                charter.with_user(user).action_acknowledge()
        self.assertEqual(charter.acknowledgement_count, 4)
        self.assertTrue(charter.with_user(self.member).is_acknowledged)
        self.assertFalse(charter.with_user(self.fellow).is_acknowledged)

    def test_acknowledge_refused(self):
        charter = self._create_charter()
        with self.assertRaises(UserError):
            charter.with_user(self.member).action_acknowledge()
        self._publish(charter)
        # No employee in the company: not a manager of the company.
        with self.assertRaises(AccessError):
            charter.with_user(self.outsider).action_acknowledge()
        with self.assertRaises(AccessError):
            self.env["hr.manager.charter.acknowledgement"].with_user(
                self.member
            ).create({"charter_id": charter.id, "user_id": self.member.id})
        self.assertFalse(charter.acknowledgement_ids)

    def test_acknowledgements_read(self):
        charter = self._publish(self._create_charter())
        charter.with_user(self.member).action_acknowledge()
        charter.with_user(self.fellow).action_acknowledge()
        Ack = self.env["hr.manager.charter.acknowledgement"]
        domain = [("charter_id", "=", charter.id)]
        self.assertEqual(Ack.with_user(self.member).search(domain).user_id, self.member)
        for user in (self.officer, self.director, self.admin_user):
            self.assertEqual(len(Ack.with_user(user).search(domain)), 2, user.login)
        for user in (self.outsider, self.facilitator, self.portal_member):
            self.assertFalse(Ack.with_user(user).search(domain), user.login)

    # ---------------------------------------------------------------- report

    def test_pdf_for_readers(self):
        charter = self._publish(self._create_charter())
        Report = self.env["ir.actions.report"]
        for user in (self.member, self.outsider, self.director):
            html = (
                Report.with_user(user)
                ._render_qweb_html(REPORT, charter.ids)[0]
                .decode()
            )
            self.assertIn("DESIRABLE-TEXT", html)
            self.assertIn("POSSIBLE-TEXT", html)
            self.assertIn("Section 0", html)
        draft = self._create_charter()
        with self.assertRaises(AccessError):
            Report.with_user(self.outsider)._render_qweb_html(REPORT, draft.ids)

    # ----------------------------------------------------------------- views

    def test_backend_views(self):
        views = [(False, "list"), (False, "form"), (False, "kanban"), (False, "search")]
        for model in ("hr.manager.charter", "hr.manager.practice"):
            for user in (self.officer, self.director, self.facilitator):
                result = self.env[model].with_user(user).get_views(views)
                self.assertEqual(
                    set(result["views"]), {"list", "form", "kanban", "search"}
                )
        with Form(self.Charter.with_user(self.officer)) as form:
            form.name = "Built in the form"
            with form.line_ids.new() as line:
                line.section = "Listening"
                line.practice_id = self.adopted
            self.assertEqual(
                form.line_ids._records[0]["desirable"], self.adopted.desirable
            )
        charter = form.record
        self.assertEqual(charter.line_ids.practice_id, self.adopted)
        self.assertEqual(charter.line_ids.name, self.adopted.name)
        with Form(self.Practice.with_user(self.member)) as form:
            form.name = "Proposed in the form"
            form.desirable = "Wish"
            form.possible = "Can"
        self.assertEqual(form.record.community_id, self.community)
        self.assertEqual(form.record.state, "proposed")

    def test_acknowledgement_is_a_user_line(self):
        charter = self._publish(self._create_charter())
        Ack = self.env["hr.manager.charter.acknowledgement"]
        # Held by a user: an employee in no community acknowledges too.
        ack = charter.with_user(self.employee_user).action_acknowledge()
        self.assertEqual(ack.env.user, self.employee_user)
        self.assertEqual(
            Ack.with_user(self.employee_user)._current_user_lines(charter), ack
        )
        self.assertFalse(Ack.with_user(self.member)._current_user_lines(charter))
        # Nobody acknowledges for someone else.
        with self.assertRaisesRegex(AccessError, "act for yourself"):
            Ack.with_user(self.member)._create_own(
                [{"charter_id": charter.id, "user_id": self.fellow.id}]
            )
        with self.assertRaises(AccessError):
            ack.with_user(self.member)._unlink_own()
        self.assertEqual(charter.acknowledgement_count, 1)
