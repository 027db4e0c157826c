# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class HrManagerCommunityUserLine(models.AbstractModel):
    """A line a person holds on a parent record, one per person and parent:
    a charter acknowledgement (held by a user), and through
    ``hr.manager.community.member.line`` an attendance, a vote, an
    endorsement (held by a member of a community).

    A model declares:

    * ``_line_parent_field``: its Many2one to the parent (each model declares
      that field itself: its comodel differs);
    * ``_line_holder_field``: who holds the line, ``user_id`` here,
      ``member_id`` for member lines;
    * its ``UNIQUE(<parent>, <holder>)`` SQL constraint (or over
      ``_line_key_fields`` when a holder has several lines per parent, one per
      key), under the name its database already knows (``test_member_line``
      checks every line model has one).

    Lines a person writes for themselves (a vote, an endorsement, an answer
    to an invitation, an acknowledgement) go through ``_create_own``,
    ``_write_own`` and ``_unlink_own``: the record rules refuse direct
    writes, and these methods write with sudo() once they proved that every
    line is held by the current user. What else the user must be (an active
    member, an employee of the company...) is checked by the caller and by
    the model's constraints.
    """

    _name = "hr.manager.community.user.line"
    _description = "Manager Communities Personal Line"
    _rec_name = "user_id"

    _line_parent_field = None
    _line_holder_field = "user_id"
    # The fields of the UNIQUE constraint when more than (parent, holder):
    # a contribution is one per member, situation and level.
    _line_key_fields = None

    user_id = fields.Many2one("res.users", index=True)

    # ------------------------------------------------------------- lookups

    @api.model
    def _current_user_lines_domain(self, parents):
        return [
            (self._line_parent_field, "in", parents.ids),
            ("user_id", "=", self.env.uid),
        ]

    @api.model
    def _current_user_lines(self, parents):
        """The current user's lines on ``parents``, read as the user."""
        return self.search(self._current_user_lines_domain(parents))

    # ------------------------------------------------- written for oneself

    @api.model
    def _holder_users(self, vals_list):
        """The user who would hold each line of ``vals_list``."""
        return [self.env["res.users"].browse(vals.get("user_id")) for vals in vals_list]

    def _check_held_by_current_user(self):
        # sudo: reads only who holds each line, which is what is checked.
        if any(line.user_id != self.env.user for line in self.sudo()):
            raise AccessError(self._not_held_message())

    def _not_held_message(self):
        return _("You can only act for yourself.")

    @api.model
    def _create_own(self, vals_list):
        """Create lines held by the current user, with sudo() once proved."""
        if any(user != self.env.user for user in self._holder_users(vals_list)):
            raise AccessError(self._not_held_message())
        # sudo: the rules refuse direct writes; every line is the user's own.
        return self.sudo().create(vals_list).with_env(self.env)

    def _write_own(self, vals):
        """Write the current user's own lines, with sudo() once proved."""
        frozen = {self._line_parent_field, self._line_holder_field, "user_id"}
        frozen |= set(self._line_key_fields or ())
        if frozen & set(vals):
            raise UserError(_("A line stays with its record and with its holder."))
        self._check_held_by_current_user()
        # sudo: the rules refuse direct writes; every line is the user's own.
        return self.sudo().write(vals)

    def _unlink_own(self):
        """Delete the current user's own lines, with sudo() once proved."""
        self._check_held_by_current_user()
        # sudo: the rules refuse direct writes; every line is the user's own.
        return self.sudo().unlink()


class HrManagerCommunityMemberLine(models.AbstractModel):
    """A line held by a member of a community on a record of that community
    (a session, a feedback, a practice): one line per member and record, and
    only for a member of the record's own community.

    ``_line_requires_active_member`` says whether the member must be active
    when the line is created (or given to another member or record): votes
    and endorsements are; attendance lines are created for active members by
    the session, and stay when the member leaves.
    """

    _name = "hr.manager.community.member.line"
    _inherit = "hr.manager.community.user.line"
    _description = "Manager Community Member Line"
    _rec_name = "member_id"

    _line_holder_field = "member_id"
    _line_requires_active_member = True

    community_id = fields.Many2one(
        "hr.manager.community",
        compute="_compute_community_id",
        store=True,
        index=True,
        readonly=True,
    )
    member_id = fields.Many2one(
        "hr.manager.community.member", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(related="member_id.user_id", store=True)

    @api.depends(
        lambda self: (
            (f"{self._line_parent_field}.community_id",)
            if self._line_parent_field
            else ()
        )
    )
    def _compute_community_id(self):
        for line in self:
            line.community_id = line[self._line_parent_field].community_id

    @api.constrains(
        lambda self: (
            (self._line_parent_field, "member_id")
            if self._line_parent_field
            else ("member_id",)
        )
    )
    def _check_member_of_community(self):
        for line in self:
            parent = line[self._line_parent_field]
            if line.member_id.community_id != parent.community_id:
                raise ValidationError(line._wrong_community_message())
            if self._line_requires_active_member and line.member_id.state != "active":
                raise ValidationError(line._inactive_member_message())

    def _wrong_community_message(self):
        return _("A line is held by a member of the record's own community.")

    def _inactive_member_message(self):
        return _("Only active members hold such a line.")

    @api.model
    def _current_user_lines_domain(self, parents):
        domain = super()._current_user_lines_domain(parents)
        if self._line_requires_active_member:
            domain.append(("member_id.state", "=", "active"))
        return domain

    @api.model
    def _current_user_members(self, parents):
        """{parent: the current user's active membership of its community},
        for the parents whose community the user is an active member of."""
        members = self.env["hr.manager.community.member"]._current_user_memberships(
            parents.community_id
        )
        by_community = {member.community_id: member for member in members}
        return {
            parent: by_community[parent.community_id]
            for parent in parents
            if parent.community_id in by_community
        }

    @api.model
    def _holder_users(self, vals_list):
        ids = {vals.get("member_id") for vals in vals_list} - {None, False}
        # sudo: reads only the user of each membership, which is what is
        # checked; a member may not read every membership.
        members = self.env["hr.manager.community.member"].sudo().browse(ids)
        user_of = {member.id: member.user_id for member in members}
        nobody = self.env["res.users"]
        return [user_of.get(vals.get("member_id"), nobody) for vals in vals_list]
