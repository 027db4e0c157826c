# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/action-plan``: the user's plans and their actions, the actions the
group shares, and the author's forms. The forms' checks are the models'
(``_form_new_action``, ``_form_progress``, ``_form_sharing``, ``_form_share``)."""

import re

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..models.hr_manager_community_action import OPEN_ACTION_STATES
from ..models.text_limits import parse_ids
from .portal import ROUTE, ManagerCommunityPortal, allowed_transitions

ACTION = "hr.manager.community.action"
PLAN = "hr.manager.community.action.plan"
ACTION_PLAN_REPORT = "hr_manager_community.action_report_action_plan"


class ManagerCommunityActionPlanPortal(ManagerCommunityPortal):
    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters["mc_actions"] = self._mc_count_actions
        return counters

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "action_created": ("success", _("The action is added to your plan.")),
                "action_moved": ("success", _("The status of the action is updated.")),
                "action_refused": (
                    "warning",
                    _("This is not possible in the current state of the action."),
                ),
                "progress_reported": ("success", _("Your progress is recorded.")),
                "action_sharing_saved": (
                    "success",
                    _("Your sharing choices are saved."),
                ),
                "plan_shared": (
                    "success",
                    _("Your plan is shared with the facilitator of your community."),
                ),
                "plan_unshared": (
                    "info",
                    _("Your plan is no longer shared with the facilitator."),
                ),
            }
        )
        return messages

    def _mc_count_actions(self):
        # A member who left keeps their plan: any membership counts.
        if not self._mc_memberships(("invited", "active", "left")):
            return None
        return request.env[ACTION].search_count(
            [("user_id", "=", request.env.uid), ("state", "in", OPEN_ACTION_STATES)]
        )

    # --------------------------------------------------------------- page

    def _mc_action_transition_labels(self):
        return {
            "start": _("Start"),
            "complete": _("Mark as done"),
            "drop": _("Drop"),
            "reopen": _("Reopen"),
        }

    def _mc_render_action_plan(
        self, mc_msg=None, form_key=None, form=None, errors=None
    ):
        """``/my/action-plan``: one block per plan of the user, and one per
        active membership without a plan yet (to start it); ``form_key``
        names the form shown again with the user's input and its errors."""
        Action = request.env[ACTION]
        plans = request.env[PLAN].search([("user_id", "=", request.env.uid)])
        active = self._mc_memberships(("active",))
        to_start = active.filtered(lambda m: m.community_id not in plans.community_id)
        # A member who left still owns their plan but no longer reads the
        # community: only the community names are read past the rules.
        # sudo: names of the communities of the user's own plans and memberships.
        communities_sudo = (plans.community_id | to_start.community_id).sudo()
        blocks = [
            {
                "community_id": plan.community_id.id,
                "plan": plan,
                "actions": plan.action_ids,
            }
            for plan in plans
        ] + [
            {
                "community_id": member.community_id.id,
                "plan": plans.browse(),
                "actions": Action,
            }
            for member in to_start
        ]
        shared = Action.search(
            [
                ("user_id", "!=", request.env.uid),
                ("share_with_group", "=", True),
                ("community_id", "in", active.community_id.ids),
            ]
        )
        return self._mc_render(
            "hr_manager_community.portal_my_action_plan",
            "mc_action_plan",
            mc_msg,
            plan_blocks=blocks,
            community_names={c.id: c.name for c in communities_sudo},
            shared_actions=shared,
            action_transitions={
                action.id: allowed_transitions(action) for action in plans.action_ids
            },
            levels=Action._fields["level"]._description_selection(request.env),
            transition_labels=self._mc_action_transition_labels(),
            forms={form_key: form} if form_key else {},
            errors={form_key: errors} if form_key else {},
        )

    @http.route(["/my/action-plan"], methods=["GET"], **ROUTE)
    def portal_my_action_plan(self, mc_msg=None, **kw):
        return self._mc_render_action_plan(mc_msg)

    def _mc_redirect_to_action(self, action, message):
        return self._mc_redirect("/my/action-plan", message, f"action-{action.id}")

    # -------------------------------------------------------------- forms

    def _mc_plan_for_community(self, community_id):
        """The user's plan in ``community_id``; created on the first action of
        an active member."""
        Plan = request.env[PLAN]
        plan = Plan.search(
            [("user_id", "=", request.env.uid), ("community_id", "=", community_id)],
            limit=1,
        )
        if plan:
            return plan
        membership = self._mc_memberships(("active",)).filtered(
            lambda m: m.community_id.id == community_id
        )
        if not membership:
            raise NotFound()
        return Plan._get_or_create_for_member(membership[0])

    @http.route(["/my/action-plan/actions/new"], methods=["POST"], **ROUTE)
    def portal_action_create(self, **post):
        community_ids = parse_ids([post.get("community_id")])
        if not community_ids:
            raise NotFound()
        return self._mc_post_form(
            request.env[ACTION]._form_new_action(post),
            lambda values: request.env[ACTION].create(
                dict(values, plan_id=self._mc_plan_for_community(community_ids[0]).id)
            ),
            lambda action: self._mc_redirect_to_action(action, "action_created"),
            lambda form, errors: self._mc_render_action_plan(
                form_key=f"new-{community_ids[0]}", form=form, errors=errors
            ),
        )

    @http.route(
        ["/my/action-plan/actions/<int:action_id>/progress"], methods=["POST"], **ROUTE
    )
    def portal_action_progress(self, action_id, **post):
        action = self._mc_get_own(ACTION, action_id)
        return self._mc_post_form(
            request.env[ACTION + ".progress"]._form_progress(post),
            lambda values: action._report_progress(values["note"]),
            lambda progress: self._mc_redirect_to_action(action, "progress_reported"),
            lambda form, errors: self._mc_render_action_plan(
                form_key=f"progress-{action.id}", form=form, errors=errors
            ),
            error_field="note",
        )

    @http.route(
        [
            "/my/action-plan/actions/<int:action_id>"
            "/<any(start, complete, drop, reopen):transition>"
        ],
        methods=["POST"],
        **ROUTE,
    )
    def portal_action_transition(self, action_id, transition, **kw):
        action = self._mc_get_own(ACTION, action_id)
        __, refused = self._mc_try(getattr(action, f"action_{transition}"))
        return self._mc_redirect_to_action(
            action, "action_refused" if refused else "action_moved"
        )

    @http.route(
        ["/my/action-plan/actions/<int:action_id>/share"], methods=["POST"], **ROUTE
    )
    def portal_action_share(self, action_id, **post):
        action = self._mc_get_own(ACTION, action_id)
        action.write(action._form_sharing(post).values)
        return self._mc_redirect_to_action(action, "action_sharing_saved")

    @http.route(["/my/action-plan/<int:plan_id>/share"], methods=["POST"], **ROUTE)
    def portal_plan_share(self, plan_id, **post):
        plan = self._mc_get_own(PLAN, plan_id)
        values = plan._form_share(post).values
        plan.write(values)
        return self._mc_redirect(
            "/my/action-plan",
            "plan_shared" if values["share_with_facilitator"] else "plan_unshared",
            f"plan-{plan.id}",
        )

    @http.route(["/my/action-plan/<int:plan_id>/pdf"], methods=["GET"], **ROUTE)
    def portal_plan_pdf(self, plan_id, **kw):
        plan = self._mc_get(PLAN, plan_id)
        try:
            plan._check_print_access()
        except AccessError as error:
            raise Forbidden() from error
        # Rendered as the user: the report model checks the access again.
        content, report_type = request.env["ir.actions.report"]._render_qweb_pdf(
            ACTION_PLAN_REPORT, plan.ids
        )
        headers = {
            "Content-Type": "application/pdf" if report_type == "pdf" else "text/html",
            "Content-Length": len(content),
        }
        if report_type == "pdf":
            headers["Content-Disposition"] = content_disposition(
                "%s.pdf" % re.sub(r"\W+", "_", plan.name or "action_plan")
            )
        return request.make_response(content, headers=list(headers.items()))
