# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hr_manager_community.models.text_limits import clean_text, parse_ids
from odoo.addons.hr_manager_community.models.workflow_mixin import Transition

OFFICER_GROUP = "hr_manager_community.group_community_officer"
DIRECTOR_GROUP = "hr_manager_community.group_community_director"
FACILITATOR_GROUP = "hr_manager_community.group_community_facilitator"
EDITABLE_STATES = ("draft", "consultation")
PUBLIC_STATES = ("published", "superseded")
COMMENT_MAX_LENGTH = 2000


def _section_key(section):
    """Section titles that differ only by case or spaces are one section."""
    return " ".join((section or "").split()).casefold()


class HrManagerCharter(models.Model):
    """A version of the company's managerial charter.

    Drafted by HR from adopted practices, put to the consultation of the
    managers, approved by a director, then published: publishing supersedes
    the version published before it in the same company.
    """

    _name = "hr.manager.charter"
    _description = "Managerial Charter Version"
    _inherit = ["hr.manager.community.workflow.mixin"]
    _order = "company_id, version desc, id desc"

    name = fields.Char(required=True, default=lambda self: _("Managerial Charter"))
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    version = fields.Integer(
        readonly=True, copy=False, help="Version number within the company."
    )
    introduction = fields.Text()
    line_ids = fields.One2many(
        "hr.manager.charter.line", "charter_id", string="Practices", copy=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("consultation", "Consultation"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        group_expand="_workflow_expand_states",
    )
    date_approved = fields.Date(string="Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_published = fields.Date(string="Published On", readonly=True, copy=False)
    acknowledgement_ids = fields.One2many(
        "hr.manager.charter.acknowledgement",
        "charter_id",
        readonly=True,
    )
    acknowledgement_count = fields.Integer(compute="_compute_acknowledgement_count")
    is_acknowledged = fields.Boolean(
        compute="_compute_is_acknowledged", string="Acknowledged by Me"
    )
    comment_ids = fields.One2many(
        "hr.manager.charter.comment", "charter_id", string="Consultation Comments"
    )
    comment_count = fields.Integer(compute="_compute_comment_count")
    can_consult = fields.Boolean(
        compute="_compute_can_consult",
        search="_search_can_consult",
        help="Technical: the current user reads charters before publication "
        "(HR, directors, facilitators and active members of a community).",
    )

    _sql_constraints = [
        (
            "company_version_unique",
            "UNIQUE(company_id, version)",
            "A charter version number is unique within a company.",
        ),
    ]

    @api.depends("acknowledgement_ids")
    def _compute_acknowledgement_count(self):
        counts = dict(
            self.env["hr.manager.charter.acknowledgement"]._read_group(
                [("charter_id", "in", self._origin.ids)], ["charter_id"], ["__count"]
            )
        )
        for charter in self:
            charter.acknowledgement_count = counts.get(charter._origin, 0)

    def _compute_comment_count(self):
        counts = dict(
            self.env["hr.manager.charter.comment"]._read_group(
                [("charter_id", "in", self._origin.ids)], ["charter_id"], ["__count"]
            )
        )
        for charter in self:
            charter.comment_count = counts.get(charter._origin, 0)

    @api.depends_context("uid")
    @api.depends("acknowledgement_ids.user_id")
    def _compute_is_acknowledged(self):
        mine = (
            self.env["hr.manager.charter.acknowledgement"]
            .search(
                [
                    ("charter_id", "in", self._origin.ids),
                    ("user_id", "=", self.env.uid),
                ]
            )
            .charter_id
        )
        for charter in self:
            charter.is_acknowledged = charter._origin in mine

    @api.model
    def _user_can_consult(self):
        user = self.env.user
        if any(
            user.has_group(group)
            for group in (OFFICER_GROUP, DIRECTOR_GROUP, FACILITATOR_GROUP)
        ):
            return True
        # A membership count, whatever the member rules let the user read.
        return bool(
            self.env["hr.manager.community.member"]
            # sudo: whether the user has an active membership, a count only.
            .sudo()
            .search_count(
                [("user_id", "=", user.id), ("state", "=", "active")], limit=1
            )
        )

    @api.depends_context("uid")
    def _compute_can_consult(self):
        can_consult = self._user_can_consult()
        for charter in self:
            charter.can_consult = can_consult

    def _search_can_consult(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _("Unsupported search on %(field)s.") % {"field": "can_consult"}
            )
        positive = (operator == "=") == value
        allowed = self._user_can_consult()
        return [(1, "=", 1)] if allowed == positive else [(0, "=", 1)]

    @api.model_create_multi
    def create(self, vals_list):
        # Version numbers follow every charter of the company, including
        # those the creator may not read: sudo() reads the numbers only.
        # sudo: version numbers of the company's charters only.
        Charter = self.sudo().with_context(active_test=False)
        next_versions = {}
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            vals["company_id"] = company_id
            if company_id not in next_versions:
                last = Charter.search(
                    [("company_id", "=", company_id)], order="version desc", limit=1
                )
                next_versions[company_id] = last.version + 1
            vals["version"] = next_versions[company_id]
            next_versions[company_id] += 1
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if "company_id" in vals or "version" in vals:
                raise UserError(
                    _("The company and the version of a charter are set at creation.")
                )
            if set(vals) - {"state"} and any(
                charter.state not in EDITABLE_STATES for charter in self
            ):
                raise UserError(
                    _("A charter is edited until its approval; then it is frozen.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(charter.state != "draft" for charter in self):
            raise UserError(_("Only draft charter versions can be deleted."))

    @api.depends("name", "version")
    def _compute_display_name(self):
        for charter in self:
            charter.display_name = _("%(name)s (v%(version)s)") % {
                "name": charter.name or "",
                "version": charter.version or "",
            }

    def _get_sections(self):
        """[(section, lines)] in the order of the charter, for the PDF and the
        portal: one section per title, placed where its first line is, so a
        practice added to an existing section (a new version, say) joins it
        wherever its sequence puts it."""
        self.ensure_one()
        sections = {}
        for line in self.line_ids.sorted(lambda ln: (ln.sequence, ln.id)):
            key = _section_key(line.section)
            if key not in sections:
                sections[key] = (line.section.strip(), [])
            sections[key][1].append(line)
        return list(sections.values())

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        # HR and directors manage the charter; directors approve it.
        managers = ("officer", "director")
        return {
            **super()._workflow_transitions(),
            "open_consultation": Transition(
                ("draft",), "consultation", "_guard_open_consultation", roles=managers
            ),
            "reset_to_draft": Transition(("consultation",), "draft", roles=managers),
            "approve": Transition(
                ("consultation",),
                "approved",
                roles="director",
                stamps={"date_approved": "today", "approved_by_id": "user"},
            ),
            "publish": Transition(
                ("approved",),
                "published",
                "_guard_publish",
                roles=managers,
                stamps={"date_published": "today"},
                after="_supersede_previous",
            ),
            # Publishing a version supersedes the previous one: no button.
            "supersede": Transition(
                ("published",), "superseded", roles=managers, method=False
            ),
        }

    def _guard_open_consultation(self):
        for charter in self:
            if not charter.line_ids:
                raise UserError(
                    _("Add adopted practices to %(name)s before the consultation.")
                    % {"name": charter.display_name}
                )
            charter.line_ids._check_practice_adopted()

    def _guard_publish(self):
        if len(self.company_id) != len(self):
            raise UserError(_("Publish one charter version per company at a time."))

    def _supersede_previous(self):
        previous = self.search(
            [
                ("company_id", "in", self.company_id.ids),
                ("state", "=", "published"),
                ("id", "not in", self.ids),
            ]
        )
        previous._workflow_apply("supersede")
        return True

    # -------------------------------------------------------- acknowledgement

    def _check_can_acknowledge(self):
        """Who acknowledges: a user linked to an employee of the charter's
        company (every manager, member of a community or not)."""
        self.ensure_one()
        if self.state != "published":
            raise UserError(_("Only the published charter is acknowledged."))
        # Portal managers cannot read employees: sudo() checks only that the
        # current user is linked to an employee of the charter's company.
        employees = (
            self.env["hr.employee"]
            # sudo: whether the user is an employee of the company, a count only.
            .sudo()
            .search_count(
                [
                    ("user_id", "=", self.env.uid),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        if not employees:
            raise AccessError(
                _("Only the employees of %(company)s acknowledge its charter.")
                % {"company": self.company_id.name}
            )

    def action_acknowledge(self):
        """The current user acknowledges the published charter, once."""
        Ack = self.env["hr.manager.charter.acknowledgement"]
        done = Ack._current_user_lines(self).charter_id
        for charter in self:
            charter._check_can_acknowledge()
            if charter in done:
                raise UserError(
                    _("You already acknowledged %(name)s.")
                    % {"name": charter.display_name}
                )
        return Ack._create_own(
            [
                {
                    "charter_id": charter.id,
                    "user_id": self.env.uid,
                    "date": fields.Datetime.now(),
                }
                for charter in self
            ]
        )


class HrManagerCharterLine(models.Model):
    _name = "hr.manager.charter.line"
    _description = "Managerial Charter Line"
    _order = "charter_id, sequence, id"

    charter_id = fields.Many2one(
        "hr.manager.charter", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="charter_id.company_id", store=True)
    section = fields.Char(
        required=True,
        compute="_compute_section",
        store=True,
        precompute=True,
        readonly=False,
        copy=True,
        help="Title of the charter section the practice appears in. By default, "
        "the section of the charter's practices of the same theme, or the theme.",
    )
    sequence = fields.Integer(default=10)
    practice_id = fields.Many2one(
        "hr.manager.practice",
        required=True,
        ondelete="restrict",
        domain="[('state', '=', 'adopted'), ('company_id', '=', company_id)]",
    )
    # A copy of the practice at the time of the charter: a published version
    # does not change if the dictionary later does.
    name = fields.Char(
        string="Title in the Charter",
        compute="_compute_from_practice",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    desirable = fields.Text(
        string="Desirable Version",
        compute="_compute_from_practice",
        store=True,
        precompute=True,
        readonly=False,
    )
    possible = fields.Text(
        string="Possible Version",
        compute="_compute_from_practice",
        store=True,
        precompute=True,
        readonly=False,
    )

    theme = fields.Selection(related="practice_id.theme", string="Theme")

    @api.depends("practice_id")
    def _compute_section(self):
        themes = dict(
            self.env["hr.manager.practice"]
            ._fields["theme"]
            ._description_selection(self.env)
        )
        for line in self:
            if line.section or not line.practice_id:
                line.section = line.section
                continue
            same_theme = line.charter_id.line_ids.filtered(
                lambda other, line=line: (
                    other != line
                    and other.section
                    and other.practice_id.theme == line.practice_id.theme
                )
            )
            line.section = same_theme[:1].section or themes.get(line.practice_id.theme)

    @api.depends("practice_id")
    def _compute_from_practice(self):
        for line in self:
            line.name = line.practice_id.name
            line.desirable = line.practice_id.desirable
            line.possible = line.practice_id.possible

    @api.constrains("practice_id")
    def _check_practice_adopted(self):
        for line in self:
            if line.practice_id.state != "adopted":
                raise ValidationError(
                    _("Only adopted practices enter a charter: %(name)s is %(state)s.")
                    % {
                        "name": line.practice_id.name,
                        "state": line.practice_id._workflow_state_label(
                            line.practice_id.state
                        ),
                    }
                )
            if line.practice_id.company_id != line.charter_id.company_id:
                raise ValidationError(
                    _("A charter gathers the practices of its own company.")
                )

    def _check_charter_editable(self):
        if not self.env.su and any(
            line.charter_id.state not in EDITABLE_STATES for line in self
        ):
            raise UserError(
                _("A charter is edited until its approval; then it is frozen.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_charter_editable()
        return lines

    def write(self, vals):
        self._check_charter_editable()
        result = super().write(vals)
        self._check_charter_editable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_editable(self):
        self._check_charter_editable()


class HrManagerCharterAcknowledgement(models.Model):
    """Held by a user, not a member: every employee of the company
    acknowledges the charter, whether in a community or not."""

    _name = "hr.manager.charter.acknowledgement"
    _inherit = ["hr.manager.community.user.line"]
    _description = "Managerial Charter Acknowledgement"
    _order = "date desc, id desc"

    _line_parent_field = "charter_id"

    charter_id = fields.Many2one(
        "hr.manager.charter", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="charter_id.company_id", store=True)
    user_id = fields.Many2one(string="Manager", required=True, ondelete="cascade")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    _sql_constraints = [
        (
            "charter_user_unique",
            "UNIQUE(charter_id, user_id)",
            "A manager acknowledges a charter version once.",
        ),
    ]


class HrManagerCharterComment(models.Model):
    """A comment of a community on a line of a charter version in
    consultation.

    Like the feedback to directors, the comment is the group's: it keeps no
    author anywhere a reader could reach it (``_log_access = False``: no
    ``create_uid``/``write_uid``; no member; no chatter), only the community
    it comes from. HR and directors read the comments by community; the
    community (its active members and facilitator) reads its own.
    """

    _name = "hr.manager.charter.comment"
    _inherit = ["hr.manager.community.form.mixin"]
    _description = "Managerial Charter Consultation Comment"
    _order = "charter_id, line_id, community_id, id"
    _rec_name = "line_id"
    _log_access = False

    line_id = fields.Many2one(
        "hr.manager.charter.line",
        string="Practice",
        required=True,
        ondelete="cascade",
        index=True,
    )
    charter_id = fields.Many2one(
        related="line_id.charter_id", store=True, index=True, string="Charter"
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    community_id = fields.Many2one(
        "hr.manager.community",
        required=True,
        ondelete="cascade",
        index=True,
        help="The community the comment comes from: the provenance stops there.",
    )
    body = fields.Text(string="Comment", required=True)
    date = fields.Date(default=fields.Date.context_today, readonly=True)

    _text_fields = ("body",)
    _text_max_lengths = {"body": COMMENT_MAX_LENGTH}

    @api.constrains("line_id", "community_id")
    def _check_company(self):
        for comment in self:
            if comment.community_id.company_id != comment.company_id:
                raise ValidationError(
                    _("A community comments on the charter of its own company.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        comments = super().create(vals_list)
        if not self.env.su and any(
            comment.charter_id.state != "consultation" for comment in comments
        ):
            raise UserError(
                _("Charter versions are commented during their consultation only.")
            )
        return comments

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("A consultation comment is not changed once given."))
        return super().write(vals)

    @api.model
    def _form_comment(self, raw, charter, memberships):
        """Check the raw values of the portal form commenting a line of
        ``charter`` on behalf of one of ``memberships`` (the user's active
        memberships). The values hold no author."""
        reader = self._form_reader(raw)
        reader.membership(memberships, _("Choose one of your communities."))
        line_ids = parse_ids([clean_text(raw.get("line_id")).strip()])
        line = charter.line_ids.filtered(lambda ln: line_ids and ln.id == line_ids[0])
        reader.form["line_id"] = line.id
        reader.values["line_id"] = line.id
        if not line:
            reader.error("line_id", _("Choose a practice of this charter version."))
        body = reader.text("body", _("Write your comment."))
        if charter.state != "consultation":
            reader.error(
                "_global",
                _("This charter version is no longer in consultation."),
            )
        community_id = reader.values.get("community_id")
        if line and community_id and body and not reader.errors:
            # A second click on "Comment" is no second comment.
            if self.search_count(
                [
                    ("line_id", "=", line.id),
                    ("community_id", "=", community_id),
                    ("body", "=", body),
                ],
                limit=1,
            ):
                reader.error("body", _("Your community already made this comment."))
        return reader.result()
