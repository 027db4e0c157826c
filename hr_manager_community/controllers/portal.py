# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The managers' portal: the base of every area's controller.

Each area (``communities.py``, ``situations.py``, ``action_plan.py``, other
addons' portals) subclasses ``ManagerCommunityPortal`` for routing, access and
rendering; a form's checks are its model's ``_form_*`` method (see
``hr.manager.community.form.mixin``). Pages read and write as the logged-in
user: the record rules encode the confidentiality table (DESIGN.md section 5).
A record that does not exist and one the user may not read both answer 404, so
that ids cannot be probed; a readable record the user may not change answers
403. Mutations are POST only, behind Odoo's CSRF check.
"""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.text_limits import NAME_MAX_LENGTH, PG_MAX_ID, TEXT_MAX_LENGTH, parse_ids

# ``website=True`` marks a frontend page (http_routing): the portal layout
# needs its language and frontend context; it does not need the website app.
ROUTE = {"type": "http", "auth": "user", "website": True}


def allowed_transitions(record):
    """Names of the workflow transitions the user may run on ``record`` from
    its state (the model's ``_workflow_allowed_transitions``).

    The one place where the portal reads a workflow table: buttons are shown
    from it, and the model still checks the move (and its guard) when it runs.
    """
    return record._workflow_allowed_transitions()


class ManagerCommunityPortal(CustomerPortal):
    _mc_items_per_page = 20

    # ------------------------------------------------------------- access

    @staticmethod
    def _mc_get(model, record_id):
        """``record_id`` of ``model`` as the logged-in user, or a 404.

        Like ``_document_check_access`` but the record stays in the user's
        environment (no sudo, no access token): the record rules decide.
        """
        if not isinstance(record_id, int) or not 0 < record_id <= PG_MAX_ID:
            raise NotFound()
        record = request.env[model].browse(record_id)
        if not record.exists():
            raise NotFound()
        try:
            record.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        return record

    @classmethod
    def _mc_get_own(cls, model, record_id):
        """A record the user reads (else 404) and wrote (else 403)."""
        record = cls._mc_get(model, record_id)
        if not record.is_author:
            raise Forbidden()
        return record

    @staticmethod
    def _mc_memberships(states=("invited", "active")):
        """The logged-in user's memberships in the given states."""
        return request.env["hr.manager.community.member"].search(
            [("user_id", "=", request.env.uid), ("state", "in", list(states))]
        )

    @classmethod
    def _mc_active_memberships_or_403(cls):
        """The user's active memberships; none answers 403 (pages to write in
        a community)."""
        memberships = cls._mc_memberships(("active",))
        if not memberships:
            raise Forbidden()
        return memberships

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

    # -------------------------------------------------------------- input

    @staticmethod
    def _mc_posted(post, lists=()):
        """The raw values of a posted form, for a model's ``_form_*`` method:
        the fields named in ``lists`` (many2many checkboxes) as lists."""
        raw = dict(post)
        for name in lists:
            raw[name] = request.httprequest.form.getlist(name)
        return raw

    @staticmethod
    def _mc_try(function):
        """Run ``function`` in a savepoint: ``(its result, None)``, or
        ``(None, message)`` of the UserError/ValidationError it raised (and
        nothing of it is kept); an AccessError answers 403."""
        try:
            with request.env.cr.savepoint():
                return function(), None
        except AccessError as error:
            raise Forbidden() from error
        except (UserError, ValidationError) as error:
            return None, error.args[0]

    def _mc_answer_attendance(self, session, answer):
        """Confirm or decline the user's attendance of ``session`` (403 when
        they have no attendance line): the message code for the redirect."""
        line = session._my_attendance()
        if not line:
            raise Forbidden()
        __, refused = self._mc_try(getattr(line, f"action_{answer}"))
        if refused:
            return "session_closed"
        return "session_confirmed" if answer == "confirm" else "session_declined"

    def _mc_post_form(self, result, save, done, render, error_field="_global"):
        """The flow of every posted form: ``result`` is the model's check of
        the posted values (a FormResult); without errors ``save(values)`` runs
        in a savepoint and ``done(saved)`` answers (a redirection); otherwise,
        or when the model refuses (its message under ``error_field``),
        ``render(form, errors)`` shows the form again as the user typed it."""
        values, errors, form = result
        if not errors:
            saved, refused = self._mc_try(lambda: save(values))
            if not refused:
                return done(saved)
            errors = {error_field: refused}
        return render(form, errors)

    # ------------------------------------------------------------- output

    def _mc_list_values(self, model, url, page, sortings, sortby, filters, filterby):
        """Values of a paged list of ``model`` under Odoo's portal searchbar:
        one page of the chosen filter in the chosen order, the first of each
        by default (and for any unknown text)."""
        # A page number also comes from the query string, as any text.
        if not isinstance(page, int):
            page = int(page) if parse_ids([page]) else 1
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else next(iter(filters))
        domain = filters[filterby]["domain"]
        records = request.env[model]
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=records.search_count(domain),
            page=page,
            step=self._mc_items_per_page,
        )
        return {
            "records": records.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._mc_items_per_page,
                offset=pager["offset"],
            ),
            "pager": pager,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
            "default_url": url,
        }

    @staticmethod
    def _mc_state_filters(model):
        """One searchbar filter per state of ``model``, in workflow order."""
        states = request.env[model]._fields["state"]
        return {
            state: {"label": label, "domain": [("state", "=", state)]}
            for state, label in states._description_selection(request.env)
        }

    def _mc_messages(self):
        """Messages shown after a redirection, by code: the URL carries the
        code only, never a text to display. Each area adds its own."""
        return {}

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

    def _mc_render(self, template, page_name, mc_msg=None, **values):
        return request.render(
            template, self._mc_page_values(page_name, mc_msg, **values)
        )

    def _mc_render_form(self, template, page_name, errors, mc_msg=None, **values):
        """Show a page with a form and its errors (none on a first display):
        by field, and a global message (the model's, or "correct the
        highlighted fields")."""
        message = errors.get("_global")
        if errors and not message:
            message = _("Please correct the highlighted fields: nothing was saved yet.")
        return self._mc_render(
            template,
            page_name,
            mc_msg,
            errors=errors,
            error_message=message or "",
            **values,
        )

    @staticmethod
    def _mc_redirect(url, message=None, anchor=None):
        """Redirect to ``url``, showing the message of code ``message``."""
        if message:
            url = f"{url}?mc_msg={message}"
        if anchor:
            url = f"{url}#{anchor}"
        return request.redirect(url)

    # ------------------------------------------------------- home counters

    def _manager_community_counters(self):
        """Counters of the managers' entries on the portal home: name ->
        function returning the number, or ``None`` to hide the entry. Each
        area (and addon) adds its own, with a ``portal.portal_docs_entry`` of
        the same ``placeholder_count`` in the ``portal_manager_community_category``
        block of ``hr_manager_community.portal_my_home_manager_community``. No
        name ends with ``_count``: the portal caches those in the session and
        then shows the entry without its number."""
        return {}

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        known = self._manager_community_counters()
        for name in counters:
            if name in known:
                count = known[name]()
                if count is not None:
                    values[name] = count
        return values
