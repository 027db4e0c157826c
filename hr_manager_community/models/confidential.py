# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confidentiality on the side paths (DESIGN.md section 5).

* ``hr.manager.community.confidential.mixin``: the models holding what is said
  in the group. Their display name shows nothing to a reader who may not read
  the record, even when Odoo computes it with elevated rights (a many2one
  value read through ``read``/``web_read``/``search_read`` of another
  record); x2many commands written with sudo() are refused
  (``_allow_sudo_commands``); their transition log keeps no user.
* followers, notifications and tracking values of the confidential models
  (and of communities and sessions, whose followers tell who is in which
  group) are readable only by those who read the document itself;
* session events name their session (``res_model``/``res_id``), which the
  calendar rules of security/hr_manager_community_confidential_rules.xml use.
"""

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.osv import expression


class HrManagerCommunityConfidentialMixin(models.AbstractModel):
    _name = "hr.manager.community.confidential.mixin"
    _description = "Manager Communities Confidential Record"

    # x2many commands with sudo() on these models are refused (Odoo's flag).
    _allow_sudo_commands = False
    # Followers, notifications and tracking values follow the record's rules.
    _mc_confidential = True
    # The transition log of these models keeps no user.
    _workflow_log_user = False

    def _mc_shown_records(self):
        """Set a neutral display name on the records of ``self`` that the
        current user may not read, and return the others.

        Only sudo() environments need the check: without it, reading the name
        of a record the user may not read raises an AccessError anyway."""
        env = self.env
        if not env.su or env.uid == SUPERUSER_ID or not self:
            return self
        stored = self.browse([rid for rid in self._ids if isinstance(rid, int)])
        readable = stored.with_env(env(su=False))._filtered_access("read")
        hidden_ids = set(stored._ids) - set(readable._ids)
        if not hidden_ids:
            return self
        hidden = self.browse(hidden_ids)
        for record in hidden:
            record.display_name = _("Confidential")
        return self - hidden

    @api.depends_context("uid")
    def _compute_display_name(self):
        shown = self._mc_shown_records()
        return super(HrManagerCommunityConfidentialMixin, shown)._compute_display_name()


class HrManagerCommunitySituation(models.Model):
    _name = "hr.manager.community.situation"
    _inherit = [
        "hr.manager.community.situation",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False
    _workflow_log_user = False


class HrManagerCommunityActionPlan(models.Model):
    _name = "hr.manager.community.action.plan"
    _inherit = [
        "hr.manager.community.action.plan",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False


class HrManagerCommunityAction(models.Model):
    _name = "hr.manager.community.action"
    _inherit = [
        "hr.manager.community.action",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False
    _workflow_log_user = False

    @api.depends_context("uid")
    def _compute_display_name(self):
        shown = self._mc_shown_records()
        return super(HrManagerCommunityAction, shown)._compute_display_name()


class HrManagerCommunityActionProgress(models.Model):
    _name = "hr.manager.community.action.progress"
    _inherit = [
        "hr.manager.community.action.progress",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False

    @api.depends_context("uid")
    def _compute_display_name(self):
        shown = self._mc_shown_records()
        return super(HrManagerCommunityActionProgress, shown)._compute_display_name()


class HrManagerCommunityFeedback(models.Model):
    _name = "hr.manager.community.feedback"
    _inherit = [
        "hr.manager.community.feedback",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False
    # The moves of feedback are the group's, run as OdooBot, by the
    # facilitator or by the directors (never by a member): who ran them stays
    # logged.


class HrManagerCommunityFeedbackVote(models.Model):
    _name = "hr.manager.community.feedback.vote"
    _inherit = [
        "hr.manager.community.feedback.vote",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False


class HrManagerCommunitySessionNote(models.Model):
    _name = "hr.manager.community.session.note"
    _inherit = [
        "hr.manager.community.session.note",
        "hr.manager.community.confidential.mixin",
    ]
    _allow_sudo_commands = False


class HrManagerCommunity(models.Model):
    _inherit = "hr.manager.community"
    # Who follows a community tells who is in it (membership is logistics).
    _mc_confidential = True


# Sessions and memberships are flagged ``_mc_confidential`` where the
# addon already extends them (models/hr_manager_community_action_plan.py).


# ------------------------------------------------------------ messaging


class HrManagerCommunityDocumentGuard(models.AbstractModel):
    """Rows about a document (followers, notifications, tracking values):
    those of a confidential document are read only by its readers."""

    _name = "hr.manager.community.document.guard"
    _description = "Manager Communities Guard of Rows About a Document"

    @api.model
    def _mc_confidential_models(self):
        return self.env["mail.followers"]._mc_confidential_model_names()

    @api.model
    def _mc_hidden_documents_domain(self, model_field, id_field):
        """Domain of the rows whose document (``model_field``, ``id_field``)
        is a confidential record the current user may not read."""
        hidden = []
        for name in self._mc_confidential_models():
            Model = self.env[name].with_env(self.env(su=False))
            if Model.has_access("read"):
                leaf = [
                    (model_field, "=", name),
                    (id_field, "not in", Model._search([])),
                ]
            else:
                leaf = [(model_field, "=", name)]
            hidden = expression.OR([hidden, leaf]) if hidden else leaf
        return hidden

    @api.model
    def _mc_readable_domain(self):
        raise NotImplementedError

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain or [], self._mc_readable_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or result or not self or operation == "create":
            return result
        ids = [rid for rid in self._ids if isinstance(rid, int)]
        allowed = set(self.browse(ids)._search([("id", "in", ids)]).get_result_ids())
        forbidden = self.browse([rid for rid in ids if rid not in allowed])
        if not forbidden:
            return None
        return forbidden, lambda: forbidden._make_access_error(operation)


class MailFollowers(models.Model):
    _name = "mail.followers"
    _inherit = ["mail.followers", "hr.manager.community.document.guard"]

    @api.model
    @tools.ormcache()
    def _mc_confidential_model_names(self):
        return tuple(
            sorted(
                name
                for name, model in self.env.registry.items()
                if getattr(model, "_mc_confidential", False) and not model._abstract
            )
        )

    @api.model
    def _mc_readable_domain(self):
        hidden = self._mc_hidden_documents_domain("res_model", "res_id")
        return ["!", *hidden] if hidden else []


class MailMessageRowGuard(models.AbstractModel):
    """Notifications and tracking values: by their message's document."""

    _name = "hr.manager.community.message.guard"
    _inherit = "hr.manager.community.document.guard"
    _description = "Manager Communities Guard of Rows About a Message"

    @api.model
    def _mc_readable_domain(self):
        hidden = self._mc_hidden_documents_domain("model", "res_id")
        if not hidden:
            return []
        # The subquery of _mc_hidden_documents_domain applies the user's rules.
        # sudo: only the ids of messages on documents the user may not read
        messages = self.env["mail.message"].sudo()._search(hidden)
        return [("mail_message_id", "not in", messages)]


class MailNotification(models.Model):
    _name = "mail.notification"
    _inherit = ["mail.notification", "hr.manager.community.message.guard"]


class MailTrackingValue(models.Model):
    _name = "mail.tracking.value"
    _inherit = ["mail.tracking.value", "hr.manager.community.message.guard"]
