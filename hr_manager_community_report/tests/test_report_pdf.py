# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The director reports as official documents: real PDFs (wkhtmltopdf) whose
text is text (embedded fonts, searchable), with a title page stating the
period and the thresholds, the company header and the page numbers stamped on
every page, charts drawn on the server, a sane size; and the DUERP annex that
never counts an accepted feedback without its measure as a decided measure."""

import io
import re

from odoo.tests.common import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.hr_manager_community.models.ir_actions_report import stamp_pdf

from .test_report_render import REPORTS, ReportRenderCase

TITLES = {
    REPORTS[0]: "Feedback to Directors",
    REPORTS[1]: "Community Activity",
    REPORTS[2]: "Risk Assessment Annex - Psychosocial Risks",
}


def pdf_pages_text(pdf):
    """The text of each page, whitespace collapsed."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def blank_pdf(pages):
    """A PDF of ``pages`` empty A4 pages."""
    from reportlab.pdfgen import canvas

    stream = io.BytesIO()
    drawing = canvas.Canvas(stream, pagesize=(595, 842))
    for number in range(pages):
        drawing.drawString(100, 400, f"BODY-{number + 1}")
        drawing.showPage()
    drawing.save()
    return stream.getvalue()


@tagged("post_install", "-at_install")
class TestReportStamp(ReportRenderCase):
    def test_stamp_header_footer_and_page_numbers(self):
        stamped = stamp_pdf(
            blank_pdf(3),
            "ACME-HEADER",
            "DOC-TITLE",
            "PRINTED-X",
            "P %(page)s/%(total)s",
        )
        first, second, third = pdf_pages_text(stamped)
        # The title page has no running header, every page a footer.
        self.assertNotIn("ACME-HEADER", first)
        self.assertIn("BODY-1", first)
        self.assertIn("P 1/3", first)
        self.assertIn("PRINTED-X", first)
        for number, text in ((2, second), (3, third)):
            self.assertIn("ACME-HEADER", text)
            self.assertIn("DOC-TITLE", text)
            self.assertIn(f"BODY-{number}", text)
            self.assertIn(f"P {number}/3", text)

    def test_stamped_reports(self):
        for xmlid in (*REPORTS, "hr_manager_community_charter.action_report_charter"):
            report = self.env.ref(xmlid, raise_if_not_found=False)
            if not report:
                continue
            with self.subTest(report=xmlid):
                self.assertTrue(report.manager_community_stamp)
                self.assertEqual(
                    report.paperformat_id,
                    self.env.ref("hr_manager_community.paperformat_manager_community"),
                )

    def test_title_page_and_charts_in_html(self):
        wizard = self._wizard()
        for report in REPORTS:
            with self.subTest(report=report):
                html = self._html(report, wizard)
                self.assertIn("o_mc_title_page", html)
                self.assertIn("Privacy thresholds", html)
                self.assertIn(
                    "Minimum number of distinct managers behind a figure", html
                )
                # System fonts, no web font, for the text to stay text.
                self.assertIn('"DejaVu Sans"', html)
                self.assertIn(self.company.name, html)
        html = self._html(REPORTS[1], wizard)
        self.assertEqual(html.count("<svg"), 3)
        for caption in (
            "Attendance rate by quarter",
            "Situations by psychosocial factor",
            "Action completion by level",
        ):
            self.assertIn(caption, html)
        # The charts show the thresholded figures only.
        self.assertNotIn(self.factor_rare.name, html)
        self.assertNoPeople(html)

    def test_charts_follow_the_thresholds(self):
        Activity = self._report_model("activity")
        charts = Activity._activity_charts(
            {
                "quarters": [],
                "factors": [(self.factor_common, 11), (False, None)],
                "action_levels": [
                    ("Managerial", 5, 3, 60.0),
                    ("Individual", 4, None, None),
                ],
            }
        )
        self.assertFalse(charts["participation"])
        self.assertIn(">11<", charts["factors"])
        # A suppressed figure draws no bar and reads as a dash.
        self.assertIn("\u2014", charts["factors"])
        self.assertEqual(charts["completion"].count("<rect"), 1)
        self.assertIn(">60%<", charts["completion"])


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase, ReportRenderCase):
    def _pdf(self, report, ids, user=None):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_format = Report.with_user(user or self.director)._render_qweb_pdf(
            report, ids
        )
        self.assertEqual(report_format, "pdf")
        return pdf

    def assertOfficialPdf(self, pdf, title, max_size=600_000):
        # Embedded TrueType fonts: the text is text, not vector paths.
        self.assertIn(b"/FontFile2", pdf)
        self.assertLess(len(pdf), max_size)
        pages = pdf_pages_text(pdf)
        total = len(pages)
        for number, text in enumerate(pages, start=1):
            self.assertIn(f"Page {number} of {total}", text)
            self.assertRegex(text, r"Printed on \S+")
            if number > 1:
                self.assertIn(self.company.name, text)
        self.assertIn(title, pages[0])
        return pages

    def test_director_reports_are_official_documents(self):
        wizard = self._wizard()
        for report in REPORTS:
            with self.subTest(report=report):
                pages = self.assertOfficialPdf(
                    self._pdf(report, wizard.ids), TITLES[report]
                )
                self.assertGreaterEqual(len(pages), 2)
                title_page = pages[0]
                self.assertIn("Privacy thresholds", title_page)
                self.assertIn(
                    "Minimum number of distinct managers behind a figure: 5", title_page
                )
                self.assertIn("Period", title_page)
                # The running header names the document on the pages after the first.
                self.assertIn(self.env.ref(report).name, pages[1])
                text = " ".join(pages)
                self.assertNoPeople(text)
        feedback_text = " ".join(pdf_pages_text(self._pdf(REPORTS[0], wizard.ids)))
        self.assertIn("GROUP-TEXT", feedback_text)
        duerp_text = " ".join(pdf_pages_text(self._pdf(REPORTS[2], wizard.ids)))
        self.assertIn("DIRECTOR-MEASURE", duerp_text)
        self.assertIn(self.factor_common.code, duerp_text)

    def test_action_plan_pdf(self):
        plan = self.env["hr.manager.community.action.plan"].search(
            [("user_id", "=", self.members[0].user_id.id)], limit=1
        )
        self.assertTrue(plan)
        pdf = self._pdf(
            "hr_manager_community.action_report_action_plan",
            plan.ids,
            user=self.members[0].user_id,
        )
        pages = self.assertOfficialPdf(pdf, plan.name)
        self.assertTrue(re.search(r"Page 1 of \d+", pages[0]))


@tagged("post_install", "-at_install")
class TestDuerpMeasureToDefine(ReportRenderCase):
    def test_accepted_without_measure_is_to_be_defined(self):
        wizard = self._wizard()
        Duerp = self._report_model("duerp")
        before = Duerp._get_document_values(wizard)
        self.assertEqual(before["measures_decided"], 1)
        self.assertEqual(before["measures_to_define"], 0)
        # Data older than the rule (or written around it) has no measure text.
        self.env.cr.execute(
            "UPDATE hr_manager_community_feedback SET measure = '  ' WHERE id = %s",
            [self.feedback_north.id],
        )
        self.feedback_north.invalidate_recordset(["measure"])
        data = Duerp._get_document_values(wizard)
        self.assertEqual(data["measures_decided"], 0)
        self.assertEqual(data["measures_to_define"], 1)
        self.assertEqual(data["measures"][0]["measure"], "")
        html = self._html(REPORTS[2], wizard)
        self.assertIn("Measure to be defined", html)
        self.assertIn("whose measure is still to be defined", html)
