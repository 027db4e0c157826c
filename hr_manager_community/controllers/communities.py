# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/communities``: the user's communities, their sessions, the pact and
the answers to session invitations."""

from urllib.parse import urlparse

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import _, fields, http
from odoo.http import request

from .portal import ROUTE, ManagerCommunityPortal


def safe_url(url):
    """``url`` when it is a web link, else ``False`` (no ``javascript:``)."""
    if not url:
        return False
    url = url.strip()
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else False


class ManagerCommunityCommunitiesPortal(ManagerCommunityPortal):
    @http.route()
    def counters(self, counters=None, **kw):
        """Portal's ``/my/counters``: a list of names, else a clear 400
        (never a server error on a malformed call)."""
        if not isinstance(counters, list) or not all(
            isinstance(name, str) for name in counters
        ):
            raise BadRequest(_("The counters are a list of names."))
        return super().counters(counters, **kw)

    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters.update(
            mc_communities=self._mc_count_communities,
            mc_sessions=self._mc_count_sessions,
        )
        return counters

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "pact_accepted": ("success", _("Thank you: you accepted the pact.")),
                "session_confirmed": ("success", _("Your attendance is confirmed.")),
                "session_declined": ("info", _("You declined this session.")),
                "session_closed": (
                    "warning",
                    _("This session can no longer be answered."),
                ),
            }
        )
        return messages

    def _mc_count_communities(self):
        memberships = self._mc_memberships()
        return len(memberships.community_id) if memberships else None

    def _mc_count_sessions(self):
        memberships = self._mc_memberships()
        if not memberships:
            return None
        return request.env["hr.manager.community.session"].search_count(
            self._mc_upcoming_session_domain(memberships.community_id)
        )

    @staticmethod
    def _mc_upcoming_session_domain(communities):
        return [
            ("community_id", "in", communities.ids),
            ("state", "in", ("scheduled", "in_progress")),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    @staticmethod
    def _mc_community_domain():
        """Communities of the user: as a member (invited or active) or as
        their facilitator."""
        uid = request.env.uid
        return [
            "|",
            ("facilitator_user_id", "=", uid),
            (
                "member_ids",
                "any",
                [("user_id", "=", uid), ("state", "in", ("invited", "active"))],
            ),
        ]

    @staticmethod
    def _mc_my_attendance(sessions):
        """{session id: the user's attendance line} of ``sessions``."""
        lines = request.env["hr.manager.community.attendance"].search(
            [("session_id", "in", sessions.ids), ("user_id", "=", request.env.uid)]
        )
        return {line.session_id.id: line for line in lines}

    @staticmethod
    def _mc_membership_in(community):
        """The user's current membership of ``community`` (or an empty record)."""
        return request.env["hr.manager.community.member"].search(
            [
                ("community_id", "=", community.id),
                ("user_id", "=", request.env.uid),
                ("state", "in", ("invited", "active")),
            ],
            limit=1,
        )

    @http.route(["/my/communities"], methods=["GET"], **ROUTE)
    def portal_my_communities(self, mc_msg=None, **kw):
        communities = request.env["hr.manager.community"].search(
            self._mc_community_domain()
        )
        memberships = self._mc_memberships().filtered(
            lambda m: m.community_id in communities
        )
        upcoming = request.env["hr.manager.community.session"].search(
            self._mc_upcoming_session_domain(communities), order="date_start asc"
        )
        next_sessions = {}
        for session in upcoming:
            next_sessions.setdefault(session.community_id.id, session)
        return self._mc_render(
            "hr_manager_community.portal_my_communities",
            "mc_communities",
            mc_msg,
            communities=communities,
            membership_by_community={m.community_id.id: m for m in memberships},
            next_sessions=next_sessions,
            upcoming_sessions=upcoming,
            my_attendance=self._mc_my_attendance(upcoming),
        )

    @http.route(["/my/communities/<int:community_id>"], methods=["GET"], **ROUTE)
    def portal_my_community(self, community_id, mc_msg=None, **kw):
        community = self._mc_get("hr.manager.community", community_id)
        members = community.member_ids.filtered(lambda m: m.state == "active")
        sessions = request.env["hr.manager.community.session"].search(
            [("community_id", "=", community.id), ("state", "!=", "draft")],
            order="date_start asc, id asc",
        )
        now = fields.Datetime.now()
        upcoming = sessions.filtered(
            lambda s: (
                s.state in ("scheduled", "in_progress")
                and s.date_end
                and s.date_end >= now
            )
        )
        return self._mc_render(
            "hr_manager_community.portal_my_community",
            "mc_community",
            mc_msg,
            community=community,
            membership=self._mc_membership_in(community),
            members=members,
            member_names=self._mc_member_names(members),
            upcoming_sessions=upcoming,
            past_sessions=(sessions - upcoming).sorted("date_start", reverse=True),
            my_attendance=self._mc_my_attendance(sessions),
            video_urls={s.id: safe_url(s.video_url) for s in sessions},
        )

    @http.route(["/my/communities/<int:community_id>/pact"], methods=["POST"], **ROUTE)
    def portal_accept_pact(self, community_id, **kw):
        community = self._mc_get("hr.manager.community", community_id)
        membership = self._mc_membership_in(community)
        if not membership:
            raise Forbidden()
        # Accepting twice keeps the first date (the model writes it once).
        membership.action_accept_pact()
        return self._mc_redirect(
            f"/my/communities/{community.id}", "pact_accepted", "pact"
        )

    @http.route(
        ["/my/communities/sessions/<int:session_id>/<any(confirm, decline):answer>"],
        methods=["POST"],
        **ROUTE,
    )
    def portal_answer_session(self, session_id, answer, **kw):
        session = self._mc_get("hr.manager.community.session", session_id)
        message = self._mc_answer_attendance(session, answer)
        return self._mc_redirect(
            f"/my/communities/{session.community_id.id}",
            message,
            f"session-{session.id}",
        )
