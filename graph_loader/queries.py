"""Embedded (networkx) implementations of the catalog queries.

Each function answers what ``cypher/<name>.cypher`` answers on Neo4j, over the
embedded store's ``MultiDiGraph``: nodes carry ``label`` and ``props``, edges
are keyed by relationship type and carry ``props``.  :mod:`chainkg.graph_loader.catalog`
pairs each with its Cypher.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise, product
from typing import Any

import networkx as nx

Row = dict[str, Any]
"""One answer row of a catalog query: plain JSON-like values."""
Embedded = Callable[..., list[Row]]
"""An embedded implementation: ``(graph, **params) -> rows``."""

EMBEDDED: dict[str, tuple[Embedded, bool]] = {}
"""Every embedded implementation by query name, with whether its row order is the answer."""


def catalog_query(name: str, *, ordered: bool = False) -> Callable[[Embedded], Embedded]:
    """Register the decorated function as the embedded implementation of query ``name``."""

    def register(func: Embedded) -> Embedded:
        if name in EMBEDDED:
            raise ValueError(f"query {name!r} is registered twice")
        EMBEDDED[name] = (func, ordered)
        return func

    return register


def node_row(g: nx.MultiDiGraph, node_id: str) -> Row:
    """Return a node as a flat map: its properties, ``id`` and ``label``."""
    data = g.nodes[node_id]
    return {**data["props"], "id": node_id, "label": data["label"]}


def edge_row(a: str, b: str, rel_type: str, props: dict[str, Any]) -> Row:
    """Return an edge as a flat map: its properties, ``type``, ``from`` and ``to``."""
    return {**props, "type": rel_type, "from": a, "to": b}


def _edges(g: nx.MultiDiGraph, node_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    out = [(a, b, k, d["props"]) for a, b, k, d in g.out_edges(node_id, keys=True, data=True)]
    ins = [(a, b, k, d["props"]) for a, b, k, d in g.in_edges(node_id, keys=True, data=True)]
    return out + ins


def _has_label(g: nx.MultiDiGraph, node_id: str, label: str) -> bool:
    return node_id in g and g.nodes[node_id]["label"] == label


def _targets(g: nx.MultiDiGraph, node_id: str, rel_type: str) -> list[str]:
    return [b for _, b, k in g.out_edges(node_id, keys=True) if k == rel_type]


def _sources(g: nx.MultiDiGraph, node_id: str, rel_type: str) -> list[str]:
    return [a for a, _, k in g.in_edges(node_id, keys=True) if k == rel_type]


def _contains(props: dict[str, Any], q: str) -> bool:
    """Return True when ``q`` (lower case) is in the name, English name or an alias."""
    names = [props.get("name", ""), props.get("name_en", ""), *props.get("aliases", [])]
    return any(q in str(n).lower() for n in names)


@catalog_query("node")
def node(g: nx.MultiDiGraph, id: str) -> list[Row]:
    return [{"node": node_row(g, id)}] if id in g else []


@catalog_query("nodes")
def nodes(g: nx.MultiDiGraph, label: str) -> list[Row]:
    return [{"node": node_row(g, n)} for n in g if g.nodes[n]["label"] == label]


@catalog_query("nodes_by_ids")
def nodes_by_ids(g: nx.MultiDiGraph, ids: list[str]) -> list[Row]:
    return [{"node": node_row(g, n)} for n in dict.fromkeys(ids) if n in g]


@catalog_query("links")
def links(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if id not in g:
        return []
    return [
        {
            "type": k,
            "direction": "out" if a == id else "in",
            "edge": edge_row(a, b, k, props),
            "other": node_row(g, b if a == id else a),
        }
        for a, b, k, props in _edges(g, id)
    ]


def _subgraph_row(g: nx.MultiDiGraph, keep: set[str], types: list[str] | None = None) -> Row:
    return {
        "nodes": [node_row(g, n) for n in keep],
        "edges": [
            edge_row(a, b, k, d["props"])
            for a, b, k, d in g.edges(keys=True, data=True)
            if a in keep and b in keep and (types is None or k in types)
        ],
    }


@catalog_query("subgraph")
def subgraph(g: nx.MultiDiGraph, labels: list[str] | None) -> list[Row]:
    keep = {n for n in g if labels is None or g.nodes[n]["label"] in labels}
    return [_subgraph_row(g, keep)]


STATED, DERIVED = "stated", "derived"
"""The basis of a park–chain row: the plan names the chain for the park, or the row is
derived from the park's layout of the chain's group (its ``covers``)."""


def _ways(g: nx.MultiDiGraph, park: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Return ``(chain, carried, edge props)`` for every way ``park`` carries a chain.

    ``carried`` is the chain itself (stated) or the group whose layout covers it (derived).
    """
    ways = []
    for _, x, k, d in g.out_edges(park, keys=True, data=True):
        if k != "CARRIES":
            continue
        if _has_label(g, x, "Chain"):
            ways.append((x, x, d["props"]))
        elif _has_label(g, x, "Group"):
            covers = d["props"].get("covers", [])
            ways += [(c, x, d["props"]) for c in covers if _has_label(g, c, "Chain")]
    return ways


