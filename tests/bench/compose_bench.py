#!/usr/bin/env python3
# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark line of the composition assistant (issue 14), standalone.

Builds a company hierarchy of N managers in memory (a tree of 3 to 5 levels,
departments under the directors, one department much larger than the others,
two sites, earlier communities), runs the assistant's CP-SAT solver on it
(``hr_manager_community/wizards/composition_solver.py``, loaded by path: no
Odoo and no database needed, only ``ortools``) and prints one line per size:

    compose pool=2000 seconds=11.8 placed=2000 left_out=0 groups=286 diversity=0.912 ...

Usage: ``python3 tests/bench/compose_bench.py [--sizes 30,300,2000] [--time-limit 20]``.
Exit status 1 when a proposal breaks a hard constraint or exceeds the time limit.
"""

import argparse
import importlib.util
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOLVER = ROOT / "hr_manager_community" / "wizards" / "composition_solver.py"


def load_solver():
    spec = importlib.util.spec_from_file_location("composition_solver", SOLVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(solver, size, seed=7, levels=4, big_department=True):
    """``size`` managers in a tree of ``levels`` levels (the root is level 0)."""
    rng = random.Random(seed)
    parents = {0: None}
    depth = {0: 0}
    department = {0: "general"}
    keys = [0]
    frontier = [0]
    while len(keys) < size:
        parent = rng.choice(frontier)
        key = len(keys)
        parents[key] = parent
        depth[key] = depth[parent] + 1
        if depth[key] == 1:
            department[key] = f"dep{key}"
        else:
            department[key] = department[parent]
        if big_department and depth[key] >= 2 and rng.random() < 0.3:
            department[key] = "dep1" if 1 in department else department[key]
        keys.append(key)
        if depth[key] < levels - 1:
            frontier.append(key)
    ancestors = {}
    for key in keys:
        chain, current = set(), parents[key]
        while current is not None:
            chain.add(current)
            current = parents[current]
        ancestors[key] = chain
    conflicts = {key: set(chain) for key, chain in ancestors.items()}
    for key, chain in ancestors.items():
        for other in chain:
            conflicts[other].add(key)
    people = [
        solver.Person(
            key=key,
            department=department[key],
            site="north" if key % 3 else "south",
            level=depth[key],
            conflicts=frozenset(conflicts[key]),
        )
        for key in keys
    ]
    previous = set()
    shuffled = keys[:]
    rng.shuffle(shuffled)
    for start in range(0, len(shuffled) // 2, 7):
        group = shuffled[start : start + 7]
        previous.update(
            frozenset((a, b)) for i, a in enumerate(group) for b in group[i + 1 :]
        )
    return people, frozenset(previous)


def broken_constraints(solver, result, people, size_min, size_max):
    by_key = {person.key: person for person in people}
    seen, broken = set(), []
    for group in result.groups:
        broken += solver.check_group(group, by_key, size_min, size_max)
        if seen & set(group):
            broken.append(("twice", {}))
        seen |= set(group)
    return broken


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300,2000")
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--size-min", type=int, default=6)
    parser.add_argument("--size-max", type=int, default=8)
    args = parser.parse_args(argv)
    solver = load_solver()
    failed = 0
    for size in (int(value) for value in args.sizes.split(",")):
        people, previous = generate(solver, size)
        options = solver.Options(
            max_department_share=50,
            previous_pairs=previous,
            site_policy="mixed",
            time_limit=args.time_limit,
        )
        result = solver.solve(people, args.size_min, args.size_max, options)
        stats = result.stats
        broken = broken_constraints(
            solver, result, people, args.size_min, args.size_max
        )
        late = stats["seconds"] > args.time_limit + 1
        failed += bool(broken or late)
        print(
            f"compose pool={stats['pool']} seconds={stats['seconds']} "
            f"placed={stats['placed']} left_out={stats['left_out']} "
            f"groups={stats['groups']} diversity={stats['diversity']} "
            f"sizes={stats['size_min']}-{stats['size_max']} "
            f"repeated_pairs={stats['repeated_pairs']} "
            f"over_share={stats['over_share']} "
            f"broken={len(broken)}{' LATE' if late else ''}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
