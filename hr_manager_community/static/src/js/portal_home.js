/** @odoo-module **/
// Copyright 2026 Manager Communities contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { PortalHomeCounters } from "@portal/js/portal";

const CATEGORY = "#portal_manager_community_category";

PortalHomeCounters.include({
    /**
     * The managers' entries stay visible at 0 (a new member still needs
     * them); the server sends their counters to members only, so that the
     * entries of anyone else stay hidden.
     *
     * @override
     */
    _getCountersAlwaysDisplayed() {
        const names = [...this.el.querySelectorAll(`${CATEGORY} [data-placeholder_count]`)].map(
            (el) => el.dataset.placeholder_count
        );
        return this._super(...arguments).concat(names);
    },

    /**
     * Show the number of the managers' entries once it is known.
     *
     * @override
     */
    async _updateCounters() {
        await this._super(...arguments);
        for (const el of this.el.querySelectorAll(`${CATEGORY} [data-placeholder_count]`)) {
            if (!el.closest(".o_portal_index_card").classList.contains("d-none")) {
                el.classList.remove("d-none");
                el.classList.add("badge", "rounded-pill", "text-bg-primary", "o_mc_counter");
            }
        }
    },
});
