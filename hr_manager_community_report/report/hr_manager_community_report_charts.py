# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Charts of the "Community activity" report, drawn on the server as inline
SVG from the figures the report already prints (so they are thresholded
exactly as the tables: a suppressed figure has no bar and reads as a dash).

No charting library: a few rectangles and texts, set in the report's system
font so that wkhtmltopdf embeds their text as text.
"""

from markupsafe import Markup, escape

from odoo import api, models

FONT = "DejaVu Sans, Liberation Sans, sans-serif"
BAR = "#3f6f9f"
MUTED = "#8a9299"
DASH = "\u2014"


def _text(x, y, text, size=11, anchor="start", fill="#222", weight="normal"):
    return Markup(
        '<text x="%s" y="%s" font-family="%s" font-size="%s" fill="%s" '
        'text-anchor="%s" font-weight="%s">%s</text>'
    ) % (x, y, FONT, size, fill, anchor, weight, escape(text))


def _svg(width, height, parts, title):
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" '
        'viewBox="0 0 %s %s" role="img"><title>%s</title>%s</svg>'
    ) % (width, height, width, height, escape(title), Markup("").join(parts))


def _shorten(text, size):
    text = str(text)
    return text if len(text) <= size else text[: size - 1] + "\u2026"


def column_chart(columns, title, width=680, height=230, maximum=100.0, unit="%"):
    """Vertical bars: ``columns`` are (label, value or None, note)."""
    top, bottom, left = 24, 46, 36
    plot = height - top - bottom
    parts = [_text(0, 14, title, size=12, weight="bold")]
    for step in (0, 50, 100):
        y = top + plot - plot * step / 100
        parts.append(
            Markup(
                '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#d5dade" '
                'stroke-width="1"/>'
            )
            % (left, y, width, y)
        )
        parts.append(
            _text(left - 4, y + 4, f"{maximum * step / 100:g}{unit}", 9, "end", MUTED)
        )
    slot = (width - left) / max(len(columns), 1)
    bar = min(56, slot * 0.6)
    for index, (label, value, note) in enumerate(columns):
        center = left + slot * index + slot / 2
        if value is None:
            parts.append(_text(center, top + plot - 6, DASH, 12, "middle", MUTED))
        else:
            ratio = max(0.0, min(float(value) / maximum, 1.0)) if maximum else 0
            bar_height = plot * ratio
            parts.append(
                Markup('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>')
                % (center - bar / 2, top + plot - bar_height, bar, bar_height, BAR)
            )
            parts.append(
                _text(
                    center,
                    top + plot - bar_height - 4,
                    f"{float(value):.0f}{unit}",
                    10,
                    "middle",
                )
            )
        parts.append(_text(center, top + plot + 16, label, 10, "middle"))
        if note:
            parts.append(_text(center, top + plot + 31, note, 9, "middle", MUTED))
    return _svg(width, height, parts, title)


def bar_chart(rows, title, width=680, unit="", maximum=None):
    """Horizontal bars: ``rows`` are (label, value or None)."""
    line, top, label_width = 22, 26, 250
    height = top + line * max(len(rows), 1) + 6
    values = [float(value) for _label, value in rows if value is not None]
    maximum = maximum or (max(values) if values else 1.0) or 1.0
    plot = width - label_width - 60
    parts = [_text(0, 14, title, size=12, weight="bold")]
    for index, (label, value) in enumerate(rows):
        y = top + line * index
        parts.append(_text(label_width - 8, y + 14, _shorten(label, 38), 10, "end"))
        if value is None:
            parts.append(_text(label_width + 4, y + 14, DASH, 11, "start", MUTED))
            continue
        length = plot * max(0.0, min(float(value) / maximum, 1.0))
        parts.append(
            Markup('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>')
            % (label_width, y + 3, max(length, 1), line - 8, BAR)
        )
        shown = f"{float(value):.0f}{unit}" if unit else f"{float(value):g}"
        parts.append(_text(label_width + length + 5, y + 14, shown, 10))
    return _svg(width, height, parts, title)


class ReportManagerCommunityActivityCharts(models.AbstractModel):
    _inherit = "report.hr_manager_community_report.report_activity"

    @api.model
    def _get_document_values(self, wizard):
        values = super()._get_document_values(wizard)
        values["charts"] = self._activity_charts(values)
        return values

    @api.model
    def _activity_charts(self, values):
        """The three charts of the activity report, as SVG markup, from the
        figures of ``values`` (those of ``_activity_data``)."""
        _ = self.env._
        grouped = _("Grouped")
        quarters = []
        # The published periods come labelled ("Q4 2026", by the period model).
        for label, row in values.get("quarters", ()):
            sessions = row.get("sessions")
            note = (
                _("%(count)s sessions") % {"count": sessions}
                if sessions is not None
                else ""
            )
            quarters.append((label, row.get("attendance_rate"), note))
        factors = [
            (factor.display_name if factor else grouped, count)
            for factor, count, *_rest in values.get("factors", ())
        ]
        # Grouped factors last, the others by decreasing count.
        factors.sort(key=lambda row: (row[0] == grouped, -(row[1] or 0)))
        completion = [
            (label or grouped, rate)
            for label, _count, _done, rate, *_rest in values.get("action_levels", ())
        ]
        return {
            "participation": column_chart(quarters, _("Attendance rate by quarter"))
            if quarters
            else False,
            "factors": bar_chart(factors[:12], _("Situations by psychosocial factor"))
            if factors
            else False,
            "completion": bar_chart(
                completion, _("Action completion by level"), unit="%", maximum=100.0
            )
            if completion
            else False,
        }
