/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { registry } from "@web/core/registry";

/**
 * An invited member accepts the confidentiality pact from the portal home's
 * "to do" block, which makes them an active member.
 * Run by tests/test_session_portal.py.
 */
registry.category("web_tour.tours").add("hr_manager_community_accept_pact", {
    url: "/my",
    steps: () => [
        {
            content: "The to-do block asks to accept the pact",
            trigger: ".o_mc_todo .o_mc_todo_pact a",
            run: "click",
        },
        {
            content: "Read and accept the confidentiality pact",
            trigger: ".o_mc_pact button.o_mc_accept_pact",
            run: "click",
        },
        {
            content: "The pact is accepted, with its date",
            trigger: ".o_mc_pact .o_mc_pact_accepted",
        },
    ],
});

/**
 * A member opens a session from their community, reads the synthesis and
 * learnings of a situation taken up, and adds a contribution at one level.
 */
registry.category("web_tour.tours").add("hr_manager_community_session_contribution", {
    url: "/my",
    steps: () => [
        {
            content: "Open the community",
            trigger: "#portal_manager_community_category a[href='/my/communities']:visible",
            run: "click",
        },
        {
            content: "Open it",
            trigger: ".o_mc_communities a:contains('Community North')",
            run: "click",
        },
        {
            content: "Open the session page",
            trigger: ".o_mc_session a.o_mc_open_session",
            run: "click",
        },
        {
            content: "The agenda shows its timings",
            trigger: ".o_mc_agenda .o_mc_agenda_time",
        },
        {
            content: "The synthesis of the situation is shown",
            trigger: ".o_mc_session_situation .o_mc_synthesis:contains('SECRET-SYNTHESIS')",
        },
        {
            content: "The learnings too",
            trigger: ".o_mc_session_situation .o_mc_learnings:contains('SECRET-LEARNING')",
        },
        {
            content: "Choose the level of the contribution",
            trigger: ".o_mc_contribution_form select[name='level']",
            run: "select managerial",
        },
        {
            content: "Write the contribution",
            trigger: ".o_mc_contribution_form textarea[name='body']",
            run: "edit Tour: the rota is decided without us.",
        },
        {
            content: "Share it with the group",
            trigger: ".o_mc_contribution_form button.o_mc_contribute",
            run: "click",
        },
        {
            content: "It is saved and shown",
            trigger: ".o_mc_contribution:contains('Tour: the rota is decided without us.')",
        },
    ],
});
