# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.tools.misc import xlsxwriter

from ..wizards.hr_manager_community_report_wizard import quarter_start

AFTER_RELEASE = ("released", "answered", "closed")
MEASURE_DECISIONS = ("accepted", "partial")

ATTENDANCE = (
    "session_count:sum",
    "attendance_count:sum",
    "attendance_present_count:sum",
    "attendance_rate:avg",
)
ACTIONS = (
    "action_count:sum",
    "action_done_count:sum",
    "action_completion_rate:avg",
)
SITUATIONS = ("situation_count:sum",)
FEEDBACK = ("feedback_count:sum", "response_delay:avg")
# Breakdowns other than the department: published for the whole company only.
COMPANY_BREAKDOWNS = ("factor_id", "level", "feedback_state")


def selection_labels(model, field_name):
    """{value: label} of a selection field, in the language of ``model``."""
    return dict(model._fields[field_name]._description_selection(model.env))


class ReportManagerCommunityBase(models.AbstractModel):
    """Rendering values shared by the director reports, printed from the
    wizard (``hr.manager.community.report.wizard``: period and scope).

    Each report model builds what its template prints in
    ``_get_document_values(wizard)``; the templates only lay it out. Every
    figure comes from ``_figures`` (and its *k* from
    ``_figures_min_managers``): the published cells of the closed periods
    (``hr.manager.community.report``) read as the current user, through the
    same code as the pivot view; nothing is computed from live data.
    Released feedback is read as the current user, under the record rules of
    the feedback.
    Nothing here uses sudo(); only directors print.
    """

    _name = "report.hr_manager_community_report.report_base"
    _description = "Manager Communities Director Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self._get_wizards(docids)
        return {
            "doc_ids": docids,
            "doc_model": wizards._name,
            "docs": wizards,
            "min_managers": self._figures_min_managers(),
            "printed_on": fields.Date.context_today(self),
            "report_data": {
                wizard.id: self._get_document_values(wizard) for wizard in wizards
            },
        }

    @api.model
    def _get_wizards(self, docids):
        """The wizards to print, for directors only and as the user."""
        wizards = self.env["hr.manager.community.report.wizard"]
        wizards._check_reporter()
        wizards = wizards.browse(docids)
        wizards.check_access("read")
        return wizards

    @api.model
    def _get_document_values(self, wizard):
        """What the document of ``wizard`` prints besides the wizard's fields."""
        return {"scope_label": wizard._scope_label()}

    # ------------------------------------------------------------- figures

    @api.model
    def _figures_domain(self, wizard, *extra):
        """The wizard's period and scope, in the terms of the analysis."""
        domain = [
            ("company_id", "=", wizard.company_id.id),
            ("date", ">=", quarter_start(wizard.date_from)),
            ("date", "<=", wizard.date_to),
        ]
        departments = wizard._scope_departments()
        if wizard.scope != "company" and departments:
            domain.append(("department_id", "child_of", departments.ids))
        return domain + list(extra)

    @api.model
    def _figures(self, wizard, extra, groupby, aggregates):
        """Thresholded figures of the wizard's period and scope, restricted
        by the ``extra`` domain: the source of every figure of the reports.
        Breakdowns are never crossed: for a scope of departments, the
        figures by factor, level or feedback status are not published."""
        used = {spec.split(":", 1)[0] for spec in groupby} | {
            leaf[0].split(".", 1)[0] for leaf in extra if isinstance(leaf, list | tuple)
        }
        departments = wizard.scope != "company" and wizard._scope_departments()
        if departments and used & set(COMPANY_BREAKDOWNS):
            return []
        return self.env["hr.manager.community.report"]._read_group(
            self._figures_domain(wizard, *extra), groupby, aggregates
        )

    @api.model
    def _figures_min_managers(self):
        """*k*: the number of managers below which a figure is suppressed."""
        return self.env["hr.manager.community.report"]._min_managers()

    # ------------------------------------------------------------ feedback

    @api.model
    def _feedback_domain(self, wizard):
        domain = [
            ("company_id", "=", wizard.company_id.id),
            ("state", "in", AFTER_RELEASE),
            ("date_released", ">=", wizard.date_from),
            ("date_released", "<=", wizard.date_to),
        ]
        if wizard.scope == "community" and wizard.community_ids:
            domain.append(("community_id", "in", wizard.community_ids.ids))
        elif wizard.scope == "department" and wizard.department_ids:
            domain.append(("department_ids", "child_of", wizard.department_ids.ids))
        return domain

    @api.model
    def _released_feedback(self, wizard):
        """Feedback released in the period and scope, read as the user."""
        return self.env["hr.manager.community.feedback"].search(
            self._feedback_domain(wizard), order="date_released, id"
        )


