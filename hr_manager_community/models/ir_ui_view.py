# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def _postprocess_tag_button(self, node, name_manager, node_info):
        """A button running a workflow transition is shown in the transition's
        source states only: its condition comes from the model's table
        (``_workflow_button_invisible``), in every view and sub-view."""
        postprocess = getattr(super(), "_postprocess_tag_button", None)
        result = postprocess(node, name_manager, node_info) if postprocess else None
        model = name_manager.model
        if node.get("type") == "object" and hasattr(
            model, "_workflow_button_invisible"
        ):
            invisible = model._workflow_button_invisible(
                node.get("name"), node.get("invisible")
            )
            if invisible:
                node.set("invisible", invisible)
        return result
