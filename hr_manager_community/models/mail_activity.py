# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # A bare id, not a Many2one: whoever reads a review activity (on an
    # employee or an appraisal) learns nothing about the action through it.
    hr_manager_community_action_ref = fields.Integer(
        string="Community Action Reference",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Technical: the personal action this review activity comes from.",
    )

    @api.model
    def _mc_create_per_record(self, vals_list):
        """Create activities so that no record gets two activities of one
        assignee in the same ``create``.

        ``mail.activity.create`` subscribes each assignee to the records of
        its activities in one batch per user; a record listed twice in that
        batch (two actions of one author brought to one review) inserts the
        same follower twice and fails on mail_followers' unique constraint.
        Creating in rounds, the n-th activity of each (record, assignee) in
        the n-th round, keeps one create per round: the later rounds find
        the follower already there.
        """
        rounds = []
        seen = defaultdict(int)
        for vals in vals_list:
            key = (vals.get("res_model_id"), vals.get("res_id"), vals.get("user_id"))
            index = seen[key]
            seen[key] += 1
            if index == len(rounds):
                rounds.append([])
            rounds[index].append(vals)
        activities = self.browse()
        for batch in rounds:
            activities |= self.create(batch)
        return activities
