# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

# A Python object cannot travel through RPC, so only the workflow itself can
# put this marker in the context: RPC writes to `state` are refused.
_TRANSITION_MARKER = object()

# Roles that are groups; "author", "facilitator" and "member" read the record.
ROLE_GROUPS = {
    "director": "hr_manager_community.group_community_director",
    "officer": "hr_manager_community.group_community_officer",
    "admin": "hr_manager_community.group_community_admin",
}
# What a stamp writes: the day, the moment or the user of the move, or nothing.
STAMP_VALUES = ("today", "now", "user", False)


def _names(value):
    """A tuple of names from None, one name or an iterable of names."""
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


class Transition(
    namedtuple(
        "Transition",
        ["sources", "target", "guard", "roles", "groups", "stamps", "after", "method"],
    )
):
    """One move of a declared workflow.

    * ``sources``: the states it starts from; ``target``: the state it reaches;
    * ``guard``: name of a method called on the records before the move, for
      business checks (it raises to refuse);
    * ``roles``: who may run it, by role (see the ``_workflow_role_*`` methods
      of the mixin: "author", "facilitator", "member", "director", "officer",
      "admin", or a model's own); holding any one of them suffices;
    * ``groups``: xmlids of groups whose members may run it, alternatively
      (no roles nor groups: whoever may write the record);
    * ``stamps``: ``{field: value}`` written after the move, ``value`` being
      ``"today"``, ``"now"``, ``"user"`` or ``False``;
    * ``after``: names of methods called after the move, for its side effects;
    * ``method``: name of the public method (button, RPC) that runs the move,
      ``action_<name>`` by default; ``False`` for a move that only the
      workflow runs (from another transition's side effects, say).
    """

    __slots__ = ()

    def __new__(
        cls,
        sources,
        target,
        guard=None,
        roles=(),
        groups=(),
        stamps=None,
        after=(),
        method=None,
    ):
        return super().__new__(
            cls,
            _names(sources),
            target,
            guard,
            _names(roles),
            _names(groups),
            dict(stamps or {}),
            _names(after),
            method,
        )

    def extended(self, roles=(), groups=(), stamps=None, after=()):
        """This transition with more roles, groups, stamps or side effects:
        how an inheriting model adds to a transition it received from
        ``super()._workflow_transitions()``."""
        return Transition(
            self.sources,
            self.target,
            self.guard,
            self.roles + _names(roles),
            self.groups + _names(groups),
            dict(self.stamps, **(stamps or {})),
            self.after + _names(after),
            self.method,
        )


def _workflow_action(name, method):
    """The public method running transition ``name``."""

    def action(self):
        return self._workflow_apply(name)

    action.__name__ = action.__qualname__ = method
    action.__doc__ = f"Run the workflow transition {name!r}."
    action._workflow_transition = name
    return action


