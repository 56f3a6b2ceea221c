"""Plan nodes a record names besides its subject, by id or by name: a lead department, a
target park, the focus direction a candidate fills.

Staff type names (工信局, 泰兴经开区, 钙钛矿电池) as often as ids; a name is matched the way
the ask engine matches one (:func:`~chainkg.graph_loader.ask.normalize.normalize` and its
variants), and stored as the node's id.

>>> from chainkg.graph_loader.graph import Node
>>> plan = PlanGraph(nodes={"dept.miit": Node("dept.miit", "Department",
...     {"name": "市工业和信息化局", "name_en": "Industry", "aliases": ["工信局"]})})
>>> [n.id if n else None for n in (lookup(plan, "Department", "工信局"),
...  lookup(plan, "Department", "工业和信息化局"), lookup(plan, "Department", "财政局"))]
['dept.miit', 'dept.miit', None]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from chainkg.graph_loader.ask.normalize import normalize, variants
from chainkg.graph_loader.graph import Node, PlanGraph


def aliases_of(node: Node) -> list[str]:
    """Return a node's aliases."""
    aliases = node.props.get("aliases")
    return [str(a) for a in aliases] if isinstance(aliases, list) else []


def names_of(node: Node) -> list[str]:
    """Return a node's name, English name and aliases."""
    names = [node.props.get("name"), node.props.get("name_en"), *aliases_of(node)]
    return [str(n) for n in names if n]


def forms_of(node: Node) -> frozenset[str]:
    """Return every normalized form a node is named by (names and their variants)."""
    return _forms(node.label, tuple(names_of(node)))


@functools.lru_cache(maxsize=8192)
def _forms(label: str, names: tuple[str, ...]) -> frozenset[str]:
    return frozenset({normalize(n) for n in names} | set(variants(label, names)))


def of_label(plan: PlanGraph, label: str) -> list[Node]:
    """Return the nodes of a label, by id."""
    return sorted((n for n in plan.nodes.values() if n.label == label), key=lambda n: n.id)


def lookup(plan: PlanGraph, label: str, given: str) -> Node | None:
    """Return the one node of ``label`` that ``given`` names (its id or a name), else None
    (no such node, or a name that several share)."""
    node = plan.nodes.get(given.strip())
    if node is not None:
        return node if node.label == label else None
    wanted = normalize(given)
    found = [n for n in of_label(plan, label) if wanted in forms_of(n)]
    return found[0] if len(found) == 1 else None


def reference_problem(
    plan: PlanGraph, label: str, given: str | None, field: str, what: str
) -> list[tuple[str, str]]:
    """Return the problem of a field that must name a node of ``label`` (none when it does,
    or is not given)."""
    if given is None or lookup(plan, label, given) is not None:
        return []
    known = "、".join(str(n.props.get("name")) for n in of_label(plan, label)[:20])
    return [(field, f"no {what} {given!r} (an id or a name: {known})")]


def resolved(record: Any, plan: PlanGraph, fields: Iterable[tuple[str, str]]) -> Any:
    """Return ``record`` with each ``(field, label)`` that names a node given by its id."""
    update = {}
    for field, label in fields:
        given = getattr(record, field)
        node = lookup(plan, label, given) if given else None
        if node is not None:
            update[field] = node.id
    return record.model_copy(update=update)


def name_of(plan: PlanGraph, id: str | None) -> str | None:
    """Return the name of the node ``id``, or None."""
    node = plan.nodes.get(id) if id else None
    return str(node.props.get("name")) if node else None
