# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hr_manager_community.models.workflow_mixin import Transition

DIRECTOR_GROUP = "hr_manager_community.group_community_director"
# The practice's own text: written while it is proposed, frozen by the decision.
CONTENT_FIELDS = (
    "name",
    "theme",
    "factor_ids",
    "situation_type",
    "desirable",
    "possible",
    "session_id",
)
# The two versions of a practice are shorter than a situation's texts.
VERSION_MAX_LENGTH = 5000

THEMES = [
    ("communication", "Communication and Listening"),
    ("workload", "Workload and Priorities"),
    ("autonomy", "Autonomy and Delegation"),
    ("recognition", "Recognition"),
    ("change", "Leading Change"),
    ("team", "Team Cohesion and Conflicts"),
    ("meaning", "Meaning and Values of Work"),
    ("balance", "Work-Life Balance"),
]


class HrManagerPractice(models.Model):
    """A managerial best practice, proposed by a community.

    Provenance stays at community level: like the feedback to directors the
    practice keeps no author anywhere a reader could reach it
    (``_log_access = False``: no ``create_uid``/``write_uid``; no chatter).
    Its decisions are taken by directors, whose role is public.
    """

    _name = "hr.manager.practice"
    _description = "Managerial Best Practice"
    _inherit = [
        "hr.manager.community.workflow.mixin",
        "hr.manager.community.form.mixin",
    ]
    _order = "theme, name, id"
    _log_access = False

    name = fields.Char(string="Practice", required=True)
    theme = fields.Selection(THEMES, required=True, default="communication", index=True)
    factor_ids = fields.Many2many(
        "hr.psychosocial.factor",
        "hr_manager_practice_factor_rel",
        "practice_id",
        "factor_id",
        string="Psychosocial Factors",
        help="The psychosocial risk factors this practice addresses.",
    )
    situation_type = fields.Char(
        help="The kind of situation the practice answers, in generic terms "
        "(e.g. 'announcing a reorganisation'). Never a narrative, never a person.",
    )
    desirable = fields.Text(
        string="Desirable Version",
        help="The practice as the managers would wish to apply it.",
    )
    possible = fields.Text(
        string="Possible Version",
        help="What can be done today, with the current constraints.",
    )
    community_id = fields.Many2one(
        "hr.manager.community",
        string="Proposed By",
        required=True,
        ondelete="restrict",
        index=True,
        default=lambda self: self._default_community(),
        help="The community that proposed the practice: the provenance stops there.",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    session_id = fields.Many2one(
        "hr.manager.community.session",
        ondelete="set null",
        domain="[('community_id', '=', community_id)]",
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("adopted", "Adopted"),
            ("rejected", "Rejected"),
            ("archived", "Archived"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        group_expand="_workflow_expand_states",
    )
    date_decision = fields.Date(string="Decided On", readonly=True, copy=False)
    endorsement_ids = fields.One2many(
        "hr.manager.practice.endorsement", "practice_id", string="Endorsements"
    )
    endorsement_count = fields.Integer(compute="_compute_endorsement_count")
    is_endorsed = fields.Boolean(compute="_compute_my_role", string="Endorsed by Me")
    can_endorse = fields.Boolean(compute="_compute_my_role")
    is_director = fields.Boolean(compute="_compute_my_role")

    @api.model
    def _default_community(self):
        return (
            self.env["hr.manager.community.member"]
            ._current_user_memberships()[:1]
            .community_id
        )

    def _compute_endorsement_count(self):
        # Counts only: read with sudo() so that directors weigh the support
        # of a practice without reading who endorsed it.
        counts = dict(
            self.env["hr.manager.practice.endorsement"]
            # sudo: endorsement counts only, never who endorsed.
            .sudo()
            ._read_group(
                [("practice_id", "in", self._origin.ids)],
                ["practice_id"],
                ["__count"],
            )
        )
        for practice in self:
            practice.endorsement_count = counts.get(practice._origin, 0)

    @api.depends_context("uid")
    @api.depends("community_id", "endorsement_ids")
    def _compute_my_role(self):
        members = self._active_memberships()
        endorsed = (
            self.env["hr.manager.practice.endorsement"]
            # sudo: the current user's own endorsements only.
            .sudo()
            .search(
                [
                    ("practice_id", "in", self._origin.ids),
                    ("member_id", "in", members.ids),
                ]
            )
            .practice_id
        )
        is_director = self.env.user.has_group(DIRECTOR_GROUP)
        for practice in self:
            practice.is_endorsed = practice._origin in endorsed
            practice.can_endorse = (
                practice.state == "proposed"
                and practice.community_id in members.community_id
            )
            practice.is_director = is_director

    def _active_memberships(self):
        return self.env["hr.manager.community.member"]._current_user_memberships(
            self.community_id
        )

    @api.constrains("session_id", "community_id")
    def _check_session_community(self):
        for practice in self:
            if (
                practice.session_id
                and practice.session_id.community_id != practice.community_id
            ):
                raise ValidationError(
                    _("A practice is proposed in a session of its own community.")
                )

    _text_fields = ("name", "situation_type", "desirable", "possible")
    _text_max_lengths = {
        "desirable": VERSION_MAX_LENGTH,
        "possible": VERSION_MAX_LENGTH,
    }

    @api.model
    def _form_practice(self, raw, memberships):
        """Check the raw values of the portal form of a new practice, proposed
        by an active member in one of ``memberships``. Provenance is the
        community: the values hold no author."""
        reader = self._form_reader(raw)
        reader.membership(memberships, _("Choose one of your communities."))
        reader.text("name", _("Give the practice a name."), single_line=True)
        reader.choice("theme", _("Choose the theme in the list."))
        reader.records("factor_ids", _("Choose the factors in the list."))
        reader.text(
            "situation_type",
            _("Say in generic terms which kind of situation the practice answers."),
            single_line=True,
        )
        reader.text("desirable", _("Write the desirable version of the practice."))
        reader.text("possible", _("Write the version possible today."))
        community_id = reader.values.get("community_id")
        name = reader.values.get("name")
        if community_id and name and not reader.errors:
            # A second click on "Propose" is no second proposal.
            twin = self.search_count(
                [
                    ("community_id", "=", community_id),
                    ("state", "=", "proposed"),
                    ("name", "=", name),
                ],
                limit=1,
            )
            if twin:
                reader.error(
                    "name",
                    _("Your community already proposes a practice of this name."),
                )
        return reader.result()

    @api.model
    def _form_practice_initial(self, memberships):
        return {
            "theme": "communication",
            "factor_ids": set(),
            "community_id": memberships[:1].community_id.id,
        }

    def write(self, vals):
        if not self.env.su:
            if "community_id" in vals and any(
                practice.community_id.id != vals["community_id"] for practice in self
            ):
                raise UserError(
                    _("A practice stays with the community that proposed it.")
                )
            if set(vals) & set(CONTENT_FIELDS) and any(
                practice.state != "proposed" for practice in self
            ):
                raise UserError(
                    _(
                        "A practice is edited while it is proposed; "
                        "the decision freezes it."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposed(self):
        if not self.env.su and any(p.state != "proposed" for p in self):
            raise UserError(_("Only proposed practices can be deleted."))

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        # Decisions are the directors'; the date is set by the workflow only.
        decided = {"date_decision": "today"}
        return {
            **super()._workflow_transitions(),
            "adopt": Transition(
                ("proposed",), "adopted", roles="director", stamps=decided
            ),
            "reject": Transition(
                ("proposed",), "rejected", roles="director", stamps=decided
            ),
            # action_archive is Odoo's (the active field).
            "archive": Transition(
                ("adopted", "rejected"),
                "archived",
                roles="director",
                method="action_archive_practice",
            ),
        }

    # ------------------------------------------------------------ endorsement

    def action_endorse(self):
        """The current user, an active member of the practice's community,
        endorses each proposed practice (once)."""
        Endorsement = self.env["hr.manager.practice.endorsement"]
        members = self._active_memberships()
        endorsed = Endorsement._current_user_lines(self).practice_id
        to_create = []
        for practice in self:
            practice._check_endorsable(members)
            if practice in endorsed:
                continue
            member = members.filtered(
                lambda m, p=practice: m.community_id == p.community_id
            )[:1]
            to_create.append({"practice_id": practice.id, "member_id": member.id})
        Endorsement._create_own(to_create)
        return True

    def action_unendorse(self):
        """The current user withdraws their endorsement of proposed practices."""
        members = self._active_memberships()
        for practice in self:
            practice._check_endorsable(members)
        self.env["hr.manager.practice.endorsement"]._current_user_lines(
            self
        )._unlink_own()
        return True

    def _check_endorsable(self, members):
        self.ensure_one()
        if self.state != "proposed":
            raise UserError(
                _("%(name)s is no longer open to endorsement.") % {"name": self.name}
            )
        if self.community_id not in members.community_id:
            raise AccessError(
                _("Only active members of its community endorse a practice.")
            )


class HrManagerPracticeEndorsement(models.Model):
    _name = "hr.manager.practice.endorsement"
    _inherit = ["hr.manager.community.member.line"]
    _description = "Managerial Best Practice Endorsement"
    _order = "practice_id, id"

    _line_parent_field = "practice_id"

    practice_id = fields.Many2one(
        "hr.manager.practice", required=True, ondelete="cascade", index=True
    )

    _sql_constraints = [
        (
            "practice_member_unique",
            "UNIQUE(practice_id, member_id)",
            "A member endorses a practice once.",
        ),
    ]

    def _wrong_community_message(self):
        return _("Only members of its community endorse a practice.")

    def _inactive_member_message(self):
        return _("Only active members endorse a practice.")