class HrManagerCommunityWorkflowMixin(models.AbstractModel):
    """Declared state machine shared by every stateful model of the product.

    A model defines its ``state`` selection field, in workflow order, with
    ``group_expand="_workflow_expand_states"`` and returns its table from
    ``_workflow_transitions()``: ``{name: Transition(...)}``. Inheriting
    models extend the table through ``super()``. The mixin provides, from
    the table only:

    * the public ``action_<name>`` methods (or ``Transition.method``), made
      at registry setup unless the model defines the method itself;
    * the role checks, the business guard, the state write (refused outside
      the workflow), the log, the stamps and the side effects of each move;
    * the visibility of the buttons calling those methods in every view
      (``ir.ui.view._postprocess_tag_button``) and, for the portal,
      ``_workflow_allowed_transitions()``.

    For instance, an addon adding a review step::

        @api.model
        def _workflow_transitions(self):
            transitions = super()._workflow_transitions()
            transitions["review"] = Transition(
                ("submitted",), "reviewed", roles="facilitator",
                stamps={"date_reviewed": "today"},
            )
            transitions["close"] = transitions["close"].extended(after="_notify")
            return transitions

    A model adds a role by defining ``_workflow_role_<role>(self)``, which
    returns the records of ``self`` on which the current user holds it, and
    its label in ``_workflow_role_labels()``.
    """

    _name = "hr.manager.community.workflow.mixin"
    _description = "Manager Communities Workflow"

    # Field holding the user who wrote the record (role "author").
    _workflow_author_field = None
    # Field holding the record's community (roles "facilitator", "member").
    _workflow_community_field = None
    # Whether the transition log names the user of each move (False on the
    # confidential models, see models/confidential.py).
    _workflow_log_user = True

    @api.model
    def _workflow_transitions(self):
        """The transition table: ``{name: Transition}``. Override it and
        extend ``super()``'s result to add or change transitions."""
        return {}

    @api.model
    def _workflow_transition(self, name):
        transition = self._workflow_transitions().get(name)
        if transition is None:
            raise UserError(
                _("'%(transition)s' is not a transition of %(model)s.")
                % {"transition": name, "model": self._description}
            )
        return transition

    @api.model
    def _workflow_method_name(self, name, transition):
        """The public method running ``transition``, or False."""
        if transition.method is None:
            return f"action_{name}"
        return transition.method

    @api.model
    def _workflow_initial_state(self):
        return self._fields["state"].get_values(self.env)[0]

    def _workflow_state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env)).get(
            state, state
        )

    # ------------------------------------------------------------ setup

    @api.model
    def _setup_complete(self):
        result = super()._setup_complete()
        table = self._workflow_transitions()
        self._workflow_validate_table(table)
        self._workflow_setup_methods(table)
        return result

    @api.model
    def _workflow_validate_table(self, table):
        """Refuse to load a table that names unknown states, methods, roles
        or fields: a broken table is a programming error."""
        if not table:
            return
        states = set(self._fields["state"].get_values(self.env))
        for name, transition in table.items():
            problems = [
                f"unknown state {state!r}"
                for state in (*transition.sources, transition.target)
                if state not in states
            ]
            problems += [
                f"no method {method!r}"
                for method in (transition.guard, *transition.after)
                if method and not callable(getattr(self, method, None))
            ]
            problems += [
                f"unknown role {role!r}"
                for role in transition.roles
                if not callable(getattr(self, f"_workflow_role_{role}", None))
            ]
            problems += [
                f"cannot stamp {field} with {value!r}"
                for field, value in transition.stamps.items()
                if field not in self._fields or value not in STAMP_VALUES
            ]
            if problems:
                raise ValueError(
                    f"{self._name}: transition {name!r}: {', '.join(problems)}"
                )

    @api.model
    def _workflow_setup_methods(self, table):
        """Give the registry class an ``action_<name>`` method for every
        declared transition the model does not define itself."""
        cls = type(self)
        wanted = {}
        for name, transition in table.items():
            method = self._workflow_method_name(name, transition)
            if not method:
                continue
            owner = next(
                (klass for klass in cls.__mro__[1:] if method in vars(klass)), None
            )
            if owner is None:
                wanted[method] = name
            elif owner.__module__ == models.BaseModel.__module__:
                raise ValueError(
                    f"{self._name}: transition {name!r} would override "
                    f"{owner.__name__}.{method}; declare another method= for it."
                )
            # Otherwise the model defines the method itself, and keeps it.
        # Methods made by an earlier setup for transitions changed since.
        for attr, value in list(vars(cls).items()):
            made_for = getattr(value, "_workflow_transition", None)
            if made_for and wanted.get(attr) != made_for:
                delattr(cls, attr)
        for method, name in wanted.items():
            if method not in vars(cls):
                setattr(cls, method, _workflow_action(name, method))

    # ------------------------------------------------------------ roles

    def _workflow_role_author(self):
        """Records written by the current user."""
        field = self._workflow_author_field
        return self.filtered(lambda record: record[field] == self.env.user)

    def _workflow_role_facilitator(self):
        """Records of a community the current user facilitates."""
        field = self._workflow_community_field
        return self.filtered(
            lambda record: record[field].facilitator_user_id == self.env.user
        )

    def _workflow_role_member(self):
        """Records of a community the current user is an active member of."""
        field = self._workflow_community_field
        communities = (
            self.env["hr.manager.community.member"]
            ._current_user_memberships(self.mapped(field))
            .community_id
        )
        return self.filtered(lambda record: record[field] in communities)

    def _workflow_role_group(self, xmlid):
        return self if self.env.user.has_group(xmlid) else self.browse()

    def _workflow_role_director(self):
        return self._workflow_role_group(ROLE_GROUPS["director"])

    def _workflow_role_officer(self):
        return self._workflow_role_group(ROLE_GROUPS["officer"])

    def _workflow_role_admin(self):
        return self._workflow_role_group(ROLE_GROUPS["admin"])

    @api.model
    def _workflow_role_labels(self):
        """Who holds each role, as the refusal message names them; a model
        adding a role adds its label here."""
        return {
            "author": _("its author"),
            "facilitator": _("the facilitator of the community"),
            "member": _("an active member of the community"),
            "director": _("a director"),
            "officer": _("an HR officer"),
            "admin": _("an administrator of Manager Communities"),
        }

    def _workflow_allowed_records(self, transition):
        """The records of ``self`` whose ``transition`` the current user may
        run, by its roles and groups (the states and the guard aside)."""
        if self.env.su or not (transition.roles or transition.groups):
            return self
        if any(self.env.user.has_group(xmlid) for xmlid in transition.groups):
            return self
        allowed = self.browse()
        for role in transition.roles:
            allowed |= getattr(self - allowed, f"_workflow_role_{role}")()
            if len(allowed) == len(self):
                break
        return allowed

    def _workflow_check_roles(self, transition):
        if self - self._workflow_allowed_records(transition):
            labels = self._workflow_role_labels()
            who = [labels.get(role, role) for role in transition.roles]
            who += [
                # sudo: the group's name only, for the message.
                _("a member of %(group)s", group=self.env.ref(xmlid).sudo().full_name)
                for xmlid in transition.groups
            ]
            anyone = who[0]
            for other in who[1:]:
                anyone = _("%(one)s or %(other)s", one=anyone, other=other)
            raise AccessError(_("Only %(who)s can do this.", who=anyone))

    def _workflow_allowed_transitions(self):
        """Names of the transitions the current user may run on this record
        from its state (by its roles and groups; the guards run on the move).
        """
        self.ensure_one()
        return [
            name
            for name, transition in self._workflow_transitions().items()
            if self.state in transition.sources
            and self._workflow_allowed_records(transition)
        ]

    # --------------------------------------------------------- the move

    def _workflow_check(self, name):
        """Raise unless ``name`` is allowed for every record: a UserError
        from another state or from the guard, an AccessError without the
        role."""
        transition = self._workflow_transition(name)
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
        self._workflow_check_roles(transition)
        if transition.guard:
            getattr(self, transition.guard)()
        return transition

    def _workflow_apply(self, name):
        """Run transition ``name`` on the records, or raise."""
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
        """After the move: the declared stamps, then the side effects."""
        transition = self._workflow_transition(name)
        if transition.stamps:
            values = self._workflow_stamp_values(transition.stamps)
            # sudo: stamped fields are set by the workflow only (readonly or
            # refused to users by write()), once the move was allowed.
            self.sudo().write(values)
        for method in transition.after:
            getattr(self, method)()
        return True

    @api.model
    def _workflow_stamp_values(self, stamps):
        now = {
            "today": lambda: fields.Date.context_today(self),
            "now": fields.Datetime.now,
            "user": lambda: self.env.uid,
        }
        return {
            field: now[value]() if value else False for field, value in stamps.items()
        }

    def _workflow_log(self, name, previous, target):
        # Confidential models (``_workflow_log_user = False``) log no user:
        # neither in ``user_id`` nor as the log's creator, so that nobody can
        # tell who brought, withdrew or moved what.
        user = self.env.uid if self._workflow_log_user else False
        Log = self.env["hr.manager.community.transition.log"]
        if not self._workflow_log_user:
            Log = Log.with_user(SUPERUSER_ID)
        # sudo: the log is technical data written for every user, readable by
        # the system group only; it stores states and ids, never text.
        Log.sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": record.id,
                    "transition": name,
                    "state_from": previous[record.id],
                    "state_to": target,
                    "user_id": user,
                }
                for record in self
            ]
        )

    def _workflow_is_transition(self):
        return self.env.context.get("workflow_marker") is _TRANSITION_MARKER

    # ---------------------------------------------------------- views

    @api.model
    def _workflow_button_invisible(self, method, invisible=None):
        """The ``invisible`` expression of a button calling ``method``: if it
        runs a transition, hidden outside its source states, and under the
        view's own condition (a role, say)."""
        for name, transition in self._workflow_transitions().items():
            if self._workflow_method_name(name, transition) == method:
                condition = f"state not in {list(transition.sources)!r}"
                return f"{condition} or ({invisible})" if invisible else condition
        return invisible

    @api.model
    def _workflow_expand_states(self, states, domain):
        """``group_expand`` of the state field: every state, in the order of
        the selection (the workflow order), empty ones included, except those
        the domain's own conditions on the state exclude."""
        keep = self._fields["state"].get_values(self.env)
        normalized = expression.normalize_domain(domain or [])
        if all(
            item == expression.AND_OPERATOR or isinstance(item, list | tuple)
            for item in normalized
        ):
            for leaf in normalized:
                if not isinstance(leaf, list | tuple) or leaf[0] != "state":
                    continue
                _field, operator, value = leaf
                values = value if isinstance(value, list | tuple) else [value]
                if operator in ("=", "in"):
                    keep = [state for state in keep if state in values]
                elif operator in ("!=", "not in"):
                    keep = [state for state in keep if state not in values]
        return [
            state
            for state in self._fields["state"].get_values(self.env)
            if state in keep or state in states
        ]

    # ------------------------------------------------------------ ORM

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
        "res.users",
        string="By",
        readonly=True,
        ondelete="cascade",
        help="Empty for the confidential models, whose log keeps no user.",
    )
