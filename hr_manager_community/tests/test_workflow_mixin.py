# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree
from odoo_test_helper import FakeModelLoader

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.workflow_mixin import _TRANSITION_MARKER, Transition
from .common import ManagerCommunityCase


class WorkflowTableMixin:
    """Walk a declared transition table: every transition must work from each
    allowed state and fail from every other state, write its stamps, and be
    refused to a user without its roles.

    ``_walk_table(model, make_record, roles=..., outsider=...)``:
    ``make_record(state)`` returns a record of ``model`` in ``state`` whose
    guards pass, in the acting env. When the table declares roles or groups,
    ``roles`` maps each of them (role name or group xmlid) to a user holding
    it for the records ``make_record`` returns, and ``outsider`` is a user
    holding none of them: the outsider is refused every such transition
    (AccessError), each holder is allowed it.
    """

    def _walk_table(self, model, make_record, skip=(), roles=None, outsider=None):
        states = [key for key, _label in model._fields["state"].selection]
        table = model._workflow_transitions()
        self.assertTrue(table, "the model declares no transition")
        walked = 0
        for name, transition in table.items():
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
                        self._assert_stamps(record, transition)
                    else:
                        with self.assertRaises(UserError):
                            record._workflow_apply(name)
                        self.assertEqual(record.state, state)
                    walked += 1
        self.assertEqual(walked, len(states) * (len(table) - len(skip)))
        self._walk_roles(table, make_record, skip, roles or {}, outsider)

    def _assert_stamps(self, record, transition):
        for field, value in transition.stamps.items():
            stamped = record[field]
            if value == "today":
                self.assertEqual(stamped, fields.Date.context_today(record), field)
            elif value == "user":
                self.assertEqual(stamped, record.env.user, field)
            elif value == "now":
                self.assertTrue(stamped, field)
            else:
                self.assertFalse(stamped, field)

    def _walk_roles(self, table, make_record, skip, roles, outsider):
        guarded = {
            name: transition
            for name, transition in table.items()
            if name not in skip and (transition.roles or transition.groups)
        }
        if not guarded:
            return
        self.assertTrue(outsider, "a table with roles is walked with an outsider")
        checked = 0
        for name, transition in guarded.items():
            holders = [*transition.roles, *transition.groups]
            missing = [holder for holder in holders if holder not in roles]
            self.assertFalse(missing, f"{name}: no user given for {missing}")
            record = make_record(transition.sources[0])
            with self.subTest(transition=name, user=outsider.login):
                with self.assertRaises(AccessError):
                    record.with_user(outsider)._workflow_check_roles(transition)
            for holder in holders:
                with self.subTest(transition=name, role=holder):
                    as_holder = record.with_user(roles[holder])
                    as_holder._workflow_check_roles(transition)
                    self.assertIn(name, as_holder._workflow_allowed_transitions())
                    checked += 1
        self.assertTrue(checked)


