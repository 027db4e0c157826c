# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/practices``: the dictionary of managerial best practices, as the
user reads it: the proposals of their communities and the company's adopted
practices, by theme and factor, with a search; an active member proposes a
practice (provenance: the community, no author) and endorses the proposals of
their community. The form's checks are the model's (``_form_practice``)."""

from odoo import _, http
from odoo.http import request
from odoo.osv import expression

from odoo.addons.hr_manager_community.controllers.portal import (
    ROUTE,
    ManagerCommunityPortal,
)
from odoo.addons.hr_manager_community.models.text_limits import (
    clean_text,
    parse_ids,
)
from odoo.addons.portal.controllers.portal import pager as portal_pager

PRACTICE = "hr.manager.practice"
SEARCH_MAX_LENGTH = 100


class ManagerPracticePortal(ManagerCommunityPortal):
    def _manager_community_counters(self):
        counters = super()._manager_community_counters()
        counters["mc_practices"] = self._mc_count_practices
        return counters

    def _mc_messages(self):
        messages = super()._mc_messages()
        messages.update(
            {
                "practice_created": (
                    "success",
                    _(
                        "The practice is proposed on behalf of your community, "
                        "without any author."
                    ),
                ),
                "practice_endorsed": ("success", _("Your endorsement is recorded.")),
                "practice_already": (
                    "info",
                    _("You have already endorsed this practice."),
                ),
                "practice_closed": (
                    "warning",
                    _("This practice is no longer open to endorsement."),
                ),
            }
        )
        return messages

    def _mc_count_practices(self):
        """Proposals of the user's communities (hidden for non-members)."""
        memberships = self._mc_memberships(("active",))
        if not memberships:
            return None
        return request.env[PRACTICE].search_count(
            [
                ("community_id", "in", memberships.community_id.ids),
                ("state", "=", "proposed"),
            ]
        )

    # --------------------------------------------------------------- list

    @staticmethod
    def _mc_practice_domain(memberships, theme, factor, search):
        domain = [
            "|",
            ("state", "=", "adopted"),
            "&",
            ("state", "=", "proposed"),
            ("community_id", "in", memberships.community_id.ids),
        ]
        if theme:
            domain = expression.AND([domain, [("theme", "=", theme)]])
        if factor:
            domain = expression.AND([domain, [("factor_ids", "child_of", factor.id)]])
        if search:
            domain = expression.AND(
                [
                    domain,
                    expression.OR(
                        [
                            [(name, "ilike", search)]
                            for name in (
                                "name",
                                "situation_type",
                                "desirable",
                                "possible",
                            )
                        ]
                    ),
                ]
            )
        return domain

    def _mc_render_practices(
        self, page=1, theme=None, factor_id=None, search=None, **values
    ):
        Practice = request.env[PRACTICE]
        memberships = self._mc_memberships(("active",))
        themes = Practice._fields["theme"]._description_selection(request.env)
        theme = theme if theme in dict(themes) else None
        factor_ids = parse_ids([factor_id]) if factor_id else None
        factor = request.env["hr.psychosocial.factor"].browse()
        if factor_ids:
            factor = factor.search([("id", "=", factor_ids[0])])
        search = clean_text(search).strip()[:SEARCH_MAX_LENGTH]
        if not isinstance(page, int):
            page = int(page) if parse_ids([page]) else 1
        domain = self._mc_practice_domain(memberships, theme, factor, search)
        pager = portal_pager(
            url="/my/practices",
            url_args={
                "theme": theme or "",
                "factor_id": factor.id or "",
                "search": search,
            },
            total=Practice.search_count(domain),
            page=page,
            step=self._mc_items_per_page,
        )
        practices = Practice.search(
            domain, limit=self._mc_items_per_page, offset=pager["offset"]
        )
        sections = []
        for practice in practices:
            if not sections or sections[-1][0] != practice.theme:
                sections.append((practice.theme, []))
            sections[-1][1].append(practice)
        values.setdefault("form", Practice._form_practice_initial(memberships))
        return self._mc_render_form(
            "hr_manager_community_charter.portal_my_practices",
            "mc_practices",
            values.pop("errors", {}),
            sections=sections,
            theme_labels=dict(themes),
            themes=themes,
            theme=theme,
            factor=factor,
            search=search,
            pager=pager,
            memberships=memberships,
            factor_groups=request.env["hr.psychosocial.factor"]._grouped_by_framework(),
            **values,
        )

    @http.route(
        ["/my/practices", "/my/practices/page/<int:page>"], methods=["GET"], **ROUTE
    )
    def portal_my_practices(
        self, page=1, theme=None, factor_id=None, search=None, mc_msg=None, **kw
    ):
        return self._mc_render_practices(page, theme, factor_id, search, mc_msg=mc_msg)

    @http.route(["/my/practices/new"], methods=["POST"], **ROUTE)
    def portal_practice_create(self, **post):
        memberships = self._mc_active_memberships_or_403()
        Practice = request.env[PRACTICE]
        return self._mc_post_form(
            Practice._form_practice(
                self._mc_posted(post, lists=["factor_ids"]), memberships
            ),
            Practice.create,
            lambda practice: self._mc_redirect(
                "/my/practices", "practice_created", f"practice-{practice.id}"
            ),
            lambda form, errors: self._mc_render_practices(
                form=form, errors=errors, form_open=True
            ),
        )

    @http.route(["/my/practices/<int:practice_id>/endorse"], methods=["POST"], **ROUTE)
    def portal_practice_endorse(self, practice_id, **kw):
        practice = self._mc_get(PRACTICE, practice_id)
        anchor = f"practice-{practice.id}"
        if practice.state != "proposed":
            return self._mc_redirect("/my/practices", "practice_closed", anchor)
        if practice.is_endorsed:
            return self._mc_redirect("/my/practices", "practice_already", anchor)
        # Another community's practice: 403 (AccessError), nothing written.
        __, refused = self._mc_try(practice.action_endorse)
        return self._mc_redirect(
            "/my/practices",
            "practice_closed" if refused else "practice_endorsed",
            anchor,
        )