class ReportManagerCommunityFeedback(models.AbstractModel):
    _name = "report.hr_manager_community_report.report_feedback"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "Feedback to Directors Report"

    @api.model
    def _get_document_values(self, wizard):
        values = super()._get_document_values(wizard)
        feedbacks = self._released_feedback(wizard)
        values.update(feedbacks=feedbacks, summary=self._feedback_summary(feedbacks))
        return values

    @api.model
    def _feedback_summary(self, feedbacks):
        states = selection_labels(feedbacks, "state")
        decisions = selection_labels(feedbacks, "decision")
        levels = selection_labels(feedbacks, "level")
        answered = feedbacks.filtered("date_answered")
        by_state, by_decision, by_level = (
            defaultdict(int),
            defaultdict(int),
            defaultdict(int),
        )
        for feedback in feedbacks:
            by_state[states[feedback.state]] += 1
            by_level[levels[feedback.level]] += 1
            if feedback.decision:
                by_decision[decisions[feedback.decision]] += 1
        return {
            "count": len(feedbacks),
            "answered": len(answered),
            "waiting": len(feedbacks) - len(answered),
            "delay": (
                round(sum(answered.mapped("response_delay")) / len(answered), 1)
                if answered
                else None
            ),
            "by_state": sorted(by_state.items()),
            "by_decision": sorted(by_decision.items()),
            "by_level": sorted(by_level.items()),
        }


class ReportManagerCommunityActivity(models.AbstractModel):
    _name = "report.hr_manager_community_report.report_activity"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "Community Activity Report"

    @api.model
    def _get_document_values(self, wizard):
        values = super()._get_document_values(wizard)
        values.update(self._activity_data(wizard))
        return values

    @api.model
    def _activity_data(self, wizard):
        """The figures of the activity report; a suppressed figure is None
        or its row is left out."""
        analysis = self.env["hr.manager.community.report"]
        levels = selection_labels(analysis, "level")
        feedback_states = selection_labels(analysis, "feedback_state")

        def labelled(rows, labels):
            return [(labels.get(key, False), *figures) for key, *figures in rows]

        # One query for the four totals: a total is the group of its indicator.
        by_kind = {
            kind: values
            for kind, *values in self._figures(
                wizard, (), ("kind",), ATTENDANCE + SITUATIONS + ACTIONS + FEEDBACK
            )
        }
        empty = [0, 0, 0, None, 0, 0, 0, None, 0, None]
        totals = {
            "attendance": by_kind.get("attendance", empty)[0:4],
            "situations": by_kind.get("situation", empty)[4],
            "actions": by_kind.get("action", empty)[5:8],
            "feedback": by_kind.get("feedback", empty)[8:10],
        }
        quarters = defaultdict(dict)
        for (
            quarter,
            kind,
            sessions,
            rate,
            situations,
            completion,
            count,
        ) in self._figures(
            wizard,
            (),
            ("period_id", "kind"),
            (
                "session_count:sum",
                "attendance_rate:avg",
                "situation_count:sum",
                "action_completion_rate:avg",
                "feedback_count:sum",
            ),
        ):
            row = quarters[quarter.date_start, quarter.display_name]
            if kind == "attendance":
                row.update(sessions=sessions, attendance_rate=rate)
            elif kind == "situation":
                row["situations"] = situations
            elif kind == "action":
                row["completion"] = completion
            elif kind == "feedback":
                row["feedback"] = count
        return {
            "totals": totals,
            "quarters": [
                (label, row) for (_start, label), row in sorted(quarters.items())
            ],
            "departments": self._figures(
                wizard,
                [("kind", "=", "attendance")],
                ("department_id",),
                ("session_count:sum", "attendance_rate:avg"),
            ),
            "factors": self._figures(
                wizard, [("kind", "=", "situation")], ("factor_id",), SITUATIONS
            ),
            "levels": labelled(
                self._figures(
                    wizard, [("kind", "=", "situation")], ("level",), SITUATIONS
                ),
                levels,
            ),
            "action_levels": labelled(
                self._figures(wizard, [("kind", "=", "action")], ("level",), ACTIONS),
                levels,
            ),
            "feedback_states": labelled(
                self._figures(
                    wizard, [("kind", "=", "feedback")], ("feedback_state",), FEEDBACK
                ),
                feedback_states,
            ),
        }


