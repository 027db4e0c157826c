# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from .hr_manager_community_session_template import SESSION_STEPS
from .mail_queue import queue_template
from .workflow_mixin import Transition

ATTENDANCE_STATES = [
    ("invited", "Invited"),
    ("confirmed", "Confirmed"),
    ("declined", "Declined"),
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]
RECORDED_ATTENDANCE = ("present", "absent", "excused")
# Fields whose change moves the calendar event of a scheduled session.
CALENDAR_FIELDS = ("date_start", "duration", "location", "video_url")
# Situations a session takes up, and those it discussed.
SELECTED_SITUATION_STATES = ("selected",)
DISCUSSED_SITUATION_STATES = ("discussed", "closed")
FACILITATOR_GROUP = "hr_manager_community.group_community_facilitator"


class HrManagerCommunitySession(models.Model):
    _name = "hr.manager.community.session"
    _description = "Manager Community Session"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.manager.community.workflow.mixin",
    ]
    _order = "date_start desc, id desc"
    _workflow_community_field = "community_id"

    name = fields.Char(compute="_compute_name", store=True)
    community_id = fields.Many2one(
        "hr.manager.community", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="community_id.company_id", store=True)
    facilitator_user_id = fields.Many2one(
        related="community_id.facilitator_user_id", store=True, string="Facilitator"
    )
    number = fields.Integer(readonly=True, copy=False, default=0)
    date_start = fields.Datetime(string="Start Date", tracking=True)
    duration = fields.Float(string="Duration (hours)", default=3.0, tracking=True)
    date_end = fields.Datetime(string="End", compute="_compute_date_end", store=True)
    location = fields.Char(string="Place", tracking=True)
    video_url = fields.Char(string="Video Link", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_workflow_expand_states",
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    template_id = fields.Many2one(
        "hr.manager.community.session.template",
        string="Agenda Template",
        default=lambda self: self.env.ref(
            "hr_manager_community.session_template_codevelopment",
            raise_if_not_found=False,
        ),
    )
    agenda_line_ids = fields.One2many(
        "hr.manager.community.session.agenda.line",
        "session_id",
        string="Agenda",
        compute="_compute_agenda_line_ids",
        store=True,
        readonly=False,
        copy=True,
    )
    attendance_ids = fields.One2many("hr.manager.community.attendance", "session_id")
    note_ids = fields.One2many(
        "hr.manager.community.session.note", "session_id", string="Session Notes"
    )
    # Situations are confidential: the fields are the facilitator's, and the
    # situation rules still decide which rows each reader gets (none for HR
    # or directors).
    situation_selected_ids = fields.One2many(
        "hr.manager.community.situation",
        "session_id",
        string="Situations to Take Up",
        domain=[("state", "in", SELECTED_SITUATION_STATES)],
        groups=FACILITATOR_GROUP,
        readonly=True,
    )
    situation_discussed_ids = fields.One2many(
        "hr.manager.community.situation",
        "session_id",
        string="Situations Discussed",
        domain=[("state", "in", DISCUSSED_SITUATION_STATES)],
        groups=FACILITATOR_GROUP,
        readonly=True,
    )
    attendance_present_count = fields.Integer(compute="_compute_attendance_counts")
    attendance_confirmed_count = fields.Integer(compute="_compute_attendance_counts")

    _sql_constraints = [
        ("duration_positive", "CHECK(duration > 0)", "A session lasts some time."),
    ]

    def _data_lang(self):
        """The language in which the session's own data (its name, its agenda
        copied from the template) is written: the company's."""
        return self.company_id.partner_id.lang or self.env.lang

    @api.depends("number", "community_id.name")
    def _compute_name(self):
        for session in self:
            session.name = session.with_context(lang=session._data_lang()).env._(
                "%(community)s - Session %(number)s",
                community=session.community_id.name or "",
                number=session.number,
            )

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for session in self:
            session.date_end = (
                session.date_start + timedelta(hours=session.duration)
                if session.date_start
                else False
            )

    @api.depends("template_id")
    def _compute_agenda_line_ids(self):
        for session in self:
            lines = [fields.Command.clear()]
            lines += [
                fields.Command.create(
                    {
                        "sequence": line.sequence,
                        "step": line.step,
                        "name": line.name,
                        "duration_minutes": line.duration_minutes,
                    }
                )
                for line in session.template_id.with_context(
                    lang=session._data_lang()
                ).line_ids
            ]
            session.agenda_line_ids = lines

    @api.depends("attendance_ids.state")
    def _compute_attendance_counts(self):
        groups = self.env["hr.manager.community.attendance"]._read_group(
            [("session_id", "in", self.ids)], ["session_id", "state"], ["__count"]
        )
        counts = {(session.id, state): count for session, state, count in groups}
        for session in self:
            sid = session._origin.id
            session.attendance_present_count = counts.get((sid, "present"), 0)
            session.attendance_confirmed_count = counts.get((sid, "confirmed"), 0)

    @api.model_create_multi
    def create(self, vals_list):
        community_ids = {
            vals["community_id"] for vals in vals_list if vals.get("community_id")
        }
        # Numbers are per community; sudo() reads the highest number only, a
        # cancelled session still holds its number.
        last = dict(
            # sudo: the highest session number per community only.
            self.sudo()._read_group(
                [("community_id", "in", list(community_ids))],
                ["community_id"],
                ["number:max"],
            )
        )
        last = {community.id: number for community, number in last.items()}
        for vals in vals_list:
            community_id = vals.get("community_id")
            if community_id:
                last[community_id] = last.get(community_id, 0) + 1
                vals["number"] = last[community_id]
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if any(field in vals for field in CALENDAR_FIELDS):
            self.filtered(
                lambda s: (
                    s.state in ("scheduled", "in_progress") and s.calendar_event_id
                )
            )._sync_calendar_event()
            # The members hear of the move by e-mail, with the new invitation.
            self.filtered(lambda s: s.state == "scheduled")._mail_session_scheduled(
                moved=True
            )
        return result

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "schedule": Transition(
                ("draft",),
                "scheduled",
                "_guard_schedule",
                after=(
                    "_create_attendance_lines",
                    "_sync_calendar_event",
                    "_mail_session_scheduled",
                ),
            ),
            "start": Transition(("scheduled",), "in_progress", "_guard_start"),
            "finish": Transition(("in_progress",), "done", "_guard_finish"),
            "cancel": Transition(
                ("draft", "scheduled", "in_progress"),
                "cancelled",
                after="_archive_calendar_event",
            ),
            "reset_to_draft": Transition(
                ("cancelled",), "draft", after="_detach_calendar_event"
            ),
        }

    def _guard_schedule(self):
        for session in self:
            if session.community_id.state != "active":
                raise UserError(
                    _("Sessions are scheduled for active communities only.")
                )
            if not session.date_start:
                raise UserError(
                    _("Set the date of %(session)s first.") % {"session": session.name}
                )

    def _start_window(self):
        """(earliest, latest) moment the session may start, from the
        company's tolerance; ``None`` without a limit."""
        self.ensure_one()
        hours = self.company_id.manager_community_session_start_tolerance
        if not hours or not self.date_start:
            return None
        tolerance = timedelta(hours=hours)
        return self.date_start - tolerance, self.date_start + tolerance

    def _guard_start(self):
        """A session starts near its planned date, within the company's
        tolerance: starting the wrong session (or one whose date was never
        moved) is refused with the window it may start in. The superuser,
        which loads data and scripts that record past sessions, is not held
        to it."""
        if self.env.su:
            return
        # Who may not run the session hears that first, not its dates.
        self.check_access("write")
        now = fields.Datetime.now()
        for session in self:
            window = session._start_window()
            if window and not window[0] <= now <= window[1]:
                company = session.company_id
                raise UserError(
                    _(
                        "%(session)s is planned for %(date)s: it can be started "
                        "from %(hours)s hours before to %(hours)s hours after that "
                        "time. If it is held now, move its date first."
                    )
                    % {
                        "session": session.name,
                        "date": format_datetime(session.env, session.date_start),
                        "hours": company.manager_community_session_start_tolerance,
                    }
                )

    def _accepts_situations(self):
        """Sessions a situation may be selected for: those in progress, and
        those to come (draft or scheduled, not yet over)."""
        now = fields.Datetime.now()
        return self.filtered(
            lambda session: (
                session.state == "in_progress"
                or (
                    session.state in ("draft", "scheduled")
                    and (not session.date_end or session.date_end >= now)
                )
            )
        )

    @api.model
    def _accepting_situations_domain(self, community):
        """Domain of ``_accepts_situations`` for the sessions of
        ``community`` (the session picker of the selection wizard)."""
        return [
            ("community_id", "=", community.id),
            "|",
            ("state", "=", "in_progress"),
            "&",
            ("state", "in", ("draft", "scheduled")),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    def action_open_live_mode(self):
        """The live session mode (client action), for the facilitator of the
        community: it reads and writes through the facilitator's own rights."""
        self.ensure_one()
        if not self._workflow_role_facilitator():
            raise AccessError(
                _("Only the facilitator of the community runs a session live.")
            )
        if self.state not in ("scheduled", "in_progress"):
            raise UserError(_("A session is run live once scheduled, until it ends."))
        return {
            "type": "ir.actions.client",
            "tag": "hr_manager_community.session_live",
            "name": _("Live Session"),
            "params": {"session_id": self.id},
            "context": {"active_id": self.id},
        }

    def _guard_finish(self):
        for session in self:
            recorded = session.attendance_ids.filtered(
                lambda a: a.state in RECORDED_ATTENDANCE
            )
            if not session.attendance_ids or recorded != session.attendance_ids:
                raise UserError(
                    _(
                        "Record the attendance of every member (present, absent or "
                        "excused) before closing %(session)s."
                    )
                    % {"session": session.name}
                )

    def _create_attendance_lines(self):
        existing = {(a.session_id.id, a.member_id.id) for a in self.attendance_ids}
        self.env["hr.manager.community.attendance"].create(
            [
                {"session_id": session.id, "member_id": member.id}
                for session in self
                for member in session.community_id.member_ids
                if member.state == "active" and (session.id, member.id) not in existing
            ]
        )

    def _calendar_event_values(self):
        self.ensure_one()
        partners = self.attendance_ids.member_id.employee_id.work_contact_id
        partners |= self.community_id.facilitator_user_id.partner_id
        return {
            "name": self.name,
            "start": self.date_start,
            "stop": self.date_end,
            "duration": self.duration,
            "location": self.location or False,
            "videocall_location": self.video_url or False,
            # Logistics only: no situation, note or agenda text goes here.
            "description": _(
                "Manager community session. The content of the session stays within "
                "the group."
            ),
            "partner_ids": [fields.Command.set(partners.ids)],
            "privacy": "private",
            "user_id": self.community_id.facilitator_user_id.id or self.env.uid,
        }

    def _sync_calendar_event(self):
        # Calendar events belong to the facilitator and the members; the
        # officer or facilitator scheduling the session may not own them, so
        # they are written with sudo(). Only logistics are written.
        # sudo: logistics only, on events the user may not own.
        events = self.env["calendar.event"].sudo()
        for session in self:
            values = session._calendar_event_values()
            if session.calendar_event_id:
                # sudo: the session's own event, logistics only. Its attendees
                # hear of it from the session's own e-mails (queued, with the
                # .ics): see _mail_session_scheduled.
                # sudo: the session's own event, logistics only.
                session.calendar_event_id.sudo().with_context(
                    no_mail_to_attendees=True
                ).write(dict(values, active=True))
            else:
                session.calendar_event_id = events.with_context(
                    no_mail_to_attendees=True
                ).create(values)
        return True

    def _archive_calendar_event(self):
        # sudo: see _sync_calendar_event. Archiving the event removes it from
        # the attendees' calendars.
        self.calendar_event_id.sudo().write({"active": False})
        return True

    def _detach_calendar_event(self):
        """Back to draft: the session leaves the calendars until scheduled
        again, with a new event."""
        self._archive_calendar_event()
        self.calendar_event_id = False
        return True

    def _portal_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/my/sessions/{self.id}"

    def _mail_session_scheduled(self, moved=False, members=None):
        """The members invited to the session (or ``members`` of them, who
        just joined) receive its date, place and link, with the calendar
        invitation (.ics) attached."""
        template = self.env.ref(
            "hr_manager_community.mail_template_session_moved"
            if moved
            else "hr_manager_community.mail_template_session_scheduled"
        )
        for session in self:
            # sudo: the session's own event (logistics only) as an .ics file.
            event = session.calendar_event_id.sudo()
            ics = event._get_ics_file().get(event.id) if event else None
            attachment_ids = []
            if ics:
                # sudo: an attachment of the mail only, logistics only.
                attachment = (
                    self.env["ir.attachment"]
                    # sudo: the mail's .ics attachment, logistics only.
                    .sudo()
                    .create(
                        {
                            "name": "invitation.ics",
                            "mimetype": "text/calendar",
                            "datas": base64.b64encode(ics),
                            "res_model": "mail.compose.message",
                            "res_id": 0,
                        }
                    )
                )
                attachment_ids = [attachment.id]
            lines = session.attendance_ids.filtered(
                lambda a: (
                    a.state in ("invited", "confirmed")
                    and a.member_id.state == "active"
                    and a.member_id._mail_partner()
                    and (members is None or a.member_id in members)
                )
            )
            queue_template(
                template,
                lines,
                email_values={"attachment_ids": [(4, a) for a in attachment_ids]},
                mc_url=session._portal_url(),
            )
        return True

    def _my_attendance(self):
        self.ensure_one()
        return self.attendance_ids.filtered(
            lambda a: a.member_id.user_id == self.env.user
        )


class HrManagerCommunityAttendance(models.Model):
    _name = "hr.manager.community.attendance"
    _inherit = ["hr.manager.community.member.line"]
    _description = "Manager Community Session Attendance"
    _order = "session_id, member_id"

    # Created for the active members when the session is scheduled; a member
    # who leaves keeps their past attendance.
    _line_parent_field = "session_id"
    _line_requires_active_member = False

    session_id = fields.Many2one(
        "hr.manager.community.session", required=True, ondelete="cascade", index=True
    )
    state = fields.Selection(
        ATTENDANCE_STATES, default="invited", required=True, string="Attendance"
    )

    _sql_constraints = [
        (
            "session_member_unique",
            "UNIQUE(session_id, member_id)",
            "A member has one attendance line per session.",
        ),
    ]

    def _wrong_community_message(self):
        return _("Attendance is recorded for the session's own members.")

    def _not_held_message(self):
        return _("You can only answer your own invitations.")

    def _answer_invitation(self, answer):
        """The member confirms or declines their own invitation."""
        if answer not in ("confirmed", "declined"):
            raise UserError(_("An invitation is confirmed or declined."))
        self._check_held_by_current_user()
        for line in self:
            if line.session_id.state not in ("draft", "scheduled"):
                raise UserError(_("This session can no longer be answered."))
        self._write_own({"state": answer})
        attendee_state = "accepted" if answer == "confirmed" else "declined"
        # sudo: the event belongs to the facilitator; the member's own answer
        # is copied to their own attendee line of it, nothing is read.
        attendees = self.env["calendar.attendee"].sudo()
        # sudo: the user's own lines (checked above), to find their attendees.
        for line in self.sudo():
            attendees |= line.session_id.calendar_event_id.attendee_ids.filtered(
                lambda a, partner=line.member_id.employee_id.work_contact_id: (
                    a.partner_id == partner
                )
            )
        attendees.write({"state": attendee_state})
        return True

    def action_confirm(self):
        return self._answer_invitation("confirmed")

    def action_decline(self):
        return self._answer_invitation("declined")

    def action_mark_present(self):
        self.write({"state": "present"})

    def action_mark_absent(self):
        self.write({"state": "absent"})

    def action_mark_excused(self):
        self.write({"state": "excused"})


class HrManagerCommunitySessionNote(models.Model):
    _name = "hr.manager.community.session.note"
    _description = "Manager Community Session Note"
    _order = "session_id, id"

    session_id = fields.Many2one(
        "hr.manager.community.session", required=True, ondelete="cascade", index=True
    )
    community_id = fields.Many2one(
        related="session_id.community_id", store=True, index=True
    )
    name = fields.Char(string="Title", required=True)
    body = fields.Html(sanitize=True)


class HrManagerCommunitySessionAgendaLine(models.Model):
    _name = "hr.manager.community.session.agenda.line"
    _description = "Manager Community Session Agenda Step"
    _order = "session_id, sequence, id"

    session_id = fields.Many2one(
        "hr.manager.community.session", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    step = fields.Selection(SESSION_STEPS, required=True, default="other")
    name = fields.Char(string="Description", required=True)
    duration_minutes = fields.Integer(string="Planned Minutes", default=15)
    duration_actual = fields.Float(
        string="Actual Minutes",
        digits=(16, 2),
        copy=False,
        help="Time really spent on this step, recorded by the live session mode.",
    )

    @api.constrains("duration_actual")
    def _check_duration_actual(self):
        if any(line.duration_actual < 0 for line in self):
            raise ValidationError(_("The time spent on a step cannot be negative."))
