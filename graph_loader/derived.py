"""Values derived from catalog rows, computed once here for both stores.

The stores only answer catalog queries; everything computed on top of their
rows lives here, so the embedded store and Neo4j cannot drift apart:
compound annual growth rates, the plan graph rebuilt from ``subgraph`` rows
(for reconciliation and exports), and the one shortest path chosen among equal ones.

>>> required_cagr(177.6, 206, 3)
0.0507
"""

from __future__ import annotations

import math
from itertools import pairwise

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.graph import Edge, Node, PlanGraph, PropValue
from chainkg.graph_loader.models import ENTITY_MODELS
from chainkg.graph_loader.reconcile import ReconRow, inputs_from_graph, reconcile
from chainkg.graph_loader.schema import rel_types
from chainkg.graph_loader.store import GraphStore

LABELS: tuple[str, ...] = tuple(sorted(m.LABEL for m in ENTITY_MODELS))
"""Every node label of the graph."""

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(sorted({r.type for r in rel_types()}))
"""Every relationship type of the graph."""

RECONCILE_LABELS = ["Plan", "Tier", "Group", "Chain", "Indicator"]
"""The labels :func:`graph_loader.reconcile.inputs_from_graph` reads."""

_EDGE_KEYS = ("type", "from", "to")


def required_cagr(base: float, target: float, years: int) -> float | None:
    """Return the compound annual growth rate from ``base`` to ``target``, to 4 decimals.

    None when it is undefined (no base, or no years).

    >>> required_cagr(100, 121, 2), required_cagr(0, 10, 3), required_cagr(10, 5, 1)
    (0.1, None, -0.5)
    """
    if base <= 0 or target < 0 or years <= 0:
        return None
    return round(math.pow(target / base, 1 / years) - 1, 4)


def node_from_row(row: Row) -> Node:
    """Return the graph node of a catalog node row (its properties with ``id`` and ``label``)."""
    props: dict[str, PropValue] = {k: v for k, v in row.items() if k not in ("id", "label")}
    return Node(str(row["id"]), str(row["label"]), props)


def edge_from_row(row: Row) -> Edge:
    """Return the graph edge of a catalog edge row (its properties with type, from and to)."""
    props: dict[str, PropValue] = {k: v for k, v in row.items() if k not in _EDGE_KEYS}
    return Edge(str(row["from"]), str(row["type"]), str(row["to"]), props)


def plan_graph_from_rows(rows: list[Row]) -> PlanGraph:
    """Return the :class:`PlanGraph` of ``subgraph`` (or ``neighborhood``) query rows."""
    graph = PlanGraph()
    for row in rows:
        for node in row["nodes"]:
            graph.nodes[str(node["id"])] = node_from_row(node)
        graph.edges.extend(edge_from_row(edge) for edge in row["edges"])
    graph.edges.sort(key=lambda e: e.key)
    return graph


def store_subgraph(store: GraphStore, labels: list[str] | None = None) -> PlanGraph:
    """Return the nodes of ``labels`` (all when None) and the edges among them, from the store."""
    return plan_graph_from_rows(store.run("subgraph", labels=labels))


def reconciliation(store: GraphStore) -> list[ReconRow]:
    """Return the plan's reconciliation table computed from the store's ``subgraph`` rows."""
    return reconcile(inputs_from_graph(store_subgraph(store, RECONCILE_LABELS)))


def edge_key(edge: Row) -> str:
    """Return ``from|TYPE|to``, the identity of an edge row."""
    return f"{edge['from']}|{edge['type']}|{edge['to']}"


def ordered_path(row: Row) -> tuple[list[str], list[Row]]:
    """Return a ``paths`` row's node ids and its edges in path order (the row's are sorted)."""
    nodes: list[str] = list(row["nodes"])
    pool: list[Row] = list(row["edges"])
    ordered = []
    for a, b in pairwise(nodes):
        i = next(i for i, e in enumerate(pool) if {e["from"], e["to"]} == {a, b})
        ordered.append(pool.pop(i))
    return nodes, ordered


def choose_path(rows: list[Row]) -> tuple[list[str], list[Row]] | None:
    """Return the one shortest path among ``paths`` rows: the smallest by node ids, then edge keys.

    >>> e = lambda a, t, b: {"from": a, "type": t, "to": b}
    >>> choose_path([
    ...     {"nodes": ["a", "c", "d"], "edges": [e("a", "X", "c"), e("d", "X", "c")]},
    ...     {"nodes": ["a", "b", "d"], "edges": [e("a", "Y", "b"), e("b", "X", "d")]},
    ...     {"nodes": ["a", "b", "d"], "edges": [e("a", "X", "b"), e("b", "X", "d")]},
    ... ])[1][0]
    {'from': 'a', 'type': 'X', 'to': 'b'}
    """
    if not rows:
        return None
    paths = [ordered_path(row) for row in rows]
    shortest = min(len(nodes) for nodes, _ in paths)

    def key(path: tuple[list[str], list[Row]]) -> tuple[list[str], list[str]]:
        return path[0], [edge_key(e) for e in path[1]]

    return min((p for p in paths if len(p[0]) == shortest), key=key)
