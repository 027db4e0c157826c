/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

/**
 * The facilitator runs a session live from its form: opens the live mode,
 * starts the session, runs the timer on the first step, moves to the next
 * step (the time of the first is saved), notes the synthesis of the current
 * situation and saves. Run by tests/test_session_live.py.
 */
registry.category("web_tour.tours").add("hr_manager_community_session_live", {
    steps: () => [
        {
            content: "Open the live mode from the session form",
            trigger: ".o_form_view button[name='action_open_live_mode']:visible",
            run: "click",
        },
        {
            content: "The agenda is shown, first step current",
            trigger: ".o_mc_session_live .o_mc_live_step.active:contains('Follow-up')",
        },
        {
            content: "The current situation and its contract are beside the steps",
            trigger: ".o_mc_live_contract:contains('TOUR-CONTRACT')",
        },
        {
            content: "Start the session",
            trigger: ".o_mc_live_start_session",
            run: "click",
        },
        {
            content: "Run the timer",
            trigger: ".o_mc_live_timer:enabled",
            run: "click",
        },
        {
            content: "The timer runs",
            trigger: ".o_mc_live_elapsed:contains('00:02')",
        },
        {
            content: "Next step",
            trigger: ".o_mc_live_next",
            run: "click",
        },
        {
            content: "The second step is current",
            trigger: ".o_mc_live_step.active:contains('Presentation')",
        },
        {
            content: "Note the synthesis",
            trigger: "textarea.o_mc_live_synthesis",
            run: "edit TOUR-SYNTHESIS A will be met first",
        },
        {
            content: "Save",
            trigger: ".o_mc_live_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_notification:contains('Saved')",
        },
    ],
});
