# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class HrPsychosocialFactor(models.Model):
    """Psychosocial risk factor, in one of several reference frameworks.

    The taxonomy holds one tree per framework:

    * ``gollac``: the six families of the Gollac report (France, 2011);
    * ``inrs``: the criteria assessed with the INRS tool RPS-DU, grouped
      under six top-level families that mirror the six Gollac axes;
    * ``hse``: the six UK HSE Management Standards;
    * ``iso45003``: the psychosocial hazards listed by ISO 45003, clause
      6.1.2.1, grouped under its three headings.

    Design decision: a parent always belongs to the same framework as its
    children (checked by a constraint). The INRS criteria therefore do not
    hang below the Gollac records: they form their own ``inrs`` tree, whose
    families mirror the Gollac axes, and each INRS family is linked to the
    matching Gollac family by the crosswalk. A factor's framework is thus
    never ambiguous, and a tree can be read, filtered and reported on its
    own.

    The crosswalk (``equivalent_ids``) links equivalent factors of different
    frameworks. It is symmetric: the relation table holds both directions,
    and ``create``/``write`` mirror every link added or removed, so that
    linking A to B also shows A among B's equivalents (and unlinking
    removes both rows). Deleting a factor removes both rows through the
    foreign keys' ``ON DELETE CASCADE``.

    ``direction`` tells how the factor acts on the risk: a *constraint*
    increases it, a *resource* protects against it.
    """

    _name = "hr.psychosocial.factor"
    _description = "Psychosocial Risk Factor"
    _parent_store = True
    _order = "framework, sequence, code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Reference of the factor in its framework, e.g. GOLLAC-1, INRS-1.2, "
        "HSE-DEMANDS. Unique within a framework.",
    )
    framework = fields.Selection(
        selection=[
            ("gollac", "Gollac report (France)"),
            ("inrs", "INRS RPS-DU criteria"),
            ("hse", "UK HSE Management Standards"),
            ("iso45003", "ISO 45003"),
        ],
        required=True,
        index=True,
    )
    parent_id = fields.Many2one(
        comodel_name="hr.psychosocial.factor",
        string="Parent Factor",
        ondelete="restrict",
        index=True,
        domain="[('framework', '=', framework), ('id', '!=', id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        comodel_name="hr.psychosocial.factor",
        inverse_name="parent_id",
        string="Sub-factors",
    )
    complete_name = fields.Char(
        compute="_compute_complete_name",
        recursive=True,
        store=True,
    )
    direction = fields.Selection(
        selection=[
            ("constraint", "Constraint"),
            ("resource", "Resource"),
        ],
        help="A constraint increases the psychosocial risk; "
        "a resource protects against it.",
    )
    description = fields.Text(translate=True)
    equivalent_ids = fields.Many2many(
        comodel_name="hr.psychosocial.factor",
        relation="hr_psychosocial_factor_crosswalk_rel",
        column1="factor_id",
        column2="equivalent_id",
        string="Equivalent Factors",
        copy=False,
        domain="[('framework', '!=', framework)]",
        help="Equivalent factors in the other frameworks (crosswalk). "
        "The link is symmetric: it shows on both factors.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_framework_uniq",
            "unique(framework, code)",
            "The code of a psychosocial risk factor must be unique within "
            "its framework.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for factor in self:
            if factor.parent_id:
                factor.complete_name = (
                    f"{factor.parent_id.complete_name} / {factor.name}"
                )
            else:
                factor.complete_name = factor.name

    @api.depends("code", "name")
    def _compute_display_name(self):
        for factor in self:
            if factor.code:
                factor.display_name = f"[{factor.code}] {factor.name or ''}"
            else:
                factor.display_name = factor.name or ""

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("You cannot create recursive psychosocial risk factors.")
            )

    @api.constrains("parent_id", "framework")
    def _check_parent_framework(self):
        for factor in self:
            parent = factor.parent_id
            if parent and parent.framework != factor.framework:
                raise ValidationError(
                    self.env._(
                        "The factor %(factor)s belongs to the framework "
                        "%(framework)s, but its parent %(parent)s belongs to "
                        "%(parent_framework)s. A factor and its parent must "
                        "belong to the same framework.",
                        factor=factor.display_name,
                        framework=factor._framework_label(),
                        parent=parent.display_name,
                        parent_framework=parent._framework_label(),
                    )
                )
            children = factor.with_context(active_test=False).child_ids
            wrong_children = children.filtered(
                lambda child, factor=factor: child.framework != factor.framework
            )
            if wrong_children:
                raise ValidationError(
                    self.env._(
                        "The factor %(factor)s cannot belong to the framework "
                        "%(framework)s while its sub-factors %(children)s "
                        "belong to another one. A factor and its parent must "
                        "belong to the same framework.",
                        factor=factor.display_name,
                        framework=factor._framework_label(),
                        children=", ".join(wrong_children.mapped("display_name")),
                    )
                )

    @api.constrains("equivalent_ids", "framework")
    def _check_equivalent_ids(self):
        for factor in self:
            equivalents = factor.with_context(active_test=False).equivalent_ids
            same = equivalents.filtered(
                lambda other, factor=factor: other.framework == factor.framework
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "The crosswalk links factors of different frameworks: "
                        "%(factor)s cannot be equivalent to %(others)s, "
                        "which belong to the same framework.",
                        factor=factor.display_name,
                        others=", ".join(same.mapped("display_name")),
                    )
                )

    def _framework_label(self):
        self.ensure_one()
        return dict(self._fields["framework"]._description_selection(self.env)).get(
            self.framework, self.framework or ""
        )

    @api.model
    def _grouped_by_framework(self):
        """The factors the user may choose (forms), as {framework label:
        [factors]} in the taxonomy's order."""
        frameworks = dict(self._fields["framework"]._description_selection(self.env))
        groups = {}
        for factor in self.search([]):
            groups.setdefault(frameworks.get(factor.framework), []).append(factor)
        return groups

    @api.onchange("parent_id")
    def _onchange_parent_id(self):
        if self.parent_id:
            self.framework = self.parent_id.framework

    # ------------------------------------------------------------------
    # Symmetric crosswalk
    # ------------------------------------------------------------------

    def _get_crosswalk_map(self):
        """Return {factor id: set of equivalent ids}, archived ones included.

        Read from the relation table: after a write, the ORM cache of a
        many2many may hold only the active records, and an archived
        equivalent must not be mistaken for a removed one.
        """
        self.flush_model(["equivalent_ids"])
        result = {factor_id: set() for factor_id in self.ids}
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT factor_id, equivalent_id"
                    " FROM hr_psychosocial_factor_crosswalk_rel"
                    " WHERE factor_id = ANY(%s)",
                    self.ids,
                )
            )
            for factor_id, equivalent_id in self.env.cr.fetchall():
                result[factor_id].add(equivalent_id)
        return result

    def _sync_crosswalk(self, before=None):
        """Mirror on the other side every crosswalk link added or removed.

        ``before`` maps the ids of ``self`` to their equivalent ids before the
        change (empty for new records).
        """
        before = before or {}
        after = self._get_crosswalk_map()
        commands = {}
        for factor_id, new_ids in after.items():
            old_ids = before.get(factor_id, set())
            for other_id in new_ids - old_ids:
                commands.setdefault(other_id, []).append(Command.link(factor_id))
            for other_id in old_ids - new_ids:
                commands.setdefault(other_id, []).append(Command.unlink(factor_id))
        mirror = self.with_context(hr_psychosocial_factor_crosswalk_sync=True)
        for other_id, other_commands in commands.items():
            mirror.browse(other_id).write({"equivalent_ids": other_commands})
        if commands:
            self.invalidate_model(["equivalent_ids"])

    @api.model_create_multi
    def create(self, vals_list):
        factors = super().create(vals_list)
        if not self.env.context.get("hr_psychosocial_factor_crosswalk_sync") and any(
            "equivalent_ids" in vals for vals in vals_list
        ):
            factors._sync_crosswalk()
        return factors

    def write(self, vals):
        if "equivalent_ids" not in vals or self.env.context.get(
            "hr_psychosocial_factor_crosswalk_sync"
        ):
            return super().write(vals)
        before = self._get_crosswalk_map()
        res = super().write(vals)
        self._sync_crosswalk(before)
        return res

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        if "code" not in default:
            for factor, vals in zip(self, vals_list, strict=True):
                vals["code"] = self.env._("%s (copy)", factor.code)
        return vals_list
