# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test of setup/bench --load: 50 simulated managers for 2 minutes.

    python3 tests/bench/load.py DB URL SERVER_LOG OUT_JSON

Prepares 50 managers of the generated company (password, one feedback
opened to the vote per community), runs Locust (tests/bench/locustfile.py,
headless, loopback only, bounded in users and time) from the virtualenv
MC_BENCH_VENV, then checks in the database that every confirmed write is
there exactly once: actions and progress notes created = successful
submissions; on each feedback, one vote per voter, equal to the voter's
last confirmed vote. Prints p50/p95 per page and the server errors.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

from bench import BENCH_PASSWORD, odoo_env

USERS = int(os.environ.get("MC_LOAD_USERS", "50"))
DURATION = os.environ.get("MC_LOAD_TIME", "2m")


def prepare(env):
    from odoo.addons.hr_manager_community.models.workflow_mixin import (
        _TRANSITION_MARKER,
    )

    company = env["res.company"].search(
        [("name", "=like", "Bench Company %")], order="id desc", limit=1
    )
    communities = env["hr.manager.community"].search(
        [("company_id", "=", company.id), ("state", "=", "active")],
        order="id",
        limit=(USERS + 7) // 7,
    )
    users = []
    Feedback = env["hr.manager.community.feedback"]
    for community in communities:
        members = community.member_ids.filtered(lambda m: m.state == "active")
        feedback = Feedback.search(
            [("community_id", "=", community.id), ("state", "=", "voting")], limit=1
        )
        if not feedback:
            feedback = Feedback.search(
                [("community_id", "=", community.id), ("state", "=", "draft")],
                limit=1,
            )
            feedback.with_context(workflow_marker=_TRANSITION_MARKER).write(
                {"state": "voting"}
            )
        for member in members:
            actions = env["hr.manager.community.action"].search(
                [
                    ("member_id", "=", member.id),
                    ("state", "in", ("todo", "in_progress")),
                ],
                limit=3,
            )
            users.append(
                {
                    "login": member.user_id.login,
                    "user_id": member.user_id.id,
                    "member_id": member.id,
                    "community_id": community.id,
                    "feedback_id": feedback.id or False,
                    "action_ids": actions.ids,
                }
            )
    users = users[:USERS]
    hashed = env["res.users"]._crypt_context().hash(BENCH_PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        (hashed, tuple(u["user_id"] for u in users)),
    )
    env.cr.commit()
    return users


def counts(env, users):
    cr = env.cr
    ids = tuple(u["user_id"] for u in users)
    cr.execute(
        "SELECT user_id, count(*) FROM hr_manager_community_action"
        " WHERE user_id IN %s GROUP BY 1",
        (ids,),
    )
    actions = dict(cr.fetchall())
    cr.execute(
        "SELECT a.user_id, count(*) FROM hr_manager_community_action_progress p"
        " JOIN hr_manager_community_action a ON a.id = p.action_id"
        " WHERE a.user_id IN %s GROUP BY 1",
        (ids,),
    )
    progress = dict(cr.fetchall())
    cr.execute(
        "SELECT user_id, feedback_id, count(*), min(vote)"
        " FROM hr_manager_community_feedback_vote WHERE user_id IN %s GROUP BY 1, 2",
        (ids,),
    )
    votes = {(u, f): (n, v) for u, f, n, v in cr.fetchall()}
    return actions, progress, votes


