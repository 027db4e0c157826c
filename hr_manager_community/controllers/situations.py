# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/situations``: the situations of the user's communities, the author's
drafts, the situation form and the author's workflow buttons. The form's
checks are the model's (``_form_situation``)."""

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.http import request

from ..models.hr_manager_community_situation import FORM_FIELDS
from .portal import ROUTE, ManagerCommunityPortal, allowed_transitions

SITUATION = "hr.manager.community.situation"
# URL word -> (transition run by ``action_<name>``, message once done).
TRANSITIONS = {
    "submit": ("submit", "situation_submitted"),
    "withdraw": ("withdraw", "situation_withdrawn"),
    "reset": ("reset_to_draft", "situation_reset"),
}


class ManagerCommunitySituationsPortal(ManagerCommunityPortal):
    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters["mc_situations"] = self._mc_count_situations
        return counters

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "pact_required": (
                    "warning",
                    request.env[SITUATION]._pact_required_message(),
                ),
                "situation_created": (
                    "success",
                    _(
                        "Your draft is saved. Nobody else can read it until you "
                        "submit it."
                    ),
                ),
                "situation_saved": ("success", _("Your draft is saved.")),
                "situation_submitted": (
                    "success",
                    _(
                        "Your situation is submitted: the members of your community "
                        "and the facilitator can now read it."
                    ),
                ),
                "situation_withdrawn": ("info", _("Your situation is withdrawn.")),
                "situation_reset": ("info", _("Your situation is a draft again.")),
                "transition_refused": (
                    "warning",
                    _("This is not possible in the current state of the situation."),
                ),
            }
        )
        return messages

    def _mc_count_situations(self):
        memberships = self._mc_memberships(("active",))
        if not memberships:
            return None
        return request.env[SITUATION].search_count(
            [("community_id", "in", memberships.community_id.ids)]
        )

    # --------------------------------------------------------------- list

    def _mc_situation_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": _("Title"), "order": "name asc, id desc"},
            "state": {"label": _("Status"), "order": "state asc, id desc"},
        }

    def _mc_situation_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "mine": {
                "label": _("Mine"),
                "domain": [("author_user_id", "=", request.env.uid)],
            },
            **self._mc_state_filters(SITUATION),
        }

    @http.route(
        ["/my/situations", "/my/situations/page/<int:page>"], methods=["GET"], **ROUTE
    )
    def portal_my_situations(
        self, page=1, sortby=None, filterby=None, mc_msg=None, **kw
    ):
        values = self._mc_list_values(
            SITUATION,
            "/my/situations",
            page,
            self._mc_situation_sortings(),
            sortby,
            self._mc_situation_filters(),
            filterby,
        )
        return self._mc_render(
            "hr_manager_community.portal_my_situations",
            "mc_situations",
            mc_msg,
            situations=values.pop("records"),
            can_create=bool(self._mc_memberships(("active",))),
            **values,
        )

    # --------------------------------------------------------------- form

    def _mc_situation_form_values(self, memberships, situation=None, form=None):
        """Values of the situation form: the user's input (or the initial
        form), the choices."""
        Situation = request.env[SITUATION]
        if form is None:
            form = Situation._form_situation_initial(memberships, situation)
        return {
            "form": form,
            "kinds": Situation._fields["kind"]._description_selection(request.env),
            "factor_groups": request.env[
                "hr.psychosocial.factor"
            ]._grouped_by_framework(),
            "memberships": memberships,
        }

    def _mc_post_situation(self, post, render, memberships=None, situation=None):
        """Create (among ``memberships``) or save ``situation`` from the
        posted form, and submit it on "Save and submit"."""
        submit = bool(post.get("submit"))
        result = request.env[SITUATION]._form_situation(
            self._mc_posted(post, lists=["factor_ids"]), memberships, situation
        )

        def save(values):
            record = situation or request.env[SITUATION].create(values)
            if situation:
                record.write(values)
            if submit:
                record.action_submit()
            return record

        message = "situation_saved" if situation else "situation_created"
        return self._mc_post_form(
            result,
            save,
            lambda record: self._mc_redirect(
                f"/my/situations/{record.id}",
                "situation_submitted" if submit else message,
            ),
            render,
        )

    def _mc_render_new(self, memberships, form=None, errors=None):
        return self._mc_render_form(
            "hr_manager_community.portal_situation_new",
            "mc_situation_new",
            errors or {},
            **self._mc_situation_form_values(memberships, form=form),
        )

    @http.route(["/my/situations/new"], methods=["GET"], **ROUTE)
    def portal_situation_new(self, **kw):
        return self._mc_render_new(self._mc_active_memberships_or_403())

    @http.route(["/my/situations/new"], methods=["POST"], **ROUTE)
    def portal_situation_create(self, **post):
        memberships = self._mc_active_memberships_or_403()
        return self._mc_post_situation(
            post,
            lambda form, errors: self._mc_render_new(memberships, form, errors),
            memberships=memberships,
        )

    # --------------------------------------------------------------- page

    @staticmethod
    def _mc_situation_editable(situation):
        """The author edits their draft while they are an active member."""
        return (
            situation.state == "draft"
            and situation.is_author
            and situation.member_id.state == "active"
        )

    def _mc_render_situation(self, situation, mc_msg=None, form=None, errors=None):
        editable = self._mc_situation_editable(situation)
        author_active = situation.is_author and situation.member_id.state == "active"
        values = {
            "situation": situation,
            "author_name": self._mc_member_names(situation.member_id)[
                situation.member_id.id
            ][0],
            "editable": editable,
            # The author's buttons: the URL words whose transition the table
            # allows them from the current state.
            "transitions": [
                word
                for word, (name, _message) in TRANSITIONS.items()
                if author_active and name in allowed_transitions(situation)
            ],
            "pact_accepted": not situation._pact_error(situation.member_id),
            "section_labels": {
                name: situation._fields[name]._description_string(request.env)
                for name in (*FORM_FIELDS[1:], "learnings")
            },
        }
        if editable:
            values.update(
                self._mc_situation_form_values(
                    situation.member_id, situation=situation, form=form
                )
            )
        return self._mc_render_form(
            "hr_manager_community.portal_my_situation",
            "mc_situation",
            errors or {},
            mc_msg=mc_msg,
            **values,
        )

    @http.route(["/my/situations/<int:situation_id>"], methods=["GET"], **ROUTE)
    def portal_my_situation(self, situation_id, mc_msg=None, **kw):
        situation = self._mc_get(SITUATION, situation_id)
        return self._mc_render_situation(situation, mc_msg)

    @http.route(["/my/situations/<int:situation_id>"], methods=["POST"], **ROUTE)
    def portal_situation_save(self, situation_id, **post):
        situation = self._mc_get(SITUATION, situation_id)
        if not self._mc_situation_editable(situation):
            raise Forbidden()
        return self._mc_post_situation(
            post,
            lambda form, errors: self._mc_render_situation(
                situation, form=form, errors=errors
            ),
            situation=situation,
        )

    @http.route(
        ["/my/situations/<int:situation_id>/<any(submit, withdraw, reset):word>"],
        methods=["POST"],
        **ROUTE,
    )
    def portal_situation_transition(self, situation_id, word, **kw):
        situation = self._mc_get_own(SITUATION, situation_id)
        url = f"/my/situations/{situation.id}"
        if word == "submit" and situation._pact_error(situation.member_id):
            return self._mc_redirect(url, "pact_required")
        transition, message = TRANSITIONS[word]
        __, refused = self._mc_try(getattr(situation, f"action_{transition}"))
        return self._mc_redirect(url, "transition_refused" if refused else message)
