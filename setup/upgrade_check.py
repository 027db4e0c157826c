"""Data checks of setup/upgrade-check, run inside `odoo shell` (`env` is its global).

Two steps, chosen by the MC_UPGRADE_STEP environment variable:

``populate``
    Adds records the way users make them (as the demo users, through the ORM with
    their rights, like the portal and the backend do) on top of the demo data, so
    that the upgrade is checked on more than demo data. Each step is tried on its
    own: an older commit may lack a field, and a step that cannot run there is
    reported and skipped (the check then compares what exists).
``snapshot``
    Writes to MC_UPGRADE_OUT a JSON fingerprint of the addons' data: the number of
    rows of every table of the addons' models, and for every stored text, html,
    char, selection (states), many2one, date and boolean column an md5 of its values
    in id order. Rows that a data file without ``noupdate`` owns are left out of the
    fingerprints (an upgrade reloads them by design: the taxonomy's wording, a
    template's steps); their count still counts.

The comparison is done by setup/upgrade-check in plain Python, outside Odoo.
"""
# ruff: noqa: F821  (env is the global of `odoo shell`)

import json
import os
import sys

ADDONS = (
    "hr_manager_community",
    "hr_manager_community_report",
    "hr_manager_community_charter",
    "hr_manager_community_appraisal",
)
MARKER = "UPGRADE-CHECK-MARKER"
FINGERPRINTED = ("char", "text", "html", "selection", "many2one", "date", "boolean")


def _ref(xmlid):
    return env.ref(xmlid, raise_if_not_found=False)


def populate():
    """Records made as users would; each step independent."""
    done, skipped = [], []

    def step(label, fn):
        try:
            with env.cr.savepoint():
                fn()
            done.append(label)
        except Exception as exc:  # noqa: BLE001  an older commit may lack what a step needs
            skipped.append(f"{label}: {type(exc).__name__}: {exc}")

    user = _ref("hr_manager_community.demo_user_manager1")
    domain = [("user_id", "=", user.id if user else 0), ("state", "=", "active")]
    members = env["hr.manager.community.member"].search(domain, limit=1)

    def situation():
        situation = (
            env["hr.manager.community.situation"]
            .with_user(user)
            .create(
                {
                    "community_id": members.community_id.id,
                    "member_id": members.id,
                    "name": f"{MARKER} situation title",
                    "description": f"{MARKER} what happened, in confidence",
                    "help_wanted": f"{MARKER} the help wanted",
                }
            )
        )
        situation.with_user(user).action_submit()

    def action():
        # manager3 is an internal user: the backend path (portal users go through
        # the portal's controller)
        user3 = _ref("hr_manager_community.demo_user_manager3")
        Plan = env["hr.manager.community.action.plan"].with_user(user3)
        plan = Plan.search([("user_id", "=", user3.id)], limit=1)
        env["hr.manager.community.action"].with_user(user3).create(
            {"plan_id": plan.id, "name": f"{MARKER} my private action"}
        )

    def feedback():
        env["hr.manager.community.feedback"].with_user(user).create(
            {
                "community_id": members.community_id.id,
                "name": f"{MARKER} feedback title",
                "description": f"{MARKER} feedback text",
            }
        )

    step("situation submitted by manager1", situation)
    step("private action of manager3", action)
    step("feedback draft of manager1", feedback)
    env.cr.commit()
    print(json.dumps({"populated": done, "skipped": skipped}, indent=1))


def snapshot():
    cr = env.cr
    models = (
        env["ir.model"]
        .search([])
        .filtered(lambda m: set(m.modules.split(", ")) & set(ADDONS))
    )
    out = {"counts": {}, "columns": {}, "max_ids": {}}
    before_max = {}
    if os.environ.get("MC_UPGRADE_BEFORE"):
        with open(os.environ["MC_UPGRADE_BEFORE"], encoding="utf-8") as handle:
            before_max = json.load(handle)["max_ids"]
    for model in models.sorted("model"):
        Model = env.get(model.model)
        if Model is None or Model._abstract or not Model._auto or Model._transient:
            continue
        if Model._original_module not in ADDONS:
            continue  # Odoo's models the addons extend (views, users): not theirs
        table = Model._table
        # After the upgrade, only the rows that existed before are compared: the
        # new version may add demo or data records (loaded by -u) beside them.
        last = before_max.get(model.model)
        if last is None:
            cr.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"')  # noqa: S608
            last = cr.fetchone()[0]
        out["max_ids"][model.model] = last
        cr.execute(f'SELECT count(*) FROM "{table}" WHERE id <= %s', (last,))  # noqa: S608
        out["counts"][model.model] = cr.fetchone()[0]
        cr.execute(
            """SELECT res_id FROM ir_model_data
                WHERE model = %s AND NOT noupdate AND module = ANY(%s)""",
            (model.model, list(ADDONS)),
        )
        reloaded = [row[0] for row in cr.fetchall()] or [0]
        for name, field in sorted(Model._fields.items()):
            if not field.store or field.type not in FINGERPRINTED:
                continue
            if name in ("write_date", "write_uid", "create_date", "create_uid"):
                continue
            cr.execute(
                f"""SELECT md5(coalesce(string_agg(
                              coalesce("{name}"::text, '<null>'), '|' ORDER BY id), ''))
                      FROM "{table}" WHERE id != ALL(%s) AND id <= %s""",  # noqa: S608
                (reloaded, last),
            )
            out["columns"][f"{model.model}.{name}"] = cr.fetchone()[0]
        if "state" in Model._fields and Model._fields["state"].store:
            cr.execute(
                f'SELECT state, count(*) FROM "{table}" WHERE id <= %s'  # noqa: S608
                " GROUP BY state ORDER BY state",
                (last,),
            )
            out["columns"][f"{model.model}.state(counts)"] = cr.fetchall()
    markers = 0
    for table, column in _text_columns():
        cr.execute(
            f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s',  # noqa: S608
            (f"%{MARKER}%",),
        )
        markers += cr.fetchone()[0]
    out["marker_values"] = markers
    with open(os.environ["MC_UPGRADE_OUT"], "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=1, sort_keys=True)
    print(
        f"snapshot: {len(out['counts'])} models, {len(out['columns'])} columns, "
        f"{markers} values carrying the marker"
    )


def _text_columns():
    env.cr.execute(
        """SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('text', 'character varying', 'jsonb')
              AND table_name LIKE 'hr\\_manager%%' ORDER BY 1, 2"""
    )
    return env.cr.fetchall()


STEP = os.environ.get("MC_UPGRADE_STEP")
if STEP == "populate":
    populate()
elif STEP == "snapshot":
    snapshot()
else:
    sys.exit(f"MC_UPGRADE_STEP must be populate or snapshot, not {STEP!r}")
