# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HrManagerCommunitySituationSelectWizard(models.TransientModel):
    """ "Select for a Session": the facilitator picks the session, among the
    coming or in-progress sessions of the situations' community, then the
    workflow's "select" transition runs (its roles and guard apply)."""

    _name = "hr.manager.community.situation.select.wizard"
    _description = "Select Situations for a Session"

    situation_ids = fields.Many2many(
        "hr.manager.community.situation",
        relation="hr_mc_situation_select_wizard_rel",
        column1="wizard_id",
        column2="situation_id",
        string="Situations",
        required=True,
        readonly=True,
    )
    situation_count = fields.Integer(compute="_compute_community_id")
    community_id = fields.Many2one(
        "hr.manager.community", compute="_compute_community_id"
    )
    session_domain = fields.Binary(compute="_compute_community_id")
    session_id = fields.Many2one(
        "hr.manager.community.session",
        domain="session_domain",
        help="A coming or in-progress session of the community.",
    )

    @api.depends("situation_ids")
    def _compute_community_id(self):
        Session = self.env["hr.manager.community.session"]
        for wizard in self:
            community = wizard.situation_ids.community_id
            wizard.situation_count = len(wizard.situation_ids)
            wizard.community_id = community if len(community) == 1 else False
            wizard.session_domain = Session._accepting_situations_domain(
                wizard.community_id
            )

    @api.model
    def _action_open(self, situations):
        if len(situations.community_id) != 1:
            raise UserError(
                _("Select situations of one community at a time for a session.")
            )
        wizard = self.create({"situation_ids": [fields.Command.set(situations.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": _("Select for a Session"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.constrains("session_id", "situation_ids")
    def _check_session(self):
        for wizard in self:
            session = wizard.session_id
            if not session:
                continue
            if len(wizard.situation_ids.community_id) != 1:
                raise ValidationError(
                    _("Select situations of one community at a time for a session.")
                )
            if (
                session.community_id != wizard.situation_ids.community_id
                or not session._accepts_situations()
            ):
                raise ValidationError(
                    _("Choose a coming or in-progress session of %(community)s.")
                    % {"community": wizard.situation_ids.community_id.name}
                )

    def action_confirm(self):
        self.ensure_one()
        if not self.session_id:
            raise UserError(_("Choose the session that takes these situations up."))
        situations = self.situation_ids
        # The move is checked before anything is written: the state, the
        # facilitator's role; then the session is set and the guard runs.
        transition = situations._workflow_transition("select")
        for situation in situations:
            if situation.state not in transition.sources:
                raise UserError(
                    _("%(situation)s is no longer waiting for a session.")
                    % {"situation": situation.name}
                )
        situations._workflow_check_roles(transition)
        situations.write({"session_id": self.session_id.id})
        situations._workflow_apply("select")
        return {"type": "ir.actions.act_window_close"}
