# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/feedback``: the feedback of the user's communities to the directors,
by state; a member proposes a draft and votes while the vote is open; the
group reads the tally once the vote is closed, then the directors' answer.
The form's checks are the model's (``_form_new_feedback``); the ballot is
secret (the vote records are read by their voter only)."""

from odoo import _, http
from odoo.http import request

from .portal import ROUTE, ManagerCommunityPortal

FEEDBACK = "hr.manager.community.feedback"
VOTES = ("approve", "object")


class ManagerCommunityFeedbackPortal(ManagerCommunityPortal):
    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters["mc_feedback"] = self._mc_count_feedback
        return counters

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "feedback_created": (
                    "success",
                    _(
                        "Your draft is saved for the group. The facilitator opens "
                        "the vote once the group agrees on its text."
                    ),
                ),
                "vote_recorded": (
                    "success",
                    _(
                        "Your vote is recorded. Nobody else can read it; you may "
                        "change it while the vote is open."
                    ),
                ),
                "vote_closed": (
                    "warning",
                    _("The vote on this feedback is not open: nothing was changed."),
                ),
                "vote_invalid": (
                    "warning",
                    _("Choose Approve or Object: nothing was changed."),
                ),
            }
        )
        return messages

    def _mc_count_feedback(self):
        """Feedback open to the user's vote (hidden for non-members)."""
        memberships = self._mc_memberships(("active",))
        if not memberships:
            return None
        return request.env[FEEDBACK].search_count(
            [
                ("community_id", "in", memberships.community_id.ids),
                ("state", "=", "voting"),
            ]
        )

    # --------------------------------------------------------------- list

    def _mc_feedback_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "id desc"},
            "name": {"label": _("Title"), "order": "name asc, id desc"},
        }

    def _mc_feedback_filters(self, memberships):
        mine = [("community_id", "in", memberships.community_id.ids)]
        filters = {"all": {"label": _("All"), "domain": mine}}
        for state, values in self._mc_state_filters(FEEDBACK).items():
            filters[state] = dict(values, domain=mine + values["domain"])
        return filters

    def _mc_render_feedback_list(
        self, memberships, page=1, sortby=None, filterby=None, **values
    ):
        Feedback = request.env[FEEDBACK]
        listed = self._mc_list_values(
            FEEDBACK,
            "/my/feedback",
            page,
            self._mc_feedback_sortings(),
            sortby,
            self._mc_feedback_filters(memberships),
            filterby,
        )
        values.setdefault("form", Feedback._form_new_feedback_initial(memberships))
        return self._mc_render_form(
            "hr_manager_community.portal_my_feedback_list",
            "mc_feedback_list",
            values.pop("errors", {}),
            feedback_list=listed.pop("records"),
            memberships=memberships,
            levels=Feedback._fields["level"]._description_selection(request.env),
            factor_groups=request.env["hr.psychosocial.factor"]._grouped_by_framework(),
            **listed,
            **values,
        )

    @http.route(
        ["/my/feedback", "/my/feedback/page/<int:page>"], methods=["GET"], **ROUTE
    )
    def portal_my_feedback_list(
        self, page=1, sortby=None, filterby=None, mc_msg=None, **kw
    ):
        return self._mc_render_feedback_list(
            self._mc_active_memberships_or_403(),
            page,
            sortby,
            filterby,
            mc_msg=mc_msg,
        )

    @http.route(["/my/feedback/new"], methods=["POST"], **ROUTE)
    def portal_feedback_create(self, **post):
        memberships = self._mc_active_memberships_or_403()
        Feedback = request.env[FEEDBACK]
        return self._mc_post_form(
            Feedback._form_new_feedback(
                self._mc_posted(post, lists=["factor_ids"]), memberships
            ),
            Feedback.create,
            lambda feedback: self._mc_redirect(
                f"/my/feedback/{feedback.id}", "feedback_created"
            ),
            lambda form, errors: self._mc_render_feedback_list(
                memberships, form=form, errors=errors, form_open=True
            ),
        )

    # --------------------------------------------------------------- page

    @http.route(["/my/feedback/<int:feedback_id>"], methods=["GET"], **ROUTE)
    def portal_my_feedback(self, feedback_id, mc_msg=None, **kw):
        feedback = self._mc_get(FEEDBACK, feedback_id)
        return self._mc_render(
            "hr_manager_community.portal_my_feedback",
            "mc_feedback",
            mc_msg,
            feedback=feedback,
            # Only the user's own vote is readable (secret ballot).
            can_vote=feedback.state == "voting" and feedback.is_group_member,
            tally_shown=feedback.state not in ("draft", "voting")
            and (feedback.is_group_member or feedback.is_facilitator),
        )

    @http.route(["/my/feedback/<int:feedback_id>/vote"], methods=["POST"], **ROUTE)
    def portal_feedback_vote(self, feedback_id, vote=None, **kw):
        feedback = self._mc_get(FEEDBACK, feedback_id)
        url = f"/my/feedback/{feedback.id}"
        if vote not in VOTES:
            return self._mc_redirect(url, "vote_invalid", "vote")
        if feedback.state != "voting":
            return self._mc_redirect(url, "vote_closed", "vote")
        # Not a member of its community: 403 (AccessError), nothing written.
        __, refused = self._mc_try(lambda: feedback.action_vote(vote))
        return self._mc_redirect(
            url, "vote_closed" if refused else "vote_recorded", "vote"
        )
