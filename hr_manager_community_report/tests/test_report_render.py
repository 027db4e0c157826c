# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The director reports: rendered for directors, refused to everyone else,
thresholded, and carrying no author and no personal data."""

import io
import zipfile

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ReportCase

REPORTS = (
    "hr_manager_community_report.action_report_feedback",
    "hr_manager_community_report.action_report_activity",
    "hr_manager_community_report.action_report_duerp",
)


class ReportRenderCase(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.refused = (
            cls.officer,
            cls.hr_manager,
            cls.facilitator,
            cls.members[0].user_id,
            cls.members[4].user_id,
            cls.outsider,
        )

    def _html(self, report, wizard, user=None):
        user = user or self.director
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, wizard.ids)
        )
        return html.decode()

    def _report_model(self, name, user=None):
        return self.env[f"report.hr_manager_community_report.report_{name}"].with_user(
            user or self.director
        )

    def _xlsx(self, wizard, user=None):
        return self._report_model("duerp", user)._render_xlsx(wizard.ids)

    def assertNoPeople(self, text):
        for name in self._names_of_members():
            self.assertNotIn(name, text)


@tagged("post_install", "-at_install")
class TestReportRender(ReportRenderCase):
    def test_feedback_report(self):
        wizard = self._wizard()
        html = self._html(REPORTS[0], wizard)
        self.assertIn("Feedback to Directors", html)
        for feedback in self.feedbacks:
            self.assertIn(feedback.name, html)
        self.assertIn("GROUP-TEXT", html)
        self.assertIn("DIRECTOR-RESPONSE", html)
        self.assertIn("Awaiting the directors", html)
        self.assertIn("o_report_layout", html)
        self.assertNoPeople(html)

    def test_feedback_report_scope(self):
        wizard = self._wizard(
            scope="community", community_ids=[(6, 0, self.community.ids)]
        )
        html = self._html(REPORTS[0], wizard)
        self.assertIn(self.feedback_north.name, html)
        self.assertNotIn(self.feedbacks[1].name, html)
        past = self._wizard(date_to=self.last_quarter + relativedelta(days=20))
        self.assertNotIn("GROUP-TEXT", self._html(REPORTS[0], past))

    def test_activity_report_is_thresholded(self):
        html = self._html(REPORTS[1], self._wizard())
        self.assertIn("Community Activity", html)
        self.assertIn("Sessions held", html)
        self.assertIn(self.factor_common.name, html)
        # The rare factor and the lonely manager's department never show.
        self.assertNotIn(self.factor_rare.name, html)
        self.assertNotIn(self.dept_b.name, html)
        self.assertIn(self.dept_a.name, html)
        self.assertNoPeople(html)
        self.assertNotIn("GROUP-TEXT", html)
        # Same figures as the analysis read as the director, no second threshold code.
        data = self._report_model("activity")._activity_data(self._wizard())
        self.assertEqual(data["totals"]["situations"], 12)
        self.assertEqual(data["totals"]["attendance"][0], 2)

    def test_activity_report_of_a_small_scope_shows_dashes(self):
        wizard = self._wizard(
            scope="department", department_ids=[(6, 0, self.dept_b.ids)]
        )
        data = self._report_model("activity")._activity_data(wizard)
        self.assertEqual(data["totals"]["situations"], 0)
        self.assertFalse(data["factors"])
        html = self._html(REPORTS[1], wizard)
        self.assertNoPeople(html)

    def test_duerp_annex(self):
        wizard = self._wizard()
        html = self._html(REPORTS[2], wizard)
        self.assertIn(self.factor_common.code, html)
        self.assertNotIn(self.factor_rare.code, html)
        self.assertIn("DIRECTOR-MEASURE", html)
        # No personal data: no member, and not the director carrying the measure.
        self.assertNoPeople(html)
        self.assertNotIn(
            self.director.name, html.split("o_manager_community_duerp_report", 1)[1]
        )
        content = self._xlsx(wizard)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn(self.factor_common.name, strings)
        self.assertIn("DIRECTOR-MEASURE", strings)
        self.assertNotIn(self.factor_rare.name, strings)
        self.assertNotIn(self.director.name, strings)
        self.assertNoPeople(strings)

    def test_duerp_pdf_and_spreadsheet_print_one_builder(self):
        # Both documents print the rows of _duerp_data, and nothing else.
        wizard = self._wizard()
        Duerp = type(self._report_model("duerp"))
        data = self._report_model("duerp")._duerp_data(wizard)
        self.assertEqual(
            [factor["code"] for factor in data["factors"]], [self.factor_common.code]
        )
        self.assertEqual(data["factors"][0]["feedback"], 2)
        self.assertEqual(data["factors"][0]["situations"], 12)
        [measure] = data["measures"]
        self.assertTrue(measure["measure"].startswith("DIRECTOR-MEASURE"))
        self.assertNotIn(self.director.name, str(data))
        rows = {
            "factors": [
                dict(
                    data["factors"][0],
                    name="ONE-BUILDER-FACTOR",
                    display_name="ONE-BUILDER-FACTOR",
                    feedback=None,
                )
            ],
            "measures": [dict(measure, measure="ONE-BUILDER-MEASURE")],
        }
        self.patch(Duerp, "_duerp_data", lambda model, wizard: rows)
        html = self._html(REPORTS[2], wizard)
        with zipfile.ZipFile(io.BytesIO(self._xlsx(wizard))) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        for text in (html, strings):
            self.assertIn("ONE-BUILDER-FACTOR", text)
            self.assertIn("ONE-BUILDER-MEASURE", text)
            self.assertNotIn("DIRECTOR-MEASURE", text)
        # The suppressed figure prints as a dash in the PDF, as the threshold
        # in the spreadsheet.
        self.assertIn("fewer than 5 managers", strings)

    def test_report_values_built_by_the_report_models(self):
        # The templates print report_data: the wizard computes nothing.
        wizard = self._wizard()
        for name, keys in (
            ("feedback", {"scope_label", "feedbacks", "summary"}),
            ("activity", {"scope_label", "totals", "quarters", "factors"}),
            ("duerp", {"scope_label", "factors", "measures"}),
        ):
            with self.subTest(report=name):
                values = self._report_model(name)._get_report_values(wizard.ids)
                self.assertEqual(values["docs"], wizard)
                self.assertEqual(values["min_managers"], 5)
                self.assertLessEqual(keys, set(values["report_data"][wizard.id]))
                self.assertEqual(
                    values["report_data"][wizard.id]["scope_label"], self.company.name
                )
        for name in ("feedback", "activity", "duerp"):
            with self.subTest(report=name), self.assertRaises(AccessError):
                self._report_model(name, self.officer)._get_report_values(wizard.ids)

    def test_administrator_refused(self):
        # A community administrator who is not a director prints nothing: the
        # aggregates are for directors only (DESIGN.md section 5).
        wizard = self._wizard()
        for report in REPORTS:
            with self.subTest(report=report), self.assertRaises(AccessError):
                self._html(report, wizard, self.admin_user)
        with self.assertRaises(AccessError):
            self._wizard(user=self.admin_user)
        with self.assertRaises(AccessError):
            self._xlsx(wizard, self.admin_user)

    def test_refused_to_everyone_else(self):
        wizard = self._wizard()
        for user in self.refused:
            with self.subTest(user=user.login):
                for report in REPORTS:
                    with self.assertRaises(AccessError):
                        self._html(report, wizard, user)
                with self.assertRaises(AccessError):
                    self._wizard(user=user)
                with self.assertRaises(AccessError):
                    self._xlsx(wizard, user)
        other_director = self.director.copy({"login": "mc_director_two"})
        with self.assertRaises(AccessError):
            wizard.with_user(other_director).read(["date_from"])

    def test_print_buttons(self):
        wizard = self._wizard()
        for method, report in zip(
            ("action_print_feedback", "action_print_activity", "action_print_duerp"),
            REPORTS,
            strict=True,
        ):
            action = getattr(wizard, method)()
            self.assertEqual(action["report_name"], self.env.ref(report).report_name)
        self.assertIn(f"wizard_id={wizard.id}", wizard.action_download_duerp()["url"])


@tagged("post_install", "-at_install")
class TestReportHttp(HttpCase, ReportRenderCase):
    def test_duerp_spreadsheet_route(self):
        wizard = self._wizard()
        url = f"/manager_community/report/duerp.xlsx?wizard_id={wizard.id}"
        self.authenticate(self.director.login, self.director.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertTrue(response.content.startswith(b"PK"))
        for user in (self.officer, self.admin_user, self.facilitator, self.outsider):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                self.assertEqual(self.url_open(url).status_code, 403)
        other_director = self.director.copy({"login": "mc_director_three"})
        other_director.password = "mc_director_three"
        self.authenticate(other_director.login, other_director.login)
        self.assertEqual(self.url_open(url).status_code, 403)

    def test_real_pdf_for_directors_only(self):
        # Rendered by wkhtmltopdf, which fetches the assets from the test server.
        wizard = self._wizard()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report in REPORTS:
            with self.subTest(report=report):
                pdf, report_format = Report.with_user(self.director)._render_qweb_pdf(
                    report, wizard.ids
                )
                self.assertEqual(report_format, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))
                with self.assertRaises(AccessError):
                    Report.with_user(self.officer)._render_qweb_pdf(report, wizard.ids)

    @mute_logger("odoo.http")
    def test_report_route_refused(self):
        wizard = self._wizard()
        report_name = self.env.ref(REPORTS[1]).report_name
        url = f"/report/html/{report_name}/{wizard.id}"
        self.authenticate(self.director.login, self.director.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Sessions held", response.text)
        for user in (self.officer, self.facilitator, self.outsider):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                response = self.url_open(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Sessions held", response.text)
