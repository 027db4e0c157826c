# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .workflow_mixin import Transition

LEVELS = [
    ("individual", "Individual"),
    ("interpersonal", "Interpersonal"),
    ("managerial", "Managerial"),
    ("organisational", "Organisational"),
]
VOTES = [("approve", "Approve"), ("object", "Object")]
# Written by the group while the feedback is a draft; frozen once the vote opens.
GROUP_FIELDS = (
    "name",
    "description",
    "factor_ids",
    "level",
    "recommendation",
    "session_id",
)
# Written by directors once the feedback is released.
ANSWER_FIELDS = ("response", "decision", "measure", "owner_id", "date_due")
DIRECTOR_GROUP = "hr_manager_community.group_community_director"


class HrManagerCommunityFeedback(models.Model):
    """Feedback from a community to the directors.

    The group drafts it (facilitator or any active member), every active
    member votes, the facilitator releases it when the vote passed, directors
    answer. It is the group's word: no author is kept anywhere a reader could
    reach it. Hence:

    * ``_log_access = False``: the model has no ``create_uid``/``write_uid``
      (nor their dates), so the drafter is stored nowhere, and cannot leak
      through a field, ``read()``, an export or a list column;
    * no ``mail.thread``: no chatter, no creation message whose ``author_id``
      would be the drafter, no followers, no tracking values;
    * transitions run by a member of the community are logged as OdooBot
      (see ``_workflow_log``), those of the facilitator and directors under
      their name, as their role is public.
    """

    _name = "hr.manager.community.feedback"
    _description = "Manager Community Feedback to Directors"
    _inherit = [
        "hr.manager.community.workflow.mixin",
        "hr.manager.community.form.mixin",
    ]
    _order = "id desc"
    _log_access = False
    _workflow_community_field = "community_id"

    community_id = fields.Many2one(
        "hr.manager.community",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self._default_community(),
    )
    company_id = fields.Many2one(related="community_id.company_id", store=True)
    department_ids = fields.Many2many(
        related="community_id.department_ids", string="Departments"
    )
    session_id = fields.Many2one(
        "hr.manager.community.session",
        string="Drafted In",
        index=True,
        ondelete="set null",
        domain="[('community_id', '=', community_id)]",
        help="The session in which the group drafted this feedback.",
    )
    name = fields.Char(string="Title", required=True)
    description = fields.Text(
        help="How the organisation of work creates a risk, as the group sees it. "
        "Describe situations, never people."
    )
    factor_ids = fields.Many2many(
        "hr.psychosocial.factor",
        "hr_manager_community_feedback_factor_rel",
        "feedback_id",
        "factor_id",
        string="Psychosocial Factors",
    )
    level = fields.Selection(LEVELS, default="organisational", required=True)
    recommendation = fields.Text(help="What the group suggests the directors do.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("voting", "Voting"),
            ("released", "Released"),
            ("answered", "Answered"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        group_expand="_workflow_expand_states",
    )
    date_vote = fields.Date(string="Vote Opened On", readonly=True, copy=False)
    date_released = fields.Date(
        string="Released On", readonly=True, copy=False, index=True
    )
    date_answered = fields.Date(string="Answered On", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    response_delay = fields.Integer(
        string="Response Delay (days)",
        compute="_compute_response_delay",
        store=True,
        aggregator="avg",
    )
    # The directors' answer.
    response = fields.Html(sanitize=True, copy=False)
    decision = fields.Selection(
        [
            ("accepted", "Accepted"),
            ("partial", "Partly Accepted"),
            ("study", "Under Study"),
            ("declined", "Declined"),
        ],
        copy=False,
    )
    measure = fields.Text(
        string="Prevention Measure",
        copy=False,
        help="The measure decided, as it will appear in the risk assessment (DUERP) "
        "annex.",
    )
    owner_id = fields.Many2one(
        "res.users",
        string="Carried By",
        copy=False,
        domain="[('share', '=', False)]",
        help="Who carries the decision.",
    )
    date_due = fields.Date(string="Due Date", copy=False)
    # The vote, as counts: who voted what stays with the group (vote records).
    vote_ids = fields.One2many(
        "hr.manager.community.feedback.vote", "feedback_id", string="Votes"
    )
    vote_approve_count = fields.Integer(
        compute="_compute_vote_counts", string="Approvals"
    )
    vote_object_count = fields.Integer(
        compute="_compute_vote_counts", string="Objections"
    )
    vote_cast_count = fields.Integer(
        compute="_compute_vote_counts",
        string="Votes Cast",
        help="How many active members voted so far (not what they chose).",
    )
    vote_voter_count = fields.Integer(
        compute="_compute_vote_counts",
        string="Active Members",
        help="Active members of the community, who may vote.",
    )
    vote_quorum_reached = fields.Boolean(compute="_compute_vote_counts")
    vote_passed = fields.Boolean(
        compute="_compute_vote_counts",
        help="No objection and the quorum of approvals is reached.",
    )
    my_vote = fields.Selection(VOTES, compute="_compute_my_role")
    is_group_member = fields.Boolean(compute="_compute_my_role")
    is_facilitator = fields.Boolean(compute="_compute_my_role")
    is_director = fields.Boolean(compute="_compute_my_role")

    @api.model
    def _default_community(self):
        return (
            self.env["hr.manager.community.member"]
            ._current_user_memberships()[:1]
            .community_id
        )

    @api.depends("date_released", "date_answered")
    def _compute_response_delay(self):
        for feedback in self:
            if feedback.date_released and feedback.date_answered:
                feedback.response_delay = (
                    feedback.date_answered - feedback.date_released
                ).days
            else:
                feedback.response_delay = 0

    @api.depends_context("uid")
    @api.depends(
        "state",
        "vote_ids.vote",
        "community_id.member_ids.state",
        "community_id.company_id.manager_community_feedback_quorum",
    )
    def _compute_vote_counts(self):
        # The ballot is secret: counts only, and to the group (its active
        # members and facilitator) only once the vote is closed. While it is
        # open, a count that moves when a member says "I just voted" would
        # tell what they chose: the group sees how many voted, not how.
        # Outside the group (directors) they stay at 0: a count of a released
        # feedback (no objection) or its change when a member leaves would
        # tell who voted what.
        tally = self._vote_tally()
        if self.env.su:
            in_group = self.community_id
        else:
            in_group = (
                self.env["hr.manager.community.member"]
                ._current_user_memberships(self.community_id)
                .community_id
            )
            in_group |= self.community_id.filtered(
                lambda community: community.facilitator_user_id == self.env.user
            )
        for feedback in self:
            approve, objections, cast, voters = tally[feedback._origin.id]
            if feedback.community_id not in in_group:
                approve = objections = cast = voters = 0
            elif feedback.state == "voting" and not self.env.su:
                approve = objections = 0
            reached = bool(voters) and approve * 100 >= (
                feedback._feedback_quorum() * voters
            )
            feedback.vote_approve_count = approve
            feedback.vote_object_count = objections
            feedback.vote_cast_count = cast
            feedback.vote_voter_count = voters
            feedback.vote_quorum_reached = reached and approve > 0
            feedback.vote_passed = reached and approve > 0 and not objections

    def _vote_tally(self):
        """{feedback id: (approvals, objections, votes cast, active members)}
        of the votes of active members: aggregates read with sudo(), never
        who voted what. For the guards and the (filtered) counts above."""
        groups = (
            self.env["hr.manager.community.feedback.vote"]
            # sudo: vote counts only, never who voted what.
            .sudo()
            ._read_group(
                [
                    ("feedback_id", "in", self._origin.ids),
                    ("member_id.state", "=", "active"),
                ],
                ["feedback_id", "vote"],
                ["__count"],
            )
        )
        votes = {(feedback.id, vote): count for feedback, vote, count in groups}
        members = dict(
            self.env["hr.manager.community.member"]
            # sudo: a count of active members only.
            .sudo()
            ._read_group(
                [
                    ("community_id", "in", self.community_id.ids),
                    ("state", "=", "active"),
                ],
                ["community_id"],
                ["__count"],
            )
        )
        tally = {}
        for feedback in self:
            fid = feedback._origin.id
            approve = votes.get((fid, "approve"), 0)
            objections = votes.get((fid, "object"), 0)
            tally[fid] = (
                approve,
                objections,
                approve + objections,
                members.get(feedback.community_id, 0),
            )
        return tally

    def _feedback_quorum(self):
        # A company setting, read with sudo() for portal members.
        # sudo: a company setting (a number), for portal members.
        return self.community_id.company_id.sudo().manager_community_feedback_quorum

    @api.depends_context("uid")
    @api.depends("community_id.facilitator_user_id", "vote_ids.vote")
    def _compute_my_role(self):
        user = self.env.user
        members = self.env["hr.manager.community.member"]._current_user_memberships(
            self.community_id
        )
        votes = self.env["hr.manager.community.feedback.vote"].search(
            [("feedback_id", "in", self._origin.ids), ("member_id", "in", members.ids)]
        )
        my_votes = {vote.feedback_id.id: vote.vote for vote in votes}
        is_director = user.has_group(DIRECTOR_GROUP)
        for feedback in self:
            feedback.my_vote = my_votes.get(feedback._origin.id, False)
            feedback.is_group_member = feedback.community_id in members.community_id
            feedback.is_facilitator = feedback.community_id.facilitator_user_id == user
            feedback.is_director = is_director

    @api.constrains("session_id", "community_id")
    def _check_session_community(self):
        for feedback in self:
            if (
                feedback.session_id
                and feedback.session_id.community_id != feedback.community_id
            ):
                raise ValidationError(
                    _("Feedback is drafted in a session of its own community.")
                )

    _text_fields = ("name", "description", "recommendation", "measure")

    @api.model
    def _form_new_feedback(self, raw, memberships):
        """Check the raw values of the portal form of a new feedback, drafted
        by an active member in one of ``memberships`` (the user's active
        memberships). The values hold the group's text only."""
        reader = self._form_reader(raw)
        reader.membership(memberships, _("Choose one of your communities."))
        reader.text("name", _("Give the feedback a title."), single_line=True)
        reader.text(
            "description",
            _("Describe how the organisation of work creates a risk."),
        )
        reader.text("recommendation")
        reader.choice("level", _("Choose the level in the list."))
        reader.records("factor_ids", _("Choose the factors in the list."))
        community_id = reader.values.get("community_id")
        name = reader.values.get("name")
        if community_id and name and not reader.errors:
            # A second click on "Propose" (or a second tab) is no new draft.
            twin = self.search_count(
                [
                    ("community_id", "=", community_id),
                    ("state", "=", "draft"),
                    ("name", "=", name),
                ],
                limit=1,
            )
            if twin:
                reader.error(
                    "name",
                    _("Your community already has a draft with this title."),
                )
        return reader.result()

    @api.model
    def _form_new_feedback_initial(self, memberships):
        return {
            "level": "organisational",
            "factor_ids": set(),
            "community_id": memberships[:1].community_id.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            allowed = set(GROUP_FIELDS) | {"community_id", "state"}
            for vals in vals_list:
                if set(vals) - allowed:
                    raise UserError(
                        _("New feedback holds the group's text only: %(fields)s")
                        % {"fields": ", ".join(sorted(set(vals) - allowed))}
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed(vals)
        return super().write(vals)

    def _check_write_allowed(self, vals):
        if "community_id" in vals and any(
            feedback.community_id.id != vals["community_id"] for feedback in self
        ):
            raise UserError(_("Feedback stays in the community where it was drafted."))
        if set(vals) & set(GROUP_FIELDS) and any(f.state != "draft" for f in self):
            raise UserError(
                _("Feedback is edited while it is a draft; the vote freezes its text.")
            )
        if set(vals) & set(ANSWER_FIELDS):
            if not self.env.user.has_group(DIRECTOR_GROUP):
                raise AccessError(_("Only directors answer feedback."))
            if any(f.state not in ("released", "answered") for f in self):
                raise UserError(_("Directors answer feedback once it is released."))
        protected = (
            set(vals)
            - set(GROUP_FIELDS)
            - set(ANSWER_FIELDS)
            - {
                "community_id",
                "state",
            }
        )
        if protected:
            raise UserError(
                _("These fields are set by the workflow: %(fields)s")
                % {"fields": ", ".join(sorted(protected))}
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if not self.env.su and any(feedback.state != "draft" for feedback in self):
            raise UserError(_("Only draft feedback can be deleted."))

    # --------------------------------------------------------------- workflow

    @api.model
    def _workflow_transitions(self):
        return {
            **super()._workflow_transitions(),
            "open_vote": Transition(
                ("draft",),
                "voting",
                "_guard_open_vote",
                roles=("facilitator", "member"),
                stamps={"date_vote": "today"},
            ),
            "reset_to_draft": Transition(
                ("voting",),
                "draft",
                roles="facilitator",
                stamps={"date_vote": False},
                after="_clear_votes",
            ),
            "release": Transition(
                ("voting",),
                "released",
                "_guard_release",
                roles="facilitator",
                stamps={"date_released": "today"},
            ),
            "answer": Transition(
                ("released",),
                "answered",
                "_guard_answer",
                roles="director",
                stamps={"date_answered": "today"},
            ),
            "close": Transition(
                ("answered",),
                "closed",
                roles=("director", "facilitator"),
                stamps={"date_closed": "today"},
            ),
        }

    def _guard_open_vote(self):
        for feedback in self:
            if feedback.community_id.state != "active":
                raise UserError(_("Only an active community votes on feedback."))
            if not (feedback.description or "").strip():
                raise UserError(
                    _("Describe the feedback before putting it to the vote: %(name)s")
                    % {"name": feedback.name}
                )

    def _guard_release(self):
        # The counts come from the tally, not from the fields the facilitator
        # reads (hidden while the vote is open); the message gives none: the
        # group reads the tally once the vote is closed.
        tally = self._vote_tally()
        for feedback in self:
            approve, objections, __, voters = tally[feedback.id]
            quorum = feedback._feedback_quorum()
            reached = bool(voters) and approve > 0 and approve * 100 >= quorum * voters
            if objections or not reached:
                raise UserError(
                    _(
                        "%(name)s cannot be released: the vote has not passed. It "
                        "needs no objection and the quorum of approvals (%(quorum)s%% "
                        "of the active members). Wait for the votes, or reset it to "
                        "draft to rework it with the group."
                    )
                    % {"name": feedback.name, "quorum": quorum}
                )

    def _guard_answer(self):
        for feedback in self:
            if not feedback.response or not feedback.decision:
                raise UserError(
                    _("Write the response and the decision before answering %(name)s.")
                    % {"name": feedback.name}
                )
        self._check_decided_measure(answering=True)

    @api.constrains("decision", "measure", "state")
    def _check_decided_measure(self, answering=False):
        """An accepted (or partly accepted) feedback carries its prevention
        measure: the DUERP annex lists it as a measure decided. Checked when
        the directors answer, and on every later change of the answer."""
        for feedback in self:
            if (
                (answering or feedback.state in ("answered", "closed"))
                and feedback.decision in ("accepted", "partial")
                and not (feedback.measure or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Describe the prevention measure decided for %(name)s: an "
                        "accepted feedback goes into the risk assessment (DUERP) "
                        "annex with its measure."
                    )
                    % {"name": feedback.name}
                )

    def _clear_votes(self):
        """A reworked text is voted again from scratch."""
        # sudo: nobody writes votes but the voter; the facilitator reset the vote.
        self.sudo().vote_ids.unlink()
        return True

    def _workflow_log(self, name, previous, target):
        """Log the group's own transitions as OdooBot: whoever opened the vote
        is likely its drafter, and the feedback has no author."""
        records = self
        if self.community_id.member_ids.filtered(lambda m: m.user_id == self.env.user):
            records = self.with_user(SUPERUSER_ID)
        return super(HrManagerCommunityFeedback, records)._workflow_log(
            name, previous, target
        )

    # ------------------------------------------------------------------- vote

    def action_vote(self, value):
        """The current user, an active member of the community, votes
        ``value`` (approve or object); voting again changes the vote."""
        if value not in dict(VOTES):
            raise UserError(_("A vote is 'approve' or 'object'."))
        Vote = self.env["hr.manager.community.feedback.vote"]
        members = Vote._current_user_members(self)
        self._vote_serialize(members.values())
        votes = {vote.feedback_id: vote for vote in Vote._current_user_lines(self)}
        changed, to_create = Vote, []
        for feedback in self:
            if feedback.state != "voting":
                raise UserError(
                    _("%(name)s is not open to the vote.") % {"name": feedback.name}
                )
            if feedback not in members:
                raise AccessError(
                    _("Only active members of the community vote on its feedback.")
                )
            if feedback in votes:
                changed |= votes[feedback]
            else:
                to_create.append(
                    {
                        "feedback_id": feedback.id,
                        "member_id": members[feedback].id,
                        "vote": value,
                    }
                )
        changed._write_own({"vote": value})
        Vote._create_own(to_create)
        return True

    def _vote_serialize(self, members):
        """Two submissions of one voter at once (a double click, two tabs,
        two workers): touching the voter's membership rows makes the later
        transaction fail with a serialization error (REPEATABLE READ: a row
        updated by a concurrent transaction), which Odoo retries on a fresh
        snapshot, where it finds the first vote and changes it. Without it,
        the later one inserts a second vote, refused by the UNIQUE
        constraint (a server error) instead of counted once."""
        ids = tuple({member.id for member in members})
        if ids:
            self.env.cr.execute(
                "UPDATE hr_manager_community_member SET write_date = write_date"
                " WHERE id IN %s",
                (ids,),
            )

    def action_vote_approve(self):
        return self.action_vote("approve")

    def action_vote_object(self):
        return self.action_vote("object")


class HrManagerCommunityFeedbackVote(models.Model):
    _name = "hr.manager.community.feedback.vote"
    _inherit = ["hr.manager.community.member.line"]
    _description = "Manager Community Feedback Vote"
    _order = "feedback_id, id"

    _line_parent_field = "feedback_id"

    feedback_id = fields.Many2one(
        "hr.manager.community.feedback", required=True, ondelete="cascade", index=True
    )
    vote = fields.Selection(VOTES, required=True)

    _sql_constraints = [
        (
            "feedback_member_unique",
            "UNIQUE(feedback_id, member_id)",
            "A member votes once on a feedback; voting again changes the vote.",
        ),
    ]

    def _wrong_community_message(self):
        return _("Only members of its community vote on a feedback.")

    def _inactive_member_message(self):
        return _("Only active members vote.")
