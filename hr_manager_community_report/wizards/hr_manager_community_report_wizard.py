# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import xlsxwriter

REPORTER_GROUPS = ("hr_manager_community.group_community_director",)
AFTER_RELEASE = ("released", "answered", "closed")
MEASURE_DECISIONS = ("accepted", "partial")


def quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


class HrManagerCommunityReportWizard(models.TransientModel):
    """Period and scope of the director reports.

    Every figure comes from ``hr.manager.community.report`` read as the
    current user, so it goes through the same threshold code as the pivot
    view; released feedback is read as the current user, so the record rules
    of the feedback apply. Nothing here uses sudo().
    """

    _name = "hr.manager.community.report.wizard"
    _description = "Manager Communities Director Reports"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: quarter_start(
            fields.Date.context_today(self) - relativedelta(months=9)
        ),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    scope = fields.Selection(
        [
            ("company", "Whole company"),
            ("department", "Departments"),
            ("community", "Communities"),
        ],
        required=True,
        default="company",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        domain="[('company_id', 'in', (company_id, False))]",
    )
    community_ids = fields.Many2many(
        "hr.manager.community",
        string="Communities",
        domain="[('company_id', '=', company_id)]",
        help="Feedback is restricted to these communities. Activity figures cover the "
        "departments of these communities, since a figure never comes from a single "
        "community.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The period ends before it starts."))

    # ----------------------------------------------------------------- access

    @api.model
    def _check_reporter(self):
        if not any(self.env.user.has_group(group) for group in REPORTER_GROUPS):
            raise AccessError(_("Director reports are for directors only."))

    # ------------------------------------------------------------------ scope

    def _scope_label(self):
        self.ensure_one()
        if self.scope == "department" and self.department_ids:
            return ", ".join(self.department_ids.mapped("display_name"))
        if self.scope == "community" and self.community_ids:
            return ", ".join(self.community_ids.mapped("name"))
        return self.company_id.name

    def _scope_departments(self):
        self.ensure_one()
        if self.scope == "department":
            return self.department_ids
        if self.scope == "community":
            return self.community_ids.department_ids
        return self.env["hr.department"]

    def _feedback_domain(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", AFTER_RELEASE),
            ("date_released", ">=", self.date_from),
            ("date_released", "<=", self.date_to),
        ]
        if self.scope == "community" and self.community_ids:
            domain.append(("community_id", "in", self.community_ids.ids))
        elif self.scope == "department" and self.department_ids:
            domain.append(("department_ids", "child_of", self.department_ids.ids))
        return domain

    def _analysis_domain(self, *extra):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", quarter_start(self.date_from)),
            ("date", "<=", self.date_to),
        ]
        departments = self._scope_departments()
        if self.scope != "company" and departments:
            domain.append(("department_id", "child_of", departments.ids))
        return domain + list(extra)

    # ------------------------------------------------------------ feedback

    def _get_feedback(self):
        self.ensure_one()
        return self.env["hr.manager.community.feedback"].search(
            self._feedback_domain(), order="date_released, id"
        )

    def _feedback_summary(self, feedbacks):
        states = dict(feedbacks._fields["state"]._description_selection(self.env))
        decisions = dict(feedbacks._fields["decision"]._description_selection(self.env))
        levels = dict(feedbacks._fields["level"]._description_selection(self.env))
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

    # -------------------------------------------------------------- activity

    def _analysis(self, domain, groupby, aggregates):
        """Thresholded figures: the report model's own read_group, as the user."""
        return self.env["hr.manager.community.report"]._read_group(
            domain, groupby, aggregates
        )

    @api.model
    def _min_managers(self):
        return self.env["hr.manager.community.report"]._min_managers()

    def _activity_data(self):
        self.ensure_one()
        domain = self._analysis_domain
        attendance = (
            "session_count:count_distinct",
            "attendance_count:sum",
            "attendance_present_count:sum",
            "attendance_rate:avg",
        )
        actions = (
            "action_count:count_distinct",
            "action_done_count:count_distinct",
            "action_completion_rate:avg",
        )
        situation = ("situation_count:count_distinct",)
        feedback = ("feedback_count:count_distinct", "response_delay:avg")
        # One query for the four totals: a total is the group of its indicator.
        by_kind = {
            kind: values
            for kind, *values in self._analysis(
                domain(), ("kind",), attendance + situation + actions + feedback
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
        ) in self._analysis(
            domain(),
            ("date:quarter", "kind"),
            (
                "session_count:count_distinct",
                "attendance_rate:avg",
                "situation_count:count_distinct",
                "action_completion_rate:avg",
                "feedback_count:count_distinct",
            ),
        ):
            row = quarters[quarter]
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
            "quarters": sorted(quarters.items()),
            "departments": self._analysis(
                domain(("kind", "=", "attendance")),
                ("department_id",),
                ("session_count:count_distinct", "attendance_rate:avg"),
            ),
            "factors": self._analysis(
                domain(("kind", "=", "situation")),
                ("factor_id",),
                ("situation_count:count_distinct",),
            ),
            "levels": self._analysis(
                domain(("kind", "=", "situation")),
                ("level",),
                ("situation_count:count_distinct",),
            ),
            "action_levels": self._analysis(
                domain(("kind", "=", "action")), ("level",), actions
            ),
            "feedback_states": self._analysis(
                domain(("kind", "=", "feedback")), ("feedback_state",), feedback
            ),
        }

    # ----------------------------------------------------------------- DUERP

    def _duerp_data(self):
        """Organisational psychosocial risk factors identified (thresholded
        counts by factor) and prevention measures decided (answered
        feedback), without any personal data."""
        self.ensure_one()
        factors = defaultdict(lambda: {"situations": None, "feedback": None})
        for factor, kind, situations, feedbacks in self._analysis(
            self._analysis_domain(
                ("kind", "in", ("situation", "feedback")), ("factor_id", "!=", False)
            ),
            ("factor_id", "kind"),
            ("situation_count:count_distinct", "feedback_count:count_distinct"),
        ):
            factors[factor]["situations" if kind == "situation" else "feedback"] = (
                situations if kind == "situation" else feedbacks
            )
        measures = self._get_feedback().filtered(
            lambda f: (
                f.state in ("answered", "closed") and f.decision in MEASURE_DECISIONS
            )
        )
        return {
            "factors": sorted(
                factors.items(), key=lambda item: (item[0].framework, item[0].code)
            ),
            "measures": measures,
        }

    def _duerp_sheet(self, workbook, bold, name, title, headers):
        """A worksheet of the DUERP annex: title, period and scope, headers."""
        sheet = workbook.add_worksheet(name)
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, _("%(scope)s, %(start)s to %(end)s") % self._period_values())
        for column, header in enumerate(headers):
            sheet.write(3, column, header, bold)
        return sheet

    def _duerp_xlsx(self):
        """The DUERP annex as an xlsx workbook (bytes)."""
        self.ensure_one()
        self._check_reporter()
        data = self._duerp_data()
        decisions = dict(
            self.env["hr.manager.community.feedback"]
            ._fields["decision"]
            ._description_selection(self.env)
        )
        levels = dict(
            self.env["hr.manager.community.feedback"]
            ._fields["level"]
            ._description_selection(self.env)
        )
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        suppressed = _("fewer than %(k)s managers") % {"k": self._min_managers()}

        sheet = self._duerp_sheet(
            workbook,
            bold,
            _("Risk factors"),
            _("DUERP annex - psychosocial risk factors identified"),
            (_("Framework"), _("Code"), _("Factor"), _("Situations"), _("Feedback")),
        )
        frameworks = dict(
            self.env["hr.psychosocial.factor"]
            ._fields["framework"]
            ._description_selection(self.env)
        )
        for row, (factor, counts) in enumerate(data["factors"], start=4):
            sheet.write(row, 0, frameworks.get(factor.framework, ""))
            sheet.write(row, 1, factor.code)
            sheet.write(row, 2, factor.name)
            for column, key in ((3, "situations"), (4, "feedback")):
                value = counts[key]
                sheet.write(row, column, suppressed if value is None else value)
        sheet.set_column(0, 0, 28)
        sheet.set_column(2, 2, 50)
        sheet.set_column(3, 4, 18)

        sheet = self._duerp_sheet(
            workbook,
            bold,
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
        for row, feedback in enumerate(data["measures"], start=4):
            sheet.write(row, 0, ", ".join(feedback.department_ids.mapped("name")), wrap)
            sheet.write(row, 1, feedback.name, wrap)
            sheet.write(row, 2, levels.get(feedback.level, ""), wrap)
            sheet.write(
                row, 3, ", ".join(feedback.factor_ids.mapped("display_name")), wrap
            )
            sheet.write(row, 4, decisions.get(feedback.decision, ""), wrap)
            sheet.write(row, 5, feedback.measure or "", wrap)
            if feedback.date_due:
                sheet.write_datetime(
                    row, 6, fields.Datetime.to_datetime(feedback.date_due), date_format
                )
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 40)
        sheet.set_column(3, 3, 40)
        sheet.set_column(5, 5, 60)
        sheet.set_column(6, 6, 12)
        workbook.close()
        return stream.getvalue()

    def _period_values(self):
        self.ensure_one()
        return {
            "scope": self._scope_label(),
            "start": fields.Date.to_string(self.date_from),
            "end": fields.Date.to_string(self.date_to),
        }

    # --------------------------------------------------------------- actions

    def _print(self, xmlid):
        self.ensure_one()
        self._check_reporter()
        return self.env.ref(xmlid).report_action(self)

    def action_print_feedback(self):
        return self._print("hr_manager_community_report.action_report_feedback")

    def action_print_activity(self):
        return self._print("hr_manager_community_report.action_report_activity")

    def action_print_duerp(self):
        return self._print("hr_manager_community_report.action_report_duerp")

    def action_download_duerp(self):
        self.ensure_one()
        self._check_reporter()
        return {
            "type": "ir.actions.act_url",
            "url": f"/manager_community/report/duerp.xlsx?wizard_id={self.id}",
            "target": "self",
        }