class WorkflowTesterCase(ManagerCommunityCase):
    """The tester model (tests/workflow_test_models.py) in the registry, with
    access for every internal user, and people holding each of its roles."""

    _tester_classes = ("HrManagerCommunityWorkflowTester",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from . import workflow_test_models

        cls.loader.update_registry(
            tuple(getattr(workflow_test_models, name) for name in cls._tester_classes)
        )
        cls.Tester = cls.env["hr.manager.community.workflow.tester"]
        cls.env["ir.model.access"].create(
            {
                "name": "workflow tester",
                "model_id": cls.env["ir.model"]._get_id(cls.Tester._name),
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        cls.author = cls.member_users[0]
        cls.member = cls.member_users[1]
        cls.reviewer = cls.hr_manager
        cls.system_user = new_test_user(
            cls.env, "mc_system", groups="base.group_user,base.group_system"
        )
        cls.roles = {
            "author": cls.author,
            "facilitator": cls.facilitator,
            "member": cls.member,
            "director": cls.director,
            "reviewer": cls.reviewer,
            "base.group_system": cls.system_user,
        }

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _make(self, state="new", **values):
        record = self.Tester.create(
            dict(
                {
                    "name": "T",
                    "secret": "CONFIDENTIAL",
                    "author_user_id": self.author.id,
                    "reviewer_user_id": self.reviewer.id,
                    "community_id": self.community.id,
                },
                **values,
            )
        )
        if state != "new":
            record.with_context(workflow_marker=_TRANSITION_MARKER).write(
                {"state": state}
            )
        return record

    def _logs(self, record):
        return self.env["hr.manager.community.transition.log"].search(
            [("res_model", "=", self.Tester._name), ("res_id", "=", record.id)]
        )


@tagged("post_install", "-at_install")
class TestWorkflowMixin(WorkflowTableMixin, WorkflowTesterCase):
    def test_walk_table(self):
        self._walk_table(
            self.Tester, self._make, roles=self.roles, outsider=self.officer
        )

    def test_guard_refuses(self):
        record = self._make("open", allow_approval=False)
        with self.assertRaisesRegex(UserError, "Approval is not allowed"):
            record._workflow_apply("approve")
        self.assertEqual(record.state, "open")
        self.assertFalse(self._logs(record))

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
        log = self._logs(record)
        self.assertEqual(log.user_id, self.env.user)
        values = " ".join(
            str(value) for value in log.read()[0].values() if value is not None
        )
        self.assertNotIn("CONFIDENTIAL", values)
        self.assertEqual(log.transition, "open")

    def test_transition_names_for_buttons(self):
        record = self._make("open")
        self.assertEqual(
            sorted(record._workflow_allowed_transitions()), ["approve", "reject"]
        )
        record._workflow_apply("reject")
        self.assertEqual(record._workflow_allowed_transitions(), ["reopen"])

    def test_allowed_transitions_follow_roles(self):
        record = self._make("open")
        self.assertEqual(
            record.with_user(self.officer)._workflow_allowed_transitions(), []
        )
        self.assertEqual(
            record.with_user(self.reviewer)._workflow_allowed_transitions(), ["approve"]
        )
        self.assertEqual(
            record.with_user(self.facilitator)._workflow_allowed_transitions(),
            ["reject"],
        )

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

    # ------------------------------------------------------------ roles

    def test_role_refused_then_allowed(self):
        record = self._make("open")
        with self.assertRaisesRegex(
            AccessError, r"^Only a director or its reviewer can do this\.$"
        ):
            record.with_user(self.officer).action_approve()
        self.assertEqual(record.state, "open")
        self.assertFalse(record.date_approved)
        self.assertFalse(self._logs(record))
        record.with_user(self.reviewer).action_approve()
        self.assertEqual(record.state, "approved")
        self.assertEqual(self._logs(record).user_id, self.reviewer)
        director_record = self._make("open")
        director_record.with_user(self.director).action_approve()
        self.assertEqual(director_record.state, "approved")

    def test_roles_read_the_record(self):
        # author and facilitator of the record's community may reject, an
        # active member of that community may not.
        for user in (self.author, self.facilitator):
            record = self._make("new")
            record.with_user(user).action_reject()
            self.assertEqual(record.state, "rejected")
        record = self._make("new")
        with self.assertRaisesRegex(
            AccessError, "its author or the facilitator of the community"
        ):
            record.with_user(self.member).action_reject()
        # The facilitator of another community is no facilitator here.
        with self.assertRaises(AccessError):
            record.with_user(self.facilitator_other).action_reject()
        self.assertEqual(record.state, "new")

    def test_member_role_or_group(self):
        record = self._make("rejected")
        with self.assertRaisesRegex(AccessError, "an active member of the community"):
            record.with_user(self.officer).action_start_over()
        # A member who left is no member any more.
        leaving = self._member_of(self.member)
        leaving.action_leave()
        with self.assertRaises(AccessError):
            record.with_user(self.member).action_start_over()
        leaving.action_reinvite()
        leaving.action_activate()
        record.with_user(self.member).action_start_over()
        self.assertEqual(record.state, "new")
        # Or a member of the group, without the role.
        record = self._make("approved")
        record.with_user(self.system_user).action_start_over()
        self.assertEqual(record.state, "new")

    def test_superuser_bypasses_roles(self):
        record = self._make("open", reviewer_user_id=False)
        record.with_user(self.officer).sudo()._workflow_apply("approve")
        self.assertEqual(record.state, "approved")

    def test_batch_role_is_checked_on_every_record(self):
        mine = self._make("new")
        other = self._make("new", author_user_id=self.member.id)
        with self.assertRaises(AccessError):
            (mine | other).with_user(self.author).action_reject()
        self.assertEqual((mine | other).mapped("state"), ["new", "new"])

    # ----------------------------------------------------------- stamps

    def test_stamps(self):
        record = self._make()
        record.with_user(self.author).action_open()
        self.assertEqual(record.date_opened, fields.Date.context_today(record))
        self.assertEqual(record.opened_by_id, self.author)
        record.with_user(self.reviewer).action_approve()
        self.assertTrue(record.date_approved)
        record.with_user(self.member).action_start_over()
        self.assertFalse(record.date_opened)
        self.assertFalse(record.opened_by_id)
        self.assertTrue(record.date_approved, "not declared, not cleared")

    def test_stamps_not_written_when_refused(self):
        record = self._make("open", allow_approval=False)
        with self.assertRaises(UserError):
            record.with_user(self.reviewer).action_approve()
        self.assertFalse(record.date_approved)

    # ---------------------------------------------------------- methods

    def test_action_methods_from_the_table(self):
        Tester = type(self.Tester)
        for name, method in (
            ("open", "action_open"),
            ("approve", "action_approve"),
            ("reject", "action_reject"),
            ("reopen", "action_start_over"),
        ):
            self.assertEqual(getattr(Tester, method)._workflow_transition, name)
        self.assertFalse(hasattr(Tester, "action_reopen"))
        # Odoo's own action_archive is left alone.
        self.assertFalse(hasattr(Tester.action_archive, "_workflow_transition"))
        record = self._make()
        self.assertTrue(record.action_open())
        self.assertEqual(record.state, "open")

    def test_table_is_validated(self):
        Tester = self.Tester
        bad_tables = {
            "unknown state": Transition(("nowhere",), "new"),
            "no method": Transition(("new",), "open", "_guard_missing"),
            "unknown role": Transition(("new",), "open", roles="astronaut"),
            "cannot stamp": Transition(("new",), "open", stamps={"name": "tomorrow"}),
        }
        for problem, transition in bad_tables.items():
            with self.subTest(problem=problem):
                with self.assertRaisesRegex(ValueError, problem):
                    Tester._workflow_validate_table({"bad": transition})
        with self.assertRaisesRegex(ValueError, "action_archive"):
            Tester._workflow_setup_methods({"archive": Transition(("new",), "open")})
        self.assertTrue(hasattr(type(Tester), "action_open"), "nothing was removed")

    def test_transition_extended(self):
        base = Transition(
            "new", "open", roles="author", stamps={"date_opened": "today"}
        )
        self.assertEqual(base.sources, ("new",))
        extended = base.extended(
            roles=("member",), stamps={"opened_by_id": "user"}, after="_x"
        )
        self.assertEqual(extended.roles, ("author", "member"))
        self.assertEqual(
            extended.stamps, {"date_opened": "today", "opened_by_id": "user"}
        )
        self.assertEqual(extended.after, ("_x",))
        self.assertEqual(base.stamps, {"date_opened": "today"}, "base unchanged")

    # ------------------------------------------------------------ views

    def test_buttons_hidden_outside_source_states(self):
        view = self.env["ir.ui.view"].create(
            {
                "name": "workflow tester form",
                "model": self.Tester._name,
                "type": "form",
                "arch": """
                    <form>
                        <header>
                            <button name="action_approve" type="object"
                                    invisible="not allow_approval"/>
                            <button name="action_start_over" type="object"/>
                            <button name="action_open" type="object" string="Open"/>
                        </header>
                        <field name="name"/>
                        <field name="allow_approval"/>
                    </form>
                """,
            }
        )
        arch = etree.fromstring(self.Tester.get_view(view.id)["arch"])
        invisible = {
            button.get("name"): button.get("invisible")
            for button in arch.iter("button")
        }
        self.assertEqual(
            invisible,
            {
                "action_approve": "state not in ['open'] or (not allow_approval)",
                "action_start_over": "state not in ['approved', 'rejected']",
                "action_open": "state not in ['new']",
            },
        )
        # The state the conditions read is in the view.
        self.assertTrue(arch.xpath("//field[@name='state']"))
        self.assertEqual(
            self.Tester._workflow_button_invisible("action_view_x", "not id"),
            "not id",
        )

    def test_group_by_state_in_workflow_order(self):
        self._make("open")
        groups = self.Tester.read_group([], ["state"], ["state"])
        self.assertEqual(
            [group["state"] for group in groups],
            ["new", "open", "approved", "rejected"],
        )
        self.assertEqual([group["state_count"] for group in groups], [0, 1, 0, 0])
        for domain, states in (
            ([("state", "in", ("open", "rejected"))], ["open", "rejected"]),
            (
                [("state", "!=", "new"), ("name", "=", "T")],
                ["open", "approved", "rejected"],
            ),
            ([("state", "=", "approved")], ["approved"]),
            (
                ["|", ("state", "=", "approved"), ("name", "=", "T")],
                ["new", "open", "approved", "rejected"],
            ),
        ):
            with self.subTest(domain=domain):
                groups = self.Tester.read_group(domain, ["state"], ["state"])
                self.assertEqual([group["state"] for group in groups], states)


@tagged("post_install", "-at_install")
class TestWorkflowInheritance(WorkflowTableMixin, WorkflowTesterCase):
    """An inheriting model extends the table through super()."""

    _tester_classes = (
        "HrManagerCommunityWorkflowTester",
        "HrManagerCommunityWorkflowTesterExtension",
    )

    def test_walk_extended_table(self):
        self.assertEqual(
            list(self.Tester._workflow_transitions()),
            ["open", "approve", "reject", "reopen", "archive"],
        )
        self._walk_table(
            self.Tester, self._make, roles=self.roles, outsider=self.officer
        )

    def test_added_transition(self):
        record = self._make("rejected")
        with self.assertRaises(AccessError):
            record.with_user(self.member).action_archive_tester()
        record.with_user(self.author).action_archive_tester()
        self.assertEqual(record.state, "archived")
        self.assertEqual(record.date_archived, fields.Date.context_today(record))
        self.assertEqual(self._logs(record).state_to, "archived")
        self.assertEqual(record._workflow_allowed_transitions(), [])
        groups = self.Tester.read_group([], ["state"], ["state"])
        self.assertEqual(
            [group["state"] for group in groups],
            ["new", "open", "approved", "rejected", "archived"],
        )

    def test_extended_transition_keeps_its_own(self):
        record = self._make("open")
        record.with_user(self.author).action_reject()
        self.assertEqual(record.state, "rejected")
        self.assertEqual(record.rejection_count, 1)
        with self.assertRaisesRegex(AccessError, "its author or the facilitator"):
            self._make("new").with_user(self.member).action_reject()


@tagged("post_install", "-at_install")
class TestWorkflowTables(TransactionCase):
    """Every stateful model of the installed addons, found in the registry:
    its table, its state field and its views."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stateful = {
            name: cls.env[name]
            for name in sorted(cls.env.registry)
            if not cls.env[name]._abstract
            and hasattr(cls.env[name], "_workflow_transitions")
            and cls.env[name]._workflow_transitions()
        }

    def test_product_models_are_stateful(self):
        self.assertLessEqual(
            {
                "hr.manager.community",
                "hr.manager.community.member",
                "hr.manager.community.session",
                "hr.manager.community.situation",
                "hr.manager.community.feedback",
                "hr.manager.community.action",
            },
            set(self.stateful),
        )

    def test_tables_reach_every_state(self):
        for name, model in self.stateful.items():
            with self.subTest(model=name):
                states = model._fields["state"].get_values(self.env)
                initial = model._workflow_initial_state()
                self.assertEqual(initial, states[0])
                self.assertEqual(model.default_get(["state"])["state"], initial)
                table = model._workflow_transitions()
                reached, todo = {initial}, [initial]
                while todo:
                    state = todo.pop()
                    for transition in table.values():
                        if state in transition.sources and (
                            transition.target not in reached
                        ):
                            reached.add(transition.target)
                            todo.append(transition.target)
                self.assertEqual(reached, set(states))

    def test_group_by_state_in_workflow_order(self):
        for name, model in self.stateful.items():
            with self.subTest(model=name):
                field = model._fields["state"]
                self.assertEqual(field.group_expand, "_workflow_expand_states")
                groups = model.read_group([], ["state"], ["state"])
                self.assertEqual(
                    [group["state"] for group in groups], field.get_values(self.env)
                )
                self.assertEqual(
                    sum(group["state_count"] for group in groups),
                    model.search_count([]),
                )

    def _views(self, model_names, view_types):
        return self.env["ir.ui.view"].search(
            [
                ("model", "in", list(model_names)),
                ("type", "in", view_types),
                ("mode", "=", "primary"),
            ]
        )

    def test_kanban_and_search_views_group_by_state(self):
        for name in self.stateful:
            with self.subTest(model=name):
                kanbans = self._views([name], ["kanban"])
                self.assertTrue(kanbans, "no kanban view")
                for view in kanbans:
                    arch = etree.fromstring(view.get_combined_arch())
                    self.assertEqual(arch.get("default_group_by"), "state", view.name)
                    self.assertIn(arch.get("records_draggable"), ("0", "false"))
                for view in self._views([name], ["search"]):
                    arch = etree.fromstring(view.get_combined_arch())
                    self.assertTrue(
                        [
                            node
                            for node in arch.iter("filter")
                            if "'group_by': 'state'" in (node.get("context") or "")
                        ],
                        view.name,
                    )

    def test_workflow_buttons_hidden_outside_source_states(self):
        """Every button of every view (sub-views included) that calls a
        transition's method names a declared transition and is invisible in
        each state the transition does not start from."""
        checked = {}

        def walk(node, model):
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                field = (
                    model._fields.get(child.get("name"))
                    if child.tag == "field"
                    else None
                )
                if field is not None and field.relational and len(child):
                    walk(child, self.env[field.comodel_name])
                    continue
                if child.tag == "button" and child.get("type") == "object":
                    check(child, model)
                walk(child, model)

        def check(button, model):
            if model._name not in self.stateful:
                return
            method = button.get("name")
            table = model._workflow_transitions()
            methods = {
                model._workflow_method_name(name, transition): transition
                for name, transition in table.items()
            }
            made_for = getattr(
                getattr(type(model), method, None), "_workflow_transition", None
            )
            if made_for:
                self.assertIn(made_for, table, f"{model._name}.{method}")
            transition = methods.get(method)
            if transition is None:
                return
            invisible = button.get("invisible")
            self.assertTrue(invisible, f"{model._name}.{method} is always shown")
            for state in model._fields["state"].get_values(self.env):
                if state not in transition.sources:
                    self.assertTrue(
                        safe_eval(invisible, {"state": state}),
                        f"{model._name}.{method} shown in {state}: {invisible}",
                    )
            checked.setdefault(model._name, set()).add(method)

        models = [name for name in self.env.registry if name.startswith("hr.manager.")]
        for view in self._views(models, ["form", "list", "kanban"]):
            with self.subTest(view=view.name):
                model = self.env[view.model]
                # All groups: the cached arch, before the user's groups apply.
                arch = model._get_view_cache(view.id, view.type)["arch"]
                walk(etree.fromstring(arch), model)
        self.assertEqual(set(checked), set(self.stateful))
