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


def _carried(carried: str, props: dict[str, Any]) -> Row:
    """Return what a CARRIES edge (``props``) carries, with its role and evidence."""
    return {
        "carried": carried,
        "role": props.get("role"),
        "source": props.get("source"),
        "evidence": props.get("evidence"),
    }


def _group_and_parent(g: nx.MultiDiGraph, chain: str) -> list[str]:
    groups = _targets(g, chain, "IN_GROUP")
    return groups + [p for grp in groups for p in _targets(g, grp, "SUBGROUP_OF")]


@catalog_query("chains")
def chains(
    g: nx.MultiDiGraph, group: str | None, tier: str | None, park: str | None, q: str | None
) -> list[Row]:
    rows = []
    for c in (n for n in g if g.nodes[n]["label"] == "Chain"):
        groups = _group_and_parent(g, c)
        if group is not None and group not in groups:
            continue
        if tier is not None and tier not in _targets(g, c, "IN_TIER"):
            continue
        if park is not None and not any(
            park in _sources(g, x, "CARRIES") and _has_label(g, park, "Park") for x in [c, *groups]
        ):
            continue
        if q is not None and not _contains(g.nodes[c]["props"], q.lower()):
            continue
        rows.append({"node": node_row(g, c)})
    return rows


@catalog_query("chain_parks")
def chain_parks(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Chain"):
        return []
    rows = []
    for x in [id, *_group_and_parent(g, id)]:
        for p, _, k, d in g.in_edges(x, keys=True, data=True):
            if k == "CARRIES" and _has_label(g, p, "Park"):
                rows.append({"park": node_row(g, p), **_carried(x, d["props"])})
    return rows


@catalog_query("park_chains")
def park_chains(g: nx.MultiDiGraph, id: str) -> list[Row]:
    if not _has_label(g, id, "Park"):
        return []
    rows = []
    for _, x, k, d in g.out_edges(id, keys=True, data=True):
        if k != "CARRIES":
            continue
        if _has_label(g, x, "Chain"):
            carried = [x]
        else:
            groups = {x, *_sources(g, x, "SUBGROUP_OF")}
            carried = [
                c
                for grp in groups
                for c in _sources(g, grp, "IN_GROUP")
                if _has_label(g, c, "Chain")
            ]
        rows += [{"chain": node_row(g, c), **_carried(x, d["props"])} for c in carried]
    return rows


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
