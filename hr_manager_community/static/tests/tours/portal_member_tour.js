/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { registry } from "@web/core/registry";

/**
 * A member's round through the portal, from the portal home: accept the pact,
 * confirm the next session, write and submit a situation, then work on the
 * action plan (start an action, report progress, complete it, add another).
 * Run by tests/test_portal_tour.py for an internal user and a portal user.
 */
registry.category("web_tour.tours").add("hr_manager_community_portal_member", {
    url: "/my",
    steps: () => [
        {
            content: "The home shows the community entry once its counter is known",
            trigger: "#portal_manager_community_category a[href='/my/communities']:visible",
            run: "click",
        },
        {
            content: "Open the community",
            trigger: ".o_mc_communities a:contains('Community North')",
            run: "click",
        },
        {
            content: "Accept the confidentiality pact",
            trigger: ".o_mc_pact button.o_mc_accept_pact",
            run: "click",
        },
        {
            content: "The pact is accepted, with its date",
            trigger: ".o_mc_pact .o_mc_pact_accepted",
        },
        {
            content: "The agenda of the session is shown",
            trigger: ".o_mc_session .o_mc_agenda summary",
            run: "click",
        },
        {
            content: "Confirm the invitation to the session",
            trigger: ".o_mc_session button.o_mc_confirm",
            run: "click",
        },
        {
            content: "The answer is recorded",
            trigger: ".o_mc_session .o_mc_attendance_state:contains('Confirmed')",
        },
        {
            content: "Go to the situations of the community",
            trigger: "a[href='/my/situations']:contains('Situations of the community')",
            run: "click",
        },
        {
            content: "Start a new situation",
            trigger: "a.o_mc_new_situation",
            run: "click",
        },
        {
            content: "Give it a title",
            trigger: ".o_mc_situation_form input[name='name']",
            run: "edit Tour situation: team B and the new schedule",
        },
        {
            content: "Choose its kind",
            trigger: ".o_mc_situation_form input[name='kind'][value='uncertainty']",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".o_mc_situation_form textarea[name='description']",
            run: "edit A and B disagree on the new schedule.",
        },
        {
            content: "Say what help is wanted",
            trigger: ".o_mc_situation_form textarea[name='help_wanted']",
            run: "edit How to settle it without taking sides?",
        },
        {
            content: "Save and submit it to the group",
            trigger: ".o_mc_situation_form button.o_mc_submit",
            run: "click",
        },
        {
            content: "The situation is submitted",
            trigger: ".o_mc_message:contains('submitted')",
        },
        {
            content: "Its page shows its title",
            trigger: ".o_mc_situation_title:contains('Tour situation')",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the action plan",
            trigger: "#portal_manager_community_category a[href='/my/action-plan']:visible",
            run: "click",
        },
        {
            content: "Start the action",
            trigger: ".o_mc_action:contains('Tour action') button.o_mc_action_start",
            run: "click",
        },
        {
            content: "The action is in progress",
            trigger: ".o_mc_action:contains('Tour action') .badge:contains('In Progress')",
        },
        {
            content: "Open its progress",
            trigger: ".o_mc_action:contains('Tour action') details summary:contains('Progress')",
            run: "click",
        },
        {
            content: "Write a progress note",
            trigger: ".o_mc_action:contains('Tour action') textarea[name='note']",
            run: "edit First one-to-one held with A.",
        },
        {
            content: "Record it",
            trigger: ".o_mc_action:contains('Tour action') button.o_mc_report_progress",
            run: "click",
        },
        {
            content: "The note is recorded",
            trigger: ".o_mc_message:contains('progress is recorded')",
        },
        {
            content: "Mark the action as done",
            trigger: ".o_mc_action:contains('Tour action') button.o_mc_action_complete",
            run: "click",
        },
        {
            content: "The action is done",
            trigger: ".o_mc_action:contains('Tour action') .badge:contains('Done')",
        },
        {
            content: "Open the form to add an action",
            trigger: ".o_mc_new_action summary",
            run: "click",
        },
        {
            content: "Give the new action a title",
            trigger: ".o_mc_new_action input[name='name']",
            run: "edit Tour follow-up with the team",
        },
        {
            content: "Share it with the group",
            trigger: ".o_mc_new_action input[name='share_with_group']",
            run: "click",
        },
        {
            content: "Add it",
            trigger: ".o_mc_new_action button.o_mc_add_action",
            run: "click",
        },
        {
            content: "The new action is in the plan",
            trigger: ".o_mc_action:contains('Tour follow-up with the team')",
        },
    ],
});