def _carriage(g: nx.MultiDiGraph, parks: list[str], chains: set[str] | None) -> list[Row]:
    """Return one row per (park, chain) the ``parks`` carry (only ``chains`` when given).

    A stated link wins over a layout; among layouts the smallest group id.  Each row has
    ``park`` and ``chain`` ids, what the edge ``carried``, its role, source and evidence, the
    ``basis``, the ``assumption`` (the edge's, or the layout's ``covers_assumption`` for a
    derived row) and the layout's ``covers_evidence`` (derived rows only).
    """
    best: dict[tuple[str, str], Row] = {}
    for p in parks:
        for c, x, props in _ways(g, p):
            if chains is not None and c not in chains:
                continue
            derived = x != c
            row = {
                "park": p,
                "chain": c,
                "carried": x,
                "role": props.get("role"),
                "source": props.get("source"),
                "evidence": props.get("evidence"),
                "assumption": props.get("covers_assumption" if derived else "assumption"),
                "basis": DERIVED if derived else STATED,
                "covers_evidence": props.get("covers_evidence") if derived else None,
            }
            old = best.get((p, c))
            if old is None or (derived, x) < (old["basis"] == DERIVED, old["carried"]):
                best[(p, c)] = row
    return list(best.values())


def _parks(g: nx.MultiDiGraph) -> list[str]:
    return [n for n in g if g.nodes[n]["label"] == "Park"]


def _group_and_parent(g: nx.MultiDiGraph, chain: str) -> list[str]:
    groups = _targets(g, chain, "IN_GROUP")
    return groups + [p for grp in groups for p in _targets(g, grp, "SUBGROUP_OF")]


def _group_chains(g: nx.MultiDiGraph, group: str) -> set[str]:
    """Return the chains of ``group`` and of its sub-groups."""
    groups = {group, *_sources(g, group, "SUBGROUP_OF")}
    return {c for grp in groups for c in _sources(g, grp, "IN_GROUP") if _has_label(g, c, "Chain")}


@catalog_query("chains")
def chains(
    g: nx.MultiDiGraph, group: str | None, tier: str | None, park: str | None, q: str | None
) -> list[Row]:
    carried = (
        {r["chain"] for r in _carriage(g, [park], None)}
        if park is not None and _has_label(g, park, "Park")
        else set()
    )
    rows = []
    for c in (n for n in g if g.nodes[n]["label"] == "Chain"):
        groups = _group_and_parent(g, c)
        if group is not None and group not in groups:
            continue
        if tier is not None and tier not in _targets(g, c, "IN_TIER"):
            continue
        if park is not None and c not in carried:
            continue
        if q is not None and not _contains(g.nodes[c]["props"], q.lower()):
            continue
        rows.append({"node": node_row(g, c)})
    return rows


def _without(row: Row, key: str) -> Row:
    return {k: v for k, v in row.items() if k != key}


