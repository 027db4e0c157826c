# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/charter``: the published managerial charter of the user's company,
and the versions in consultation, which active members comment line by line
on behalf of their community (``POST /my/charter/<version_id>/comment``; the
form's checks are ``hr.manager.charter.comment._form_comment``).

Charters are read as the logged-in user (published versions are readable by
every user of the company, versions in consultation by those consulted);
nothing to show answers 404. Like every area
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

    def _mc_consulted_charters(self):
        """Versions in consultation, for the active members of a community."""
        if not self._mc_memberships(("active",)):
            return request.env["hr.manager.charter"]
        return request.env["hr.manager.charter"].search(
            [
                ("state", "=", "consultation"),
                ("company_id", "=", request.env.company.id),
            ]
        )

    def _mc_count_charter(self):
        """What awaits the user: the acknowledgement of the published charter
        (1, 0 once acknowledged) and the versions in consultation; hidden when
        there is neither a published charter nor a consultation."""
        charter = self._mc_published_charter()
        consulted = self._mc_consulted_charters()
        if not charter and not consulted:
            return None
        pending = 1 if charter and not charter.is_acknowledged else 0
        return pending + len(consulted)

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
                "charter_commented": (
                    "success",
                    _("Your comment is recorded on behalf of your community."),
                ),
                "charter_consultation_closed": (
                    "warning",
                    _(
                        "This charter version is no longer in consultation: "
                        "nothing was recorded."
                    ),
                ),
            }
        )
        return messages

    def _mc_published_charter_or_404(self):
        charter = self._mc_published_charter()
        if not charter:
            raise NotFound()
        return charter

    def _mc_render_charter(self, mc_msg=None, form_key=None, form=None, errors=None):
        charter = self._mc_published_charter()
        consulted = self._mc_consulted_charters()
        if not charter and not consulted:
            raise NotFound()
        can_acknowledge = False
        if charter:
            try:
                charter._check_can_acknowledge()
                can_acknowledge = True
            except (AccessError, UserError):
                can_acknowledge = False
        comments = request.env["hr.manager.charter.comment"].search(
            [("charter_id", "in", consulted.ids)]
        )
        comments_by_line = {}
        for comment in comments:
            comments_by_line.setdefault(comment.line_id.id, []).append(comment)
        return self._mc_render(
            "hr_manager_community_charter.portal_my_charter",
            "mc_charter",
            mc_msg,
            charter=charter,
            consulted=consulted,
            comments_by_line=comments_by_line,
            memberships=self._mc_memberships(("active",)),
            can_acknowledge=can_acknowledge,
            acknowledgement=charter.acknowledgement_ids.filtered(
                lambda ack: ack.user_id == request.env.user
            )[:1],
            forms={form_key: form} if form_key is not None else {},
            errors={form_key: errors} if form_key is not None else {},
        )

    @http.route(["/my/charter"], methods=["GET"], **ROUTE)
    def portal_my_charter(self, mc_msg=None, **kw):
        return self._mc_render_charter(mc_msg)

    @http.route(["/my/charter/<int:version_id>/comment"], methods=["POST"], **ROUTE)
    def portal_charter_comment(self, version_id, **post):
        charter = self._mc_get("hr.manager.charter", version_id)
        memberships = self._mc_active_memberships_or_403()
        if charter.state != "consultation":
            return self._mc_redirect("/my/charter", "charter_consultation_closed")
        Comment = request.env["hr.manager.charter.comment"]
        result = Comment._form_comment(post, charter, memberships)
        line_id = result.values.get("line_id")
        return self._mc_post_form(
            result,
            Comment.create,
            lambda comment: self._mc_redirect(
                "/my/charter", "charter_commented", f"charter-line-{line_id}"
            ),
            lambda form, errors: self._mc_render_charter(
                form_key=line_id or 0,
                form=form,
                errors=dict(
                    errors,
                    _global=errors.get("_global")
                    or _("Please correct your comment: nothing was saved yet."),
                ),
            ),
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
