# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kanban and list columns by status: every stateful model of the product
groups by state in workflow order (the order of its selection), with its
empty columns shown, whichever addon declares it."""

from lxml import etree

from odoo.tests.common import tagged

from .common import ManagerCommunityCase

MIXIN = "hr.manager.community.workflow.mixin"
# Stateful models that are not grouped by state, and why.
NOT_GROUPED = {
    # A member's answer to an invitation, edited inline in the session form.
    "hr.manager.community.attendance": "edited inline, never grouped",
}


@tagged("post_install", "-at_install")
class TestWorkflowColumns(ManagerCommunityCase):
    def _stateful_models(self):
        """Product models (hr.manager.*) with a ``state`` selection field."""
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("hr.manager.")
            and not model._abstract
            and not model._transient
            and model._fields.get("state") is not None
            and model._fields["state"].type == "selection"
            and model._fields["state"].store
        )

    def test_every_workflow_model_uses_the_mixin_expand(self):
        workflow_models = [
            name
            for name in self._stateful_models()
            if isinstance(self.env[name], self.env.registry[MIXIN])
        ]
        self.assertIn("hr.manager.community.session", workflow_models)
        self.assertIn("hr.manager.community.situation", workflow_models)
        for name in workflow_models:
            with self.subTest(model=name):
                field = self.env[name]._fields["state"]
                self.assertEqual(field.group_expand, "_workflow_expand_states")

    def test_columns_in_workflow_order_with_empty_ones(self):
        checked = []
        for name in self._stateful_models():
            if name in NOT_GROUPED:
                continue
            Model = self.env[name]
            with self.subTest(model=name):
                self.assertTrue(
                    Model._fields["state"].group_expand,
                    f"{name}: its state columns do not show when empty",
                )
                states = [key for key, _label in Model._fields["state"].selection]
                # No record at all: every column still shows, in order.
                groups = Model.read_group([("id", "=", 0)], ["state"], ["state"])
                self.assertEqual([group["state"] for group in groups], states)
                self.assertFalse(sum(group["state_count"] for group in groups))
                checked.append(name)
        # The core's models, and those of the addons installed beside it.
        for name in (
            "hr.manager.community",
            "hr.manager.community.member",
            "hr.manager.community.session",
            "hr.manager.community.situation",
            "hr.manager.community.action",
            "hr.manager.community.feedback",
        ):
            self.assertIn(name, checked)

    def test_a_state_filter_keeps_its_own_columns(self):
        Session = self.env["hr.manager.community.session"]
        groups = Session.read_group(
            [("state", "in", ("scheduled", "done"))], ["state"], ["state"]
        )
        self.assertEqual([group["state"] for group in groups], ["scheduled", "done"])

    def test_kanban_views_group_by_state(self):
        """Each kanban view of these models that groups by default groups by
        state, so its columns are the workflow's."""
        for name in self._stateful_models():
            if name in NOT_GROUPED:
                continue
            views = self.env["ir.ui.view"].search(
                [
                    ("model", "=", name),
                    ("type", "=", "kanban"),
                    ("mode", "=", "primary"),
                ]
            )
            for view in views:
                arch = etree.fromstring(self.env[name].get_view(view.id)["arch"])
                group_by = arch.get("default_group_by")
                if group_by:
                    with self.subTest(model=name, view=view.name):
                        self.assertEqual(group_by, "state")