@catalog_query("chain_parks")
def chain_parks(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Chain"):
        return []
    return [
        {**_without(r, "chain"), "park": node_row(g, r["park"])}
        for r in _carriage(g, _parks(g), {id})
    ]


@catalog_query("park_chains")
def park_chains(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Park"):
        return []
    return [
        {**_without(r, "park"), "chain": node_row(g, r["chain"])} for r in _carriage(g, [id], None)
    ]


@catalog_query("group_parks")
def group_parks(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Group"):
        return []
    return [
        {**r, "park": node_row(g, r["park"]), "chain": node_row(g, r["chain"])}
        for r in _carriage(g, _parks(g), _group_chains(g, id))
    ]


@catalog_query("department_duties")
def department_duties(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Department"):
        return []
    return [
        {
            "item": node_row(g, x),
            "role": d["props"].get("role"),
            "source": d["props"].get("source"),
            "evidence": d["props"].get("evidence"),
        }
        for _, x, k, d in g.out_edges(id, keys=True, data=True)
        if k == "RESPONSIBLE_FOR"
    ]


@catalog_query("action_measures")
def action_measures(g: nx.MultiDiGraph, ids: list[str]) -> list[Row]:
    return [
        {
            "action": a,
            "measure": node_row(g, m),
            "targets": [node_row(g, t) for t in _targets(g, m, "HAS_TARGET")],
        }
        for a in dict.fromkeys(ids)
        if _has_label(g, a, "Action")
        for m in _targets(g, a, "HAS_MEASURE")
        if _has_label(g, m, "Measure")
    ]


@catalog_query("counts")
def counts(g: nx.MultiDiGraph) -> list[Row]:
    labels: dict[str, int] = {}
    for n in g:
        labels[g.nodes[n]["label"]] = labels.get(g.nodes[n]["label"], 0) + 1
    types: dict[str, int] = {}
    for _, _, k in g.edges(keys=True):
        types[k] = types.get(k, 0) + 1
    return [{"kind": "label", "name": n, "count": c} for n, c in labels.items()] + [
        {"kind": "type", "name": n, "count": c} for n, c in types.items()
    ]


_MEMBERSHIP = ("IN_GROUP", "IN_TIER", "SUBGROUP_OF")


@catalog_query("names")
def names(g: nx.MultiDiGraph) -> list[Row]:
    return [
        {
            "id": n,
            "label": g.nodes[n]["label"],
            "name": g.nodes[n]["props"].get("name"),
            "name_en": g.nodes[n]["props"].get("name_en"),
            "aliases": list(g.nodes[n]["props"].get("aliases", [])),
            "source": g.nodes[n]["props"].get("source"),
            "within": sorted(b for _, b, k in g.out_edges(n, keys=True) if k in _MEMBERSHIP),
        }
        for n in g
    ]


@catalog_query("search")
def search(g: nx.MultiDiGraph, q: str, lucene: str | None = None) -> list[Row]:
    """Substring candidates; ``lucene`` is the Neo4j full-text form of ``q`` and unused here."""
    del lucene
    return [{"node": node_row(g, n)} for n in g if _contains(g.nodes[n]["props"], q)]


@catalog_query("neighborhood")
def neighborhood(g: nx.MultiDiGraph, id: str, depth: int, types: list[str] | None) -> list[Row]:
    if id not in g:
        return []
    seen, frontier = {id}, {id}
    for _ in range(depth):
        nxt = set()
        for n in frontier:
            for a, b, k, _ in _edges(g, n):
                if types is None or k in types:
                    nxt.add(b if a == n else a)
        frontier = nxt - seen
        seen |= frontier
    return [_subgraph_row(g, seen, types)]


@catalog_query("paths", ordered=False)
def paths(g: nx.MultiDiGraph, **params: str) -> list[Row]:
    a, b = params["from"], params["to"]
    if a not in g or b not in g or a == b:
        return []
    undirected = nx.Graph(g)
    try:
        node_paths = list(nx.all_shortest_paths(undirected, a, b))
    except nx.NetworkXNoPath:
        return []
    rows = []
    for path in node_paths:
        steps = []
        for u, v in pairwise(path):
            between = [
                edge_row(u, v, k, d["props"]) for k, d in g.get_edge_data(u, v, default={}).items()
            ]
            between += [
                edge_row(v, u, k, d["props"]) for k, d in g.get_edge_data(v, u, default={}).items()
            ]
            steps.append(between)
        rows += [{"nodes": path, "edges": list(combo)} for combo in product(*steps)]
    return rows
