# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Running header, footer and page numbers of the Manager Communities PDFs,
stamped on the pages after wkhtmltopdf rendered them.

Odoo puts the header and footer of ``web.external_layout`` in separate HTML
files passed to wkhtmltopdf's ``--header-html``/``--footer-html``; builds of
wkhtmltopdf without the patched Qt (Debian's, for one) ignore them, so the
documents would have no company header and no page number. The reports whose
``manager_community_stamp`` is set use ``hr_manager_community.report_layout``
(no header/footer HTML, system fonts) and get these stamped here with
reportlab, whatever the build of wkhtmltopdf: company and document title at
the top of every page after the first, print date and "Page n of N" at the
bottom of every page. Each record's document is numbered on its own.
"""

import io
import logging
import os

from odoo import api, fields, models
from odoo.tools.misc import format_date
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

try:
    from reportlab.lib.colors import Color
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
except ImportError:  # pragma: no cover - reportlab is an Odoo requirement
    canvas = None

MM = 72 / 25.4
STAMP_FONTS = (
    # (name, regular file, bold file): the first one found is embedded.
    (
        "MCDejaVuSans",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "MCLiberationSans",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)


def _stamp_fonts():
    """(regular, bold) font names for reportlab: an embedded TrueType font
    when the system has one, else the standard Helvetica."""
    for name, regular, bold in STAMP_FONTS:
        if os.path.exists(regular) and os.path.exists(bold):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, regular))
                pdfmetrics.registerFont(TTFont(f"{name}-Bold", bold))
            return name, f"{name}-Bold"
    return "Helvetica", "Helvetica-Bold"


def stamp_pdf(pdf_content, header_left, header_right, footer_left, page_label):
    """``pdf_content`` with a header on every page but the first and a footer
    on every page. ``page_label`` is a format string with ``%(page)s`` and
    ``%(total)s``. Returns the new PDF as bytes."""
    reader = PdfFileReader(io.BytesIO(pdf_content), strict=False)
    total = reader.getNumPages()
    regular, bold = _stamp_fonts()
    grey = Color(0.35, 0.35, 0.35)
    packet = io.BytesIO()
    overlay = canvas.Canvas(packet)
    for number in range(total):
        page = reader.getPage(number)
        width = float(abs(page.mediaBox.getWidth()))
        height = float(abs(page.mediaBox.getHeight()))
        overlay.setPageSize((width, height))
        left, right = 15 * MM, width - 15 * MM
        overlay.setFillColor(grey)
        overlay.setStrokeColor(grey)
        overlay.setLineWidth(0.4)
        if number:
            top = height - 12 * MM
            overlay.setFont(bold, 8)
            overlay.drawString(left, top, header_left)
            overlay.setFont(regular, 8)
            overlay.drawRightString(right, top, header_right)
            overlay.line(left, top - 2 * MM, right, top - 2 * MM)
        bottom = 10 * MM
        overlay.line(left, bottom + 4 * MM, right, bottom + 4 * MM)
        overlay.setFont(regular, 8)
        overlay.drawString(left, bottom, footer_left)
        overlay.drawRightString(
            right, bottom, page_label % {"page": number + 1, "total": total}
        )
        overlay.showPage()
    overlay.save()
    stamps = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    for number in range(total):
        page = reader.getPage(number)
        page.mergePage(stamps.getPage(number))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    manager_community_stamp = fields.Boolean(
        string="Stamp Header and Footer",
        help="Stamp the company header, the print date and the page numbers on "
        "the rendered PDF (Manager Communities documents, laid out without "
        "wkhtmltopdf's header and footer).",
    )

    @api.model
    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        report = self._get_report(report_ref)
        if not report.manager_community_stamp or canvas is None:
            return streams
        for res_id, values in streams.items():
            stream = values.get("stream")
            # A stored attachment (attachment_use) was stamped when it was made.
            if not stream or values.get("attachment"):
                continue
            content = report._manager_community_stamp(stream.getvalue(), res_id)
            stream.close()
            values["stream"] = io.BytesIO(content)
        return streams

    def _manager_community_stamp(self, pdf_content, res_id=None):
        """Stamp ``pdf_content`` in the printing user's language."""
        self.ensure_one()
        report = self.with_context(lang=self.env.user.lang or self.env.lang)
        env = report.env
        company = env.company
        if res_id and self.model in env and "company_id" in env[self.model]._fields:
            # The records were read as the user to render them.
            company = env[self.model].browse(res_id).company_id or company
        return stamp_pdf(
            pdf_content,
            header_left=company.name or "",
            header_right=report.name or "",
            footer_left=env._("Printed on %(date)s")
            % {"date": format_date(env, fields.Date.context_today(report))},
            page_label=env._("Page %(page)s of %(total)s"),
        )
