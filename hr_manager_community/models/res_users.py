# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models, tools

# The membership states that open a community's logistics to a member
# (community, sessions, agenda, attendance, fellow memberships).
JOINED_STATES = ("invited", "active")


class ResUsers(models.Model):
    _inherit = "res.users"

    # Record rules read these ids instead of a correlated ``member_ids any``
    # per row, so that PostgreSQL filters a member's searches with one
    # indexed ``community_id IN (...)``: their cost follows what the user may
    # see, not the size of the tables. ir.rule caches each rule's domain per
    # user; whatever changes a membership, a facilitator or an employee's user
    # clears the caches (_mc_clear_community_caches) so that the change holds
    # at once, in both directions.

    @tools.ormcache("self.id")
    def _mc_community_ids_by_role(self):
        """(facilitated, active, joined) community ids of this user, as
        sorted tuples; joined = invited or active membership."""
        self.ensure_one()
        # What is written but still in the ORM's cache must be in the tables.
        self.env["hr.manager.community"].flush_model(["facilitator_user_id"])
        self.env["hr.manager.community.member"].flush_model(
            ["user_id", "state", "community_id"]
        )
        cr = self.env.cr
        # Raw SQL, not the ORM: this runs while record rules are being
        # computed; it reads ids only, of this user's own memberships.
        cr.execute(
            "SELECT id FROM hr_manager_community"
            " WHERE facilitator_user_id = %s ORDER BY id",
            (self.id,),
        )
        facilitated = tuple(row[0] for row in cr.fetchall())
        cr.execute(
            "SELECT community_id, state FROM hr_manager_community_member"
            " WHERE user_id = %s AND state IN %s ORDER BY community_id",
            (self.id, JOINED_STATES),
        )
        rows = cr.fetchall()
        active = tuple(sorted({cid for cid, state in rows if state == "active"}))
        joined = tuple(sorted({cid for cid, _state in rows}))
        return facilitated, active, joined

    def _mc_facilitated_community_ids(self):
        """Ids of the communities this user facilitates (record rules)."""
        return list(self._mc_community_ids_by_role()[0])

    def _mc_active_community_ids(self):
        """Ids of the communities where this user is an active member."""
        return list(self._mc_community_ids_by_role()[1])

    def _mc_joined_community_ids(self):
        """Ids of the communities where this user is invited or active."""
        return list(self._mc_community_ids_by_role()[2])

    def _mc_group_community_ids(self):
        """Facilitated or actively joined: "the group" of DESIGN section 5."""
        facilitated, active, _joined = self._mc_community_ids_by_role()
        return sorted(set(facilitated) | set(active))

    def _mc_logistics_community_ids(self):
        """Facilitated, or joined (invited or active): who reads a community's
        logistics (the community, its sessions, agenda, attendance)."""
        facilitated, _active, joined = self._mc_community_ids_by_role()
        return sorted(set(facilitated) | set(joined))

    def _mc_clear_community_caches(self):
        """Membership, facilitator or user of an employee changed: the cached
        ids above and ir.rule's cached domains are stale for someone."""
        registry = self.env.registry
        # Only the entries that depend on memberships go, here: the cached
        # community ids and ir.rule's cached domains (clearing every cache
        # would make the next requests recompute everything). The other
        # workers clear their caches when this transaction signals the
        # invalidation (Odoo's cache sequence), as for registry.clear_cache().
        stale = {
            ("ir.rule", "_compute_domain"),
            ("res.users", "_mc_community_ids_by_role"),
        }
        # pylint: disable=protected-access
        cache = registry._Registry__caches["default"]
        for key in list(cache):
            if (key[0], getattr(key[1], "__name__", None)) in stale:
                try:
                    cache.pop(key)
                except KeyError:  # evicted meanwhile by another thread
                    continue
        registry.cache_invalidated.add("default")
