# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/sessions/<id>``: a session as its group sees it (agenda with timings,
the situations taken up, their synthesis and learnings, the notes meant for
active members, the attendance answer) and the members' contributions to the
analysis of a discussed situation. The contribution form's checks are the
model's (``_form_contribution``); what each person reads is the record
rules' (HR, directors and members who left read none of it)."""

from datetime import timedelta

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.http import request

from .portal import ROUTE, ManagerCommunityPortal

SESSION = "hr.manager.community.session"
SITUATION = "hr.manager.community.situation"
CONTRIBUTION = "hr.manager.community.situation.contribution"


class ManagerCommunitySessionsPortal(ManagerCommunityPortal):
    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "contribution_saved": (
                    "success",
                    _("Your contribution is shared with the group."),
                ),
            }
        )
        return messages

    def _mc_get_session(self, session_id):
        """The session, for its group only (members invited or active, and
        the facilitator): anyone else gets a 404, as for an unknown id."""
        session = self._mc_get(SESSION, session_id)
        community = session.community_id
        if community.facilitator_user_id == request.env.user:
            return session
        if not self._mc_memberships().filtered(lambda m: m.community_id == community):
            raise NotFound()
        return session

    @staticmethod
    def _mc_agenda_times(session):
        """{agenda line id: its start}, from the session's start."""
        times, start = {}, session.date_start
        for line in session.agenda_line_ids:
            times[line.id] = start
            if start:
                start += timedelta(minutes=line.duration_minutes or 0)
        return times

    def _mc_render_session(self, session, mc_msg=None, forms=None, errors=None):
        situations = request.env[SITUATION].search(
            [("session_id", "=", session.id)], order="id asc"
        )
        contributions = request.env[CONTRIBUTION].search(
            [("situation_id", "in", situations.ids)]
        )
        by_situation = {}
        for contribution in contributions:
            by_situation.setdefault(contribution.situation_id.id, []).append(
                contribution
            )
        membership = self._mc_memberships(("active",)).filtered(
            lambda m: m.community_id == session.community_id
        )
        open_for = {
            situation.id: not request.env[CONTRIBUTION]._contribution_open_error(
                situation
            )
            for situation in situations
        }
        return self._mc_render_form(
            "hr_manager_community.portal_my_session",
            "mc_session",
            errors or {},
            mc_msg,
            session=session,
            community=session.community_id,
            agenda_times=self._mc_agenda_times(session),
            situations=situations,
            contributions=by_situation,
            contributor_names=self._mc_member_names(contributions.member_id),
            notes=request.env["hr.manager.community.session.note"].search(
                [("session_id", "=", session.id)]
            ),
            attendance=session._my_attendance(),
            membership=membership,
            contribution_open=open_for,
            analysis_levels=request.env[CONTRIBUTION]
            ._fields["level"]
            ._description_selection(request.env),
            contribution_forms=forms or {},
            error_situation_id=(errors or {}).get("_situation_id"),
        )

    @http.route(["/my/sessions/<int:session_id>"], methods=["GET"], **ROUTE)
    def portal_my_session(self, session_id, mc_msg=None, **kw):
        return self._mc_render_session(self._mc_get_session(session_id), mc_msg)

    @http.route(
        ["/my/sessions/<int:session_id>/<any(confirm, decline):answer>"],
        methods=["POST"],
        **ROUTE,
    )
    def portal_session_answer(self, session_id, answer, **kw):
        session = self._mc_get_session(session_id)
        message = self._mc_answer_attendance(session, answer)
        return self._mc_redirect(f"/my/sessions/{session.id}", message, "attendance")

    @http.route(
        ["/my/sessions/<int:session_id>/situations/<int:situation_id>/contribute"],
        methods=["POST"],
        **ROUTE,
    )
    def portal_session_contribute(self, session_id, situation_id, **post):
        session = self._mc_get_session(session_id)
        situation = self._mc_get(SITUATION, situation_id)
        if situation.session_id != session:
            raise NotFound()
        membership = self._mc_memberships(("active",)).filtered(
            lambda m: m.community_id == session.community_id
        )
        if not membership:
            raise Forbidden()
        Contribution = request.env[CONTRIBUTION]
        result = Contribution._form_contribution(
            self._mc_posted(post), situation, membership
        )
        anchor = f"situation-{situation.id}"

        def render(form, errors):
            errors = dict(errors, _situation_id=situation.id)
            return self._mc_render_session(
                session, forms={situation.id: form}, errors=errors
            )

        return self._mc_post_form(
            result,
            Contribution._save_contribution,
            lambda __: self._mc_redirect(
                f"/my/sessions/{session.id}", "contribution_saved", anchor
            ),
            render,
        )
