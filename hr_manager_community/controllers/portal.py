# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The managers' portal: ``/my/communities``, ``/my/situations``, ``/my/action-plan``.

Pages read and write records as the logged-in user: the record rules encode the
confidentiality table (DESIGN.md section 5) and decide what each person sees.
A record that does not exist and a record the user may not read both answer
404, so that ids cannot be probed; a readable record the user may not change
answers 403. Mutations are POST only, behind Odoo's CSRF check.
"""

import re
from collections import OrderedDict
from urllib.parse import urlparse

from werkzeug.exceptions import Forbidden, NotFound

from odoo import Command, _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.hr_manager_community_action import OPEN_ACTION_STATES
from ..models.text_limits import NAME_MAX_LENGTH, TEXT_MAX_LENGTH

# Ids come from URLs and forms: anything outside PostgreSQL's integer range
# is unknown, not an error of the database.
PG_MAX_ID = 2**31 - 1
# Control characters have no place in a form (PostgreSQL refuses NUL); tabs
# and line breaks are kept.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# str.isdigit() accepts "²", which int() refuses.
ASCII_DIGITS = re.compile(r"[0-9]+")
SITUATION_TEXT_FIELDS = (
    "description",
    "help_wanted",
    "analysis_individual",
    "analysis_interpersonal",
    "analysis_managerial",
    "analysis_organisational",
)
# URL word -> workflow action of a situation; nothing else is callable.
SITUATION_TRANSITIONS = {
    "submit": "action_submit",
    "withdraw": "action_withdraw",
    "reset": "action_reset_to_draft",
}
# ``website=True`` marks a frontend page (http_routing): the portal layout
# needs its language and frontend context; it does not need the website app.
ROUTE = {"type": "http", "auth": "user", "website": True}
ACTION_PLAN_REPORT = "hr_manager_community.action_report_action_plan"


class ManagerCommunityPortal(CustomerPortal):
    _mc_items_per_page = 20

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _mc_get(model, record_id):
        """``record_id`` of ``model`` as the logged-in user, or a 404.

        Like ``_document_check_access`` but the record stays in the user's
        environment (no sudo, no access token): the record rules decide.
        """
        if not 0 < record_id <= PG_MAX_ID:
            raise NotFound()
        record = request.env[model].browse(record_id)
        if not record.exists():
            raise NotFound()
        try:
            record.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        return record

    @staticmethod
    def _mc_memberships(states=("invited", "active")):
        """The logged-in user's memberships in the given states."""
        return request.env["hr.manager.community.member"].search(
            [("user_id", "=", request.env.uid), ("state", "in", list(states))]
        )

    @staticmethod
    def _mc_clean_text(value):
        """A posted value as clean text: never a file, no control character,
        line breaks as the browser shows them (``\\n``)."""
        if not isinstance(value, str):
            return ""
        return CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))

    @staticmethod
    def _mc_parse_ids(raw_values):
        """Posted ids as integers; ``None`` when one of them is not an id."""
        ids = []
        for raw in raw_values:
            if not isinstance(raw, str) or not ASCII_DIGITS.fullmatch(raw.strip()):
                return None
            value = int(raw)
            if not 0 < value <= PG_MAX_ID:
                return None
            ids.append(value)
        return ids

    @staticmethod
    def _mc_safe_url(url):
        """``url`` when it is a web link, else ``False`` (no ``javascript:``)."""
        if not url:
            return False
        parsed = urlparse(url.strip())
        return (
            url.strip()
            if parsed.scheme in ("http", "https") and parsed.netloc
            else False
        )

    def _mc_messages(self):
        """Messages shown after a redirection, by code: the URL carries the
        code only, never a text to display."""
        return {
            "pact_accepted": ("success", _("Thank you: you accepted the pact.")),
            "pact_required": (
                "warning",
                _(
                    "Accept the confidentiality pact of your community before "
                    "bringing a situation."
                ),
            ),
            "session_confirmed": ("success", _("Your attendance is confirmed.")),
            "session_declined": ("info", _("You declined this session.")),
            "session_closed": ("warning", _("This session can no longer be answered.")),
            "situation_created": (
                "success",
                _("Your draft is saved. Nobody else can read it until you submit it."),
            ),
            "situation_saved": ("success", _("Your draft is saved.")),
            "situation_submitted": (
                "success",
                _(
                    "Your situation is submitted: the members of your community and "
                    "the facilitator can now read it."
                ),
            ),
            "situation_withdrawn": ("info", _("Your situation is withdrawn.")),
            "situation_reset": ("info", _("Your situation is a draft again.")),
            "transition_refused": (
                "warning",
                _("This is not possible in the current state of the situation."),
            ),
            "action_created": ("success", _("The action is added to your plan.")),
            "action_moved": ("success", _("The status of the action is updated.")),
            "action_refused": (
                "warning",
                _("This is not possible in the current state of the action."),
            ),
            "progress_reported": ("success", _("Your progress is recorded.")),
            "action_sharing_saved": ("success", _("Your sharing choices are saved.")),
            "plan_shared": (
                "success",
                _("Your plan is shared with the facilitator of your community."),
            ),
            "plan_unshared": (
                "info",
                _("Your plan is no longer shared with the facilitator."),
            ),
        }

    def _mc_page_values(self, page_name, mc_msg=None, **values):
        result = self._prepare_portal_layout_values()
        result.update(
            page_name=page_name,
            mc_message=self._mc_messages().get(mc_msg)
            if isinstance(mc_msg, str)
            else None,
            name_max_length=NAME_MAX_LENGTH,
            text_max_length=TEXT_MAX_LENGTH,
            **values,
        )
        return result

    @staticmethod
    def _mc_redirect(url, message=None, anchor=None):
        if message:
            url = f"{url}?mc_msg={message}"
        if anchor:
            url = f"{url}#{anchor}"
        return request.redirect(url)

    @staticmethod
    def _mc_member_names(members):
        """{membership id: (name, job title)} of memberships already read
        through the record rules."""
        # Portal users cannot read employees at all: the names are read from
        # the memberships the record rules just let the user read.
        # sudo: names and job titles of readable memberships are logistics.
        members_sudo = members.sudo()
        return {
            member.id: (member.employee_id.name, member.job_title or "")
            for member in members_sudo
        }

    # ------------------------------------------------------- home counters

    def _manager_community_counters(self):
        """Counters of the managers' entries on the portal home.

        Name -> function returning the number, or ``None`` when the entry
        does not concern the user (the entry then stays hidden). Another
        addon adds its entry by extending this dict and putting a
        ``portal.portal_docs_entry`` with the same ``placeholder_count`` in
        the ``portal_manager_community_category`` block of
        ``hr_manager_community.portal_my_home_manager_community``.

        The names do not end with ``_count`` on purpose: the portal caches
        ``*_count`` counters in the session and then shows the entry without
        its number.
        """
        return {
            "mc_communities": self._mc_count_communities,
            "mc_sessions": self._mc_count_sessions,
            "mc_situations": self._mc_count_situations,
            "mc_actions": self._mc_count_actions,
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        known = self._manager_community_counters()
        for name in counters:
            if name in known:
                count = known[name]()
                if count is not None:
                    values[name] = count
        return values

    def _mc_community_domain(self):
        """Communities of the user: as a member (invited or active) or as
        their facilitator."""
        return [
            "|",
            ("facilitator_user_id", "=", request.env.uid),
            (
                "member_ids",
                "any",
                [
                    ("user_id", "=", request.env.uid),
                    ("state", "in", ("invited", "active")),
                ],
            ),
        ]

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

    def _mc_count_situations(self):
        memberships = self._mc_memberships(("active",))
        if not memberships:
            return None
        return request.env["hr.manager.community.situation"].search_count(
            [("community_id", "in", memberships.community_id.ids)]
        )

    def _mc_count_actions(self):
        # A member who left keeps their plan: any membership counts.
        if not self._mc_memberships(("invited", "active", "left")):
            return None
        return request.env["hr.manager.community.action"].search_count(
            [("user_id", "=", request.env.uid), ("state", "in", OPEN_ACTION_STATES)]
        )

    @staticmethod
    def _mc_upcoming_session_domain(communities):
        return [
            ("community_id", "in", communities.ids),
            ("state", "in", ("scheduled", "in_progress")),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    # --------------------------------------------------------- communities

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
        my_lines = request.env["hr.manager.community.attendance"].search(
            [("session_id", "in", upcoming.ids), ("user_id", "=", request.env.uid)]
        )
        values = self._mc_page_values(
            "mc_communities",
            mc_msg,
            communities=communities,
            membership_by_community={m.community_id.id: m for m in memberships},
            next_sessions=next_sessions,
            upcoming_sessions=upcoming,
            my_attendance={line.session_id.id: line for line in my_lines},
        )
        return request.render("hr_manager_community.portal_my_communities", values)

    @http.route(["/my/communities/<int:community_id>"], methods=["GET"], **ROUTE)
    def portal_my_community(self, community_id, mc_msg=None, **kw):
        community = self._mc_get("hr.manager.community", community_id)
        membership = self._mc_membership_in(community)
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
        my_lines = request.env["hr.manager.community.attendance"].search(
            [("session_id", "in", sessions.ids), ("user_id", "=", request.env.uid)]
        )
        values = self._mc_page_values(
            "mc_community",
            mc_msg,
            community=community,
            membership=membership,
            members=members,
            member_names=self._mc_member_names(members),
            upcoming_sessions=upcoming,
            past_sessions=(sessions - upcoming).sorted("date_start", reverse=True),
            my_attendance={line.session_id.id: line for line in my_lines},
            video_urls={s.id: self._mc_safe_url(s.video_url) for s in sessions},
        )
        return request.render("hr_manager_community.portal_my_community", values)

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
        line = session._my_attendance()
        if not line:
            raise Forbidden()
        try:
            with request.env.cr.savepoint():
                if answer == "confirm":
                    line.action_confirm()
                else:
                    line.action_decline()
        except UserError:
            message = "session_closed"
        else:
            message = "session_confirmed" if answer == "confirm" else "session_declined"
        return self._mc_redirect(
            f"/my/communities/{session.community_id.id}",
            message,
            f"session-{session.id}",
        )

    # ---------------------------------------------------------- situations

    def _mc_situation_sortings(self):
        return OrderedDict(
            [
                ("date", {"label": _("Newest"), "order": "create_date desc, id desc"}),
                ("name", {"label": _("Title"), "order": "name asc, id desc"}),
                ("state", {"label": _("Status"), "order": "state asc, id desc"}),
            ]
        )

    def _mc_situation_filters(self):
        filters = OrderedDict(
            [
                ("all", {"label": _("All"), "domain": []}),
                (
                    "mine",
                    {
                        "label": _("Mine"),
                        "domain": [("author_user_id", "=", request.env.uid)],
                    },
                ),
            ]
        )
        Situation = request.env["hr.manager.community.situation"]
        for state, label in Situation._fields["state"]._description_selection(
            request.env
        ):
            filters[state] = {"label": label, "domain": [("state", "=", state)]}
        return filters

    @http.route(
        ["/my/situations", "/my/situations/page/<int:page>"], methods=["GET"], **ROUTE
    )
    def portal_my_situations(
        self, page=1, sortby=None, filterby=None, mc_msg=None, **kw
    ):
        Situation = request.env["hr.manager.community.situation"]
        sortings = self._mc_situation_sortings()
        filters = self._mc_situation_filters()
        # A page number also comes from the query string, as any text.
        if not isinstance(page, int):
            page = int(page) if self._mc_parse_ids([page]) else 1
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/situations",
            url_args={"sortby": sortby, "filterby": filterby},
            total=Situation.search_count(domain),
            page=page,
            step=self._mc_items_per_page,
        )
        situations = Situation.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._mc_items_per_page,
            offset=pager["offset"],
        )
        values = self._mc_page_values(
            "mc_situations",
            mc_msg,
            situations=situations,
            pager=pager,
            searchbar_sortings=sortings,
            sortby=sortby,
            searchbar_filters=filters,
            filterby=filterby,
            default_url="/my/situations",
            can_create=bool(self._mc_memberships(("active",))),
        )
        return request.render("hr_manager_community.portal_my_situations", values)

    def _mc_situation_form_values(
        self, memberships, situation=None, form=None, errors=None
    ):
        """Values of the situation form: the user's input (or the record),
        the errors by field, the choices."""
        Situation = request.env["hr.manager.community.situation"]
        if form is None:
            form = {"kind": "difficulty", "factor_ids": set()}
            if situation:
                form.update(
                    {
                        name: situation[name] or ""
                        for name in ("name",) + SITUATION_TEXT_FIELDS
                    }
                )
                form.update(
                    kind=situation.kind, factor_ids=set(situation.factor_ids.ids)
                )
            elif len(memberships) == 1:
                form["community_id"] = memberships.community_id.id
        factors = request.env["hr.psychosocial.factor"].search([])
        frameworks = dict(
            factors._fields["framework"]._description_selection(request.env)
        )
        factor_groups = OrderedDict()
        for factor in factors:
            factor_groups.setdefault(frameworks.get(factor.framework), []).append(
                factor
            )
        return {
            "form": form,
            "errors": errors or {},
            "kinds": Situation._fields["kind"]._description_selection(request.env),
            "factor_groups": factor_groups,
            "memberships": memberships,
        }

    def _mc_situation_parse(self, post, memberships=None):
        """Check every posted field of the situation form.

        Returns ``(values, errors, form)``: the values to write (only the
        form's fields, never ``state`` or the author), the errors by field,
        and the form as the user typed it so that nothing is lost.
        """
        Situation = request.env["hr.manager.community.situation"]
        form = {
            name: self._mc_clean_text(post.get(name))
            for name in ("name", "kind") + SITUATION_TEXT_FIELDS
        }
        form["name"] = form["name"].replace("\n", " ")
        errors = {}
        title = form["name"].strip()
        if not title:
            errors["name"] = _("Give the situation a title.")
        elif len(title) > NAME_MAX_LENGTH:
            errors["name"] = _("The title is limited to %(max)s characters.") % {
                "max": NAME_MAX_LENGTH
            }
        for name in SITUATION_TEXT_FIELDS:
            if len(form[name].strip()) > TEXT_MAX_LENGTH:
                errors[name] = _("This text is limited to %(max)s characters.") % {
                    "max": TEXT_MAX_LENGTH
                }
        kinds = dict(Situation._fields["kind"]._description_selection(request.env))
        if form["kind"] not in kinds:
            errors["kind"] = _("Choose the kind of situation in the list.")
        factor_ids = self._mc_parse_ids(request.httprequest.form.getlist("factor_ids"))
        factors = request.env["hr.psychosocial.factor"]
        if factor_ids is None:
            errors["factor_ids"] = _("Choose the factors in the list.")
        elif factor_ids:
            factors = factors.search([("id", "in", factor_ids)])
            if len(factors) != len(set(factor_ids)):
                errors["factor_ids"] = _("Choose the factors in the list.")
        form["factor_ids"] = set(factors.ids)
        values = {name: form[name].strip() or False for name in SITUATION_TEXT_FIELDS}
        values.update(
            name=title,
            kind=form["kind"],
            factor_ids=[Command.set(factors.ids)],
        )
        if memberships is not None:
            membership = self._mc_chosen_membership(post, memberships)
            form["community_id"] = membership.community_id.id
            if not membership:
                errors["community_id"] = _("Choose one of your communities.")
            elif not membership.pact_accepted_date:
                errors["community_id"] = self._mc_messages()["pact_required"][1]
            values.update(
                community_id=membership.community_id.id, member_id=membership.id
            )
        return values, errors, form

    def _mc_chosen_membership(self, post, memberships):
        if len(memberships) == 1 and not post.get("community_id"):
            return memberships
        community_ids = self._mc_parse_ids([post.get("community_id")])
        if not community_ids:
            return memberships.browse()
        return memberships.filtered(lambda m: m.community_id.id == community_ids[0])

    def _mc_form_error_message(self, errors):
        return (
            _("Please correct the highlighted fields: nothing was saved yet.")
            if errors
            else ""
        )

    @http.route(["/my/situations/new"], methods=["GET"], **ROUTE)
    def portal_situation_new(self, **kw):
        memberships = self._mc_memberships(("active",))
        if not memberships:
            raise Forbidden()
        values = self._mc_page_values(
            "mc_situation_new", **self._mc_situation_form_values(memberships)
        )
        return request.render("hr_manager_community.portal_situation_new", values)

    @http.route(["/my/situations/new"], methods=["POST"], **ROUTE)
    def portal_situation_create(self, **post):
        memberships = self._mc_memberships(("active",))
        if not memberships:
            raise Forbidden()
        values, errors, form = self._mc_situation_parse(post, memberships)
        submit = bool(post.get("submit"))
        if not errors:
            try:
                with request.env.cr.savepoint():
                    situation = request.env["hr.manager.community.situation"].create(
                        values
                    )
                    if submit:
                        situation.action_submit()
            except (UserError, ValidationError) as error:
                errors = {"_global": error.args[0]}
            else:
                message = "situation_submitted" if submit else "situation_created"
                return self._mc_redirect(f"/my/situations/{situation.id}", message)
        values = self._mc_page_values(
            "mc_situation_new",
            error_message=errors.get("_global") or self._mc_form_error_message(errors),
            **self._mc_situation_form_values(memberships, form=form, errors=errors),
        )
        return request.render("hr_manager_community.portal_situation_new", values)

    @staticmethod
    def _mc_situation_editable(situation):
        """The author edits their draft while they are an active member."""
        return (
            situation.state == "draft"
            and situation.is_author
            and situation.member_id.state == "active"
        )

    def _mc_situation_page_values(self, situation, mc_msg=None, **extra):
        editable = self._mc_situation_editable(situation)
        values = {
            "situation": situation,
            "author_name": self._mc_member_names(situation.member_id)[
                situation.member_id.id
            ][0],
            "editable": editable,
            "transitions": self._mc_situation_allowed_transitions(situation),
            "pact_accepted": bool(situation.member_id.pact_accepted_date),
            "section_labels": {
                name: situation._fields[name].get_description(request.env)["string"]
                for name in SITUATION_TEXT_FIELDS + ("learnings",)
            },
        }
        if editable:
            values.update(
                self._mc_situation_form_values(
                    situation.member_id,
                    situation=situation,
                    form=extra.pop("form", None),
                    errors=extra.pop("errors", None),
                )
            )
        values.update(extra)
        return self._mc_page_values("mc_situation", mc_msg, **values)

    @staticmethod
    def _mc_situation_allowed_transitions(situation):
        """Workflow buttons the author sees: the transitions the table allows
        them from the current state, for the author only."""
        if not situation.is_author or situation.member_id.state != "active":
            return []
        allowed = situation._workflow_allowed_transitions()
        return [
            word
            for word, action in SITUATION_TRANSITIONS.items()
            if action.removeprefix("action_") in allowed
        ]

    @http.route(["/my/situations/<int:situation_id>"], methods=["GET"], **ROUTE)
    def portal_my_situation(self, situation_id, mc_msg=None, **kw):
        situation = self._mc_get("hr.manager.community.situation", situation_id)
        values = self._mc_situation_page_values(situation, mc_msg)
        return request.render("hr_manager_community.portal_my_situation", values)

    @http.route(["/my/situations/<int:situation_id>"], methods=["POST"], **ROUTE)
    def portal_situation_save(self, situation_id, **post):
        situation = self._mc_get("hr.manager.community.situation", situation_id)
        if not self._mc_situation_editable(situation):
            raise Forbidden()
        values, errors, form = self._mc_situation_parse(post)
        submit = bool(post.get("submit"))
        if submit and not situation.member_id.pact_accepted_date:
            errors["_global"] = self._mc_messages()["pact_required"][1]
        if not errors:
            try:
                with request.env.cr.savepoint():
                    situation.write(values)
                    if submit:
                        situation.action_submit()
            except (UserError, ValidationError) as error:
                errors = {"_global": error.args[0]}
            else:
                message = "situation_submitted" if submit else "situation_saved"
                return self._mc_redirect(f"/my/situations/{situation.id}", message)
        values = self._mc_situation_page_values(
            situation,
            form=form,
            errors=errors,
            error_message=errors.get("_global") or self._mc_form_error_message(errors),
        )
        return request.render("hr_manager_community.portal_my_situation", values)

    @http.route(
        ["/my/situations/<int:situation_id>/<any(submit, withdraw, reset):transition>"],
        methods=["POST"],
        **ROUTE,
    )
    def portal_situation_transition(self, situation_id, transition, **kw):
        situation = self._mc_get("hr.manager.community.situation", situation_id)
        if not situation.is_author:
            raise Forbidden()
        if transition == "submit" and not situation.member_id.pact_accepted_date:
            return self._mc_redirect(f"/my/situations/{situation.id}", "pact_required")
        try:
            with request.env.cr.savepoint():
                getattr(situation, SITUATION_TRANSITIONS[transition])()
        except AccessError as error:
            raise Forbidden() from error
        except (UserError, ValidationError):
            message = "transition_refused"
        else:
            message = {
                "submit": "situation_submitted",
                "withdraw": "situation_withdrawn",
                "reset": "situation_reset",
            }[transition]
        return self._mc_redirect(f"/my/situations/{situation.id}", message)

    # --------------------------------------------------------- action plan

    def _mc_action_transition_labels(self):
        return {
            "start": _("Start"),
            "complete": _("Mark as done"),
            "drop": _("Drop"),
            "reopen": _("Reopen"),
        }

    def _mc_action_plan_values(self, mc_msg=None, forms=None, errors=None):
        """Values of ``/my/action-plan``: one block per plan of the user, and
        one per active membership without a plan yet (to start it)."""
        Plan = request.env["hr.manager.community.action.plan"]
        plans = Plan.search([("user_id", "=", request.env.uid)])
        planned = set(plans.mapped("community_id").ids)
        to_start = self._mc_memberships(("active",)).filtered(
            lambda m: m.community_id.id not in planned
        )
        # A member who left still owns their plan but no longer reads the
        # community: only the community names are read past the rules.
        # sudo: names of the communities of the user's own plans and memberships.
        communities_sudo = (plans.community_id | to_start.community_id).sudo()
        community_names = {
            community.id: community.name for community in communities_sudo
        }
        active_communities = set(self._mc_memberships(("active",)).community_id.ids)
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
                "plan": Plan,
                "actions": request.env["hr.manager.community.action"],
            }
            for member in to_start
        ]
        shared = request.env["hr.manager.community.action"].search(
            [
                ("user_id", "!=", request.env.uid),
                ("share_with_group", "=", True),
                ("community_id", "in", list(active_communities)),
            ]
        )
        Action = request.env["hr.manager.community.action"]
        return self._mc_page_values(
            "mc_action_plan",
            mc_msg,
            plan_blocks=blocks,
            community_names=community_names,
            shared_actions=shared,
            levels=Action._fields["level"]._description_selection(request.env),
            transition_labels=self._mc_action_transition_labels(),
            forms=forms or {},
            errors=errors or {},
        )

    @http.route(["/my/action-plan"], methods=["GET"], **ROUTE)
    def portal_my_action_plan(self, mc_msg=None, **kw):
        values = self._mc_action_plan_values(mc_msg)
        return request.render("hr_manager_community.portal_my_action_plan", values)

    def _mc_render_action_plan_errors(self, form_key, form, errors):
        """Re-render the plan with one form in error, the user's input kept."""
        values = self._mc_action_plan_values(
            forms={form_key: form}, errors={form_key: errors}
        )
        values["error_form"] = form_key
        return request.render("hr_manager_community.portal_my_action_plan", values)

    def _mc_plan_for_community(self, community_id):
        """The user's plan in ``community_id``; created on the first action of
        an active member."""
        Plan = request.env["hr.manager.community.action.plan"]
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

    def _mc_action_parse(self, post):
        """Check every posted field of the new action form: ``(values,
        errors, form)``, as for a situation."""
        Action = request.env["hr.manager.community.action"]
        form = {
            name: self._mc_clean_text(post.get(name))
            for name in ("name", "detail", "level", "date_deadline")
        }
        form["name"] = form["name"].replace("\n", " ")
        form["share_with_group"] = bool(post.get("share_with_group"))
        form["bring_to_review"] = bool(post.get("bring_to_review"))
        errors = {}
        title = form["name"].strip()
        if not title:
            errors["name"] = _("Give the action a title.")
        elif len(title) > NAME_MAX_LENGTH:
            errors["name"] = _("The title is limited to %(max)s characters.") % {
                "max": NAME_MAX_LENGTH
            }
        if len(form["detail"].strip()) > TEXT_MAX_LENGTH:
            errors["detail"] = _("This text is limited to %(max)s characters.") % {
                "max": TEXT_MAX_LENGTH
            }
        levels = dict(Action._fields["level"]._description_selection(request.env))
        if form["level"] not in levels:
            errors["level"] = _("Choose the level in the list.")
        deadline = False
        if form["date_deadline"].strip():
            try:
                deadline = fields.Date.to_date(form["date_deadline"].strip())
            except ValueError:
                errors["date_deadline"] = _("Give the deadline as a date.")
        values = {
            "name": title,
            "detail": form["detail"].strip() or False,
            "level": form["level"],
            "date_deadline": deadline,
            "share_with_group": form["share_with_group"],
            "bring_to_review": form["bring_to_review"],
        }
        return values, errors, form

    @http.route(["/my/action-plan/actions/new"], methods=["POST"], **ROUTE)
    def portal_action_create(self, **post):
        community_ids = self._mc_parse_ids([post.get("community_id")])
        if not community_ids:
            raise NotFound()
        form_key = f"new-{community_ids[0]}"
        values, errors, form = self._mc_action_parse(post)
        if errors:
            return self._mc_render_action_plan_errors(form_key, form, errors)
        try:
            with request.env.cr.savepoint():
                plan = self._mc_plan_for_community(community_ids[0])
                action = request.env["hr.manager.community.action"].create(
                    dict(values, plan_id=plan.id)
                )
        except (UserError, ValidationError) as error:
            return self._mc_render_action_plan_errors(
                form_key, form, {"_global": error.args[0]}
            )
        return self._mc_redirect(
            "/my/action-plan", "action_created", f"action-{action.id}"
        )

    def _mc_own_action(self, action_id):
        """An action the user may read, and writes as its author, or 403."""
        action = self._mc_get("hr.manager.community.action", action_id)
        if not action.is_author:
            raise Forbidden()
        return action

    @http.route(
        ["/my/action-plan/actions/<int:action_id>/progress"], methods=["POST"], **ROUTE
    )
    def portal_action_progress(self, action_id, **post):
        action = self._mc_own_action(action_id)
        note = self._mc_clean_text(post.get("note")).strip()
        form_key = f"progress-{action.id}"
        if not note:
            error = _("Write what you did or learnt.")
        elif len(note) > TEXT_MAX_LENGTH:
            error = _("This text is limited to %(max)s characters.") % {
                "max": TEXT_MAX_LENGTH
            }
        else:
            error = None
        if error:
            return self._mc_render_action_plan_errors(
                form_key, {"note": note}, {"note": error}
            )
        try:
            with request.env.cr.savepoint():
                action._report_progress(note)
        except (UserError, ValidationError) as exc:
            return self._mc_render_action_plan_errors(
                form_key, {"note": note}, {"note": exc.args[0]}
            )
        return self._mc_redirect(
            "/my/action-plan", "progress_reported", f"action-{action.id}"
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
        action = self._mc_own_action(action_id)
        try:
            with request.env.cr.savepoint():
                getattr(action, f"action_{transition}")()
        except AccessError as error:
            raise Forbidden() from error
        except UserError:
            message = "action_refused"
        else:
            message = "action_moved"
        return self._mc_redirect("/my/action-plan", message, f"action-{action.id}")

    @http.route(
        ["/my/action-plan/actions/<int:action_id>/share"], methods=["POST"], **ROUTE
    )
    def portal_action_share(self, action_id, **post):
        action = self._mc_own_action(action_id)
        action.write(
            {
                "share_with_group": bool(post.get("share_with_group")),
                "bring_to_review": bool(post.get("bring_to_review")),
            }
        )
        return self._mc_redirect(
            "/my/action-plan", "action_sharing_saved", f"action-{action.id}"
        )

    @http.route(["/my/action-plan/<int:plan_id>/share"], methods=["POST"], **ROUTE)
    def portal_plan_share(self, plan_id, **post):
        plan = self._mc_get("hr.manager.community.action.plan", plan_id)
        if not plan.is_author:
            raise Forbidden()
        share = post.get("share") == "1"
        plan.share_with_facilitator = share
        return self._mc_redirect(
            "/my/action-plan",
            "plan_shared" if share else "plan_unshared",
            f"plan-{plan.id}",
        )

    @http.route(["/my/action-plan/<int:plan_id>/pdf"], methods=["GET"], **ROUTE)
    def portal_plan_pdf(self, plan_id, **kw):
        plan = self._mc_get("hr.manager.community.action.plan", plan_id)
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
