# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import Transition

ACTION_LEVELS = [
    ("individual", "Individual"),
    ("interpersonal", "Interpersonal"),
    ("managerial", "Managerial"),
    ("organisational", "Organisational"),
]
ACTION_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("dropped", "Dropped"),
]
OPEN_ACTION_STATES = ("todo", "in_progress")
FOLLOWUP_ACTIVITY_TYPE = "hr_manager_community.mail_activity_type_action_followup"
REVIEW_ACTIVITY_TYPE = "hr_manager_community.mail_activity_type_action_review"


class HrManagerCommunityAction(models.Model):
    """One action of a member's personal plan.

    Confidentiality: private to its author; readable by the facilitator of the
    community when the plan is shared with them, and by the facilitator and
    the active members when the action itself is shared with the group (see
    security/hr_manager_community_action_plan_rules.xml). Only the author
    writes. The chatter carries states and dates, never the detail or the
    progress notes; activities carry the title only.
    """

    _name = "hr.manager.community.action"
    _description = "Manager Community Action"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.manager.community.workflow.mixin",
        "hr.manager.community.form.mixin",
    ]
    _order = "plan_id, date_deadline, id"
    _workflow_author_field = "user_id"

    plan_id = fields.Many2one(
        "hr.manager.community.action.plan",
        string="Action Plan",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self._default_plan(),
    )
    member_id = fields.Many2one(related="plan_id.member_id", store=True, index=True)
    community_id = fields.Many2one(
        related="plan_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    user_id = fields.Many2one(
        related="plan_id.user_id", store=True, index=True, string="Author"
    )
    name = fields.Char(string="Title", required=True)
    detail = fields.Text(
        help="What you will do, with whom (as codes: A, B, the team...), and how "
        "you will know it worked. Private unless you share the action."
    )
    level = fields.Selection(
        ACTION_LEVELS,
        required=True,
        default="managerial",
        help="Where the action works: on the person, on relations, on your own "
        "managerial practice or on how work is organised.",
    )
    factor_ids = fields.Many2many(
        "hr.psychosocial.factor",
        string="Psychosocial Factors",
        help="The psychosocial risk factors this action addresses.",
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    state = fields.Selection(
        ACTION_STATES,
        default="todo",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_workflow_expand_states",
    )
    share_with_group = fields.Boolean(
        string="Shared with the Group",
        tracking=True,
        help="The facilitator and the active members of the community read this "
        "action, its detail and its progress notes.",
    )
    plan_shared_with_facilitator = fields.Boolean(
        related="plan_id.share_with_facilitator", string="Plan Shared"
    )
    bring_to_review = fields.Boolean(
        string="Bring to My Review",
        tracking=True,
        help="Hand this action over to your HR review: only its title (and, with "
        "appraisals, its level, deadline and status) reaches the review.",
    )
    situation_id = fields.Many2one(
        "hr.manager.community.situation",
        string="From Situation",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    progress_ids = fields.One2many("hr.manager.community.action.progress", "action_id")
    progress_count = fields.Integer(compute="_compute_progress_count")
    is_author = fields.Boolean(compute="_compute_is_author")

    @api.model
    def _default_plan(self):
        return self.env["hr.manager.community.action.plan"].search(
            [("user_id", "=", self.env.uid)], order="id desc", limit=1
        )

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_author(self):
        for action in self:
            action.is_author = action.user_id == self.env.user

    @api.depends_context("uid")
    @api.depends("progress_ids")
    def _compute_progress_count(self):
        # Counted as the current user: record rules decide which notes count.
        counts = dict(
            self.env["hr.manager.community.action.progress"]._read_group(
                [("action_id", "in", self.ids)], ["action_id"], ["__count"]
            )
        )
        for action in self:
            action.progress_count = counts.get(action._origin, 0)

    _text_fields = ("name", "detail")

    @api.constrains("situation_id", "plan_id")
    def _check_situation_community(self):
        # sudo: compares communities (ids) of a situation the author may no
        # longer read.
        for action in self.sudo():
            situation = action.situation_id
            if situation and situation.community_id != action.community_id:
                raise ValidationError(
                    _("An action comes from a situation of the plan's own community.")
                )

    # ----------------------------------------------------------------- forms

    @api.model
    def _form_new_action(self, raw):
        """Check the raw values of the portal's new action form (the plan is
        chosen by the caller)."""
        reader = self._form_reader(raw)
        reader.text("name", _("Give the action a title."), single_line=True)
        reader.text("detail")
        reader.choice("level", _("Choose the level in the list."))
        reader.date("date_deadline", _("Give the deadline as a date."))
        self._form_read_sharing(reader)
        return reader.result()

    @api.model
    def _form_sharing(self, raw):
        """Check the raw values of an action's sharing choices."""
        reader = self._form_reader(raw)
        self._form_read_sharing(reader)
        return reader.result()

    @api.model
    def _form_read_sharing(self, reader):
        reader.flag("share_with_group")
        reader.flag("bring_to_review")

    # ------------------------------------------------------------------- ORM

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            situation_ids = {
                v["situation_id"] for v in vals_list if v.get("situation_id")
            }
            self.env["hr.manager.community.situation"].browse(
                situation_ids
            )._check_action_source()
        actions = super().create(vals_list)
        actions._sync_followup_activities()
        actions.filtered("bring_to_review")._bring_to_review()
        return actions

    def write(self, vals):
        if "plan_id" in vals and any(a.plan_id.id != vals["plan_id"] for a in self):
            raise UserError(_("An action stays in the plan it was written in."))
        if vals.get("situation_id") and not self.env.su:
            # Relinking would show any situation's title through the link.
            raise UserError(_("An action keeps the situation it came from."))
        marked_before = {action.id: action.bring_to_review for action in self}
        result = super().write(vals)
        if "name" in vals or "date_deadline" in vals:
            self._sync_followup_activities()
        if "name" in vals:
            self.filtered("bring_to_review")._sync_review_activities()
        if "bring_to_review" in vals:
            changed = self.filtered(
                lambda action: action.bring_to_review != marked_before[action.id]
            )
            changed.filtered("bring_to_review")._bring_to_review()
            changed.filtered(
                lambda action: not action.bring_to_review
            )._withdraw_from_review()
        return result

    def unlink(self):
        self._withdraw_from_review()
        return super().unlink()

    @api.depends("name")
    def _compute_display_name(self):
        for action in self:
            action.display_name = action.name or ""

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Only the author follows an action: any other follower (a creator,
        # an assignee) would keep receiving its messages after the sharing
        # stops. Every way of following goes through this method.
        if not partner_ids:
            return super()._message_subscribe(
                partner_ids=partner_ids,
                subtype_ids=subtype_ids,
                customer_ids=customer_ids,
            )
        # sudo: the authors' partners (ids only) decide who may follow.
        for author, actions in self.sudo().grouped("user_id").items():
            allowed = [pid for pid in partner_ids if pid == author.partner_id.id]
            if allowed:
                super(
                    HrManagerCommunityAction, self.browse(actions.ids)
                )._message_subscribe(
                    partner_ids=allowed,
                    subtype_ids=subtype_ids,
                    customer_ids=customer_ids,
                )
        return True

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        # Every move keeps the follow-up activity in step with the status.
        follow_up = "_sync_followup_activities"
        return {
            **super()._workflow_transitions(),
            "start": Transition(
                ("todo",), "in_progress", roles="author", after=follow_up
            ),
            "complete": Transition(
                ("todo", "in_progress"),
                "done",
                roles="author",
                stamps={"date_done": "today"},
                after=("_mark_followup_done", follow_up),
            ),
            "drop": Transition(
                ("todo", "in_progress"), "dropped", roles="author", after=follow_up
            ),
            "reopen": Transition(
                ("done", "dropped"),
                "todo",
                roles="author",
                stamps={"date_done": False},
                after=follow_up,
            ),
        }

    def _mark_followup_done(self):
        # Marked done without feedback: the message posted on the action
        # names the activity and its summary (the title), nothing else.
        self._followup_activities().action_feedback()
        return True

    # ------------------------------------------------------------- follow-up

    def _followup_activities(self):
        activity_type = self.env.ref(FOLLOWUP_ACTIVITY_TYPE)
        return (
            self.env["mail.activity"]
            # sudo: portal authors have no access to mail.activity; these are the
            # follow-up activities of the author's own actions, title only.
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )

    def _followup_wanted(self):
        self.ensure_one()
        return bool(
            self.state in OPEN_ACTION_STATES and self.date_deadline and self.user_id
        )

    def _sync_followup_activities(self):
        """Keep exactly one follow-up activity per open action with a deadline:
        assigned to the author, due on the deadline, summarised by the title
        only and without note."""
        if not self:
            return True
        activity_type = self.env.ref(FOLLOWUP_ACTIVITY_TYPE)
        # sudo: the follow-up activities of these actions (_followup_activities).
        existing = defaultdict(lambda: self.env["mail.activity"].sudo())
        for activity in self._followup_activities():
            existing[activity.res_id] |= activity
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create = []
        # sudo: the same follow-up activities, those to remove.
        to_unlink = self.env["mail.activity"].sudo()
        for action in self:
            current = existing[action.id]
            if not action._followup_wanted():
                to_unlink |= current
                continue
            values = {
                "summary": action.name,
                "date_deadline": action.date_deadline,
                "user_id": action.user_id.id,
            }
            if not current:
                to_create.append(
                    dict(
                        values,
                        res_model_id=model_id,
                        res_id=action.id,
                        activity_type_id=activity_type.id,
                        note=False,
                        automated=True,
                    )
                )
                continue
            to_unlink |= current[1:]
            keep = current[:1]
            if (keep.summary, keep.date_deadline, keep.user_id.id) != (
                values["summary"],
                values["date_deadline"],
                values["user_id"],
            ):
                keep.write(values)
        to_unlink.unlink()
        if to_create:
            # sudo: see _followup_activities; no "assigned to you" mail, the
            # author assigns the activity to themselves.
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(to_create)
        return True

    # ---------------------------------------------------------------- review

    def _review_activities(self):
        return (
            self.env["mail.activity"]
            # sudo: review activities sit on records the author may not read
            # (their employee record, an appraisal); they carry the title only.
            .sudo()
            .search([("hr_manager_community_action_ref", "in", self.ids)])
        )

    def _review_assignee(self):
        """The user who reviews the author: the internal user of the author's
        line manager, else the author themselves."""
        self.ensure_one()
        # sudo: the author's employee and manager are organisational data the
        # author (a portal user, say) may not read; only the user is used.
        employee = self.sudo().member_id.employee_id
        reviewer = employee.parent_id.user_id
        if not reviewer or reviewer.share:
            reviewer = self.user_id
        return reviewer

    def _bring_to_review(self):
        """Hand the marked actions over to the author's HR review.

        Overridden by hr_manager_community_appraisal, which shows them on the
        author's appraisals instead. Here: an "Action to Review" activity on the
        author's employee record, assigned to the author's line manager (or to
        the author without one), whose summary is the action title and which
        has no note.
        """
        if not self:
            return self.env["mail.activity"]
        activity_type = self.env.ref(REVIEW_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id("hr.employee")
        today = fields.Date.context_today(self)
        values = [
            {
                "res_model_id": model_id,
                # sudo: the employee id of the author's own membership.
                "res_id": action.sudo().member_id.employee_id.id,
                "activity_type_id": activity_type.id,
                "summary": action.name,
                "note": False,
                "date_deadline": action.date_deadline or today,
                "user_id": action._review_assignee().id,
                "hr_manager_community_action_ref": action.id,
                "automated": True,
            }
            for action in self
        ]
        # sudo: the author asked for this title to reach their review; they may
        # not read their own employee record.
        return self.env["mail.activity"].sudo()._mc_create_per_record(values)

    def _withdraw_from_review(self):
        """The author no longer brings these actions to their review."""
        self._review_activities().unlink()
        return True

    def _sync_review_activities(self):
        """Rename the review activities this addon files on the employee
        record (those of other addons, on appraisals, carry no title)."""
        titles = {action.id: action.name for action in self}
        for activity in self._review_activities():
            if activity.res_model != "hr.employee":
                continue
            title = titles[activity.hr_manager_community_action_ref]
            if activity.summary != title:
                activity.summary = title
        return True

    # -------------------------------------------------------------- progress

    def _report_progress(self, note, session=None, date=None):
        """Record a progress note on this action (used by the portal too)."""
        self.ensure_one()
        return self.env["hr.manager.community.action.progress"].create(
            {
                "action_id": self.id,
                "note": note,
                "session_id": session.id if session else False,
                "date": date or fields.Date.context_today(self),
            }
        )

    def action_view_progress(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Progress"),
            "res_model": "hr.manager.community.action.progress",
            "view_mode": "list,form",
            "domain": [("action_id", "=", self.id)],
            "context": {"default_action_id": self.id},
        }


class HrManagerCommunityActionProgress(models.Model):
    _name = "hr.manager.community.action.progress"
    _description = "Manager Community Action Progress"
    _inherit = ["hr.manager.community.form.mixin"]
    _order = "date desc, id desc"

    action_id = fields.Many2one(
        "hr.manager.community.action",
        required=True,
        ondelete="cascade",
        index=True,
    )
    plan_id = fields.Many2one(related="action_id.plan_id", store=True, index=True)
    member_id = fields.Many2one(related="action_id.member_id", store=True)
    community_id = fields.Many2one(
        related="action_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True)
    user_id = fields.Many2one(
        related="action_id.user_id", store=True, index=True, string="Author"
    )
    action_state = fields.Selection(related="action_id.state", string="Action Status")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    note = fields.Text(required=True)
    session_id = fields.Many2one(
        "hr.manager.community.session",
        string="Reported In",
        ondelete="set null",
        index="btree_not_null",
        domain="[('community_id', '=', community_id)]",
    )

    @api.depends("action_id.name", "date")
    def _compute_display_name(self):
        for progress in self:
            progress.display_name = _("%(action)s, %(date)s") % {
                "action": progress.action_id.name or "",
                "date": progress.date or "",
            }

    _text_fields = ("note",)

    @api.model
    def _form_progress(self, raw):
        """Check the raw values of the portal's progress form."""
        reader = self._form_reader(raw)
        reader.text("note", _("Write what you did or learnt."))
        return reader.result()

    @api.constrains("session_id", "action_id")
    def _check_session_community(self):
        # sudo: compares community ids only.
        for progress in self.sudo():
            session = progress.session_id
            if session and session.community_id != progress.community_id:
                raise ValidationError(
                    _("Progress is reported in a session of the plan's community.")
                )

    def write(self, vals):
        if "action_id" in vals and any(
            p.action_id.id != vals["action_id"] for p in self
        ):
            raise UserError(_("A progress note stays on its action."))
        return super().write(vals)
