/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { registry } from "@web/core/registry";

/**
 * A member proposes a feedback to the directors, votes on the one open to the
 * vote (then changes their vote), and reads the directors' answer of another.
 * Run by tests/test_portal_collective_tour.py.
 */
registry.category("web_tour.tours").add("hr_manager_community_portal_feedback", {
    url: "/my",
    steps: () => [
        {
            content: "Open the feedback to directors from the portal home",
            trigger: "#portal_manager_community_category a[href='/my/feedback']:visible",
            run: "click",
        },
        {
            content: "Open the form to propose a feedback",
            trigger: ".o_mc_new_feedback summary",
            run: "click",
        },
        {
            content: "Give it a title",
            trigger: ".o_mc_feedback_form input[name='name']",
            run: "edit Tour feedback: meetings set after hours",
        },
        {
            content: "Describe what the group observes",
            trigger: ".o_mc_feedback_form textarea[name='description']",
            run: "edit Weekly meetings start at 6 p.m. in two departments.",
        },
        {
            content: "Propose it to the group",
            trigger: ".o_mc_feedback_form button.o_mc_propose_feedback",
            run: "click",
        },
        {
            content: "The draft is saved for the group",
            trigger: ".o_mc_message:contains('draft is saved')",
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/feedback']",
            run: "click",
        },
        {
            content: "Open the feedback open to the vote",
            trigger: ".o_mc_feedback_row a:contains('Tour vote feedback')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_mc_vote button.o_mc_vote_approve",
            run: "click",
        },
        {
            content: "The vote is recorded",
            trigger: ".o_mc_my_vote:contains('Approve')",
        },
        {
            content: "Change the vote while it is open",
            trigger: ".o_mc_vote button.o_mc_vote_object",
            run: "click",
        },
        {
            content: "The new vote is recorded",
            trigger: ".o_mc_my_vote:contains('Object')",
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/feedback']",
            run: "click",
        },
        {
            content: "Open the answered feedback",
            trigger: ".o_mc_feedback_row a:contains('Tour answered feedback')",
            run: "click",
        },
        {
            content: "The directors' answer is shown",
            trigger: ".o_mc_directors_answer .o_mc_response:contains('weekly arbitration')",
        },
        {
            content: "And the tally of the closed vote",
            trigger: ".o_mc_tally",
        },
    ],
});
