/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { registry } from "@web/core/registry";

/**
 * A member proposes a practice and endorses a proposal of the community.
 * Run by tests/test_collective_tour.py.
 */
registry.category("web_tour.tours").add("hr_manager_community_portal_practices", {
    url: "/my",
    steps: () => [
        {
            content: "Open the best practices from the portal home",
            trigger: "#portal_manager_community_category a[href='/my/practices']:visible",
            run: "click",
        },
        {
            content: "Open the form to propose a practice",
            trigger: ".o_mc_new_practice summary",
            run: "click",
        },
        {
            content: "Name the practice",
            trigger: ".o_mc_practice_form input[name='name']",
            run: "edit Tour practice: close meetings with decisions",
        },
        {
            content: "Choose its theme",
            trigger: ".o_mc_practice_form select[name='theme']",
            run: "select team",
        },
        {
            content: "Say the kind of situation",
            trigger: ".o_mc_practice_form input[name='situation_type']",
            run: "edit Team meeting that ends without decisions",
        },
        {
            content: "Write the desirable version",
            trigger: ".o_mc_practice_form textarea[name='desirable']",
            run: "edit Every meeting ends with the decisions written down.",
        },
        {
            content: "Write the possible version",
            trigger: ".o_mc_practice_form textarea[name='possible']",
            run: "edit The manager sums up the decisions out loud.",
        },
        {
            content: "Propose it",
            trigger: ".o_mc_practice_form button.o_mc_propose_practice",
            run: "click",
        },
        {
            content: "The practice is proposed for the community",
            trigger: ".o_mc_message:contains('without any author')",
        },
        {
            content: "Endorse the proposal of the community",
            trigger: ".o_mc_practice:contains('Tour proposal to endorse') button.o_mc_endorse",
            run: "click",
        },
        {
            content: "The endorsement is recorded",
            trigger: ".o_mc_practice:contains('Tour proposal to endorse') .o_mc_endorsed",
        },
    ],
});

/**
 * A member reads the charter version in consultation and comments a practice
 * on behalf of the community. Run by tests/test_collective_tour.py.
 */
registry.category("web_tour.tours").add("hr_manager_community_portal_charter_comment", {
    url: "/my",
    steps: () => [
        {
            content: "Open the charter from the portal home",
            trigger: "#portal_manager_community_category a[href='/my/charter']:visible",
            run: "click",
        },
        {
            content: "The version in consultation is shown",
            trigger: ".o_mc_charter_consultation h4:contains('Tour consultation')",
        },
        {
            content: "Open the comment form of the first practice",
            trigger: ".o_mc_charter_line:first .o_mc_charter_comment_form summary",
            run: "click",
        },
        {
            content: "Write the comment",
            trigger: ".o_mc_charter_line:first textarea[name='body']",
            run: "edit Tour comment: the possible version needs an example.",
        },
        {
            content: "Send it",
            trigger: ".o_mc_charter_line:first button.o_mc_charter_comment_submit",
            run: "click",
        },
        {
            content: "The comment is recorded for the community",
            trigger: ".o_mc_message:contains('on behalf of your community')",
        },
        {
            content: "It is shown under the practice",
            trigger: ".o_mc_charter_comment:contains('Tour comment')",
        },
    ],
});
