# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo_test_helper import FakeModelLoader

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, tagged

from ..models.workflow_mixin import _TRANSITION_MARKER


class WorkflowTableMixin:
    """Walk a declared transition table: every transition must work from each
    allowed state and fail from every other state.

    ``_walk_table(model, make_record)``: ``make_record(state)`` returns a record
    of ``model`` in ``state`` whose guards pass; ``env`` is the acting env.
    """

    def _walk_table(self, model, make_record, skip=()):
        states = [key for key, _label in model._fields["state"].selection]
        self.assertTrue(model._workflow_transitions, "the model declares no transition")
        walked = 0
        for name, transition in model._workflow_transitions.items():
            if name in skip:
                continue
            self.assertIn(transition.target, states, f"{name}: unknown target")
            for state in states:
                record = make_record(state)
                self.assertEqual(record.state, state)
                with self.subTest(transition=name, state=state):
                    if state in transition.sources:
                        record._workflow_apply(name)
                        self.assertEqual(record.state, transition.target)
                        log = self.env["hr.manager.community.transition.log"].search(
                            [
                                ("res_model", "=", model._name),
                                ("res_id", "=", record.id),
                                ("transition", "=", name),
                            ]
                        )
                        self.assertEqual(len(log), 1)
                        self.assertEqual(
                            (log.state_from, log.state_to), (state, transition.target)
                        )
                    else:
                        with self.assertRaises(UserError):
                            record._workflow_apply(name)
                        self.assertEqual(record.state, state)
                    walked += 1
        self.assertEqual(
            walked,
            len(states) * (len(model._workflow_transitions) - len(skip)),
        )


@tagged("post_install", "-at_install")
class TestWorkflowMixin(WorkflowTableMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .workflow_test_models import HrManagerCommunityWorkflowTester

        cls.loader.update_registry((HrManagerCommunityWorkflowTester,))
        cls.Tester = cls.env["hr.manager.community.workflow.tester"]

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _make(self, state="new", **values):
        record = self.Tester.create(
            dict({"name": "T", "secret": "CONFIDENTIAL"}, **values)
        )
        if state != "new":
            record.with_context(workflow_marker=_TRANSITION_MARKER).write(
                {"state": state}
            )
        return record

    def test_walk_table(self):
        self._walk_table(self.Tester, self._make)

    def test_guard_refuses(self):
        record = self._make("open", allow_approval=False)
        with self.assertRaisesRegex(UserError, "Approval is not allowed"):
            record._workflow_apply("approve")
        self.assertEqual(record.state, "open")
        self.assertFalse(
            self.env["hr.manager.community.transition.log"].search(
                [("res_model", "=", self.Tester._name), ("res_id", "=", record.id)]
            )
        )

    def test_unknown_transition(self):
        with self.assertRaisesRegex(UserError, "not a transition"):
            self._make()._workflow_apply("teleport")

    def test_batch_is_all_or_nothing(self):
        records = self._make("new") | self._make("approved")
        with self.assertRaises(UserError):
            records._workflow_apply("open")
        self.assertEqual(records.mapped("state"), ["new", "approved"])

    def test_write_state_refused_outside_table(self):
        record = self._make()
        with self.assertRaisesRegex(UserError, "changes only through its workflow"):
            record.write({"state": "approved"})
        # A forged context value from RPC is a plain value, never the marker.
        with self.assertRaises(UserError):
            record.with_context(workflow_marker=True).write({"state": "approved"})
        with self.assertRaises(UserError):
            record.with_context(workflow_marker="1").write({"state": "approved"})
        # Writing the current state (a form save) is harmless.
        record.write({"state": "new", "name": "Renamed"})
        self.assertEqual((record.state, record.name), ("new", "Renamed"))

    def test_create_in_other_state_refused(self):
        with self.assertRaisesRegex(UserError, "starts as"):
            self.Tester.create({"name": "T", "state": "approved"})
        self.assertEqual(self.Tester.create({"name": "T", "state": "new"}).state, "new")

    def test_log_copies_no_text(self):
        record = self._make()
        record._workflow_apply("open")
        log = self.env["hr.manager.community.transition.log"].search(
            [("res_model", "=", self.Tester._name), ("res_id", "=", record.id)]
        )
        self.assertEqual(log.user_id, self.env.user)
        values = " ".join(
            str(value) for value in log.read()[0].values() if value is not None
        )
        self.assertNotIn("CONFIDENTIAL", values)
        self.assertEqual(log.transition, "open")

    def test_transition_names_for_buttons(self):
        record = self._make("open")
        self.assertEqual(
            sorted(record.workflow_transition_names.split()), ["approve", "reject"]
        )
        record._workflow_apply("reject")
        self.assertEqual(record.workflow_transition_names, "reopen")

    def test_log_readable_by_system_only(self):
        record = self._make()
        record._workflow_apply("open")
        Log = self.env["hr.manager.community.transition.log"]
        user = self.env["res.users"].create(
            {
                "name": "Plain",
                "login": "plain_wf",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        self.assertFalse(Log.with_user(user).has_access("read"))
