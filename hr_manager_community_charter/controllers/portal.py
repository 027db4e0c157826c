# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/charter``: the published managerial charter of the user's company.

The charter is read as the logged-in user (published versions are readable by
every user of the company); no published charter answers 404. Like every area
of the managers' portal, a subclass of ``ManagerCommunityPortal``: routing,
access and rendering, the checks being the model's.
"""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.hr_manager_community.controllers.portal import (
    ROUTE,
    ManagerCommunityPortal,
)


class ManagerCharterPortal(ManagerCommunityPortal):
    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters["mc_charter"] = self._mc_count_charter
        return counters

    @staticmethod
    def _mc_published_charter():
        return request.env["hr.manager.charter"].search(
            [("state", "=", "published"), ("company_id", "=", request.env.company.id)],
            limit=1,
        )

    def _mc_count_charter(self):
        """1 when the published charter awaits the user's acknowledgement,
        0 once acknowledged, hidden when there is no published charter."""
        charter = self._mc_published_charter()
        if not charter:
            return None
        return 0 if charter.is_acknowledged else 1

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "charter_acknowledged": (
                    "success",
                    _("Thank you: your acknowledgement of the charter is recorded."),
                ),
                "charter_already": (
                    "info",
                    _("You have already acknowledged this charter."),
                ),
            }
        )
        return messages

    def _mc_published_charter_or_404(self):
        charter = self._mc_published_charter()
        if not charter:
            raise NotFound()
        return charter

    @http.route(["/my/charter"], methods=["GET"], **ROUTE)
    def portal_my_charter(self, mc_msg=None, **kw):
        charter = self._mc_published_charter_or_404()
        try:
            charter._check_can_acknowledge()
            can_acknowledge = True
        except (AccessError, UserError):
            can_acknowledge = False
        return self._mc_render(
            "hr_manager_community_charter.portal_my_charter",
            "mc_charter",
            mc_msg,
            charter=charter,
            can_acknowledge=can_acknowledge,
            acknowledgement=charter.acknowledgement_ids.filtered(
                lambda ack: ack.user_id == request.env.user
            )[:1],
        )

    @http.route(["/my/charter/acknowledge"], methods=["POST"], **ROUTE)
    def portal_charter_acknowledge(self, **post):
        charter = self._mc_published_charter_or_404()
        if charter.is_acknowledged:
            return self._mc_redirect("/my/charter", "charter_already")
        try:
            charter.action_acknowledge()
        except AccessError as error:
            raise Forbidden() from error
        return self._mc_redirect("/my/charter", "charter_acknowledged")
