# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .text_limits import check_text_lengths
from .workflow_mixin import Transition

# Narrative fields: confidential, never tracked, mailed or logged.
NARRATIVE_FIELDS = (
    "name",
    "description",
    "help_wanted",
    "analysis_individual",
    "analysis_interpersonal",
    "analysis_managerial",
    "analysis_organisational",
    "learnings",
)


class HrManagerCommunitySituation(models.Model):
    _name = "hr.manager.community.situation"
    _description = "Manager Community Situation"
    # No mail.thread: a situation has no chatter, followers or e-mails, so
    # its text cannot leave the group through messaging.
    _inherit = ["hr.manager.community.workflow.mixin"]
    _order = "create_date desc, id desc"

    _workflow_transitions = {
        "submit": Transition(("draft",), "submitted", "_guard_author"),
        "select": Transition(("submitted",), "selected", "_guard_facilitator"),
        "discuss": Transition(("selected",), "discussed", "_guard_discuss"),
        "close": Transition(("discussed",), "closed", "_guard_facilitator"),
        "withdraw": Transition(
            ("draft", "submitted", "selected"), "withdrawn", "_guard_author"
        ),
        "reset_to_draft": Transition(("withdrawn",), "draft", "_guard_author"),
    }

    community_id = fields.Many2one(
        "hr.manager.community",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self._default_member().community_id,
    )
    member_id = fields.Many2one(
        "hr.manager.community.member",
        string="Brought By",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self._default_member(),
        domain="[('community_id', '=', community_id), ('state', '=', 'active')]",
    )
    author_user_id = fields.Many2one(
        related="member_id.user_id", store=True, index=True, string="Author"
    )
    company_id = fields.Many2one(related="community_id.company_id", store=True)
    name = fields.Char(string="Title", required=True)
    description = fields.Text(
        help="Describe third parties by codes (A, B, the team...), never by name."
    )
    kind = fields.Selection(
        [("difficulty", "Difficulty"), ("uncertainty", "Uncertainty")],
        required=True,
        default="difficulty",
    )
    help_wanted = fields.Text(
        help="The contract: what help the presenter wants from the group.",
    )
    analysis_individual = fields.Text(string="Individual Level")
    analysis_interpersonal = fields.Text(string="Interpersonal Level")
    analysis_managerial = fields.Text(string="Managerial Level")
    analysis_organisational = fields.Text(string="Organisational Level")
    learnings = fields.Text()
    factor_ids = fields.Many2many(
        "hr.psychosocial.factor", string="Psychosocial Factors"
    )
    session_id = fields.Many2one(
        "hr.manager.community.session",
        string="Discussed In",
        index=True,
        domain="[('community_id', '=', community_id)]",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("selected", "Selected"),
            ("discussed", "Discussed"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    is_author = fields.Boolean(compute="_compute_is_author")

    @api.model
    def _default_member(self):
        return self.env["hr.manager.community.member"]._current_user_memberships()[:1]

    @api.depends_context("uid")
    @api.depends("author_user_id")
    def _compute_is_author(self):
        for situation in self:
            situation.is_author = situation.author_user_id == self.env.user

    @api.constrains("member_id", "community_id", "session_id")
    def _check_community(self):
        for situation in self:
            if situation.member_id.community_id != situation.community_id:
                raise ValidationError(
                    _("A situation belongs to its author's community.")
                )
            if (
                situation.session_id
                and situation.session_id.community_id != situation.community_id
            ):
                raise ValidationError(
                    _("A situation is discussed in a session of its own community.")
                )

    @api.constrains(*NARRATIVE_FIELDS)
    def _check_lengths(self):
        check_text_lengths(self, NARRATIVE_FIELDS)

    @api.model_create_multi
    def create(self, vals_list):
        situations = super().create(vals_list)
        for situation in situations:
            if situation.member_id.state != "active":
                raise ValidationError(
                    _("Situations are brought by active members of the community.")
                )
        return situations

    def write(self, vals):
        narrative = set(vals) & set(NARRATIVE_FIELDS)
        if narrative and not self.env.su:
            for situation in self:
                if situation.state == "draft" and not situation.is_author:
                    raise AccessError(_("Only its author edits a draft situation."))
                if situation.state in ("closed", "withdrawn"):
                    raise UserError(_("A closed or withdrawn situation is not edited."))
        return super().write(vals)

    # ----------------------------------------------------------------- guards

    def _guard_author(self):
        if self.env.su:
            return
        for situation in self:
            if situation.author_user_id != self.env.user:
                raise AccessError(
                    _("Only the member who brought %(situation)s can do this.")
                    % {"situation": situation.name}
                )

    def _guard_facilitator(self):
        if self.env.su:
            return
        for situation in self:
            if situation.community_id.facilitator_user_id != self.env.user:
                raise AccessError(
                    _("Only the facilitator of the community can do this.")
                )

    def _guard_discuss(self):
        self._guard_facilitator()
        for situation in self:
            session = situation.session_id
            if not session or session.community_id != situation.community_id:
                raise UserError(
                    _(
                        "Choose the session of %(community)s where %(situation)s "
                        "is discussed."
                    )
                    % {
                        "community": situation.community_id.name,
                        "situation": situation.name,
                    }
                )
            if session.state not in ("in_progress", "done"):
                raise UserError(
                    _("A situation is discussed in a session that has started.")
                )

    # ---------------------------------------------------------------- actions

    def action_submit(self):
        return self._workflow_apply("submit")

    def action_select(self):
        return self._workflow_apply("select")

    def action_discuss(self):
        return self._workflow_apply("discuss")

    def action_close(self):
        return self._workflow_apply("close")

    def action_withdraw(self):
        return self._workflow_apply("withdraw")

    def action_reset_to_draft(self):
        return self._workflow_apply("reset_to_draft")

    def _purge_narrative(self):
        """Erase the narrative, keep what aggregates need (kind, factors,
        states, community). Attachments go with the narrative."""
        # sudo: the purge (a system job) reaches every attachment of these.
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        values = dict.fromkeys(NARRATIVE_FIELDS, False)
        values["name"] = _("Purged situation")
        # sudo: the purge erases the narrative whoever may write it.
        self.sudo().write(values)
        return True