class ReportManagerCommunityDuerp(models.AbstractModel):
    """The DUERP annex, as a PDF (``report_duerp``) and as a spreadsheet
    (``_render_xlsx``, served by ``/manager_community/report/duerp.xlsx``):
    both print the rows of ``_duerp_data``."""

    _name = "report.hr_manager_community_report.report_duerp"
    _inherit = "report.hr_manager_community_report.report_base"
    _description = "DUERP Annex Report"

    @api.model
    def _get_document_values(self, wizard):
        values = super()._get_document_values(wizard)
        values.update(self._duerp_data(wizard))
        # A measure without text is "to be defined", not a decided measure.
        decided = sum(1 for measure in values["measures"] if measure["measure"])
        values.update(
            measures_decided=decided,
            measures_to_define=len(values["measures"]) - decided,
        )
        return values

    @api.model
    def _duerp_data(self, wizard):
        """Organisational psychosocial risk factors identified (thresholded
        counts by factor) and prevention measures decided (answered
        feedback), as rows of printable values, without any personal data."""
        counts = defaultdict(lambda: {"situations": None, "feedback": None})
        for factor, kind, situations, feedbacks in self._figures(
            wizard,
            [("kind", "in", ("situation", "feedback")), ("factor_id", "!=", False)],
            ("factor_id", "kind"),
            ("situation_count:sum", "feedback_count:sum"),
        ):
            counts[factor]["situations" if kind == "situation" else "feedback"] = (
                situations if kind == "situation" else feedbacks
            )
        Factor = self.env["hr.psychosocial.factor"]
        frameworks = selection_labels(Factor, "framework")
        directions = selection_labels(Factor, "direction")
        factors = [
            {
                "framework": frameworks.get(factor.framework, ""),
                "code": factor.code or "",
                "name": factor.name,
                "display_name": factor.display_name,
                "direction": directions.get(factor.direction, ""),
                "situations": figures["situations"],
                "feedback": figures["feedback"],
            }
            for factor, figures in sorted(
                counts.items(), key=lambda item: (item[0].framework, item[0].code)
            )
        ]
        Feedback = self.env["hr.manager.community.feedback"]
        states = selection_labels(Feedback, "state")
        decisions = selection_labels(Feedback, "decision")
        levels = selection_labels(Feedback, "level")
        measures = [
            {
                "work_units": ", ".join(feedback.department_ids.mapped("name")),
                "issue": feedback.name,
                "level": levels.get(feedback.level, ""),
                "factors": ", ".join(feedback.factor_ids.mapped("display_name")),
                "factor_codes": ", ".join(feedback.factor_ids.mapped("code")),
                "decision": decisions.get(feedback.decision, ""),
                # An accepted feedback without its measure text is listed as
                # "measure to be defined", never counted as a decided measure.
                "measure": (feedback.measure or "").strip(),
                "date_due": feedback.date_due,
                "state": states.get(feedback.state, ""),
            }
            for feedback in self._released_feedback(wizard)
            if feedback.state in ("answered", "closed")
            and feedback.decision in MEASURE_DECISIONS
        ]
        return {"factors": factors, "measures": measures}

    # --------------------------------------------------------- spreadsheet

    @api.model
    def _render_xlsx(self, docids):
        """The DUERP annex of one wizard as an xlsx workbook (bytes)."""
        wizard = self._get_wizards(docids)
        wizard.ensure_one()
        data = self._get_document_values(wizard)
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        formats = {
            "bold": workbook.add_format({"bold": True}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
        }
        period = _("%(scope)s, %(start)s to %(end)s") % {
            "scope": data["scope_label"],
            "start": fields.Date.to_string(wizard.date_from),
            "end": fields.Date.to_string(wizard.date_to),
        }
        self._xlsx_factors(workbook, formats, period, data["factors"])
        self._xlsx_measures(workbook, formats, period, data["measures"])
        workbook.close()
        return stream.getvalue()

    @api.model
    def _xlsx_sheet(self, workbook, formats, period, name, title, headers):
        """A worksheet of the DUERP annex: title, period and scope, headers."""
        sheet = workbook.add_worksheet(name)
        sheet.write(0, 0, title, formats["bold"])
        sheet.write(1, 0, period)
        for column, header in enumerate(headers):
            sheet.write(3, column, header, formats["bold"])
        return sheet

    @api.model
    def _xlsx_factors(self, workbook, formats, period, factors):
        sheet = self._xlsx_sheet(
            workbook,
            formats,
            period,
            _("Risk factors"),
            _("DUERP annex - psychosocial risk factors identified"),
            (_("Framework"), _("Code"), _("Factor"), _("Situations"), _("Feedback")),
        )
        suppressed = _("fewer than %(k)s managers") % {
            "k": self._figures_min_managers()
        }
        for row, factor in enumerate(factors, start=4):
            sheet.write(row, 0, factor["framework"])
            sheet.write(row, 1, factor["code"])
            sheet.write(row, 2, factor["name"])
            for column, key in ((3, "situations"), (4, "feedback")):
                value = factor[key]
                sheet.write(row, column, suppressed if value is None else value)
        sheet.set_column(0, 0, 28)
        sheet.set_column(2, 2, 50)
        sheet.set_column(3, 4, 18)

    @api.model
    def _xlsx_measures(self, workbook, formats, period, measures):
        sheet = self._xlsx_sheet(
            workbook,
            formats,
            period,
            _("Prevention measures"),
            _("DUERP annex - prevention measures decided"),
            (
                _("Work units"),
                _("Issue raised"),
                _("Level"),
                _("Psychosocial factors"),
                _("Decision"),
                _("Prevention measure"),
                _("Due date"),
            ),
        )
        wrap = formats["wrap"]
        to_define = _("Measure to be defined")
        for row, measure in enumerate(measures, start=4):
            for column, key in enumerate(
                ("work_units", "issue", "level", "factors", "decision", "measure")
            ):
                value = measure[key]
                if key == "measure" and not value:
                    value = to_define
                sheet.write(row, column, value, wrap)
            if measure["date_due"]:
                sheet.write_datetime(
                    row,
                    6,
                    fields.Datetime.to_datetime(measure["date_due"]),
                    formats["date"],
                )
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 40)
        sheet.set_column(3, 3, 40)
        sheet.set_column(5, 5, 60)
        sheet.set_column(6, 6, 12)
