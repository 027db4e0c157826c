# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Locust scenario of setup/bench --load: managers on the portal.

Each simulated manager logs in, then browses the portal pages, votes on the
feedback open to the vote in their community (changing their vote now and
then), adds actions to their plan and progress notes to their actions. Every
write that the server confirms is recorded (tests/bench/load.py compares
them with the database afterwards: no write lost, none doubled).
Configuration: MC_LOAD_CONFIG (JSON written by load.py); output:
MC_LOAD_OUT (JSON of the confirmed writes).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

CONFIG = json.load(open(os.environ["MC_LOAD_CONFIG"], encoding="utf-8"))
ACCOUNTS = itertools.cycle(CONFIG["users"])
CONFIRMED = {"actions": {}, "progress": {}, "votes": {}, "errors": []}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@events.test_stop.add_listener
def _save(environment, **_kw):
    with open(os.environ["MC_LOAD_OUT"], "w", encoding="utf-8") as out:
        json.dump(CONFIRMED, out)


class Manager(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.account = next(ACCOUNTS)
        self.login = self.account["login"]
        page = self.client.get("/web/login", name="/web/login")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/web/login",
            data={
                "login": self.login,
                "password": CONFIG["password"],
                "csrf_token": token,
                "redirect": "/my",
            },
            name="/web/login (POST)",
        )
        self.counter = 0

    def _token(self, path, name):
        page = self.client.get(path, name=name)
        found = CSRF.search(page.text)
        return found.group(1) if found else ""

    def _failed(self, name, response):
        if response.status_code >= 500:
            CONFIRMED["errors"].append([name, response.status_code])

    @task(6)
    def browse(self):
        for path, name in (
            ("/my", "/my"),
            ("/my/communities", "/my/communities"),
            (f"/my/communities/{self.account['community_id']}", "/my/communities/<id>"),
            ("/my/situations", "/my/situations"),
            ("/my/charter", "/my/charter"),
        ):
            with self.client.get(path, name=name, catch_response=True) as response:
                self._failed(name, response)

    @task(3)
    def add_action(self):
        token = self._token("/my/action-plan", "/my/action-plan")
        self.counter += 1
        title = f"Load action {self.login} {self.counter}"
        with self.client.post(
            "/my/action-plan/actions/new",
            data={
                "csrf_token": token,
                "community_id": self.account["community_id"],
                "name": title,
                "level": random.choice(["individual", "managerial"]),
                "date_deadline": "2027-06-30",
            },
            name="POST /my/action-plan/actions/new",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._failed("new action", response)
            if response.status_code in (302, 303):
                CONFIRMED["actions"].setdefault(self.login, []).append(title)
            else:
                response.failure(f"not saved: {response.status_code}")

    @task(3)
    def add_progress(self):
        if not self.account["action_ids"]:
            return
        action_id = random.choice(self.account["action_ids"])
        token = self._token("/my/action-plan", "/my/action-plan")
        self.counter += 1
        with self.client.post(
            f"/my/action-plan/actions/{action_id}/progress",
            data={"csrf_token": token, "note": f"Progress {self.counter}"},
            name="POST /my/action-plan/actions/<id>/progress",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._failed("progress", response)
            if response.status_code in (302, 303):
                CONFIRMED["progress"].setdefault(self.login, []).append(action_id)
            else:
                response.failure(f"not saved: {response.status_code}")

    @task(4)
    def vote(self):
        feedback_id = self.account.get("feedback_id")
        if not feedback_id:
            return
        value = random.choice(["approve", "object"])
        with self.client.post(
            "/web/dataset/call_kw/hr.manager.community.feedback/action_vote",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "hr.manager.community.feedback",
                    "method": "action_vote",
                    "args": [[feedback_id], value],
                    "kwargs": {},
                },
            },
            name="vote (action_vote)",
            catch_response=True,
        ) as response:
            self._failed("vote", response)
            body = response.json() if response.status_code == 200 else {}
            if body.get("result") is True:
                CONFIRMED["votes"].setdefault(self.login, []).append(
                    [feedback_id, value]
                )
            else:
                error = body.get("error", {}).get("data", {}).get("name", "")
                CONFIRMED["errors"].append(["vote", error or response.status_code])
                response.failure(f"vote refused: {error}")
