# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .text_limits import parse_ids
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
    "synthesis",
    "learnings",
)
# The texts the author writes in the situation form.
FORM_FIELDS = (
    "name",
    "description",
    "help_wanted",
    "analysis_individual",
    "analysis_interpersonal",
    "analysis_managerial",
    "analysis_organisational",
)


class HrManagerCommunitySituation(models.Model):
    _name = "hr.manager.community.situation"
    _description = "Manager Community Situation"
    # No mail.thread: a situation has no chatter, followers or e-mails, so
    # its text cannot leave the group through messaging.
    _inherit = [
        "hr.manager.community.workflow.mixin",
        "hr.manager.community.form.mixin",
    ]
    _order = "create_date desc, id desc"
    _workflow_author_field = "author_user_id"
    _workflow_community_field = "community_id"

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
    synthesis = fields.Text(
        help="What the presenter takes from the consultation, noted at the "
        "synthesis step of the session."
    )
    learnings = fields.Text()
    factor_ids = fields.Many2many(
        "hr.psychosocial.factor", string="Psychosocial Factors"
    )
    session_id = fields.Many2one(
        "hr.manager.community.session",
        index=True,
        domain="[('community_id', '=', community_id)]",
        help="The session that takes the situation up: chosen with "
        '"Select for a Session".',
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
        group_expand="_workflow_expand_states",
    )
    is_author = fields.Boolean(compute="_compute_is_author")
    # Same record rules as the situation: whoever reads it reads these.
    contribution_ids = fields.One2many(
        "hr.manager.community.situation.contribution",
        "situation_id",
        string="Contributions",
        readonly=True,
    )

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

    _text_fields = NARRATIVE_FIELDS

    # ------------------------------------------------------------------ form

    @api.model
    def _pact_required_message(self):
        return _(
            "Accept the confidentiality pact of your community before bringing a "
            "situation."
        )

    @api.model
    def _pact_error(self, membership):
        """Why ``membership`` may not bring or submit a situation on the
        portal yet (``None`` once its pact is accepted)."""
        return None if membership.pact_accepted_date else self._pact_required_message()

    @api.model
    def _form_situation(self, raw, memberships=None, situation=None):
        """Check the raw values of the situation form (portal).

        For a new situation, ``memberships`` are the author's active
        memberships, among which ``raw["community_id"]`` chooses (optional
        when there is one); for an edited draft, ``situation`` is the record.
        The values hold the form's fields only, never ``state`` or, for a
        draft, its author; submitting needs the accepted pact.
        """
        reader = self._form_reader(raw)
        reader.text("name", _("Give the situation a title."), single_line=True)
        for name in FORM_FIELDS[1:]:
            reader.text(name)
        reader.choice("kind", _("Choose the kind of situation in the list."))
        reader.records("factor_ids", _("Choose the factors in the list."))
        if memberships is not None:
            membership = self._form_chosen_membership(raw, memberships)
            reader.form["community_id"] = membership.community_id.id
            if not membership:
                reader.error("community_id", _("Choose one of your communities."))
            reader.error("community_id", self._pact_error(membership))
            reader.values.update(
                community_id=membership.community_id.id, member_id=membership.id
            )
        elif situation is not None and raw.get("submit"):
            reader.error("_global", self._pact_error(situation.member_id))
        return reader.result()

    @api.model
    def _form_situation_initial(self, memberships, situation=None):
        """The situation form as first shown: the draft's values, or a new
        situation's defaults (in the only community of ``memberships``)."""
        form = {"kind": "difficulty", "factor_ids": set()}
        if situation:
            form.update({name: situation[name] or "" for name in FORM_FIELDS})
            form.update(kind=situation.kind, factor_ids=set(situation.factor_ids.ids))
        elif len(memberships) == 1:
            form["community_id"] = memberships.community_id.id
        return form

    @api.model
    def _form_chosen_membership(self, raw, memberships):
        if len(memberships) == 1 and not raw.get("community_id"):
            return memberships
        community_ids = parse_ids([raw.get("community_id")])
        if not community_ids:
            return memberships.browse()
        return memberships.filtered(lambda m: m.community_id.id == community_ids[0])

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

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "submit": Transition(("draft",), "submitted", roles="author"),
            "select": Transition(
                ("submitted",), "selected", "_guard_select", roles="facilitator"
            ),
            "discuss": Transition(
                ("selected",), "discussed", "_guard_discuss", roles="facilitator"
            ),
            "close": Transition(("discussed",), "closed", roles="facilitator"),
            "withdraw": Transition(
                ("draft", "submitted", "selected"), "withdrawn", roles="author"
            ),
            "reset_to_draft": Transition(("withdrawn",), "draft", roles="author"),
        }

    def _guard_select(self):
        for situation in self:
            session = situation.session_id
            if (
                not session
                or session.community_id != situation.community_id
                or session.state == "cancelled"
            ):
                raise UserError(
                    _(
                        "Choose the session of %(community)s that takes up "
                        "%(situation)s."
                    )
                    % {
                        "community": situation.community_id.name,
                        "situation": situation.name,
                    }
                )

    def action_select(self):
        """ "Select for a Session": asks which session, unless every situation
        already has its session (then the move runs at once)."""
        if self and all(situation.session_id for situation in self):
            return self._workflow_apply("select")
        self._workflow_check_roles(self._workflow_transition("select"))
        return self.env["hr.manager.community.situation.select.wizard"]._action_open(
            self
        )

    def _guard_discuss(self):
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

    def _purge_narrative(self):
        """Erase the narrative, keep what aggregates need (kind, factors,
        states, community). Attachments go with the narrative."""
        # sudo: the purge (a system job) reaches every attachment of these.
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        # sudo: the members' contributions are narrative too, and go with it.
        self.env["hr.manager.community.situation.contribution"].sudo().search(
            [("situation_id", "in", self.ids)]
        ).unlink()
        values = dict.fromkeys(NARRATIVE_FIELDS, False)
        values["name"] = _("Purged situation")
        # sudo: the purge erases the narrative whoever may write it.
        self.sudo().write(values)
        return True
