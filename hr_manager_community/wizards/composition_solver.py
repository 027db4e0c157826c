# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Composition of communities as a CP-SAT model (Google OR-Tools).

Pure Python, no Odoo import: the wizard feeds it plain data and the benchmark
(``tests/bench/compose_bench.py``) runs it alone on generated hierarchies.

Hard constraints: every group has ``size_min..size_max`` people; no two people
of a group are in one reporting line (``Person.conflicts``, both directions);
each person is in one group at most; as many people as possible are placed.
Soft objectives, weighted below placement: distinct departments per group, no
department above a share of a group, pairs who met before kept apart, sites
kept together or mixed, levels mixed, sizes balanced.

Large pools are cut into blocks of about ``BLOCK_SIZE`` people dealt round-robin
by department and level (so each block has the company's mix), each block is
solved in its share of the time limit, and the people a block could not place
are repaired at the end by re-solving them with the groups that can take them
(a large-neighbourhood step, hinted with the current placement).
"""

import math
import time
from dataclasses import dataclass, field

BLOCK_SIZE = 56  # people per block in large pools: about 8 groups
BLOCK_MAX = 84  # pools up to this size are solved as one block
NUM_WORKERS = 2  # the machines this runs on have few cores
REPAIR_GROUPS = 6  # groups reopened with the people left out, per repair step

W_DIVERSITY = 30  # per distinct department in a group
W_SHARE = 300  # per person above the maximum share of one department
W_PAIR = 100  # per pair of people who were in a group together before
W_SITE = 10  # per distinct site in a group (rewarded: mixed, penalised: together)
W_LEVEL = 3  # per distinct hierarchy level in a group
W_BALANCE = 10  # per member between the largest and the smallest group


@dataclass(frozen=True)
class Person:
    key: int
    department: object = None
    site: object = None
    level: int = 0
    conflicts: frozenset = frozenset()  # keys of people in the same reporting line


@dataclass
class Options:
    max_department_share: int = 0  # percent of a group; 0: no limit
    previous_pairs: frozenset = frozenset()  # frozenset({key, key}) who met before
    site_policy: str = "ignore"  # ignore, together, mixed
    mix_levels: bool = True
    time_limit: float = 20.0  # seconds, for the whole proposal
    seed: int = 0


@dataclass
class Result:
    groups: list = field(default_factory=list)  # lists of keys
    left_out: dict = field(default_factory=dict)  # key -> (reason code, data)
    stats: dict = field(default_factory=dict)
    status: str = ""


def partitionable(count, size_min, size_max):
    """Whether ``count`` people split into groups of ``size_min..size_max``."""
    if count == 0:
        return True
    groups = math.ceil(count / size_max)
    return groups * size_min <= count


def _import_cp_model():
    # Imported here so that the addon loads (and says what is missing) without it.
    from ortools.sat.python import cp_model

    return cp_model


class _Block:
    """One CP-SAT model over a few dozen people."""

    def __init__(self, people, size_min, size_max, options, hint=None):
        self.people = people
        self.size_min = size_min
        self.size_max = size_max
        self.options = options
        # key -> group index in this block: the given one, else a greedy one,
        # which is also the answer when the solver finds nothing in its time.
        self.fallback = greedy(people, size_min, size_max) if hint is None else None
        if hint is None:
            hint = _normalised_hint(people, self.fallback)
        self.hint = hint
        self.group_count = len(people) // size_min
        self.model = self.x = None
        self.gains, self.costs, self.soft_range = [], [], 0

    def solve(self, seconds):
        if seconds < 0.05:  # no time left: the greedy placement it is
            return self.fallback, "GREEDY"
        if not self.group_count:
            return [], "too_small"
        cp_model = _import_cp_model()
        self.model = cp_model.CpModel()
        sizes, used, placed = self._placement()
        self._soft_objectives(sizes, used)
        # Placement first: one more person placed outweighs every soft figure.
        self.model.maximize(
            (self.soft_range + 1) * sum(placed)
            + sum(weight * var for var, weight in self.gains)
            - sum(weight * var for var, weight in self.costs)
        )
        index = {person.key: i for i, person in enumerate(self.people)}
        for key, g in self.hint.items():
            i = index[key]
            for h in range(min(i + 1, self.group_count)):
                self.model.add_hint(self.x[i, h], h == g)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, 0.05)
        solver.parameters.random_seed = self.options.seed
        solver.parameters.num_workers = NUM_WORKERS
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return self.fallback, solver.status_name(status)
        groups = [[] for _g in range(self.group_count)]
        for (i, g), var in self.x.items():
            if solver.boolean_value(var):
                groups[g].append(self.people[i].key)
        return [group for group in groups if group], solver.status_name(status)

    def _placement(self):
        """The hard constraints: x[i, g] = person i in group g."""
        model, people = self.model, self.people
        count, group_count = len(people), self.group_count
        # Symmetry breaking: groups are numbered by their first member, so the
        # i-th person can only be in groups 0..i.
        x = self.x = {
            (i, g): model.new_bool_var(f"x{i}_{g}")
            for i in range(count)
            for g in range(min(i + 1, group_count))
        }
        used = [model.new_bool_var(f"used{g}") for g in range(group_count)]
        sizes = []
        for g in range(group_count):
            size = sum(x[i, g] for i in range(g, count))
            model.add(size >= self.size_min * used[g])
            model.add(size <= self.size_max * used[g])
            sizes.append(size)
            if g:
                model.add_implication(used[g], used[g - 1])
        placed = []
        for i in range(count):
            row = [x[i, g] for g in range(min(i + 1, group_count))]
            model.add_at_most_one(row)
            placed.append(sum(row))
        index = {person.key: i for i, person in enumerate(people)}
        for i, person in enumerate(people):
            for other in person.conflicts:
                j = index.get(other)
                if j is None or j <= i:
                    continue
                for g in range(min(i + 1, group_count)):
                    model.add_bool_or([x[i, g].Not(), x[j, g].Not()])
        return sizes, used, placed

    def _distinct(self, attribute, weight, reward=True):
        """One flag per (group, value) present: rewarded (diversity) or
        penalised (kept together). Returns the member terms per flag."""
        values = {}
        for i, person in enumerate(self.people):
            value = getattr(person, attribute)
            if value is not None:
                values.setdefault(value, []).append(i)
        if len(values) < 2:
            return {}
        counts = {}
        for g in range(self.group_count):
            for value, rows in values.items():
                terms = [self.x[i, g] for i in rows if (i, g) in self.x]
                if not terms:
                    continue
                counts[g, value] = terms
                flag = self.model.new_bool_var("")
                if reward:
                    self.model.add(flag <= sum(terms))
                    self.gains.append((flag, weight))
                else:
                    for term in terms:
                        self.model.add_implication(term, flag)
                    self.costs.append((flag, weight))
                self.soft_range += weight
        return counts

    def _cost(self, var, weight, bound):
        self.costs.append((var, weight))
        self.soft_range += bound * weight

    def _soft_objectives(self, sizes, used):
        model, options, hi = self.model, self.options, self.size_max
        department_counts = self._distinct("department", W_DIVERSITY)
        share = options.max_department_share
        for (g, _value), terms in department_counts.items() if share else ():
            if len(terms) > 1:
                excess = model.new_int_var(0, hi, "")
                model.add(100 * sum(terms) <= share * sizes[g] + 100 * excess)
                self._cost(excess, W_SHARE, hi)
        if options.site_policy in ("together", "mixed"):
            self._distinct("site", W_SITE, reward=options.site_policy == "mixed")
        if options.mix_levels:
            self._distinct("level", W_LEVEL)
        index = {person.key: i for i, person in enumerate(self.people)}
        for pair in options.previous_pairs:
            first, second = sorted(index.get(key, -1) for key in pair)
            for g in range(min(first + 1, self.group_count)) if first >= 0 else ():
                met = model.new_bool_var("")
                model.add(met >= self.x[first, g] + self.x[second, g] - 1)
                self._cost(met, W_PAIR, 1)
        largest = model.new_int_var(0, hi, "largest")
        smallest = model.new_int_var(0, hi, "smallest")
        for g in range(self.group_count):
            model.add(largest >= sizes[g])
            model.add(smallest <= sizes[g] + hi * (1 - used[g]))
        self._cost(largest - smallest, W_BALANCE, hi)


def greedy(people, size_min, size_max):
    """A valid placement built by hand: the most constrained people first,
    each in the open group where their department is least present, then
    groups below the minimum topped up or dissolved. The solver starts from it."""
    return _Greedy(people, size_min, size_max).run()


class _Greedy:
    def __init__(self, people, size_min, size_max):
        self.people, self.size_min, self.size_max = people, size_min, size_max
        count = len(people)
        group_count = math.ceil(count / size_max) if count else 0
        if group_count * size_min > count:
            group_count = count // size_min
        self.groups = [[] for _g in range(group_count)]
        self.members = [set() for _g in range(group_count)]
        self.departments = [{} for _g in range(group_count)]
        self.by_key = {person.key: person for person in people}
        self.left = []

    def place(self, person, g):
        self.groups[g].append(person.key)
        self.members[g].add(person.key)
        counts = self.departments[g]
        counts[person.department] = counts.get(person.department, 0) + 1

    def take(self, key, g):
        self.groups[g].remove(key)
        self.members[g].discard(key)
        self.departments[g][self.by_key[key].department] -= 1

    def takers(self, person, at_least=0):
        return [
            g
            for g in range(len(self.groups))
            if at_least <= len(self.groups[g]) < self.size_max
            and not (person.conflicts & self.members[g])
        ]

    def run(self):
        if not self.groups:
            return []
        keys = set(self.by_key)
        for person in sorted(
            self.people, key=lambda p: (-len(p.conflicts & keys), p.key)
        ):
            open_groups = self.takers(person)
            if not open_groups:
                self.left.append(person)
                continue
            department = person.department
            self.place(
                person,
                min(
                    open_groups,
                    key=lambda g: (
                        self.departments[g].get(department, 0),
                        len(self.groups[g]),
                        g,
                    ),
                ),
            )
        for g in sorted(range(len(self.groups)), key=lambda g: len(self.groups[g])):
            if 0 < len(self.groups[g]) < self.size_min:
                self._fill_or_dissolve(g)
        return [group for group in self.groups if group]

    def _fill_or_dissolve(self, g):
        """Top group ``g`` up from the people left out, then from groups above
        the minimum; dissolve it when that is not enough."""
        for person in list(self.left):
            if len(self.groups[g]) < self.size_min and not (
                person.conflicts & self.members[g]
            ):
                self.place(person, g)
                self.left.remove(person)
        for h in range(len(self.groups)):
            for key in list(self.groups[h]):
                if h == g or len(self.groups[g]) >= self.size_min:
                    break
                if len(self.groups[h]) <= self.size_min:
                    break
                if not (self.by_key[key].conflicts & self.members[g]):
                    self.take(key, h)
                    self.place(self.by_key[key], g)
        if len(self.groups[g]) >= self.size_min:
            return
        dissolved = [self.by_key[key] for key in self.groups[g]]
        self.groups[g], self.members[g], self.departments[g] = [], set(), {}
        for person in dissolved:
            open_groups = self.takers(person, at_least=self.size_min)
            if open_groups:
                self.place(person, min(open_groups, key=lambda h: len(self.groups[h])))
            else:
                self.left.append(person)


def _normalised_hint(people, groups):
    """Block-local group numbers for ``groups`` (lists of keys), numbered by
    their first member in ``people``' order, as the model's symmetry wants."""
    order = {person.key: i for i, person in enumerate(people)}
    ranked = sorted(
        (group for group in groups if group),
        key=lambda group: min(order[key] for key in group),
    )
    return {key: g for g, group in enumerate(ranked) for key in group}


def _deal_blocks(people):
    """Blocks of about BLOCK_SIZE people, dealt round-robin after sorting by
    department and level, so that every block has the company's mix."""
    if len(people) <= BLOCK_MAX:
        return [people]
    block_count = math.ceil(len(people) / BLOCK_SIZE)
    ordered = sorted(people, key=lambda p: (str(p.department), p.level, p.key))
    blocks = [[] for _b in range(block_count)]
    for position, person in enumerate(ordered):
        blocks[position % block_count].append(person)
    return blocks


def _compatible_counts(people):
    keys = {person.key for person in people}
    return {
        person.key: len(keys) - 1 - len(person.conflicts & keys) for person in people
    }


def solve(people, size_min, size_max, options=None):
    """Groups of ``people`` (a list of ``Person``) of ``size_min..size_max``."""
    options = options or Options()
    _import_cp_model()  # a first import takes seconds: not on the solver's time
    started = time.monotonic()
    deadline = started + options.time_limit
    by_key = {person.key: person for person in people}
    result = Result()
    # Whoever has fewer compatible people than a group needs cannot be placed;
    # taking them out may isolate others, hence the loop.
    pool = list(people)
    while len(pool) >= size_min:
        compatible = _compatible_counts(pool)
        isolated = [p for p in pool if compatible[p.key] < size_min - 1]
        if not isolated:
            break
        for person in isolated:
            result.left_out[person.key] = (
                "reporting_line",
                {"compatible": compatible[person.key]},
            )
        pool = [p for p in pool if compatible[p.key] >= size_min - 1]
    if len(pool) < size_min:
        for person in pool:
            result.left_out[person.key] = ("pool_too_small", {"count": len(pool)})
        pool = []

    groups, leftovers = [], []
    blocks = _deal_blocks(pool) if pool else []
    statuses = set()
    remaining = len(pool)
    overhead = 0.0  # model building and reading per block, measured as we go
    for number, block in enumerate(blocks):
        begun = time.monotonic()
        left_time = deadline - begun - overhead * (len(blocks) - number)
        share = left_time * 0.75 * len(block) / max(remaining, 1)
        remaining -= len(block)
        found, status = _Block(block, size_min, size_max, options).solve(share)
        spent = time.monotonic() - begun - max(share, 0.05)
        overhead = max(overhead, spent) if number == 0 else (overhead + spent) / 2
        statuses.add(status)
        found = found or []
        groups.extend(found)
        placed = {key for group in found for key in group}
        leftovers.extend(p for p in block if p.key not in placed)

    leftovers = _repair(
        groups, leftovers, by_key, size_min, size_max, options, deadline
    )
    keys_left = {person.key for person in leftovers}
    for person in leftovers:
        result.left_out[person.key] = _reason(person, groups, keys_left, size_max)
    result.groups = groups
    result.status = ",".join(sorted(statuses))
    result.stats = figures(groups, by_key, options)
    result.stats.update(
        pool=len(people),
        placed=sum(len(group) for group in groups),
        left_out=len(result.left_out),
        seconds=round(time.monotonic() - started, 2),
    )
    return result


def _repair(groups, leftovers, by_key, size_min, size_max, options, deadline):
    """Re-solve the people left out with the groups most able to take them,
    as long as it places more people and time remains."""
    tried = set()
    while leftovers and time.monotonic() < deadline - 0.1:
        left_keys = {person.key for person in leftovers}

        def openness(group, left_keys=left_keys):
            members = set(group)
            takers = sum(
                1 for key in left_keys if not (by_key[key].conflicts & members)
            )
            return (-takers, len(group))

        candidates = sorted(
            (g for g in range(len(groups)) if g not in tried),
            key=lambda g: openness(groups[g]),
        )[:REPAIR_GROUPS]
        if not candidates and len(leftovers) < size_min:
            break
        tried.update(candidates)
        chosen = [groups[g] for g in candidates]
        people = [by_key[key] for group in chosen for key in group] + list(leftovers)
        before = sum(len(group) for group in chosen)
        hint = _normalised_hint(people, chosen)
        seconds = min(deadline - time.monotonic(), max(1.0, options.time_limit / 10))
        found, _status = _Block(people, size_min, size_max, options, hint).solve(
            seconds
        )
        if found is not None and sum(len(group) for group in found) > before:
            groups[:] = [
                group for g, group in enumerate(groups) if g not in candidates
            ] + found
            placed = {key for group in found for key in group}
            leftovers = [p for p in leftovers if p.key not in placed]
            tried = set()
        elif not candidates or len(tried) >= len(groups):
            break
    return leftovers


def _reason(person, groups, keys_left, size_max):
    """Why ``person`` stays out although enough people are outside their line."""
    compatible_left = sum(
        1 for key in keys_left if key != person.key and key not in person.conflicts
    )
    open_groups = sum(
        1
        for group in groups
        if len(group) < size_max and not (person.conflicts & set(group))
    )
    return ("no_room", {"open_groups": open_groups, "others_left": compatible_left})


def figures(groups, by_key, options):
    """The soft figures of a proposal (the wizard shows them, the bench prints them)."""
    diversity, levels, repeated, over_share = [], [], 0, 0
    sites = []
    share = options.max_department_share
    for group in groups:
        members = [by_key[key] for key in group]
        departments = {}
        for person in members:
            departments[person.department] = departments.get(person.department, 0) + 1
        diversity.append(len(departments) / len(members))
        levels.append(len({person.level for person in members}))
        sites.append(len({person.site for person in members}))
        if share:
            limit = share * len(members) / 100
            over_share += sum(
                1 for value, count in departments.items() if value and count > limit
            )
        keys = set(group)
        repeated += sum(1 for pair in options.previous_pairs if pair <= keys)
    sizes = [len(group) for group in groups]
    return {
        "groups": len(groups),
        "diversity": round(sum(diversity) / len(diversity), 3) if diversity else 0.0,
        "size_min": min(sizes) if sizes else 0,
        "size_max": max(sizes) if sizes else 0,
        "levels": round(sum(levels) / len(levels), 2) if levels else 0.0,
        "sites": round(sum(sites) / len(sites), 2) if sites else 0.0,
        "repeated_pairs": repeated,
        "over_share": over_share,
    }


def check_group(keys, by_key, size_min, size_max):
    """Broken hard constraints of one group: (code, data) tuples."""
    broken = []
    if not size_min <= len(keys) <= size_max:
        broken.append(("size", {"count": len(keys)}))
    members = list(keys)
    for i, key in enumerate(members):
        for other in members[i + 1 :]:
            if other in by_key[key].conflicts:
                broken.append(("reporting_line", {"pair": (key, other)}))
    return broken
