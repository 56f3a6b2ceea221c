"""The hand-made mutations of issue 15, each applied to a copy and run against the fast suite.

Each mutation is a bug the suite once missed; each must now make the fast subset (no Neo4j,
no browser) fail.  The Cypher mutations (``--neo4j``, run instead of those) must make the
sub-group tests fail on the real Neo4j, since the fast subset never runs Cypher.  The copy is
the installed layout of :mod:`tools.mutation` (in ``build/known-mutations``), so the checkout is
never changed.

    python -m tools.known_mutations            # the table of issue 15, on the fast subset
    python -m tools.known_mutations --neo4j    # the Cypher mutations, on Neo4j
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tools.mutation import ROOT, build_tree, installed_path

TREE = ROOT / "build" / "known-mutations" / "tree"
FAST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]


@dataclass(frozen=True)
class Mutation:
    """A bug: replace ``old`` (found exactly once) by ``new`` in ``path`` of the checkout."""

    name: str
    path: str
    old: str
    new: str
    neo4j: bool = False


MUTATIONS = [
    Mutation(
        "park_chains ignores sub-groups: a layout of a group reaches only its own chains",
        "graph_loader/layouts.py",
        "return [c for g in (group, *subgroups) for c in self.chains.get(g, [])]",
        "return list(self.chains.get(group, []))",
    ),
    Mutation(
        "park_chains ignores sub-groups: a park's layout of a sub-group is skipped",
        "graph_loader/queries.py",
        'elif _has_label(g, x, "Group"):',
        'elif _has_label(g, x, "Group") and not _targets(g, x, "SUBGROUP_OF"):',
    ),
    Mutation(
        "the parent group is dropped: chains of a group leave out its sub-groups' chains",
        "graph_loader/queries.py",
        'return groups + [p for grp in groups for p in _targets(g, grp, "SUBGROUP_OF")]',
        "return groups",
    ),
    Mutation(
        "the parent group is dropped: group_parks leaves out the sub-groups",
        "graph_loader/queries.py",
        'groups = {group, *_sources(g, group, "SUBGROUP_OF")}',
        "groups = {group}",
    ),
    Mutation(
        "validation skips the verbatim check of a measure's or safeguard's text",
        "graph_loader/validate.py",
        'quotes.append(Quote("text", record.text, own, "source"))',
        "pass",
    ),
    Mutation(
        "the loader's diff drops RELATES_TO",
        "graph_loader/load_diff.py",
        "new_edges = {(e.source, e.type, e.target): e for e in graph.edges}",
        "new_edges = {(e.source, e.type, e.target): e for e in graph.edges"
        ' if e.type != "RELATES_TO"}',
    ),
    Mutation(
        "the loader skips deletions of nodes",
        "graph_loader/load_diff.py",
        "for node_id in nodes.keys() - graph.nodes.keys():",
        "for node_id in []:",
    ),
    Mutation(
        "the loader skips deletions of relationships",
        "graph_loader/load_diff.py",
        "for key in edges.keys() - new_edges.keys():",
        "for key in []:",
    ),
    Mutation(
        "the problem content type changed to application/json",
        "api/errors.py",
        'PROBLEM_MEDIA_TYPE = "application/problem+json"',
        'PROBLEM_MEDIA_TYPE = "application/json"',
    ),
    Mutation(
        "Cypher: chains of a group leave out its sub-groups' chains",
        "cypher/chains.cypher",
        "WHERE ($group IS NULL OR g.id = $group OR parent.id = $group)",
        "WHERE ($group IS NULL OR g.id = $group)",
        neo4j=True,
    ),
    Mutation(
        "Cypher: group_parks leaves out the sub-groups",
        "cypher/group_parks.cypher",
        "WHERE m = g OR (m)-[:SUBGROUP_OF]->(g)",
        "WHERE m = g",
        neo4j=True,
    ),
]


def command(mutation: Mutation) -> list[str]:
    """Return the tests a mutation must fail: the fast subset, or the sub-group tests on Neo4j."""
    if mutation.neo4j:
        return [*FAST, "-m", "neo4j", "tests/test_subgroups.py"]
    return [*FAST, "-m", "not neo4j and not browser", "tests"]


def run(mutation: Mutation) -> tuple[bool, str, float]:
    """Return whether the tests pass, the first failure, and the seconds they took."""
    start = time.monotonic()
    result = subprocess.run(
        command(mutation), check=False, cwd=TREE, capture_output=True, text=True
    )
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", result.stdout, re.M)
    return result.returncode == 0, failed[0] if failed else "", time.monotonic() - start


def apply(mutation: Mutation) -> tuple[Path, str]:
    """Write the mutation into the copy; return the file and its original text."""
    path = TREE / installed_path(mutation.path)
    text = path.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        raise SystemExit(f"{mutation.path}: {mutation.old!r} is not there exactly once")
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    return path, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j", action="store_true", help="the Cypher mutations instead")
    args = parser.parse_args(argv)
    build_tree(TREE)
    chosen = [m for m in MUTATIONS if m.neo4j == args.neo4j]
    passed, first, seconds = run(chosen[0])  # the copy as it is
    if not passed:
        raise SystemExit(f"the tests fail without a mutation: {first}")
    print(f"unmutated: the tests pass ({seconds:.0f}s): {shlex.join(command(chosen[0]))}")
    print("\n| mutation | file | tests | first failing test |\n| --- | --- | --- | --- |")
    survivors = 0
    for mutation in chosen:
        path, original = apply(mutation)
        try:
            passed, first, seconds = run(mutation)
        finally:
            path.write_text(original, encoding="utf-8")
        survivors += passed
        suite = "sub-group tests on Neo4j" if mutation.neo4j else "fast subset"
        verdict = "**survived**" if passed else f"killed ({seconds:.0f}s)"
        print(
            f"| {mutation.name} | `{mutation.path}` | {suite}: {verdict} | `{first}` |", flush=True
        )
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
