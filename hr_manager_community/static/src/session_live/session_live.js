/** @odoo-module **/
/* Copyright 2026 Manager Communities contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {Component, onWillStart, onWillUnmount, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {useService} from "@web/core/utils/hooks";

const SESSION = "hr.manager.community.session";
const AGENDA_LINE = "hr.manager.community.session.agenda.line";
const SITUATION = "hr.manager.community.situation";
const EDITABLE_SITUATION_STATES = ["selected", "discussed"];

/**
 * Live session mode: the facilitator runs the co-development steps of the
 * agenda one after the other, with their planned timing and a running
 * timer, beside the situation being worked on and its contract. Everything
 * is read and written through the ORM as the facilitator: the record rules
 * decide what the screen shows.
 */
export class SessionLive extends Component {
    static template = "hr_manager_community.SessionLive";
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.actionService = useService("action");
        const params = this.props.action.params || {};
        const context = this.props.action.context || {};
        this.sessionId = params.session_id || context.active_id;
        this.state = useState({
            loaded: false,
            session: null,
            steps: [],
            stepLabels: {},
            index: 0,
            running: false,
            // Seconds spent per agenda line, from what is saved plus the timer.
            seconds: {},
            situations: [],
            situationId: false,
            saving: false,
        });
        this.lastTick = null;
        onWillStart(() => this.load());
        this.interval = setInterval(() => this.tick(), 500);
        onWillUnmount(() => clearInterval(this.interval));
    }

    async load() {
        if (!this.sessionId) {
            this.state.loaded = true;
            return;
        }
        const [sessions, steps, situations, fields] = await Promise.all([
            this.orm.read(SESSION, [this.sessionId], ["name", "state", "date_start"]),
            this.orm.searchRead(
                AGENDA_LINE,
                [["session_id", "=", this.sessionId]],
                ["sequence", "step", "name", "duration_minutes", "duration_actual"],
                {order: "sequence, id"}
            ),
            this.orm.searchRead(
                SITUATION,
                [
                    ["session_id", "=", this.sessionId],
                    ["state", "in", ["selected", "discussed", "closed"]],
                ],
                ["name", "member_id", "help_wanted", "synthesis", "learnings", "state"],
                {order: "id"}
            ),
            this.orm.call(AGENDA_LINE, "fields_get", [["step"]], {
                attributes: ["selection"],
            }),
        ]);
        this.state.session = sessions[0] || null;
        this.state.steps = steps;
        this.state.stepLabels = Object.fromEntries(fields.step.selection);
        this.state.seconds = Object.fromEntries(
            steps.map((step) => [step.id, Math.round((step.duration_actual || 0) * 60)])
        );
        this.state.situations = situations.map((situation) => ({
            ...situation,
            synthesis: situation.synthesis || "",
            learnings: situation.learnings || "",
            dirty: false,
        }));
        if (
            !this.state.situations.some(
                (situation) => situation.id === this.state.situationId
            )
        ) {
            const current =
                this.state.situations.find((s) => s.state === "selected") ||
                this.state.situations[0];
            this.state.situationId = current ? current.id : false;
        }
        this.state.index = Math.min(this.state.index, Math.max(steps.length - 1, 0));
        this.state.loaded = true;
    }

    // ------------------------------------------------------------ getters

    get isStarted() {
        return this.state.session && this.state.session.state === "in_progress";
    }

    get currentStep() {
        return this.state.steps[this.state.index] || null;
    }

    get currentSituation() {
        return (
            this.state.situations.find((s) => s.id === this.state.situationId) || null
        );
    }

    get isSituationEditable() {
        const situation = this.currentSituation;
        return Boolean(
            situation && EDITABLE_SITUATION_STATES.includes(situation.state)
        );
    }

    get plannedTotal() {
        return this.state.steps.reduce((total, s) => total + s.duration_minutes, 0);
    }

    get spentTotal() {
        return Object.values(this.state.seconds).reduce((total, s) => total + s, 0);
    }

    stepSeconds(step) {
        return this.state.seconds[step.id] || 0;
    }

    isOverrun(step) {
        return this.stepSeconds(step) > step.duration_minutes * 60;
    }

    progress(step) {
        if (!step.duration_minutes) {
            return 100;
        }
        return Math.min(
            100,
            Math.round((100 * this.stepSeconds(step)) / (step.duration_minutes * 60))
        );
    }

    formatSeconds(seconds) {
        const total = Math.max(0, Math.floor(seconds));
        const minutes = String(Math.floor(total / 60)).padStart(2, "0");
        const rest = String(total % 60).padStart(2, "0");
        return `${minutes}:${rest}`;
    }

    stepLabel(step) {
        return this.state.stepLabels[step.step] || step.step;
    }

    // ------------------------------------------------------------- timer

    tick() {
        const now = Date.now();
        if (this.state.running && this.currentStep && this.lastTick) {
            const id = this.currentStep.id;
            this.state.seconds[id] =
                (this.state.seconds[id] || 0) + (now - this.lastTick) / 1000;
        }
        this.lastTick = now;
    }

    toggleTimer() {
        this.tick();
        this.state.running = !this.state.running;
    }

    // ----------------------------------------------------------- actions

    async startSession() {
        await this.orm.call(SESSION, "action_start", [[this.sessionId]]);
        await this.load();
        this.notification.add(_t("The session has started."), {type: "success"});
    }

    async goTo(index) {
        if (index < 0 || index >= this.state.steps.length) {
            return;
        }
        this.tick();
        const step = this.currentStep;
        this.state.index = index;
        if (step) {
            await this.saveSteps([step]);
        }
    }

    next() {
        return this.goTo(this.state.index + 1);
    }

    previous() {
        return this.goTo(this.state.index - 1);
    }

    selectSituation(ev) {
        this.state.situationId = parseInt(ev.target.value, 10) || false;
    }

    onNoteInput(field, ev) {
        const situation = this.currentSituation;
        if (situation) {
            situation[field] = ev.target.value;
            situation.dirty = true;
        }
    }

    async saveSteps(steps) {
        // One write per distinct value: usually one step, at most the agenda.
        const byValue = {};
        for (const step of steps) {
            const minutes = Math.round((this.stepSeconds(step) / 60) * 100) / 100;
            if (minutes !== step.duration_actual) {
                (byValue[minutes] = byValue[minutes] || []).push(step);
            }
        }
        for (const [minutes, group] of Object.entries(byValue)) {
            const value = parseFloat(minutes);
            await this.orm.write(
                AGENDA_LINE,
                group.map((step) => step.id),
                {duration_actual: value}
            );
            for (const step of group) {
                step.duration_actual = value;
            }
        }
    }

    async save() {
        this.tick();
        this.state.saving = true;
        try {
            await this.saveSteps(this.state.steps);
            for (const situation of this.state.situations) {
                if (
                    situation.dirty &&
                    EDITABLE_SITUATION_STATES.includes(situation.state)
                ) {
                    await this.orm.write(SITUATION, [situation.id], {
                        synthesis: situation.synthesis,
                        learnings: situation.learnings,
                    });
                    situation.dirty = false;
                }
            }
            this.notification.add(_t("Saved: times per step and notes."), {
                type: "success",
            });
        } finally {
            this.state.saving = false;
        }
    }

    async backToSession() {
        await this.save();
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: SESSION,
            res_id: this.sessionId,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("hr_manager_community.session_live", SessionLive);
