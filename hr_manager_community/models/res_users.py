# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

MEMBER_MENU_GROUP = "hr_manager_community.group_community_member_menu"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sync_manager_community_member_group(self):
        """Internal users with an active membership get the group that shows
        them the members' backend menus (leading to their portal pages);
        others lose it. The group gives no access to any record: the record
        rules read memberships, not groups."""
        group = self.env.ref(MEMBER_MENU_GROUP, raise_if_not_found=False)
        users = self.filtered(lambda u: u and not u.share)
        if not group or not users:
            return
        # sudo: which of these users hold an active membership (ids only).
        members = (
            self.env["hr.manager.community.member"]
            # sudo: see above.
            .sudo()
            .search([("user_id", "in", users.ids), ("state", "=", "active")])
        )
        wanted = members.user_id & users
        # sudo: HR and the workflow change memberships, not group settings;
        # this group shows menus only.
        group_sudo = group.sudo()
        to_add = wanted - group_sudo.users
        to_remove = (users - wanted) & group_sudo.users
        if to_add or to_remove:
            group_sudo.write(
                {"users": [(4, u.id) for u in to_add] + [(3, u.id) for u in to_remove]}
            )

    @api.model
    def _sync_manager_community_member_group_all(self):
        """Bring the members' menu group in step with every membership (at
        install and update: memberships made before the group existed)."""
        group = self.env.ref(MEMBER_MENU_GROUP, raise_if_not_found=False)
        # sudo: the users of the memberships, and those of the group (ids).
        members = self.env["hr.manager.community.member"].sudo().search([])
        users = members.user_id | (group.sudo().users if group else self.browse())
        users._sync_manager_community_member_group()
        return True
