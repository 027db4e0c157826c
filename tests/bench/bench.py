# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scale benchmark of Manager Communities (run by ``setup/bench``).

    python3 tests/bench/bench.py generate DB N
    python3 tests/bench/bench.py run DB SIZE URL SERVER_LOG RESULTS_DIR

``run`` measures every flow of DESIGN section 10 on the generated company:
the query count, the median time of alternated runs and the ratio to its
floor (the raw SQL aggregate for director figures, the superuser's same
search for record rules), then checks the budgets and prints
``N budgets met, N missed``. Portal pages go through the HTTP server that
``setup/bench`` started (their query count is read from its log).
"""

import json
import os
import re
import statistics
import sys
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generate import BENCH_PASSWORD  # noqa: E402

# Measured runs per flow (after one warm-up run), MC_BENCH_RUNS overrides.
RUNS = {"small": 5, "large": 3}


def odoo_env(db):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            "-d",
            db,
            "--addons-path",
            os.environ["MC_ADDONS_PATH"],
            "--log-level",
            os.environ.get("MC_BENCH_LOG_LEVEL", "warn"),
        ]
    )
    registry = Registry(db)
    cr = registry.cursor()
    return api.Environment(cr, odoo.SUPERUSER_ID, {})


# ---------------------------------------------------------------- generate


def cmd_generate(db, managers):
    from generate import generate  # noqa: PLC0415

    env = odoo_env(db)
    start = time.perf_counter()
    company, figures = generate(env, int(managers))
    env.cr.commit()
    figures["company_id"] = company.id
    figures["wall_seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(figures))
    env.cr.close()


# --------------------------------------------------------------- measuring


class Measure:
    def __init__(self, env, runs):
        self.env = env
        self.cr = env.cr
        self.runs = runs

    def once(self, func):
        """(seconds, queries) of one call, rolled back to a savepoint."""
        self.env.invalidate_all()
        with self.cr.savepoint(flush=False) as savepoint:
            before = self.cr.sql_log_count
            start = time.perf_counter()
            func()
            self.env.flush_all()
            seconds = time.perf_counter() - start
            queries = self.cr.sql_log_count - before
            savepoint.rollback()
        self.env.invalidate_all()
        return seconds, queries

    def compare(self, func, floor=None):
        """Alternated runs of ``func`` and ``floor``: medians and counts.
        The first run of each warms the caches and is not counted."""
        self.once(func)
        if floor:
            self.once(floor)
        times, floors, queries = [], [], []
        for _run in range(self.runs):
            seconds, count = self.once(func)
            times.append(seconds)
            queries.append(count)
            if floor:
                floors.append(self.once(floor)[0])
        return {
            "time": statistics.median(times),
            "queries": max(queries),
            "floor": statistics.median(floors) if floor else None,
        }


class Bench:
    def __init__(self, db, size, url, server_log, results_dir):
        self.env = odoo_env(db)
        self.size = size
        self.url = url.rstrip("/")
        self.server_log = server_log
        self.results_dir = results_dir
        self.measure = Measure(
            self.env, int(os.environ.get("MC_BENCH_RUNS") or RUNS[size])
        )
        self.results = {}
        self._pick_people()

    # ----------------------------------------------------------- people

    def _pick_people(self):
        env = self.env
        self.company = env["res.company"].search(
            [("name", "=like", "Bench Company %")], order="id desc", limit=1
        )
        Member = env["hr.manager.community.member"]
        community = env["hr.manager.community"].search(
            [("company_id", "=", self.company.id), ("state", "=", "active")],
            order="id",
            limit=1,
        )
        self.community = community
        member = Member.search(
            [("community_id", "=", community.id), ("state", "=", "active")],
            order="id",
            limit=1,
        )
        self.member = member
        self.member_user = member.user_id
        self.facilitator = community.facilitator_user_id
        Users = env["res.users"]
        self.director = Users.search([("login", "=like", "bench_director@%")], limit=1)
        self.officer = Users.search([("login", "=like", "bench_officer@%")], limit=1)
        hashed = Users._crypt_context().hash(BENCH_PASSWORD)
        env.cr.execute(
            "UPDATE res_users SET password = %s WHERE id IN %s",
            (hashed, tuple((self.member_user | self.director).ids)),
        )
        env["ir.config_parameter"].set_param("report.url", self.url)
        env.cr.commit()

    def record(self, name, result, budgets):
        """``budgets``: list of (label, ok or None when not applicable)."""
        result["budgets"] = budgets
        self.results[name] = result
        ratio = (
            f"{result['time'] / result['floor']:6.1f}x"
            if result.get("floor")
            else "     - "
        )
        queries = result.get("queries")
        print(
            f"{name:<44} {queries if queries is not None else '-':>6} "
            f"{result['time'] * 1000:10.1f} ms {ratio}  "
            + "; ".join(
                f"{label}: {'met' if ok else 'MISSED'}"
                for label, ok in budgets
                if ok is not None
            ),
            flush=True,
        )

    # ------------------------------------------------------------ portal

    def _session(self):
        http = requests.Session()
        page = http.get(f"{self.url}/web/login", timeout=60)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        http.post(
            f"{self.url}/web/login",
            data={
                "login": self.member_user.login,
                "password": BENCH_PASSWORD,
                "csrf_token": token,
                "redirect": "/my",
            },
            timeout=60,
        )
        return http

    def _log_queries(self, offset, path):
        """The query count of the last request to ``path`` in the server
        log (Odoo's werkzeug line ends with: queries, SQL time, rest)."""
        with open(self.server_log, encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            lines = log.read().splitlines()
        pattern = re.compile(
            r'"GET ' + re.escape(path) + r' HTTP/[0-9.]+" (\d+) - (\d+) ([0-9.]+)'
        )
        for line in reversed(lines):
            match = pattern.search(line)
            if match:
                return int(match.group(1)), int(match.group(2))
        return None, None

    def portal_pages(self):
        env = self.env
        situation = env["hr.manager.community.situation"].search(
            [("community_id", "=", self.community.id), ("state", "=", "closed")],
            limit=1,
        )
        session = env["hr.manager.community.session"].search(
            [("community_id", "=", self.community.id)], limit=1
        )
        feedback = env["hr.manager.community.feedback"].search(
            [("community_id", "=", self.community.id)], limit=1
        )
        pages = [
            "/my",
            "/my/communities",
            f"/my/communities/{self.community.id}",
            "/my/situations",
            f"/my/situations/{situation.id}",
            f"/my/sessions/{session.id}",
            "/my/action-plan",
            "/my/feedback",
            f"/my/feedback/{feedback.id}",
            "/my/practices",
            "/my/charter",
        ]
        http = self._session()
        for path in pages:
            times, queries, status = [], [], None
            for run in range(self.measure.runs + 1):
                offset = os.path.getsize(self.server_log)
                start = time.perf_counter()
                response = http.get(self.url + path, timeout=300)
                seconds = time.perf_counter() - start
                time.sleep(0.2)  # the log line is written after the response
                status, count = self._log_queries(offset, path)
                status = status or response.status_code
                if run:
                    times.append(seconds)
                    queries.append(count)
            name = f"portal GET {re.sub(r'/[0-9]+', '/<id>', path)}"
            if status == 404:
                print(f"{name:<44} not on this branch (404), skipped", flush=True)
                continue
            result = {
                "time": statistics.median(times),
                "queries": max(q for q in queries if q is not None)
                if any(q is not None for q in queries)
                else None,
                "floor": None,
                "status": status,
            }
            self.record(
                name,
                result,
                [("HTTP 200", status == 200), *self._same_queries(name, result)],
            )

    def _same_queries(self, name, result):
        """Query count equal at both sizes, once the other size was run."""
        other = {"small": "large", "large": "small"}[self.size]
        path = os.path.join(self.results_dir, f"{other}.json")
        if not os.path.exists(path):
            return [("same queries at both sizes", None)]
        with open(path, encoding="utf-8") as handle:
            previous = json.load(handle).get("flows", {}).get(name)
        if not previous or previous.get("queries") is None:
            return [("same queries at both sizes", None)]
        return [
            ("same queries at both sizes", previous["queries"] == result["queries"])
        ]

    # -------------------------------------------------------------- flows

    def session_close(self):
        env = self.env
        from odoo.addons.hr_manager_community.models.workflow_mixin import (
            _TRANSITION_MARKER,
        )

        session = env["hr.manager.community.session"].search(
            [("community_id", "=", self.community.id), ("state", "=", "scheduled")],
            limit=1,
        )
        if not session:
            print("session close: no scheduled session, skipped")
            return
        facilitator = self.facilitator

        def close():
            session.with_context(workflow_marker=_TRANSITION_MARKER).write(
                {"state": "in_progress"}
            )
            session.attendance_ids.with_context(
                workflow_marker=_TRANSITION_MARKER
            ).write({"state": "present"})
            env.flush_all()
            session.with_user(facilitator).action_finish()

        result = self.measure.compare(close)
        name = "session close (facilitator)"
        self.record(name, result, self._same_queries(name, result))

    def community_activation(self):
        env = self.env
        community = env["hr.manager.community"].search(
            [("company_id", "=", self.company.id), ("state", "=", "draft")], limit=1
        )
        officer = self.officer
        # Each invited member accepts the pact on the portal first (which makes
        # them active): that is the members' step, not the measured activation.
        for member in community.member_ids.filtered(lambda m: m.state == "invited"):
            member.with_user(member.user_id).action_accept_pact()

        def activate():
            community.with_user(officer).action_activate()

        result = self.measure.compare(activate)
        name = "community activation (HR officer)"
        self.record(name, result, self._same_queries(name, result))

    def _report_table(self):
        return self.env["hr.manager.community.report"]._table

    def director_pivot(self):
        env = self.env
        Report = env["hr.manager.community.report"].with_user(self.director)
        measures = [
            "session_count:sum",
            "attendance_rate:avg",
            "situation_count:sum",
            "action_completion_rate:avg",
            "feedback_count:sum",
            "response_delay:avg",
        ]
        measures = [m for m in measures if m.split(":")[0] in Report._fields]
        groupbys = [[], ["kind"], ["date:quarter"], ["kind", "date:quarter"]]

        # As the web client asks: field names, each with its own aggregator
        # (the model refuses other aggregates).
        fields = [m.split(":")[0] for m in measures]

        def pivot():
            for groupby in groupbys:
                Report.read_group([], fields, groupby, lazy=False)

        table = self._report_table()
        columns = [m.split(":")[0] for m in measures]
        cols = ", ".join(
            f"{'sum' if m.endswith('sum') else 'avg'}({c})"
            for m, c in zip(measures, columns, strict=True)
        )

        def floor():
            for groupby in ("", "kind", "date_trunc('quarter', date)"):
                group = f" GROUP BY {groupby}" if groupby else ""
                select = f"{groupby}, " if groupby else ""
                env.cr.execute(f"SELECT {select}{cols} FROM {table}{group}")  # noqa: S608
                env.cr.fetchall()
            env.cr.execute(
                f"SELECT kind, date_trunc('quarter', date), {cols} FROM {table}"  # noqa: S608
                " GROUP BY 1, 2"
            )
            env.cr.fetchall()

        result = self.measure.compare(pivot, floor)
        name = "director pivot (4 read_group)"
        self.record(
            name,
            result,
            [
                ("under 1 s", result["time"] < 1.0),
                ("<= 3x raw SQL", result["time"] <= 3 * result["floor"]),
                *self._same_queries(name, result),
            ],
        )

    def _wizard(self):
        from datetime import date, timedelta

        return (
            self.env["hr.manager.community.report.wizard"]
            .with_user(self.director)
            .create(
                {
                    "company_id": self.company.id,
                    "date_from": date.today() - timedelta(days=400),
                    "date_to": date.today(),
                }
            )
        )

    def director_reports(self):
        env = self.env
        table = self._report_table()
        floors = {
            "feedback": (
                "SELECT community_id, state, count(*)"
                " FROM hr_manager_community_feedback"
                " WHERE company_id = %s AND state IN ('released', 'answered', 'closed')"
                " GROUP BY 1, 2"
            ),
            "activity": (
                f"SELECT kind, department_id, factor_id, count(*) FROM {table}"  # noqa: S608
                " WHERE company_id = %s GROUP BY 1, 2, 3"
            ),
            "duerp": (
                f"SELECT factor_id, level, count(*) FROM {table}"  # noqa: S608
                " WHERE company_id = %s AND factor_id IS NOT NULL GROUP BY 1, 2"
            ),
        }
        Report = env["ir.actions.report"]
        for key, sql in floors.items():
            xmlid = f"hr_manager_community_report.action_report_{key}"

            def html(xmlid=xmlid):
                wizard = self._wizard()
                Report.with_user(self.director)._render_qweb_html(xmlid, wizard.ids)

            def floor(sql=sql):
                env.cr.execute(sql, (self.company.id,))
                env.cr.fetchall()

            result = self.measure.compare(html, floor)
            name = f"director report {key} (HTML)"
            self.record(
                name,
                result,
                [
                    ("under 3 s", result["time"] < 3.0),
                    ("<= 3x raw SQL", result["time"] <= 3 * result["floor"]),
                    *self._same_queries(name, result),
                ],
            )
        xmlid = "hr_manager_community_report.action_report_activity"

        def pdf():
            wizard = self._wizard()
            Report.with_user(self.director)._render_qweb_pdf(xmlid, wizard.ids)

        measure = Measure(env, 1)
        result = measure.compare(pdf)
        name = "director report activity (real PDF)"
        self.record(
            name,
            result,
            [("under 10 s", result["time"] < 10.0), *self._same_queries(name, result)],
        )

    def charter_pdf(self):
        env = self.env
        charter = env["hr.manager.charter"].search(
            [("company_id", "=", self.company.id), ("state", "=", "published")],
            limit=1,
        )
        Report = env["ir.actions.report"].with_user(self.member_user)

        def pdf():
            Report._render_qweb_pdf(
                "hr_manager_community_charter.action_report_charter", charter.ids
            )

        result = Measure(env, 1).compare(pdf)
        name = "charter PDF (member)"
        self.record(
            name,
            result,
            [("under 10 s", result["time"] < 10.0), *self._same_queries(name, result)],
        )

    def member_searches(self):
        env = self.env
        user = self.member_user
        Member = env["hr.manager.community.member"]
        Community = env["hr.manager.community"]
        facilitated = Community.search([("facilitator_user_id", "=", user.id)]).ids
        mine = Member.search([("user_id", "=", user.id)])
        active = mine.filtered(lambda m: m.state == "active").community_id.ids
        invited = mine.filtered(lambda m: m.state == "invited").community_id.ids
        group = sorted(set(facilitated) | set(active))
        joined = sorted(set(group) | set(invited))
        cases = {
            "hr.manager.community.situation": [
                "|",
                "&",
                ("community_id", "in", facilitated),
                ("state", "!=", "draft"),
                "&",
                ("community_id", "in", active),
                "|",
                ("state", "!=", "draft"),
                ("author_user_id", "=", user.id),
            ],
            "hr.manager.community.action": [
                "|",
                ("user_id", "=", user.id),
                "&",
                ("share_with_group", "=", True),
                ("community_id", "in", group),
            ],
            "hr.manager.community.session": [("community_id", "in", joined)],
            "hr.manager.community.feedback": [("community_id", "in", group)],
        }
        for model, floor_domain in cases.items():
            Model = env[model]
            # The superuser's same search: the same rows, written out.
            expected = Model.with_user(user).search([]).ids
            found = Model.search(floor_domain).ids
            assert sorted(expected) == sorted(found), model
            for label, call, floor in (
                (
                    "search_count",
                    lambda M=Model: M.with_user(user).search_count([]),
                    lambda M=Model, d=floor_domain: M.search_count(d),
                ),
                (
                    "search 80",
                    lambda M=Model: M.with_user(user).search([], limit=80).ids,
                    lambda M=Model, d=floor_domain: M.search(d, limit=80).ids,
                ),
            ):
                result = self.measure.compare(call, floor)
                result["rows"] = len(expected)
                self.record(
                    f"member {label} {model.split('.')[-1]}",
                    result,
                    [("<= 2x superuser", result["time"] <= 2 * result["floor"])],
                )

    # --------------------------------------------------------------- main

    def run(self):
        print(
            f"{'flow':<44} {'queries':>6} {'median':>13} {'floor':>7}  budgets",
            flush=True,
        )
        for step in (
            self.member_searches,
            self.portal_pages,
            self.session_close,
            self.community_activation,
            self.director_pivot,
            self.director_reports,
            self.charter_pdf,
        ):
            try:
                step()
            except Exception as error:  # report and go on with the next flow
                self.env.cr.rollback()
                print(f"{step.__name__}: FAILED {error!r}", flush=True)
                self.results[step.__name__] = {
                    "time": 0,
                    "budgets": [("runs", False)],
                }
        self.env.cr.rollback()
        met = missed = 0
        for result in self.results.values():
            for _label, ok in result["budgets"]:
                if ok is True:
                    met += 1
                elif ok is False:
                    missed += 1
        os.makedirs(self.results_dir, exist_ok=True)
        with open(
            os.path.join(self.results_dir, f"{self.size}.json"), "w", encoding="utf-8"
        ) as handle:
            json.dump(
                {"size": self.size, "flows": self.results},
                handle,
                indent=1,
                default=str,
            )
        print(f"{met} budgets met, {missed} missed", flush=True)
        self.env.cr.close()
        return missed


def main(argv):
    if argv[:1] == ["generate"]:
        cmd_generate(*argv[1:3])
        return 0
    if argv[:1] == ["run"]:
        return 1 if Bench(*argv[1:6]).run() else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
