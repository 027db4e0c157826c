# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

ANALYSIS_LEVELS = [
    ("individual", "Individual"),
    ("interpersonal", "Interpersonal"),
    ("managerial", "Managerial"),
    ("organisational", "Organisational"),
]
# The situation's states in which members add to its analysis: taken up in a
# session that has started, then discussed.
CONTRIBUTION_STATES = ("selected", "discussed")


class HrManagerCommunitySituationContribution(models.Model):
    """A member's contribution to the analysis of a situation at one level.

    It follows its situation exactly: the same record rules (the group only,
    never a draft), the same purge (``_purge_narrative`` erases them), no
    chatter. The author of the situation and the group read them; the
    facilitator synthesises them into the situation's ``analysis_*`` fields.
    One contribution per member, situation and level (edited by its holder).
    """

    _name = "hr.manager.community.situation.contribution"
    _description = "Contribution to the Analysis of a Situation"
    _inherit = [
        "hr.manager.community.member.line",
        "hr.manager.community.form.mixin",
    ]
    _order = "situation_id, level, id"

    _line_parent_field = "situation_id"
    _line_key_fields = ("situation_id", "member_id", "level")
    _text_fields = ("body",)

    situation_id = fields.Many2one(
        "hr.manager.community.situation",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="situation_id.company_id", store=True, index=True
    )
    level = fields.Selection(ANALYSIS_LEVELS, required=True)
    body = fields.Text(string="Contribution", required=True)

    _sql_constraints = [
        (
            "level_unique",
            "UNIQUE(situation_id, member_id, level)",
            "A member contributes once per level to a situation: edit it instead.",
        ),
    ]

    def _wrong_community_message(self):
        return _("Contributions come from members of the situation's community.")

    def _inactive_member_message(self):
        return _("Only active members contribute to the analysis.")

    def _not_held_message(self):
        return _("You can only write your own contributions.")

    # ------------------------------------------------------------------ form

    @api.model
    def _contribution_open_error(self, situation):
        """Why the group may not contribute to ``situation`` now (or None)."""
        session = situation.session_id
        if situation.state not in CONTRIBUTION_STATES or session.state not in (
            "in_progress",
            "done",
        ):
            return _(
                "Contributions open once the situation is taken up in a session "
                "that has started, and close with the situation."
            )
        return None

    @api.model
    def _form_contribution(self, raw, situation, member):
        """Check the raw values of the contribution form of ``situation``
        for ``member`` (the user's active membership of its community)."""
        reader = self._form_reader(raw)
        reader.choice("level", _("Choose one of the four levels."))
        reader.text("body", _("Write your contribution."))
        if not member:
            reader.error("_global", self._inactive_member_message())
        reader.error("_global", self._contribution_open_error(situation))
        reader.values.update(situation_id=situation.id, member_id=member.id)
        return reader.result()

    @api.model
    def _save_contribution(self, values):
        """Create or update the current user's contribution at that level."""
        situation = self.env["hr.manager.community.situation"].browse(
            values["situation_id"]
        )
        error = self._contribution_open_error(situation)
        if error:
            raise UserError(error)
        existing = self.search(
            [
                ("situation_id", "=", values["situation_id"]),
                ("member_id", "=", values["member_id"]),
                ("level", "=", values["level"]),
            ]
        )
        if existing:
            existing._write_own({"body": values["body"]})
            return existing
        return self._create_own([values])