def main(db, url, server_log, out_path):
    env = odoo_env(db)
    users = prepare(env)
    before = counts(env, users)
    env.cr.rollback()
    workdir = tempfile.mkdtemp(prefix="mc_load_")
    config = os.path.join(workdir, "config.json")
    confirmed_path = os.path.join(workdir, "confirmed.json")
    with open(config, "w", encoding="utf-8") as handle:
        json.dump({"users": users, "password": BENCH_PASSWORD}, handle)
    venv = os.environ.get("MC_BENCH_VENV", "")
    locust = os.path.join(venv, "bin", "locust") if venv else "locust"
    log_offset = os.path.getsize(server_log)
    command = [
        locust,
        "-f",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "locustfile.py"),
        "--headless",
        "--users",
        str(len(users)),
        "--spawn-rate",
        "10",
        "--run-time",
        DURATION,
        "--host",
        url,
        "--csv",
        os.path.join(workdir, "stats"),
        "--only-summary",
        "--stop-timeout",
        "30",
    ]
    print(f"[load] {len(users)} managers for {DURATION} against {url}", flush=True)
    subprocess.run(
        command,
        env=dict(os.environ, MC_LOAD_CONFIG=config, MC_LOAD_OUT=confirmed_path),
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(confirmed_path, encoding="utf-8") as handle:
        confirmed = json.load(handle)
    # Latency per page, from Locust's statistics.
    print(f"{'page':<46} {'requests':>8} {'fail':>5} {'p50 ms':>8} {'p95 ms':>8}")
    pages = []
    with open(os.path.join(workdir, "stats_stats.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pages.append(row)
            print(
                f"{row['Name']:<46} {row['Request Count']:>8} {row['Failure Count']:>5}"
                f" {row['50%']:>8} {row['95%']:>8}"
            )
    # The database against the confirmed writes.
    env.cr.rollback()
    after = counts(env, users)
    lost = []
    for user in users:
        uid, login = user["user_id"], user["login"]
        made = len(confirmed["actions"].get(login, []))
        got = after[0].get(uid, 0) - before[0].get(uid, 0)
        if made != got:
            lost.append(f"{login}: {made} actions confirmed, {got} created")
        made = len(confirmed["progress"].get(login, []))
        got = after[1].get(uid, 0) - before[1].get(uid, 0)
        if made != got:
            lost.append(f"{login}: {made} progress notes confirmed, {got} created")
        user_votes = confirmed["votes"].get(login, [])
        if user_votes:
            feedback_id, last = user_votes[-1]
            count, value = after[2].get((uid, feedback_id), (0, None))
            if count != 1 or value != last:
                lost.append(
                    f"{login}: last vote {last} on {feedback_id}, "
                    f"database has {count} vote(s) {value}"
                )
    with open(server_log, encoding="utf-8", errors="replace") as handle:
        handle.seek(log_offset)
        log = handle.read()
    server_errors = log.count(" ERROR ") + log.count("Traceback")
    retried = log.count("retrying") + log.count("Retry")
    http_errors = [e for e in confirmed["errors"] if isinstance(e[1], int)]
    vote_refusals = [e for e in confirmed["errors"] if not isinstance(e[1], int)]
    summary = {
        "users": len(users),
        "duration": DURATION,
        "confirmed_actions": sum(len(v) for v in confirmed["actions"].values()),
        "confirmed_progress": sum(len(v) for v in confirmed["progress"].values()),
        "confirmed_votes": sum(len(v) for v in confirmed["votes"].values()),
        "voters_on_one_feedback": max(
            (
                sum(1 for u in users if u["feedback_id"] == fid)
                for fid in {u["feedback_id"] for u in users}
            ),
            default=0,
        ),
        "server_errors_in_log": server_errors,
        "http_5xx": len(http_errors),
        "vote_refusals": vote_refusals[:10],
        "serialization_retries_logged": retried,
        "lost_or_doubled": lost,
        "pages": {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": row["50%"],
                "p95_ms": row["95%"],
            }
            for row in pages
        },
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1)
    print(
        f"[load] confirmed: {summary['confirmed_actions']} actions, "
        f"{summary['confirmed_progress']} progress notes, "
        f"{summary['confirmed_votes']} votes; retried on serialization: {retried}"
    )
    for line in lost:
        print(f"[load] LOST OR DOUBLED: {line}")
    ok = not lost and not server_errors and not http_errors and not vote_refusals
    print(
        f"[load] {server_errors + len(http_errors)} server errors, "
        f"{len(lost)} lost or doubled writes: {'OK' if ok else 'FAILED'}"
    )
    env.cr.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
