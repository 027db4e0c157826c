# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import UserError

Transition = namedtuple("Transition", ["sources", "target", "guard"], defaults=[None])

# A Python object cannot travel through RPC, so only the workflow itself can
# put this marker in the context: RPC writes to `state` are refused.
_TRANSITION_MARKER = object()


class HrManagerCommunityWorkflowMixin(models.AbstractModel):
    """Declared state machine shared by every stateful model of the product.

    A model declares ``_workflow_transitions``: a dict mapping a transition
    name to ``Transition(sources, target, guard)`` where ``guard`` is the name
    of a method called on the records before the move (it raises to refuse).
    The model also defines its own ``state`` selection field.
    """

    _name = "hr.manager.community.workflow.mixin"
    _description = "Manager Communities Workflow"

    _workflow_transitions = {}

    workflow_transition_names = fields.Char(
        compute="_compute_workflow_transition_names",
        help="Transitions declared from the current state, separated by spaces "
        "(used by the views to show the buttons).",
    )

    @api.depends("state")
    def _compute_workflow_transition_names(self):
        for record in self:
            record.workflow_transition_names = " ".join(
                name
                for name, transition in self._workflow_transitions.items()
                if record.state in transition.sources
            )

    @api.model
    def _workflow_initial_state(self):
        return self._fields["state"].get_values(self.env)[0]

    def _workflow_state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env)).get(
            state, state
        )

    def _workflow_check(self, name):
        """Raise a UserError unless ``name`` is allowed for every record."""
        transition = self._workflow_transitions.get(name)
        if transition is None:
            raise UserError(
                _("'%(transition)s' is not a transition of %(model)s.")
                % {"transition": name, "model": self._description}
            )
        for record in self:
            if record.state not in transition.sources:
                raise UserError(
                    _(
                        "%(record)s cannot go through '%(transition)s' while it is "
                        "%(state)s."
                    )
                    % {
                        "record": record.display_name,
                        "transition": name,
                        "state": record._workflow_state_label(record.state),
                    }
                )
        if transition.guard:
            getattr(self, transition.guard)()
        return transition

    def _workflow_apply(self, name):
        """Run transition ``name`` on the records, or raise a UserError."""
        if not self:
            return True
        transition = self._workflow_check(name)
        previous = {record.id: record.state for record in self}
        self.with_context(workflow_marker=_TRANSITION_MARKER).write(
            {"state": transition.target}
        )
        self._workflow_log(name, previous, transition.target)
        self._workflow_after(name)
        return True

    def _workflow_after(self, name):
        """Hook called after transition ``name``; override to add side effects."""
        return True

    def _workflow_log(self, name, previous, target):
        # sudo: the log is technical data written for every user, readable by
        # the system group only; it stores states and ids, never text.
        self.env["hr.manager.community.transition.log"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": record.id,
                    "transition": name,
                    "state_from": previous[record.id],
                    "state_to": target,
                    "user_id": self.env.uid,
                }
                for record in self
            ]
        )

    def _workflow_is_transition(self):
        return self.env.context.get("workflow_marker") is _TRANSITION_MARKER

    @api.model_create_multi
    def create(self, vals_list):
        initial = self._workflow_initial_state()
        if not self._workflow_is_transition():
            for vals in vals_list:
                if vals.get("state", initial) != initial:
                    raise UserError(
                        _("A new %(model)s starts as %(state)s.")
                        % {
                            "model": self._description,
                            "state": self._workflow_state_label(initial),
                        }
                    )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self._workflow_is_transition():
            changing = self.filtered(lambda record: record.state != vals["state"])
            if changing:
                raise UserError(
                    _(
                        "The status of %(model)s changes only through its workflow "
                        "actions."
                    )
                    % {"model": self._description}
                )
        return super().write(vals)


class HrManagerCommunityTransitionLog(models.Model):
    _name = "hr.manager.community.transition.log"
    _description = "Manager Communities Transition Log"
    _order = "id desc"
    _log_access = True

    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    transition = fields.Char(required=True, readonly=True)
    state_from = fields.Char(string="From", required=True, readonly=True)
    state_to = fields.Char(string="To", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, ondelete="cascade"
    )
